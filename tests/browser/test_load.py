"""Several people pressing save at the same moment on the real staff server lose no row
(bench/load_test.py measures the same run with more people and prints the timings)."""

from __future__ import annotations

from playwright.sync_api import Browser

from bench.load_test import run_load_test
from widgets.content import load_content
from widgets.emodule.confidence import learning_outcomes


def test_four_people_saving_at_once_lose_no_row_and_share_one_header(browser: Browser) -> None:
    measured = run_load_test(4, browser)
    assert measured["rows_written"] == measured["rows_expected"] == 4 * len(learning_outcomes(load_content()))
    assert measured["rows_rejected"] == 0 and measured["headers"] == 1
