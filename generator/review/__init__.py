"""Tools for the people who review and maintain a directory: scaffolding new
listings, reporting what a change does, finding stale listings and dead links.

Nothing here imports MkDocs; the `kindred` commands are thin wrappers.
"""
