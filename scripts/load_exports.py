#!/usr/bin/env python3
"""Stage Haltian S3 exports locally. See --help; the code is in iot_facts.loader."""

import sys

from iot_facts.loader.cli import console

if __name__ == "__main__":
    sys.exit(console())
