#!/usr/bin/env python3
"""Write a deterministic Haltian export tree. See --help; the code is in iot_facts.generator."""

import sys

from iot_facts.generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
