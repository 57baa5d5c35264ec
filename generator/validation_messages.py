"""Turn pydantic's validation errors into problems a contributor can act on.

Each error's `loc` is walked against the parsed data to find the exact YAML
position; branches of unions that do not match the shape of the input are
dropped, so `cost: cheap` yields one message, not one per union member.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .models.fields import close_match
from .problems import Problem
from .yamlsafe import Document

_SCALAR_BRANCHES = {"str", "bool", "int", "float", "date", "none"}
_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_parsing": "a whole number",
    "float_parsing": "a number",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}


def field_label(path: tuple) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label or "file"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"`{text}`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def _branch_fits(branch: str, value: Any) -> bool:
    """Does a union branch name fit the shape of the value actually given?"""
    is_list_branch = branch.startswith("list[")
    is_scalar_branch = branch in _SCALAR_BRANCHES or branch.startswith(("literal[", "function-"))
    is_model_branch = branch[:1].isupper() and "[" not in branch
    if isinstance(value, list):
        return is_list_branch
    if isinstance(value, dict):
        return not is_list_branch and not is_scalar_branch
    return not is_list_branch and not is_model_branch


def _resolve(loc: tuple, data: Any, error_type: str = "missing") -> tuple[tuple, str | None, bool]:
    """(path in the data, missing key or None, whether a union branch did not fit)."""
    path: tuple = ()
    current = data
    unfit = False
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path += (part,)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path += (part,)
        elif index == len(loc) - 1 and isinstance(current, dict) and error_type in ("missing", "extra_forbidden"):
            return path, str(part), unfit
        else:
            if not _branch_fits(str(part), current):
                unfit = True
    return path, None, unfit


@lru_cache(maxsize=1)
def _known_fields() -> frozenset[str]:
    from .models import contacts, hours, listings, sources

    names: set[str] = set()
    for module in (contacts, hours, listings, sources):
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel):
                names.update(f.alias or n for n, f in obj.model_fields.items())
    return frozenset(names - {"always"})


@lru_cache(maxsize=1)
def _contact_fields() -> dict[str, tuple[str, ...]]:
    """method -> the fields a contact with that method takes."""
    from .models import contacts

    found = {}
    for obj in vars(contacts).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and "method" in obj.model_fields:
            for method in get_args(obj.model_fields["method"].annotation):
                found[method] = tuple(n for n in obj.model_fields if n != "method")
    return found


def _unknown_field(key: str, path: tuple, kind: str | None, parent: Any = None) -> str:
    from .models import KIND_MODELS

    method = parent.get("method") if isinstance(parent, dict) else None
    if len(path) == 3 and path[0] == "contacts" and isinstance(method, str) and method in _contact_fields():
        allowed = _contact_fields()[method]
        takes = f"a {method} contact takes {', '.join(allowed)}"
        if key in _known_fields():
            return f"`{key}` is not a field of {method} contacts; remove it ({takes})"
        return f"unknown field `{key}`{close_match(key, allowed)} ({takes})"
    if kind and len(path) == 1:
        owners = [k for k, model in KIND_MODELS.items() if key in model.model_fields and k != kind]
        if owners:
            return f"`{key}` is a field of {' and '.join(owners)} listings, not {kind}; remove it"
    hint = close_match(key, _known_fields() - {key})
    return f"unknown field `{key}`{hint} (the fields are listed in CONTRIBUTING.md)"


def _message(
    error: dict, path: tuple, missing: str | None, value: Any, kind: str | None = None, parent: Any = None
) -> str:
    label = field_label(path)
    ctx = error.get("ctx") or {}
    if error["type"] == "union_tag_invalid":
        value = ctx.get("tag", value)
    kind_of_error = error["type"]
    if kind_of_error == "missing" and missing:
        where = "" if not path else f" in `{label}`"
        return f"missing required field `{missing}`{where}"
    if kind_of_error == "extra_forbidden":
        return _unknown_field(str(missing or path[-1]), path, kind, parent)
    if kind_of_error == "literal_error":
        expected = ctx.get("expected", "").replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return (
            f"`{label}`: {_shown(value)} is not allowed; use one of: {', '.join(choices)}{close_match(value, choices)}"
        )
    if kind_of_error == "union_tag_invalid":
        tags = ctx.get("expected_tags", "").replace("'", "")
        return (
            f"`{label}`: unknown contact method {_shown(value)}; use one of: {tags}"
            f"{close_match(value, [t.strip() for t in tags.split(',')])}"
        )
    if kind_of_error == "hours":  # models/hours.py: neither `24/7` nor a mapping
        return f"`{label}`: {_shown(value)} is not hours; {error['msg']}"
    if kind_of_error == "union_tag_not_found":
        return f"`{label}` needs a `method` (phone, sms, whatsapp, chat, email, video, app or join)"
    if kind_of_error == "string_type" and isinstance(value, (bool, int, float)):
        written = {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value
        return (
            f"`{label}` should be text; got {_shown(value)}; YAML reads it as a "
            f'{"boolean" if isinstance(value, bool) else "number"}, so put it in quotes: "{written}"'
        )
    if kind_of_error in _TYPE_WORDS:
        return f"`{label}` should be {_TYPE_WORDS[kind_of_error]}; got {_shown(value)}"
    if kind_of_error == "string_too_long":
        return f"`{label}` is {len(value)} characters; at most {ctx.get('max_length')} are allowed"
    if kind_of_error == "string_too_short":
        return f"`{label}` is too short; at least {ctx.get('min_length')} characters are needed"
    if kind_of_error == "too_short":
        return f"`{label}` needs at least {ctx.get('min_length')} item(s)"
    if kind_of_error == "string_pattern_mismatch":
        return f"`{label}`: {_shown(value)} should use lowercase letters, digits and hyphens (like `grief-loss`)"
    if kind_of_error in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind_of_error]
        return f"`{label}` must be {word} {bound}; got {_shown(value)}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return f"`{label}`: {message}" if path else message


def problems_from_validation_error(
    exc: ValidationError, doc: Document, display_path: str, kind: str | None = None
) -> list[Problem]:
    by_path: dict[tuple, list[tuple[bool, Problem]]] = {}
    for error in exc.errors(include_url=False):
        # A list-level check names the offending item in `at`, so the message points at that item's line.
        located = tuple(error["loc"]) + tuple((error.get("ctx") or {}).get("at", ()))
        path, missing, unfit = _resolve(located, doc.data, error["type"])
        value = _value_at(doc.data, path)
        if error["type"] == "extra_forbidden":
            line, column = doc.position(path, key=True)
            parent = _value_at(doc.data, path[:-1]) if path else None
            message = _message(error, path, path[-1] if path else missing, value, kind, parent)
        else:
            line, column = doc.position(path)
            message = _message(error, path, missing, value, kind)
        by_path.setdefault(path + ((missing,) if missing else ()), []).append(
            (unfit, Problem(display_path, line, column, message, field=field_label(path)))
        )
    problems = []
    for entries in by_path.values():
        fitting = [p for unfit, p in entries if not unfit]
        chosen = fitting or [entries[0][1]]
        problems.extend(dict.fromkeys(chosen))  # keep order, drop exact repeats
    return problems


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
