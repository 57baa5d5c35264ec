"""Open data exports: listings.json, CSV per kind, HSDS 3.0."""
