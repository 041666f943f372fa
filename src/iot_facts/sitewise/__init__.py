"""AWS IoT SiteWise cold-tier exports: key layout, schemas, and conversion to Parquet."""
