"""A scratch MkDocs project for the plugin's tests: a copy of the fixture directory and articles
(so a test may break them) and a mkdocs.yml like the shipped one."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

PROJECT_MKDOCS = """\
site_name: Kindred plugin test
site_url: https://kindred.example.org/
repo_url: https://github.com/kindred-directory/kindred
repo_name: kindred-directory/kindred
edit_uri: edit/main/content/
docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {overrides}
  font: false
  features: [navigation.instant, content.action.edit]
plugins:
  - search
  - kindred:
      directory: directory
markdown_extensions: [admonition, attr_list, md_in_html]
validation:
  links:
    not_found: warn
nav:
  - Home: index.md
  - Find support: find.md
  - Helplines: helplines/index.md
  - Online communities: communities/index.md
  - Teletherapy: teletherapy/index.md
  - Browse by topic: topics/index.md
  - Browse by country: countries/index.md
  - Guides:
      - guides/grief.md
"""


@dataclass
class Project:
    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def directory(self) -> Path:
        return self.root / "directory"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def listing(self, key: str) -> Path:
        return self.directory / f"{key}.yaml"


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "site_directory", root / "directory")
    shutil.copytree(FIXTURES / "site_content", root / "content")
    (root / "mkdocs.yml").write_text(PROJECT_MKDOCS.format(overrides=str(ROOT / "overrides")), encoding="utf-8")
    return Project(root)


@pytest.fixture
def bilingual(project, tmp_path, monkeypatch):
    """The fixture project in two languages (English and Spanish), with a cache of its own and fixed dates."""
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = project.config_file.read_text(encoding="utf-8")
    languages = "directory: directory\n      languages: [es]"
    project.config_file.write_text(config.replace("directory: directory", languages), encoding="utf-8")
    return project
