"""What a change does to the directory, for the people who review it.

Compares the directory as it was at a git ref with the working tree:
listings added, removed, renamed or moved, and every contact point (numbers,
links, email addresses) added, changed or removed, old beside new. Changed
numbers and changed domains go at the top, because a wrong number or a
look-alike link sends someone in crisis to the wrong place.

Raw YAML is compared, not only validated models, so a listing that does not
validate on one side is still compared as far as it can be read.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..directory import display_path, listing_files, load_directory
from ..models.contacts import NUMBER_METHODS
from ..phones import parse_number
from ..problems import Problem
from ..urls import parse_url
from ..yamlsafe import load_yaml_file

URL_METHODS = ("whatsapp", "chat", "video", "app", "join")
# Fields shown as contact points (not as "other fields").
_POINT_FIELDS = ("contacts", "website", "rules_url")
# Contact fields that are the contact point itself; the rest (hours, note, ...) are compared as details.
_TARGET_FIELDS = ("method", "number", "keyword", "extension", "url", "address")


class GitError(Exception):
    """The ref cannot be read (not a repository, unknown ref, ...)."""


# --------------------------------------------------------------------------- reading both sides


@dataclass
class Entry:
    """One listing file on one side of the comparison."""

    kind: str
    id: str
    path: str  # as shown in the report
    data: dict[str, Any] | None  # the raw mapping, or None when the file could not be read
    numbers: dict[int, Any] = field(default_factory=dict)  # contact index -> ParsedNumber, when it validated

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.id}"

    @property
    def name(self) -> str:
        value = (self.data or {}).get("name")
        return value if isinstance(value, str) else self.id


def load_entries(root: Path, shown_root: str | None = None) -> tuple[dict[str, Entry], list[Problem]]:
    """Every listing file under `root` (valid or not) and the directory's problems."""
    root = Path(root)
    if not root.is_dir():
        return {}, []
    directory = load_directory(root)
    records = directory.by_key()
    entries: dict[str, Entry] = {}
    files, _ = listing_files(root)
    for kind, path in files:
        key = f"{kind}/{path.stem}"
        shown = f"{shown_root}/{kind}/{path.name}" if shown_root else display_path(path)
        record = records.get(key)
        if record is not None and isinstance(record.doc.data, dict):
            entries[key] = Entry(kind, path.stem, shown, dict(record.doc.data), dict(record.numbers))
            continue
        doc, _ = load_yaml_file(path, shown)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else None
        if data is not None:
            data = {k: v for k, v in data.items() if k != "kind"}
        entries[key] = Entry(kind, path.stem, shown, data)
    return entries, directory.problems.sorted()


