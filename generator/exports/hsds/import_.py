"""`kindred import hsds`: an HSDS 3.0 dataset -> listing files that validate.

Each service is mapped (mapping.py), written as YAML into a scratch copy of the
target directory and checked with the generator's own loader. A field that fails
is dropped and reported if the contract lets the listing do without it; otherwise
the whole service is skipped and reported. Only files that load without errors
are written to the target folder.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ...directory import TAXONOMY_FILE, load_directory, load_listing
from ...models import KINDS
from ...taxonomy import Taxonomy, load_taxonomy
from .mapping import Mapped, Options, ServiceMapper
from .reader import Dataset, read_dataset
from .resolve import Resolver
from .terms import AUDIENCES, TAXONOMY_KEYS, TOPICS

REQUIRED = {"name", "summary", "website", "countries", "languages", "topics", "cost", "contacts"}
_FIELD = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "service <id> (<name>): why"
    notes: list[str] = field(default_factory=list)  # everything else not carried over, and choices made
    error: str | None = None  # nothing could be done

    def lines(self) -> list[str]:
        """Every skip, then every note, each once, in the order they arose."""
        return list(dict.fromkeys([*(f"skipped: {s}" for s in self.skipped), *(f"note: {n}" for n in self.notes)]))


class _Dumper(yaml.SafeDumper):
    """Listing files as contributors write them: quoted numbers and times, short lists inline."""


_QUOTE = re.compile(r"[0-9+]")
_KEY_ORDER = (
    "method",
    "number",
    "url",
    "address",
    "keyword",
    "note",
    "free",
    "short_code",
    "international",
    "cost_confirmed",
    "languages",
    "hours",
    "from",
    "to",
    "currency",
    "per",
    "days",
    "opens",
    "closes",
)
_HOURS_ORDER = ("timezone", "weekly", "closed_on", "note")


def _text(dumper, value: str):
    if "\n" in value and not any(line != line.rstrip() for line in value.splitlines()):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    style = '"' if _QUOTE.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper, value: list):
    inline = all(isinstance(v, (str, int, float, bool)) for v in value) and len(str(value)) < 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


def _mapping(dumper, value: dict):
    rank = {key: index for index, key in enumerate(_HOURS_ORDER if "weekly" in value else _KEY_ORDER)}
    items = sorted(value.items(), key=lambda kv: rank.get(kv[0], -1)) if set(value) <= set(rank) else value.items()
    return dumper.represent_mapping("tag:yaml.org,2002:map", items)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _mapping)


def listing_yaml(kind: str, data: dict, service_id: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return (
        f"# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json\n"
        f"# Imported from HSDS service {service_id}\n{body}"
    )


def _taxonomy_from(dataset: Dataset) -> dict | None:
    """taxonomy.yaml content rebuilt from the Kindred topics/audiences a Kindred export carries."""
    facets: dict[str, list[dict]] = {TOPICS: [], AUDIENCES: []}
    for term in dataset.terms.values():
        key = TAXONOMY_KEYS.get(str(term.get("taxonomy_id")))
        if key in facets and term.get("code") and term.get("name") and term.get("description"):
            code = str(term["code"]).removeprefix(key + "/")
            facets[key].append({"id": code, "label": str(term["name"]), "description": str(term["description"])})
    return facets if facets[TOPICS] and facets[AUDIENCES] else None


def _prepare_taxonomy(
    dataset: Dataset, out: Path, taxonomy_path: Path | None, result: ImportResult
) -> tuple[Path | None, Taxonomy | None]:
    path = taxonomy_path or out / TAXONOMY_FILE
    if not path.is_file() and taxonomy_path is None:
        rebuilt = _taxonomy_from(dataset)
        if rebuilt is None:
            result.error = (
                f"{path} not found; the import needs the directory's taxonomy (copy taxonomy.yaml "
                f"from a Kindred directory, or pass --taxonomy)"
            )
            return None, None
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.dump(rebuilt, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
        )
        result.notes.append(
            f"{path}: written from the dataset's Kindred topics and audiences (search synonyms "
            f"are not part of HSDS; add them by hand)"
        )
    taxonomy, problems = load_taxonomy(path, str(path))
    if problems or not taxonomy.topics:
        result.error = f"{path}: the taxonomy does not load: " + "; ".join(p.message for p in problems[:3])
        return None, None
    return path, taxonomy


def _existing(out: Path) -> dict[str, Path]:
    return {p.stem: p for kind in KINDS for p in sorted((out / kind).glob("*.yaml"))} if out.is_dir() else {}


def _check(mapped: Mapped, scratch: Path, taxonomy: Taxonomy) -> list:
    """Write the candidate into the scratch directory and load it; its errors (empty when it validates)."""
    path = scratch / mapped.kind / f"{mapped.listing_id}.yaml"
    path.write_text(listing_yaml(mapped.kind, mapped.data, mapped.service_id), encoding="utf-8")
    record, problems = load_listing(mapped.kind, path, taxonomy)
    errors = [p for p in problems if p.is_error]
    return errors if errors or record is not None else ["the listing did not load"]


def _settle(mapped: Mapped, scratch: Path, taxonomy: Taxonomy) -> bool:
    """Drop optional fields (or contacts) that fail, until the listing validates or cannot."""
    for _ in range(12):
        errors = _check(mapped, scratch, taxonomy)
        if not errors:
            return True
        dropped = False
        for problem in errors:
            match = _FIELD.match(getattr(problem, "field", "") or "")
            key, index = (match.group(1), match.group(2)) if match else (None, None)
            contacts = mapped.data.get("contacts", [])
            if key == "contacts" and index is not None and len(contacts) > 1 and int(index) < len(contacts):
                contacts.pop(int(index))
                mapped.notes.append(f"contact {int(index) + 1} dropped: {problem.message}")
            elif key and key not in REQUIRED and key in mapped.data:
                del mapped.data[key]
                mapped.notes.append(f"`{key}` dropped: {problem.message}")
            else:
                continue
            dropped = True
            break  # positions change: check again
        if not dropped:
            messages = "; ".join(str(getattr(p, "message", p)) for p in errors)
            mapped.reason = f"does not validate: {messages}"
            (scratch / mapped.kind / f"{mapped.listing_id}.yaml").unlink(missing_ok=True)
            return False
    mapped.reason = "does not validate"
    return False


def _unique_id(mapped: Mapped, taken: set[str]) -> None:
    base = mapped.listing_id or "service"
    candidate, suffix = base, mapped.service_id.replace("-", "")[:8]
    if candidate in taken:
        candidate = f"{base[:55]}-{suffix}"
        mapped.notes.append(f"listing id `{base}` is taken; used `{candidate}`")
    mapped.listing_id = candidate
    taken.add(candidate)


def import_hsds(
    source: Path,
    out: Path,
    options: Options | None = None,
    *,
    taxonomy_path: Path | None = None,
    overwrite: bool = False,
) -> ImportResult:
    """Import every service in `source` into the directory `out`; nothing invalid is written."""
    options = options or Options()
    out = Path(out)
    result = ImportResult()
    dataset = read_dataset(Path(source))
    result.notes.extend(dataset.notes)
    if not dataset.services:
        result.error = f"{source}: no HSDS 3.0 services found (JSON files or services.csv)"
        return result
    taxonomy_file, taxonomy = _prepare_taxonomy(dataset, out, taxonomy_path, result)
    if taxonomy is None:
        return result
    if options.default_topic and options.default_topic not in taxonomy.topics:
        result.error = f"--default-topic `{options.default_topic}` is not a topic in {taxonomy_file}"
        return result
    resolver = Resolver(taxonomy, dataset.terms)
    existing = _existing(out)
    taken: set[str] = set()
    accepted: list[Mapped] = []
    with tempfile.TemporaryDirectory(prefix="kindred-hsds-") as temp:
        scratch = Path(temp) / "directory"
        for kind in KINDS:
            (scratch / kind).mkdir(parents=True)
        shutil.copyfile(taxonomy_file, scratch / TAXONOMY_FILE)
        for service in dataset.services:
            mapped = ServiceMapper(service, resolver, options).run()
            label = f"service {mapped.service_id} ({mapped.name or 'no name'})"
            if mapped.reason is None:
                _unique_id(mapped, taken)
                if mapped.listing_id in existing and not overwrite:
                    mapped.reason = f"{existing[mapped.listing_id]} already exists; pass --overwrite to replace it"
                else:
                    _settle(mapped, scratch, taxonomy)
            if mapped.reason is not None:
                result.skipped.append(f"{label}: {mapped.reason}")
                result.notes.extend(f"{label}: {n}" for n in mapped.notes)
                continue
            result.notes.extend(f"{label} -> {mapped.kind}/{mapped.listing_id}: {n}" for n in mapped.notes)
            accepted.append(mapped)
        final = load_directory(scratch)  # the whole set, as `kindred validate` would see it
        broken = {Path(p.path).stem for p in final.problems.errors}
        for mapped in accepted:
            if mapped.listing_id in broken:
                messages = "; ".join(p.message for p in final.problems.errors if Path(p.path).stem == mapped.listing_id)
                result.skipped.append(f"service {mapped.service_id} ({mapped.name}): does not validate: {messages}")
                continue
            target = out / mapped.kind / f"{mapped.listing_id}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(scratch / mapped.kind / f"{mapped.listing_id}.yaml", target)
            result.written.append(target)
            old = existing.get(mapped.listing_id)
            if old is not None and old.resolve() != target.resolve():
                old.unlink()  # --overwrite, and the listing changed kind
                result.notes.append(f"{old}: replaced by {target}")
    return result
