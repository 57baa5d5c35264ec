"""Finder data and the lunr search index."""
