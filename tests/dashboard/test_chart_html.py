"""The dashboard's HTML charts, read back as a tree: bar widths worked out by hand, values as
text, negatives left of a zero line, series told apart by pattern, heatmap text readable on
every cell (contrast computed here, not by the code under test), and text from files escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from tests.aggregate import known_results as known
from widgets.aggregate import Labels, build_report
from widgets.aggregate.charts import PAGE_ROWS, ChartSpec
from widgets.aggregate.sources import store_source
from widgets.aggregate.summaries import Summary
from widgets.dashboard.chart_html import CHART_CSS, chart_html
from widgets.results import ResultsStore, read_results

HOSTILE = "<img src=x onerror=alert(1)>"


def summary(table: pd.DataFrame, chart: ChartSpec | None, title: str = "Test chart") -> Summary:
    return Summary("test", title, "about", table, chart)


def tree(markup: str) -> ET.Element:
    """The chart's HTML as a tree (it is well-formed), so tests read structure, not strings."""
    return ET.fromstring(f"<root>{markup}</root>")


def having(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter() if css_class in e.get("class", "").split()]


def bars(root: ET.Element) -> list[tuple[str, str, str, str]]:
    """Every bar as (side of the zero line, width, value text, series class), in order."""
    found = []
    for half in having(root, "viw-bar-half"):
        side = "negative" if "viw-bar-negative" in half.get("class") else "positive"
        for bar in having(half, "viw-bar"):
            width = re.fullmatch(r"width:([\d.]+%)", bar.get("style")).group(1)
            series = next(c for c in bar.get("class").split() if c.startswith("viw-series-"))
            found.append((side, width, "".join(bar.itertext()), series))
    return found


def bar_table(values: list[float], labels: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"name": labels or [f"row {n}" for n in range(len(values))], "value": values})


def test_bar_widths_are_against_the_largest_value_with_units_and_no_value() -> None:
    chart = ChartSpec("bars", ("name",), ("value",), "%")
    root = tree(chart_html(summary(bar_table([2, 4, float("nan"), 0]), chart)))
    assert bars(root) == [("positive", "50%", "2%", "viw-series-0"), ("positive", "100%", "4%", "viw-series-0"),
                          ("positive", "0%", "no value", "viw-series-0"), ("positive", "0%", "0%", "viw-series-0")]
    assert [label.text for label in having(root, "viw-bar-label")] == ["row 0", "row 1", "row 2", "row 3"]
    assert having(root, "viw-bar-negative") == []  # no negative value: the zero line is at the left
    assert having(root, "viw-chart-legend") == []  # one series needs no legend


def test_negative_values_go_left_of_the_zero_line_and_every_value_shows_its_sign() -> None:
    chart = ChartSpec("bars", ("name",), ("value",))
    root = tree(chart_html(summary(bar_table([-1, 2, -2, 0]), chart)))
    assert bars(root) == [("negative", "50%", "-1", "viw-series-0"), ("positive", "100%", "+2", "viw-series-0"),
                          ("negative", "100%", "-2", "viw-series-0"), ("positive", "0%", "0", "viw-series-0")]
    # every track has both halves, so the zero line is at the same place on every row
    tracks = having(root, "viw-bar-track")
    assert len(tracks) == 4 and all(len(having(t, "viw-bar-negative")) == len(having(t, "viw-bar-positive")) == 1 for t in tracks)


def css_rule(selector: str) -> str:
    return re.search(re.escape(selector) + r" \{([^}]*)\}", CHART_CSS).group(1)


