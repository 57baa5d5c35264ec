"""Read an HSDS 3.0 dataset from a folder: JSON files, or the tabular form (CSV files).

JSON files are recognised by their shape, not their names: an API `Page` envelope
({"contents": [...]}), a list, a service, an organization with its services, a
service_at_location with its service, taxonomies and taxonomy terms, and
`tabular.json` (CSV tables as JSON), and those in a `services/` folder beside
them (one full service each). The CSV files are read by their standard
names (services.csv, phones.csv, ...); `datapackage.json` is not needed.
Everything is turned into nested service objects, so the mapping has one input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ...safe_files import UnsafeFile, read_bounded
from .tables import BY_PATH
from .tabular import nest, read_csv

# Tables Kindred has no place for: file -> why.
UNMAPPED_TABLES = {
    "programs.csv": "Kindred listings have no programs",
    "funding.csv": "Kindred listings do not record funding",
    "required_documents.csv": "Kindred listings do not list required documents",
    "accessibility.csv": "Kindred listings have no physical locations",
    "addresses.csv": "Kindred listings have no addresses (countries come from them)",
    "organization_identifiers.csv": "Kindred keeps only an organization's name and website",
    "metadata.csv": "Kindred does not import change history",
    "meta_table_descriptions.csv": "Kindred does not import table descriptions",
}
OTHER_TABLES = {"addresses.csv": "address"}


@dataclass
class Dataset:
    form: str = "json"  # "json" or "tabular"
    services: list[dict] = field(default_factory=list)
    terms: dict[str, dict] = field(default_factory=dict)  # taxonomy_term id -> term
    taxonomies: dict[str, dict] = field(default_factory=dict)  # taxonomy id -> taxonomy
    notes: list[str] = field(default_factory=list)  # what was read, and what was not


class _Collector:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.services: dict[str, dict] = {}
        self.organizations: list[tuple[str, str]] = []  # (file, id) of organizations listed on their own
        self.unnamed = 0

    def service(self, service: dict, source: str) -> None:
        key = str(service.get("id") or f"(no id {self.unnamed})")
        self.unnamed += 1
        previous = self.services.get(key)
        size = len(json.dumps(service, sort_keys=True, default=str))
        if previous is None or size > len(json.dumps(previous, sort_keys=True, default=str)):
            self.services[key] = service
        self.terms_in(service)

    def listed_term(self, term: dict) -> None:
        """A term from a taxonomy_terms list: it keeps the list's order (embedded copies come first)."""
        term_id = str(term.get("id"))
        self.dataset.terms.pop(term_id, None)
        self.dataset.terms[term_id] = term
        self.terms_in({k: v for k, v in term.items()})

    def terms_in(self, value) -> None:
        """Taxonomy terms and taxonomies embedded anywhere (attribute.taxonomy_term, taxonomy_detail)."""
        if isinstance(value, dict):
            term = value.get("taxonomy_term")
            if isinstance(term, dict) and term.get("id"):
                self.dataset.terms.setdefault(str(term["id"]), term)
            detail = value.get("taxonomy_detail")
            if isinstance(detail, dict) and detail.get("id"):
                self.dataset.taxonomies.setdefault(str(detail["id"]), detail)
            for child in value.values():
                self.terms_in(child)
        elif isinstance(value, list):
            for child in value:
                self.terms_in(child)

    def item(self, value, source: str) -> None:
        if isinstance(value, list):
            for entry in value:
                self.item(entry, source)
            return
        if not isinstance(value, dict):
            self.dataset.notes.append(f"{source}: not an HSDS object or list; not read")
            return
        if isinstance(value.get("contents"), list):
            self.item(value["contents"], source)
        elif value and all(str(k).endswith(".csv") for k in value):
            self.tables({k: v for k, v in value.items() if isinstance(v, list)}, source)
        elif isinstance(value.get("services"), list) and "status" not in value:
            organization = {k: v for k, v in value.items() if k != "services"}
            for service in value["services"]:
                if isinstance(service, dict):
                    self.service({**service, "organization": service.get("organization") or organization}, source)
        elif isinstance(value.get("service"), dict):
            channel = {k: v for k, v in value.items() if k != "service"}
            service = dict(value["service"])
            known = {c.get("id") for c in service.get("service_at_locations") or [] if isinstance(c, dict)}
            if channel.get("id") not in known:
                service["service_at_locations"] = list(service.get("service_at_locations") or []) + [channel]
            self.service(service, source)
        elif "status" in value and "name" in value:
            self.service(value, source)
        elif "location_type" in value:
            self.dataset.notes.append(
                f"{source}: location {value.get('id')} on its own; Kindred imports "
                f"services, so it was read only where a service refers to it"
            )
        elif {"code", "parent_id", "taxonomy", "taxonomy_detail", "taxonomy_id", "term_uri"} & set(
            value
        ) and "name" in value:
            self.listed_term(value)
        elif "name" in value and "description" in value and ({"uri", "version"} & set(value)):
            self.dataset.taxonomies.setdefault(str(value.get("id")), value)
        elif "openapi_url" in value or ("version" in value and "profile" in value):
            version = str(value.get("version", ""))
            if version and not version.startswith("3"):
                self.dataset.notes.append(f"{source}: HSDS version {version}; this import reads HSDS 3.0")
        elif "name" in value and "description" in value and "id" in value:
            self.organizations.append((source, str(value.get("id"))))
        else:
            self.dataset.notes.append(f"{source}: not recognised as HSDS 3.0; not read")

    def tables(self, raw: dict[str, list], source: str) -> None:
        tables: dict[str, list[dict]] = {}
        for path, rows in sorted(raw.items()):
            clean = [{k: v for k, v in row.items() if v not in (None, "")} for row in rows if isinstance(row, dict)]
            if path in BY_PATH:
                tables[BY_PATH[path].name] = clean
            elif path in OTHER_TABLES:
                tables[OTHER_TABLES[path]] = clean
            if path in UNMAPPED_TABLES and clean:
                ids = ", ".join(str(r.get("id", "?")) for r in clean)
                self.dataset.notes.append(
                    f"{source}: {path}: {len(clean)} record(s) not imported ({ids}): {UNMAPPED_TABLES[path]}"
                )
            elif path not in BY_PATH and path not in UNMAPPED_TABLES:
                self.dataset.notes.append(f"{source}: {path} is not an HSDS 3.0 table; not read")
        nested = nest(tables)
        for service in nested["services"]:
            self.service(service, source)
        for term in nested["taxonomy_terms"]:
            self.listed_term(term)
        for taxonomy in nested["taxonomies"]:
            self.dataset.taxonomies.setdefault(str(taxonomy.get("id")), taxonomy)
        self.organizations.extend((source, str(row.get("id"))) for row in tables.get("organization", []))
        known_ids = {str(row.get("id")) for rows in tables.values() for row in rows}
        for row in tables.get("attribute", []):
            if str(row.get("link_id")) not in known_ids:
                self.dataset.notes.append(
                    f"{source}: attribute {row.get('id')} points at {row.get('link_id')}, "
                    f"which is in none of the tables; not imported"
                )
        for name in ("phone", "schedule", "service_area", "language", "cost_option", "contact"):
            for row in tables.get(name, []):
                links = [
                    row.get(c)
                    for c in ("service_id", "service_at_location_id", "phone_id", "contact_id", "location_id")
                ]
                if not any(links):
                    self.dataset.notes.append(f"{source}: {name} {row.get('id')} belongs to no service; not imported")


