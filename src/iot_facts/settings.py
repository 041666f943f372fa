"""The environment-variable contract shared by the loader, dbt and users.

``IOT_LANDING_DIR`` is where the loader writes and the dbt sources read; ``IOT_DUCKDB_PATH`` is the
warehouse file. Both default to paths under the project and are always resolved to absolute paths,
because DuckDB views store the path they were created with.
"""

from __future__ import annotations

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]
_IN_CHECKOUT = (_CHECKOUT / "dbt_project.yml").is_file()
# Installed from a wheel, no project surrounds the package: relative defaults then follow the
# working directory, as for any installed command.
PROJECT_ROOT = _CHECKOUT if _IN_CHECKOUT else Path.cwd()
# seeds/ is the one source of truth; a wheel carries a copy made from it at build time (setup.py).
SEEDS_DIR = (
    _CHECKOUT / "seeds" if _IN_CHECKOUT else Path(__file__).resolve().parent / "haltian/seeds"
)


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