def test_several_series_have_a_legend_in_words_and_differ_by_pattern_not_colour_alone() -> None:
    table = pd.DataFrame({"organisation": ["Org A", "Org B"], "team": ["Team 1", ""],
                          "learners_started": [4, 1], "all_passed": [2, 1]})
    chart = ChartSpec("bars", ("organisation", "team"), ("learners_started", "all_passed"))
    root = tree(chart_html(summary(table, chart)))
    assert bars(root) == [("positive", "100%", "4", "viw-series-0"), ("positive", "50%", "2", "viw-series-1"),
                          ("positive", "25%", "1", "viw-series-0"), ("positive", "25%", "1", "viw-series-1")]
    assert [label.text for label in having(root, "viw-bar-label")] == ["Org A · Team 1", "Org B"]
    keys = having(root, "viw-chart-key")
    assert ["".join(k.itertext()) for k in keys] == ["learners started", "all passed"]
    assert [having(k, "viw-chart-swatch")[0].get("class").split()[-1] for k in keys] == ["viw-series-0", "viw-series-1"]
    # solid, hatched and dotted: each series' fill is a different kind of pattern
    fills = [css_rule(f".viw-series-{n}") for n in range(3)]
    assert "gradient" not in fills[0] and "repeating-linear-gradient" in fills[1] and "radial-gradient" in fills[2]


def test_a_long_chart_shows_a_page_at_a_time_and_says_which_rows() -> None:
    rows = PAGE_ROWS + 5
    spec = ChartSpec("bars", ("name",), ("value",))
    first, second = (tree(chart_html(summary(bar_table(list(range(1, rows + 1))), spec), page)) for page in (0, 1))
    assert len(having(first, "viw-bar-row")) == PAGE_ROWS and len(having(second, "viw-bar-row")) == 5
    assert having(first, "viw-chart-note")[0].text == f"Chart: showing 1-{PAGE_ROWS} of {rows} rows."
    assert having(second, "viw-chart-note")[0].text == f"Chart: showing {PAGE_ROWS + 1}-{rows} of {rows} rows."
    assert [label.text for label in having(second, "viw-bar-label")] == [f"row {n}" for n in range(PAGE_ROWS, rows)]
    assert bars(first)[-1][1] == "100%"  # widths against the largest value on the page


def test_a_heatmap_is_drawn_per_instrument_a_page_of_rows_at_a_time_with_every_column() -> None:
    pairs = [(f"Org {r:02d}", instrument, f"{instrument}-{c:02d}") for r in range(PAGE_ROWS + 2)
             for instrument, columns in (("iv", 45), ("lundy", 3)) for c in range(columns)]
    table = pd.DataFrame(pairs, columns=["organisation", "instrument", "item_id"]).assign(rating=1.0)
    spec = ChartSpec("heatmap", ("organisation", "item_id"), ("rating",), split="instrument")
    first, second = (tree(chart_html(summary(table, spec), page)) for page in (0, 1))
    assert [h.text for h in first.iter("h4")] == ["iv", "lundy"]
    grids = having(first, "viw-heat")
    assert [len(having(g, "viw-heat-column")) for g in grids] == [45, 3]  # never one grid mixing instruments
    assert [len(having(g, "viw-heat-row")) for g in grids] == [PAGE_ROWS, PAGE_ROWS]
    assert [n.text for n in having(second, "viw-chart-note")] == [
        f"Chart: showing {PAGE_ROWS + 1}-{PAGE_ROWS + 2} of {PAGE_ROWS + 2} organisations."] * 2
    assert [c.text for c in having(having(second, "viw-heat")[1], "viw-heat-row")] == ["Org 40", "Org 41"]


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(one: str, other: str) -> float:
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def cells(root: ET.Element) -> list[tuple[str, str, str]]:
    """Every heatmap cell as (text, background, text colour)."""
    found = []
    for cell in having(root, "viw-heat-cell"):
        style = dict(part.split(":") for part in cell.get("style").split(";"))
        found.append((cell.text, style["background"], style["color"]))
    return found