def _git(args: list[str], cwd: Path, *, binary: bool = False, stdin: bytes | None = None):
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, input=stdin, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH") from exc
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def checkout_directory_at(ref: str, root: Path, dest: Path) -> tuple[Path, str]:
    """Write the files of `root` as they were at `ref` under `dest`; (that folder, its path in the repository).

    Reads blobs with `git ls-tree` and `git cat-file --batch`, so the working tree and index are
    never touched and .gitattributes export rules cannot hide files.
    """
    root = Path(root).absolute()
    anchor = root if root.is_dir() else Path.cwd()
    try:
        toplevel = Path(_git(["rev-parse", "--show-toplevel"], anchor).strip())
    except GitError as exc:
        raise GitError(f"not inside a git repository ({exc})") from exc
    try:
        relative = PurePosixPath(root.resolve().relative_to(toplevel.resolve()).as_posix())
    except ValueError as exc:
        raise GitError(f"{root} is not inside the repository at {toplevel}") from exc
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], toplevel).strip()
    except GitError:
        raise GitError(
            f"`{ref}` is not a commit, branch or tag in this repository (for a pull request base, "
            f"fetch it first: git fetch origin main, then use origin/main)"
        ) from None
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", str(relative)], toplevel, binary=True)
    blobs: list[tuple[str, str]] = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):
            blobs.append((sha, path.decode("utf-8", "surrogateescape")))
    target = dest / relative
    target.mkdir(parents=True, exist_ok=True)
    if blobs:
        output = _git(
            ["cat-file", "--batch"], toplevel, binary=True, stdin="".join(sha + "\n" for sha, _ in blobs).encode()
        )
        offset = 0
        for _sha, path in blobs:
            header_end = output.index(b"\n", offset)
            size = int(output[offset:header_end].split()[2])
            content = output[header_end + 1 : header_end + 1 + size]
            offset = header_end + 1 + size + 1
            parts = PurePosixPath(path).parts
            if ".." in parts or PurePosixPath(path).is_absolute():
                continue
            out = dest.joinpath(*parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(content)
    return target, str(relative)


# --------------------------------------------------------------------------- contact points


@dataclass(frozen=True)
class Point:
    """One way to reach a service: a number, a link or an email address."""

    category: str  # number | link | email
    label: str  # phone, sms, whatsapp, website, organization url, rules_url, chat link, email, ...
    value: str  # as written in the file
    keyword: str | None = None  # sms: the word to text
    extension: str | None = None  # phone: keys pressed once connected (988 then 1)
    href: str | None = None  # tel:/sms: href of a number, when it parses
    contact: int | None = None  # index in contacts

    @property
    def match_key(self) -> tuple:
        if self.category == "number":
            target = self.href or "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
            return (self.label, target, (self.keyword or "").strip().lower(), (self.extension or "").strip())
        if self.category == "email":
            return (self.label, self.value.strip().lower())
        return (self.label, self.value.strip())

    @property
    def domain(self) -> str:
        if self.category == "email":
            return self.value.rpartition("@")[2].strip().lower()
        if self.category == "link":
            parsed = parse_url(self.value)  # as a browser reads it: `evil\\@good.org` is evil
            return parsed.site if parsed else ""
        return ""

    def shown(self) -> str:
        return (
            self.value
            + (f" (keyword {self.keyword})" if self.keyword else "")
            + (f" then {self.extension}" if self.extension else "")
        )


def _href(method: str, keyword: str | None, extension: str | None, parsed) -> str | None:
    if parsed is None:
        return None
    if method == "sms":
        return parsed.sms_href(keyword)
    if extension and hasattr(parsed, "tel_href_with"):
        return parsed.tel_href_with(extension)
    return parsed.tel_href


def contact_points(entry: Entry) -> list[Point]:
    data = entry.data or {}
    points: list[Point] = []
    countries = (
        tuple(c for c in data.get("countries") or () if isinstance(c, str))
        if isinstance(data.get("countries"), list)
        else ()
    )
    if isinstance(data.get("website"), str):
        points.append(Point("link", "website", data["website"]))
    organization = data.get("organization")
    if isinstance(organization, dict) and isinstance(organization.get("url"), str):
        points.append(Point("link", "organization url", organization["url"]))
    if isinstance(data.get("rules_url"), str):
        points.append(Point("link", "rules_url", data["rules_url"]))
    contacts = data.get("contacts") if isinstance(data.get("contacts"), list) else []
    for index, contact in enumerate(contacts):
        if not isinstance(contact, dict):
            continue
        method = contact.get("method")
        number = contact.get("number")
        keyword, extension = contact.get("keyword"), contact.get("extension")
        keyword = str(keyword) if keyword not in (None, "") and method == "sms" else None
        extension = str(extension) if extension not in (None, "") and method == "phone" else None
        if method in NUMBER_METHODS and isinstance(number, (str, int)):
            number = str(number)
            parsed = entry.numbers.get(index)
            if parsed is None:
                parsed = parse_number(
                    number, countries, allow_short=method != "whatsapp", claimed_short=contact.get("short_code") is True
                )
            points.append(
                Point("number", method, number, keyword, extension, _href(method, keyword, extension, parsed), index)
            )
        if method in URL_METHODS and isinstance(contact.get("url"), str):
            points.append(Point("link", f"{method} link", contact["url"], contact=index))
        if method == "email" and isinstance(contact.get("address"), str):
            points.append(Point("email", "email", contact["address"], contact=index))
    return points


@dataclass
class PointChange:
    change: str  # added | removed | changed | reformatted
    label: str
    old: Point | None
    new: Point | None
    domain_changed: tuple[str, str] | None = None  # (old domain, new domain)
    new_domain: str | None = None  # an added link or address on a domain the listing did not use before

    @property
    def is_number_change(self) -> bool:
        return self.change == "changed" and self.label in NUMBER_METHODS


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ListingChange:
    change: str  # added | removed | renamed | changed
    key: str
    name: str
    path: str
    old_key: str | None = None
    old_path: str | None = None
    rename_reason: str | None = None
    points: list[PointChange] = field(default_factory=list)  # for added listings: every point, as "added"
    fields: list[FieldChange] = field(default_factory=list)
    verification: FieldChange | None = None
    unreadable: str | None = None  # which side could not be read


@dataclass
class DirectoryDiff:
    ref: str
    listings: list[ListingChange]
    new_errors: list[Problem] = field(default_factory=list)
    old_error_count: int = 0

    def by_change(self, change: str) -> list[ListingChange]:
        return [c for c in self.listings if c.change == change]

    @property
    def number_changes(self) -> list[tuple[ListingChange, PointChange]]:
        return [(c, p) for c in self.listings if c.change != "added" for p in c.points if p.is_number_change]

    @property
    def new_numbers(self) -> list[tuple[ListingChange, PointChange]]:
        """Numbers that were not in the directory before: every number of an added listing, and numbers added
        to an existing one. Reviewers check these as carefully as changed ones."""
        return [(c, p) for c in self.listings for p in c.points if p.change == "added" and p.label in NUMBER_METHODS]

    @property
    def domain_changes(self) -> list[tuple[ListingChange, PointChange]]:
        return [
            (c, p) for c in self.listings if c.change != "added" for p in c.points if p.domain_changed or p.new_domain
        ]

    @property
    def verifications(self) -> list[ListingChange]:
        return [c for c in self.listings if c.verification is not None]

    @property
    def empty(self) -> bool:
        return not self.listings


def _pair_points(old: list[Point], new: list[Point]) -> list[PointChange]:
    changes: list[PointChange] = []
    old_left = list(old)
    new_left: list[Point] = []
    for point in new:
        match = next((o for o in old_left if o.match_key == point.match_key), None)
        if match is None:
            new_left.append(point)
            continue
        old_left.remove(match)
        if match.value.strip() != point.value.strip():
            changes.append(PointChange("reformatted", point.label, match, point))
    old_domains = {p.domain for p in old if p.domain}
    for point in new_left:
        match = next((o for o in old_left if o.label == point.label), None)
        if match is not None:
            old_left.remove(match)
            moved = (match.domain, point.domain) if match.domain != point.domain and point.domain else None
            changes.append(PointChange("changed", point.label, match, point, domain_changed=moved))
        else:
            fresh = point.domain if point.domain and point.domain not in old_domains else None
            changes.append(PointChange("added", point.label, None, point, new_domain=fresh))
    for point in old_left:
        changes.append(PointChange("removed", point.label, point, None))
    order = {"changed": 0, "added": 1, "removed": 2, "reformatted": 3}
    return sorted(changes, key=lambda c: order[c.change])


def short(value: Any, limit: int = 90) -> str:
    """A compact one-line form of a field value."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        text = ", ".join(short(v, limit) for v in value)
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, default=str, separators=(", ", ": "))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hours_text(value: Any) -> str:
    """`24/7`, or `mo tu we 09:00–17:00; sa 10:00–14:00 (Europe/London)`."""
    if value == "24/7":
        return "24/7"
    if not isinstance(value, dict):
        return short(value)
    parts = []
    for interval in value.get("weekly") or []:
        if isinstance(interval, dict):
            days = " ".join(str(d) for d in interval.get("days") or [])
            parts.append(f"{days} {interval.get('opens')}–{interval.get('closes')}")
    text = "; ".join(parts) + (f" ({value.get('timezone')})" if value.get("timezone") else "")
    if value.get("closed_on"):
        text += f"; closed on {short(value.get('closed_on'))}"
    return short(text, 160)


def _field_changes(old: dict, new: dict) -> tuple[list[FieldChange], FieldChange | None]:
    changes: list[FieldChange] = []
    verification = None
    keys = list(dict.fromkeys([*old, *new]))
    for key in keys:
        if key in _POINT_FIELDS:
            continue
        before, after = old.get(key), new.get(key)
        if key == "organization":
            before = before.get("name") if isinstance(before, dict) else before
            after = after.get("name") if isinstance(after, dict) else after
            key = "organization name"
        if before == after:
            continue
        if key == "verified":
            verification = FieldChange("verified", short(before, 200), short(after, 200))
            continue
        if key == "description":
            changes.append(
                FieldChange(
                    key, f"{len(str(before or ''))} characters", f"{len(str(after or ''))} characters (text changed)"
                )
            )
        elif key == "hours":
            changes.append(
                FieldChange(
                    key,
                    hours_text(before) if before is not None else "(none)",
                    hours_text(after) if after is not None else "(none)",
                )
            )
        else:
            changes.append(FieldChange(key, short(before), short(after)))
    return changes, verification


def _contact_detail_changes(old: Entry, new: Entry, points: list[PointChange]) -> list[FieldChange]:
    """Hours, notes, languages... of contacts whose number or link did not change."""
    old_contacts = (old.data or {}).get("contacts") or []
    new_contacts = (new.data or {}).get("contacts") or []
    if not isinstance(old_contacts, list) or not isinstance(new_contacts, list):
        return []
    changed_points = {(c.new.contact if c.new else None) for c in points if c.change != "reformatted"}
    old_points = {p.match_key: p for p in contact_points(old) if p.contact is not None}
    details: list[FieldChange] = []
    for point in contact_points(new):
        if point.contact is None or point.contact in changed_points or point.match_key not in old_points:
            continue
        before = old_contacts[old_points[point.match_key].contact]
        after = new_contacts[point.contact]
        if not isinstance(before, dict) or not isinstance(after, dict):
            continue
        for key in dict.fromkeys([*before, *after]):
            if key in _TARGET_FIELDS or before.get(key) == after.get(key):
                continue
            shown = hours_text if key == "hours" else short
            details.append(
                FieldChange(
                    f"{point.label} {point.value}: {key}",
                    shown(before.get(key)) if key in before else "(none)",
                    shown(after.get(key)) if key in after else "(none)",
                )
            )
    return details


def _compare(old: Entry, new: Entry, change: ListingChange) -> ListingChange:
    if old.data is None or new.data is None:
        change.unreadable = "old" if old.data is None else "new"
        if old.data is None and new.data is None:
            return change
    change.points = _pair_points(contact_points(old), contact_points(new))
    change.fields, change.verification = _field_changes(old.data or {}, new.data or {})
    if old.data is not None and new.data is not None:
        change.fields += _contact_detail_changes(old, new, change.points)
    return change


def _same_website(a: Entry, b: Entry) -> bool:
    def norm(entry: Entry) -> str | None:
        site = (entry.data or {}).get("website")
        if not isinstance(site, str):
            return None
        parsed = parse_url(site)
        return f"{parsed.site}{parsed.path.rstrip('/')}" if parsed else site.strip()

    return norm(a) is not None and norm(a) == norm(b)


def diff_entries(old: dict[str, Entry], new: dict[str, Entry], ref: str = "") -> DirectoryDiff:
    listings: list[ListingChange] = []
    removed = [old[k] for k in sorted(old) if k not in new]
    added = [new[k] for k in sorted(new) if k not in old]
    renamed: list[tuple[Entry, Entry, str]] = []
    for reason, same in (
        ("same content", lambda a, b: a.data is not None and a.data == b.data),
        ("same website", _same_website),
    ):
        for gone in list(removed):
            match = next((a for a in added if same(gone, a)), None)
            if match is not None:
                removed.remove(gone)
                added.remove(match)
                renamed.append((gone, match, reason))
    for entry in added:
        change = ListingChange("added", entry.key, entry.name, entry.path)
        change.points = [PointChange("added", p.label, None, p) for p in contact_points(entry)]
        if entry.data is None:
            change.unreadable = "new"
        if (entry.data or {}).get("verified") is not None:
            change.verification = FieldChange("verified", "(none)", short(entry.data["verified"], 200))
        listings.append(change)
    for entry in removed:
        listings.append(ListingChange("removed", entry.key, entry.name, entry.path))
    for gone, entry, reason in renamed:
        listings.append(
            _compare(
                gone,
                entry,
                ListingChange(
                    "renamed",
                    entry.key,
                    entry.name,
                    entry.path,
                    old_key=gone.key,
                    old_path=gone.path,
                    rename_reason=reason,
                ),
            )
        )
    for key in sorted(set(old) & set(new)):
        if old[key].data == new[key].data and old[key].data is not None:
            continue
        change = _compare(old[key], new[key], ListingChange("changed", key, new[key].name, new[key].path))
        if change.points or change.fields or change.verification or change.unreadable:
            listings.append(change)
    order = {"added": 0, "removed": 1, "renamed": 2, "changed": 3}
    listings.sort(key=lambda c: (order[c.change], c.key))
    return DirectoryDiff(ref, listings)


def diff_against_ref(ref: str, root: Path | str = "directory") -> DirectoryDiff:
    """Compare the directory at `ref` with the working tree (GitError when the ref cannot be read)."""
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="kindred-diff-") as scratch:
        old_root, relative = checkout_directory_at(ref, root, Path(scratch))
        old, old_problems = load_entries(old_root, shown_root=f"{ref}:{relative}")
    new, new_problems = load_entries(root)
    result = diff_entries(old, new, ref)
    result.new_errors = [p for p in new_problems if p.is_error]
    result.old_error_count = sum(1 for p in old_problems if p.is_error)
    return result


# --------------------------------------------------------------------------- reports


def code(value: Any, *, table: bool = False) -> str:
    """`value` as a Markdown code span that nothing inside can break out of."""
    text = " ".join(str(value).split())
    if table:
        text = text.replace("|", "\\|")
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_text(value: Any) -> str:
    """Plain text with Markdown and HTML meaning escaped."""
    text = " ".join(str(value).split())
    out = []
    for ch in text:
        out.append("\\" + ch if ch in "\\`*_[]<>#|!~{}()&" else ch)
    return "".join(out)


def _point_cell(point: Point | None) -> str:
    if point is None:
        return "—"
    cell = code(point.shown(), table=True)
    if point.category == "number":
        cell += " → " + (code(point.href, table=True) if point.href else "**does not parse**")
    return cell


def _title(change: ListingChange) -> str:
    return f"{code(change.key)} — {md_text(change.name)}"


def render_markdown(result: DirectoryDiff) -> str:
    ref = result.ref
    lines = [f"## Listing changes since {code(ref)}", ""]
    counts = [(len(result.by_change(c)), c) for c in ("added", "removed", "renamed", "changed")]
    if result.empty:
        lines += ["No listings were added, removed or changed.", ""]
    else:
        lines += [" · ".join(f"**{n}** {c}" for n, c in counts), ""]

    numbers = result.number_changes
    if numbers:
        lines += [
            "### ⚠ Changed phone numbers",
            "",
            (
                "Check every new number on the service's own website before approving. The dial form is "
                "what the site's call and text buttons will use."
            ),
            "",
            "| listing | method | old → dials | new → dials |",
            "|---|---|---|---|",
        ]
        for change, point in numbers:
            lines.append(
                f"| {code(change.key, table=True)} | {point.label} | {_point_cell(point.old)} | "
                f"{_point_cell(point.new)} |"
            )
        lines.append("")
    new_numbers = result.new_numbers
    if new_numbers:
        lines += [
            "### ⚠ New phone numbers",
            "",
            (
                "These numbers were not in the directory before (new listings and new contacts). Check each "
                "on the service's own website before approving."
            ),
            "",
            "| listing | method | new → dials |",
            "|---|---|---|",
        ]
        for change, point in new_numbers:
            lines.append(f"| {code(change.key, table=True)} | {point.label} | {_point_cell(point.new)} |")
        lines.append("")
    domains = result.domain_changes
    if domains:
        lines += [
            "### ⚠ Changed domains",
            "",
            "A link or address now points to a different site. Make sure it is the service's own.",
            "",
            "| listing | field | old | new | domain |",
            "|---|---|---|---|---|",
        ]
        for change, point in domains:
            if point.domain_changed:
                note = f"**domain changed: {md_text(point.domain_changed[0])} → {md_text(point.domain_changed[1])}**"
            else:
                note = f"**new domain: {md_text(point.new_domain)}**"
            lines.append(
                f"| {code(change.key, table=True)} | {point.label} | {_point_cell(point.old)} | "
                f"{_point_cell(point.new)} | {note} |"
            )
        lines.append("")
    if result.verifications:
        lines += [
            "### ⚠ Verification records added or changed",
            "",
            "Ask how each was checked. Never merge a verification nobody actually did.",
            "",
            "| listing | old | new |",
            "|---|---|---|",
        ]
        for change in result.verifications:
            lines.append(
                f"| {code(change.key, table=True)} | {code(change.verification.old, table=True)} | "
                f"{code(change.verification.new, table=True)} |"
            )
        lines.append("")

    added = result.by_change("added")
    if added:
        lines += [f"### Added listings ({len(added)})", ""]
        for change in added:
            lines += [f"#### {_title(change)}", "", f"File: {code(change.path)}", ""]
            if change.unreadable:
                lines += ["The file could not be read; see the validation errors below.", ""]
            if change.points:
                lines += [
                    "Check each of these on the service's own website:",
                    "",
                    "| field | value → dials |",
                    "|---|---|",
                ]
                lines += [f"| {p.label} | {_point_cell(p.new)} |" for p in change.points]
                lines.append("")
    removed = result.by_change("removed")
    if removed:
        lines += [f"### Removed listings ({len(removed)})", ""]
        lines += [f"- {_title(c)} (was {code(c.path)})" for c in removed]
        lines.append("")
    renamed = result.by_change("renamed")
    if renamed:
        lines += [f"### Renamed or moved listings ({len(renamed)})", ""]
        for change in renamed:
            lines += [
                f"#### {code(change.old_key)} → {_title(change)}",
                "",
                f"{code(change.old_path)} → {code(change.path)} ({change.rename_reason})",
                "",
            ]
            lines += _change_details(change)
    changed = result.by_change("changed")
    if changed:
        lines += [f"### Changed listings ({len(changed)})", ""]
        for change in changed:
            lines += [f"#### {_title(change)}", "", f"File: {code(change.path)}", ""]
            lines += _change_details(change)

    if result.new_errors:
        lines += [f"### ⛔ {len(result.new_errors)} validation error(s) in this version", ""]
        lines += [f"- {code(p.as_text())}" for p in result.new_errors[:50]]
        if len(result.new_errors) > 50:
            lines.append(f"- … and {len(result.new_errors) - 50} more; run `kindred validate`")
        lines.append("")
    if result.old_error_count:
        lines += [
            (
                f"_The directory at {code(ref)} had {result.old_error_count} validation error(s); listings "
                f"that did not validate there were compared as far as their YAML could be read._"
            ),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _change_details(change: ListingChange) -> list[str]:
    lines: list[str] = []
    if change.unreadable:
        side = "before" if change.unreadable == "old" else "after this change"
        lines += [f"The file could not be read {side}; compare it by hand.", ""]
    if change.points:
        lines += ["| change | field | old | new |", "|---|---|---|---|"]
        for point in change.points:
            flag = "⚠ changed" if point.change == "changed" else point.change
            if point.domain_changed:
                flag += " (domain)"
            lines.append(f"| {flag} | {point.label} | {_point_cell(point.old)} | {_point_cell(point.new)} |")
        lines.append("")
    if change.fields:
        lines += ["Other fields:", ""]
        lines += [f"- {md_text(f.field)}: {code(f.old)} → {code(f.new)}" for f in change.fields]
        lines.append("")
    if change.verification:
        lines += [f"- verified: {code(change.verification.old)} → {code(change.verification.new)}", ""]
    return lines


def _point_text(point: Point | None) -> str:
    if point is None:
        return "-"
    return point.shown() + (f" [{point.href or 'does not parse'}]" if point.category == "number" else "")


def render_text(result: DirectoryDiff) -> str:
    lines = [f"Listing changes since {result.ref}"]
    if result.empty:
        lines.append("No listings were added, removed or changed.")
    for change, point in result.number_changes:
        lines.append(f"CHANGED NUMBER {change.key} {point.label}: {_point_text(point.old)} -> {_point_text(point.new)}")
    for change, point in result.new_numbers:
        lines.append(f"NEW NUMBER {change.key} {point.label}: {_point_text(point.new)}")
    for change, point in result.domain_changes:
        if point.domain_changed:
            lines.append(
                f"DOMAIN CHANGED {change.key} {point.label}: {point.domain_changed[0]} -> "
                f"{point.domain_changed[1]} ({_point_text(point.old)} -> {_point_text(point.new)})"
            )
        else:
            lines.append(f"NEW DOMAIN {change.key} {point.label}: {point.new_domain} ({_point_text(point.new)})")
    for change in result.verifications:
        lines.append(f"VERIFICATION {change.key}: {change.verification.old} -> {change.verification.new}")
    for change in result.listings:
        title = f"{change.change}: {change.key} ({change.name})"
        if change.change == "renamed":
            title = f"renamed: {change.old_key} -> {change.key} ({change.rename_reason})"
        lines.append("")
        lines.append(title)
        for point in change.points:
            lines.append(f"  {point.change} {point.label}: {_point_text(point.old)} -> {_point_text(point.new)}")
        for item in change.fields:
            lines.append(f"  {item.field}: {item.old} -> {item.new}")
        if change.unreadable:
            lines.append(f"  the {change.unreadable} file could not be read")
    if result.new_errors:
        lines.append("")
        lines.append(f"{len(result.new_errors)} validation error(s) in this version:")
        lines += ["  " + p.as_text() for p in result.new_errors]
    if result.old_error_count:
        lines.append(f"The directory at {result.ref} had {result.old_error_count} validation error(s).")
    return "\n".join(lines) + "\n"


def render_json(result: DirectoryDiff) -> str:
    def point(p: Point | None):
        return None if p is None else {k: v for k, v in asdict(p).items()}

    listings = []
    for change in result.listings:
        item = asdict(change)
        item["points"] = [
            {
                "change": p.change,
                "label": p.label,
                "old": point(p.old),
                "new": point(p.new),
                "domain_changed": list(p.domain_changed) if p.domain_changed else None,
                "new_domain": p.new_domain,
            }
            for p in change.points
        ]
        listings.append(item)
    payload = {
        "ref": result.ref,
        "counts": {c: len(result.by_change(c)) for c in ("added", "removed", "renamed", "changed")},
        "changed_numbers": [
            {"listing": c.key, "label": p.label, "old": point(p.old), "new": point(p.new)}
            for c, p in result.number_changes
        ],
        "new_numbers": [{"listing": c.key, "label": p.label, "new": point(p.new)} for c, p in result.new_numbers],
        "changed_domains": [
            {
                "listing": c.key,
                "label": p.label,
                "old": point(p.old),
                "new": point(p.new),
                "domain_changed": list(p.domain_changed) if p.domain_changed else None,
                "new_domain": p.new_domain,
            }
            for c, p in result.domain_changes
        ],
        "listings": listings,
        "new_errors": [asdict(p) for p in result.new_errors],
        "old_error_count": result.old_error_count,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"


RENDERERS = {"markdown": render_markdown, "text": render_text, "json": render_json}


def render(result: DirectoryDiff, fmt: str) -> str:
    return RENDERERS[fmt](result)
