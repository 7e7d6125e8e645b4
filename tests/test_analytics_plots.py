"""Plots render to self-contained HTML that loads nothing from the network."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from redline.analytics.burden import defence_burden
from redline.analytics.factions import factions
from redline.analytics.plots import alignment_heatmap, burden_figure, faction_dendrogram, save_html
from redline.errors import RedlineError

REMOTE = re.compile(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def similarity() -> pd.DataFrame:
    names = list("ABCDEF")
    grid = np.full((6, 6), 0.15)
    grid[:3, :3] = grid[3:, 3:] = 0.85
    np.fill_diagonal(grid, 1.0)
    return pd.DataFrame(grid, index=names, columns=names)


def burden_frame() -> pd.DataFrame:
    actors = pd.DataFrame(
        {
            "gdp_usd": [1e12, 5e11, 2e10, np.nan],
            "defence_usd": [2e10, 1e10, 8e8, 1e8],
            "defence_pct_gdp": [2.0, 2.0, 4.0, 1.0],
        },
        index=["AAA", "BBB", "CCC", "DDD"],
    )
    return defence_burden(actors)


def assert_offline(path):
    html = path.read_text(encoding="utf-8")
    assert "<script" in html and "Plotly" in html  # plotly.js embedded
    assert not REMOTE.search(html), REMOTE.search(html).group(0)
    assert "cdn.plot.ly" not in re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)


def test_burden_figure(tmp_path):
    fig = burden_figure(burden_frame(), frontline=["CCC"])
    assert isinstance(fig, go.Figure)
    names = {t.name for t in fig.data}
    assert any("frontline" in n for n in names)
    front = next(t for t in fig.data if "frontline" in t.name)
    assert list(front.text) == ["CCC"]
    assert "DDD" in fig.layout.title.text  # missing GDP is reported, not plotted
    levels = sorted(shape.y0 for shape in fig.layout.shapes)
    assert levels == [2.0, 3.5]
    assert_offline(save_html(fig, tmp_path / "burden.html"))


def test_heatmap_in_faction_order(tmp_path):
    sim = similarity().loc[list("ADBECF"), list("ADBECF")]
    members, _ = factions(sim)
    fig = alignment_heatmap(sim, factions=members)
    labels = [label.split(" ")[0] for label in fig.data[0].x]
    assert labels[:3] == ["A", "B", "C"] or labels[:3] == ["D", "E", "F"]
    assert_offline(save_html(fig, tmp_path / "heatmap.html"))


def test_dendrogram(tmp_path):
    fig = faction_dendrogram(similarity(), height=0.5)
    assert set(fig.layout.xaxis.ticktext) == set("ABCDEF")
    assert_offline(save_html(fig, tmp_path / "dendrogram.html"))


def test_save_html_checks_path(tmp_path):
    fig = go.Figure()
    with pytest.raises(RedlineError, match=".html"):
        save_html(fig, tmp_path / "plot.png")
    with pytest.raises(RedlineError, match="does not exist"):
        save_html(fig, tmp_path / "nope" / "plot.html")


def test_remote_pattern_catches_cdn_loads(tmp_path):
    """The offline check itself can fail: a CDN build of the same figure is caught."""
    path = tmp_path / "cdn.html"
    go.Figure().write_html(path, include_plotlyjs="cdn")
    assert REMOTE.search(path.read_text(encoding="utf-8"))