def test_heatmap_cells_show_mean_values_not_rated_and_readable_text_on_every_shade() -> None:
    ratings = [n / 20 for n in range(61)]  # 0 to 3 in steps of 0.05: every shade of the scale
    table = pd.DataFrame({"organisation": [f"Org {n // 10:02d}" for n in range(61)], "item_id": [f"item-{n % 10}" for n in range(61)],
                          "rating": ratings})
    table = pd.concat([table, pd.DataFrame({"organisation": ["Org 00", "Org 00"], "item_id": ["item-z", "item-z"], "rating": [1, 2]})])
    root = tree(chart_html(summary(table, ChartSpec("heatmap", ("organisation", "item_id"), ("rating",)))))
    found = cells(root)
    assert len(found) == 7 * 11  # 7 organisations x 11 items, missing pairs included
    texts = [text for text, _, _ in found]
    assert texts[:11] == ["0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3", "0.35", "0.4", "0.45", "1.5"]  # item-z: mean of 1 and 2
    assert texts.count("not rated") == 7 * 11 - 61 - 1
    assert [c.text for c in having(root, "viw-heat-row")] == [f"Org {n:02d}" for n in range(7)]
    assert [c.text for c in having(root, "viw-heat-column")] == [*(f"item-{n}" for n in range(10)), "item-z"]
    backgrounds = {background for _, background, _ in found}
    assert len(backgrounds) > 40  # shaded by value, not one colour
    for text, background, colour in found:
        assert contrast(colour, background) >= 4.5, (text, background, colour)
    darkest = max(found, key=lambda cell: -relative_luminance(cell[1]))
    assert darkest[0] == "3" and darkest[2] == "#ffffff"


def test_text_from_results_files_is_escaped_in_labels_titles_and_cells() -> None:
    table = pd.DataFrame({"organisation": [HOSTILE, "Org B"], "item_id": ["<script>x</script>", HOSTILE], "value": [1, -1]})
    outputs = [chart_html(summary(table, ChartSpec("bars", ("organisation", "item_id"), ("value",)), title=HOSTILE)),
               chart_html(summary(table, ChartSpec("heatmap", ("organisation", "item_id"), ("value",)), title=HOSTILE))]
    for output in outputs:
        assert "<img src=x" not in output and "<script>" not in output
        assert "&lt;img src=x onerror=alert(1)&gt;" in output
        figure = tree(output).find("figure")
        assert figure.get("aria-label") == f"Chart: {HOSTILE}. The same figures are in the table below."
        assert figure.get("role") == "img"


def test_an_empty_table_says_there_is_no_chart_and_a_table_only_summary_gets_nothing() -> None:
    empty = bar_table([]).iloc[0:0]
    assert chart_html(summary(empty, ChartSpec("bars", ("name",), ("value",)))) == \
        "<p><em>No chart: there are no results for these filters.</em></p>"
    assert chart_html(summary(bar_table([1]), None)) == ""


@pytest.fixture
def known_report(tmp_path: Path):
    loaded = read_results(store_source(ResultsStore(known.write_store(tmp_path / "results"))) + known.uploads())
    return build_report(loaded, Labels.from_content(known.content(tmp_path)))


def test_the_known_results_chart_as_worked_out_by_hand(known_report) -> None:
    charts = {name: tree(chart_html(s)) for name, s in known_report.summaries.items() if s.chart}
    # Org A / Team 1: 2 started, 1 passed all; Org B: 1 and 0; Org C: 1 and 1 (largest 2)
    assert [(w, t) for _, w, t, _ in bars(charts["completion"])] == [
        ("100%", "2"), ("50%", "1"), ("50%", "1"), ("0%", "0"), ("50%", "1"), ("50%", "1")]
    assert [(w, t) for _, w, t, _ in bars(charts["module_results"])] == [("100%", "50%")]
    # Org B rated iv-leaflets 1 then 3; iv-voice 2 then blank (no value). No change is negative,
    # so the zero line is at the left and no sign is needed.
    assert [(s, w, t) for s, w, t, _ in bars(charts["item_change"])] == [("positive", "100%", "2"), ("positive", "0%", "no value")]
    assert [(text, background) for text, background, _ in cells(charts["ratings"])] == [
        ("3", "#08306b"), ("not rated", "#ffffff"), ("0", "#f7fbff"), ("3", "#08306b")]