JSON_LIMIT = 512 * 1024 * 1024  # bytes: a dataset file larger than this is not read


def _load_json(path: Path, dataset: Dataset, shown: str = "") -> object | None:
    """A regular file's JSON (never through a link), or None with a note saying why it was not read."""
    shown = shown or path.name
    try:
        raw = read_bounded(path, JSON_LIMIT)
    except UnsafeFile as exc:
        dataset.notes.append(f"{shown}: {exc}; not read")
        return None
    if len(raw) > JSON_LIMIT:
        dataset.notes.append(f"{shown}: larger than {JSON_LIMIT // 2**20} MB; not read")
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        dataset.notes.append(f"{shown}: not readable JSON ({exc}); not read")
        return None


def _read_tabular(folder: Path, collector: _Collector) -> None:
    raw: dict[str, list] = {}
    for path in sorted(folder.glob("*.csv")):
        try:
            raw[path.name] = read_csv(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            collector.dataset.notes.append(f"{path.name}: not readable as UTF-8 CSV ({exc}); not read")
    package = folder / "datapackage.json"
    if package.exists():
        try:
            json.loads(package.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            collector.dataset.notes.append(
                f"{package.name}: not valid JSON; the CSV files were read by their standard HSDS names instead"
            )
    collector.tables(raw, folder.name + "/")


def read_dataset(source: Path) -> Dataset:
    """Every service in a folder (or one JSON file), with the taxonomy terms they use."""
    source = Path(source)
    if (source / "api" / "hsds").is_dir():  # the folder `kindred export --format hsds --out DIR` wrote
        source = source / "api" / "hsds"
    dataset = Dataset()
    collector = _Collector(dataset)
    if source.is_file():
        if source.suffix == ".csv":
            _read_tabular(source.parent, collector)
            dataset.form = "tabular"
        else:
            data = _load_json(source, dataset)
            if data is not None:
                collector.item(data, source.name)
    elif source.is_dir():
        json_files = [(p, p.name) for p in sorted(source.glob("*.json")) if p.name != "datapackage.json"]
        # Kindred's export (and the HSDS API's layout) lists each service in short form in services.json and
        # keeps the full service in services/<id>.json: the full one is read too, and wins (_Collector.service).
        services = source / "services"
        if services.is_symlink():
            dataset.notes.append("services/: a symbolic link; links are never followed, so not read")
        elif services.is_dir():
            json_files += [(p, f"services/{p.name}") for p in sorted(services.glob("*.json"))]
        for path, shown in json_files:
            data = _load_json(path, dataset, shown)
            if data is not None:
                collector.item(data, shown)
        tabular = next((f for f in (source, source / "csv") if (f / "services.csv").is_file()), None)
        if tabular is not None and not collector.services:
            dataset.form = "tabular"
            _read_tabular(tabular, collector)
        elif tabular is not None:
            dataset.notes.append(f"{tabular.name}/: CSV files not read; the JSON files hold the same dataset")
    else:
        dataset.notes.append(f"{source}: no such file or folder")
    dataset.services = list(collector.services.values())
    used = {str(s.get("organization_id") or (s.get("organization") or {}).get("id")) for s in dataset.services}
    for source_name, org_id in collector.organizations:
        if org_id not in used:
            dataset.notes.append(
                f"{source_name}: organization {org_id} runs no service in the dataset; nothing to import"
            )
    return dataset
