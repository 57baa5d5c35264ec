"""The language of the build in progress. One process builds every language in turn (the MkDocs plugin
sets it around each language's build), so core code asks for it instead of passing it through every call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LANGUAGE: ContextVar[str] = ContextVar("kindred_language", default="en")


def current_language() -> str:
    """The page language being built, as written in mkdocs.yml ("en", "pt-BR")."""
    return _LANGUAGE.get()


@contextmanager
def use_language(code: str) -> Iterator[None]:
    token = _LANGUAGE.set(code)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)
