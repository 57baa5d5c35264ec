"""Tests of the HSDS 3.0 export and import (generator/exports/hsds/)."""
