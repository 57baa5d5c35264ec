"""HSDS 3.0 (Open Referral) export and import.

- ``export.hsds_files(directory)``: every file under ``api/hsds/`` (JSON and the tabular package)
- ``export.export_hsds(directory, out_dir)``: the same files written to a folder
- ``import_.import_hsds(source, out, options)``: an HSDS dataset turned into listing files

The field-by-field mapping is documented in content/open-data/hsds.md.
"""
