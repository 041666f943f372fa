"""Build hook: the wheel carries the two catalog seeds the installed commands read.

``seeds/`` stays the one source of truth (dbt loads it, a checkout reads it): every build copies
it into ``iot_facts/haltian/seeds``, and nothing in the repository keeps a second copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SEEDS = Path(__file__).resolve().parent / "seeds"
CATALOG_SEEDS = ("measurement_types.csv", "entity_columns.csv")  # see iot_facts.haltian.catalog


class BuildPyWithSeeds(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib, "iot_facts", "haltian", "seeds")
        target.mkdir(parents=True, exist_ok=True)
        for name in CATALOG_SEEDS:
            shutil.copyfile(SEEDS / name, target / name)


setup(cmdclass={"build_py": BuildPyWithSeeds})
