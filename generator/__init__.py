"""Kindred: a directory of support services, validated and published as a static site."""

__version__ = "0.1.0"
