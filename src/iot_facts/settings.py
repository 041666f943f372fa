"""The environment-variable contract shared by the loader, dbt and users.

``IOT_LANDING_DIR`` is where the loader writes and the dbt sources read; ``IOT_DUCKDB_PATH`` is the
warehouse file. Both default to paths under the project and are always resolved to absolute paths,
because DuckDB views store the path they were created with.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_ROOT / "seeds"


def _resolve(value: str | None, default: str) -> Path:
    path = Path(value or default).expanduser()
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    return path.resolve()


def landing_dir(value: str | None = None) -> Path:
    """The landing directory: ``value``, else ``$IOT_LANDING_DIR``, else ``data/landing``."""
    return _resolve(value or os.environ.get("IOT_LANDING_DIR"), "data/landing")


def duckdb_path(value: str | None = None) -> Path:
    """The warehouse file: ``value``, else ``$IOT_DUCKDB_PATH``, else ``data/warehouse.duckdb``."""
    return _resolve(value or os.environ.get("IOT_DUCKDB_PATH"), "data/warehouse.duckdb")
