"""Page data and HTML for listings, cards and index pages (no MkDocs imports)."""
