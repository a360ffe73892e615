"""Resume codes travel in page links; what a link carries is checked before it is used."""

from __future__ import annotations

import pytest

from widgets.emodule.resume import code_from_query, resume_link


def test_code_is_read_from_the_query_string() -> None:
    assert code_from_query("code=k7qx-9mzd") == "K7QX-9MZD"
    assert code_from_query("foo=1&code=K7QX9MZD") == "K7QX-9MZD"


def test_no_code_means_a_new_visit() -> None:
    assert code_from_query("") is None
    assert code_from_query("code=") is None


def test_a_malformed_code_is_explained() -> None:
    with pytest.raises(ValueError, match="doesn't look right"):
        code_from_query("code=../../etc")


def test_resume_link_points_at_the_page_with_the_code() -> None:
    assert resume_link("02_lundy.ipynb", "k7qx9mzd") == "02_lundy.ipynb?code=K7QX-9MZD"
