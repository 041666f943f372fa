"""The static docs site renders in headless Chromium: the model list and a mart's column docs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import Pipeline

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=20000",
]
MART = "fct_space_occupancy_hourly"


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail(
            "headless Chromium is required (Debian package 'chromium'; .ci/run installs it)"
        )
    return path


def render(page: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def visible_html(dom: str) -> str:
    """The rendered document without scripts and styles (the manifest is embedded as a script)
    and without the <wbr> word breaks the site puts inside long names."""
    for tag in ("script", "style"):
        dom = re.sub(rf"<{tag}\b.*?</{tag}>", "", dom, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"<wbr\s*/?>", "", dom, flags=re.IGNORECASE)


def test_static_docs_render_the_model_list_and_mart_columns(
    built: Pipeline, tmp_path: Path
) -> None:
    site = built.target / "static_index.html"
    assert site.exists()
    page = f"{site.as_uri()}#!/model/model.iot_facts.{MART}"
    html = visible_html(render(page, tmp_path / "profile", "--dump-dom").stdout)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    # the project tree lists the models (it breaks long names into pieces that wrap, at
    # places that depend on the tree's depth, so compare without white space)
    compact = re.sub(r"\s+", "", text)
    for model in (
        "dim_spaces",
        "stg_haltian__co2_measurements",
        "int_space_ancestry",
        "dim_sitewise_assets",
        "fct_speeding_episodes",
    ):
        assert model in compact, model
    # the mart page shows its description and its columns with their docs
    assert "Hourly occupancy and utilization per space" in text
    assert re.search(r"utilization_ratio DOUBLE occupied_seconds / observed_seconds", text)
    assert "occupied_seconds / observed_seconds over the area's devices" in text
    screenshot = built.target / "docs_site.png"
    screenshot.unlink(missing_ok=True)
    render(page, tmp_path / "profile2", f"--screenshot={screenshot}", "--window-size=1400,1000")
    assert screenshot.stat().st_size > 10_000
