#!/usr/bin/env python3
"""Write the fleet's latest positions and last-day tracks as GeoJSON (iot_facts.fleet_geojson)."""

import sys

from iot_facts.fleet_geojson import main

if __name__ == "__main__":
    sys.exit(main())
