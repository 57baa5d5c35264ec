"""overrides/partials/search.html is Material's search partial with one attribute added (the dialog's name,
#16). If Material changes its partial, this fails: copy the new one and add the attribute again."""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "overrides" / "partials" / "search.html"
MATERIAL = Path(material.__file__).resolve().parent / "templates" / "partials" / "search.html"
DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
NAMED = DIALOG + " aria-label=\"{{ lang.t('search') }}\""


def body(path: Path) -> list[str]:
    """The lines after the template's opening comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("-#}"))
    return lines[end + 1 :]


def test_the_override_is_materials_partial_with_the_dialog_named():
    ours, theirs = body(OURS), body(MATERIAL)
    assert sum(NAMED in line for line in ours) == 1
    assert [line.replace(NAMED, DIALOG) for line in ours] == theirs
