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
    "organisation:Oak Service": ["mo", "sam", "sal", "mia", "oli"],
    "organisation:Ash Service": ["ash", "quinn", "ari"],
    "team:North": ["sam"],
    "manager:Birch Service": ["bea"],  # manages an organisation she does not work for
    "organisation:Elm Service": ["bea", "mia"],
    "manager:Elm Service": ["mia"],  # works for two organisations
}
# oli, ari: the dashboard service's results (tests/hub/test_dashboard_service.py); nel: in no group at all
USERS = ["tina", "mo", "sam", "sal", "ash", "bea", "quinn", "mia", "oli", "ari", "nel"]


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
