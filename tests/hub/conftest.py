"""One real JupyterHub for every test in tests/hub (it takes seconds to start, with its proxy,
the results service and the dashboard service): the people and their groups are these."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.hub.hub_server import Hub
from tests.pg_server import PostgresServer

SCOPE = "access:services!service=results"
GROUPS = {
    "trainers": ["tina"],
    "manager:Oak Service": ["mo"],
    "organisation:Oak Service": ["mo", "sam", "sal", "oli"],
    "organisation:Ash Service": ["ash", "ari"],
    "team:North": ["sam"],
}
USERS = ["tina", "mo", "sam", "sal", "ash", "oli", "ari", "nel"]  # oli, ari: the dashboard's results; nel: in no group


@pytest.fixture(scope="session")
def hub(postgres: PostgresServer) -> Iterator[Hub]:
    running = Hub(postgres.new_database(), GROUPS, USERS).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def tokens(hub: Hub) -> dict[str, str]:
    """A results-service token of each person's, as their server holds."""
    return {user: hub.token_for(user, [SCOPE]) for user in USERS}
