"""The translators' contract: the template is current, and every shipped language has every string, with the
same placeholders and markup. A failure names the catalogue file and the message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from generator.i18n.catalogues import LOCALE_DIR, TEMPLATE, catalogue_path
from generator.i18n.languages import language
from generator.i18n.site_strings import NAV_TITLES, SITE_DESCRIPTION

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?[a-z][^>]*>")


def shipped_languages() -> list[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kindred" in plugin:
            return list(plugin["kindred"].get("languages", []))
    return []


LANGUAGES = shipped_languages()


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalogue) -> set:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalogue if message.id}


def test_the_site_ships_more_than_english():
    assert {"es", "pt-BR", "fr", "de", "nl"} <= set(LANGUAGES)


def test_the_template_holds_every_marked_string(tmp_path):
    """`make i18n-extract` has been run since the last string changed (else translators miss it)."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", str(LOCALE_DIR / "babel.cfg"),
         "-k", "N_", "-k", "t", "-k", "tn:1,2", "--add-location=file", "-o", str(fresh), "."],
        cwd=ROOT, check=True,
    )
    missing = _ids(_read(fresh)) - _ids(_read(TEMPLATE))
    gone = _ids(_read(TEMPLATE)) - _ids(_read(fresh))
    assert not missing, f"{TEMPLATE.relative_to(ROOT)} lacks (run `make i18n-update`): {sorted(map(str, missing))[:10]}"
    assert not gone, f"{TEMPLATE.relative_to(ROOT)} has strings no code uses any more: {sorted(map(str, gone))[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated_with_the_same_placeholders_and_markup(code):
    path = catalogue_path(code)
    shown = path.relative_to(ROOT)
    assert path.is_file(), f"{shown} is missing: `make i18n-init LANG={code}`"
    catalogue = _read(path)
    template_ids = _ids(_read(TEMPLATE))
    problems = [f"{shown}: no entry for {message_id!r}" for message_id in sorted(template_ids - _ids(catalogue), key=str)]
    for message in catalogue:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        label = f"{shown}: {ids[0]!r}"
        if message.fuzzy:
            problems.append(f"{label} is marked fuzzy")
        if not all(strings):
            problems.append(f"{label} is not translated")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) - wanted:
                problems.append(f"{label}: unknown placeholder in {string!r}")
            if not isinstance(message.id, tuple) and set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{label}: placeholders {sorted(wanted)} differ in {string!r}")
            if sorted(TAG.findall(ids[0])) != sorted(TAG.findall(string)):
                problems.append(f"{label}: markup differs in {string!r}")
        problems += [f"{label}: {error}" for error in message.check(catalogue)]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_says_it_awaits_a_native_speakers_review(code):
    assert "native speaker" in catalogue_path(code).read_text(encoding="utf-8").split("msgid", 1)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_its_taxonomy_and_key_articles(code):
    assert (ROOT / "directory" / f"taxonomy.{code}.yaml").is_file()
    for page in ("index", "guides/help-now", "guides/using-this-site-safely", "guides/contacting-a-helpline"):
        article = ROOT / "content" / f"{page}.{code}.md"
        assert article.is_file(), f"{article.relative_to(ROOT)} is missing"
        assert "native speaker" in article.read_text(encoding="utf-8").split("\n---", 1)[0]


def test_mkdocs_yml_strings_are_marked_for_translation():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    titles.append(title)
                    if isinstance(value, list):
                        walk(value)

    walk(config["nav"])
    assert set(titles) <= set(NAV_TITLES), f"add to generator/i18n/site_strings.py: {set(titles) - set(NAV_TITLES)}"
    assert config["site_description"] == SITE_DESCRIPTION


def test_language_codes_name_a_folder_a_catalogue_and_a_direction():
    assert (language("pt-BR").slug, language("pt-BR").babel_code) == ("pt-br", "pt_BR")
    assert language("de").native_name == "Deutsch"
    assert language("ar").direction == "rtl" and language("es").direction == "ltr"


def test_every_article_title_is_marked_for_translation():
    from generator.i18n.site_strings import ARTICLE_TITLES

    titles = {}
    for article in sorted((ROOT / "content").rglob("*.md")):
        if re.search(r"\.[a-z]{2}(-[A-Z]{2})?\.md$", article.name):
            continue  # a translation
        heading = next((line[2:].strip() for line in article.read_text(encoding="utf-8").splitlines()
                        if line.startswith("# ")), None)
        if heading:
            titles[str(article.relative_to(ROOT))] = heading
    missing = {path: title for path, title in titles.items() if title not in ARTICLE_TITLES}
    assert not missing, f"add to generator/i18n/site_strings.py ARTICLE_TITLES: {missing}"
