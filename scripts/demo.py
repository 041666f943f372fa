#!/usr/bin/env python3
"""Run the end-to-end demo (what `make demo` does). The code is in iot_facts.demo."""

import sys

from iot_facts.demo import main

if __name__ == "__main__":
    sys.exit(main())
