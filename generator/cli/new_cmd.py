"""`kindred new`: start a listing file with the essential fields and a comment for every other one."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..directory import TAXONOMY_FILE, display_path
from ..models import KINDS
from ..review import scaffold
from ..taxonomy import Taxonomy, load_taxonomy

_KIND_ALIASES = {
    "helpline": "helplines",
    "community": "communities",
    "teletherapies": "teletherapy",
    "therapy": "teletherapy",
}
_LABELS = {
    "phone": "Phone number, as people dial it",
    "email": "Email address",
    "chat": "Web chat link (https://)",
    "join": "Link to join the community (https://)",
}


def _kind(ctx: click.Context, param: click.Parameter, value: str) -> str:
    kind = _KIND_ALIASES.get(value.lower(), value.lower())
    if kind not in KINDS:
        raise click.BadParameter(f"`{value}` is not a kind; choose one of {', '.join(KINDS)}")
    return kind


def _split(values: tuple[str, ...] | str) -> list[str]:
    """`--country GB --country IE`, `--country GB,IE` and a typed `GB IE` all mean [GB, IE]."""
    if isinstance(values, str):
        values = (values,)
    return [item for value in values for item in re.split(r"[,\s]+", value.strip()) if item]


def _checked(what: str, *, many: bool = False, optional: bool = False, **context):
    """A click value_proc: check each typed value and ask again, with the reason, when it is unusable."""

    def proc(text: str):
        items = _split(text) if many else [text.strip()]
        if optional and not any(items):
            return [] if many else ""
        if not any(items):
            raise click.UsageError("this is needed")
        for item in items:
            reason = scaffold.check_value(what, item, **context)
            if reason:
                raise click.UsageError(reason)
        return items if many else items[0]

    return proc


def _fail(message: str) -> None:
    click.echo(f"kindred new: {message}", err=True)
    sys.exit(1)


@click.command("new")
@click.argument("kind", callback=_kind, metavar="KIND")
@click.argument("listing_id", required=False, metavar="[ID]")
@click.option("--name", help="The service's name, as it calls itself.")
@click.option("--summary", help="One plain-text line, at most 200 characters.")
@click.option("--website", help="The service's own https:// website.")
@click.option("--country", "countries", multiple=True, help="ISO 3166-1 code (GB, US) or worldwide; repeatable.")
@click.option("--language", "languages", multiple=True, help="BCP 47 tag (en, es, pt-BR); repeatable.")
@click.option("--topic", "topics", multiple=True, help="Topic id from taxonomy.yaml; repeatable.")
@click.option("--cost", "costs", multiple=True, type=click.Choice(scaffold.COSTS), help="Repeatable.")
@click.option("--phone", help='A phone number, as people dial it ("116 123").')
@click.option("--email", help="An email address people can write to.")
@click.option("--chat", help="A web chat link (https://).")
@click.option("--join", "join_url", help="A link to join a community (https://).")
@click.option(
    "--directory",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("directory"),
    show_default=True,
    help="The listings folder.",
)
@click.option("--no-input", is_flag=True, help="Never ask; every essential field must be given as an option.")
def command(
    kind: str,
    listing_id: str | None,
    name: str | None,
    summary: str | None,
    website: str | None,
    countries: tuple[str, ...],
    languages: tuple[str, ...],
    topics: tuple[str, ...],
    costs: tuple[str, ...],
    phone: str | None,
    email: str | None,
    chat: str | None,
    join_url: str | None,
    root: Path,
    no_input: bool,
) -> None:
    """Create DIRECTORY/KIND/ID.yaml for a new listing.

    KIND is helplines, communities or teletherapy. ID defaults to a slug of the
    name. Missing essential fields are asked for, unless --no-input is given.
    Nothing is written unless the new listing validates, and an existing file
    is never overwritten.
    """
    if not root.is_dir():
        _fail(f"directory not found: {display_path(root)}; run this from the repository root or pass --directory")
    taxonomy, taxonomy_problems = load_taxonomy(root / TAXONOMY_FILE, display_path(root / TAXONOMY_FILE))
    if taxonomy_problems:
        taxonomy = Taxonomy()  # topics are then only checked when the file is validated
    if listing_id is not None:
        _check_id(root, kind, listing_id)

    given_contacts = [
        scaffold.contact(method, value)
        for method, value in (("phone", phone), ("email", email), ("chat", chat), ("join", join_url))
        if value
    ]
    values = {
        "name": name,
        "summary": summary,
        "website": website,
        "countries": _split(countries),
        "languages": _split(languages),
        "topics": _split(topics),
        "cost": list(costs),
    }
    if no_input:
        missing = [
            f"--{option}"
            for option, key in (
                ("name", "name"),
                ("summary", "summary"),
                ("website", "website"),
                ("country", "countries"),
                ("language", "languages"),
                ("topic", "topics"),
                ("cost", "cost"),
            )
            if not values[key]
        ]
        if not given_contacts:
            missing.append("a contact (--phone, --email, --chat or --join)")
        if missing:
            raise click.UsageError(f"--no-input needs {', '.join(missing)}")
    else:
        click.echo(
            f"New {scaffold.KIND_SINGULAR[kind]} listing. Take every answer from the service's own website.", err=True
        )
        if not values["name"]:
            values["name"] = click.prompt("Name, as the service calls itself", value_proc=_checked("name"))
    if listing_id is None:
        listing_id = scaffold.slugify(values["name"])
        if scaffold.id_problem(listing_id):
            if no_input:
                _fail(f"cannot make an id from the name {values['name']!r}; give one: kindred new {kind} ID ...")
            listing_id = click.prompt("Listing id (lowercase letters, digits and -)", value_proc=_id_proc)
        _check_id(root, kind, listing_id)
    if not no_input:
        _ask_missing(kind, values, given_contacts, taxonomy)

    new = scaffold.NewListing(
        kind,
        listing_id,
        values["name"],
        values["summary"],
        values["website"],
        values["countries"],
        values["languages"],
        values["topics"],
        values["cost"],
        given_contacts,
    )
    text = scaffold.render_listing(new, taxonomy)
    problems = scaffold.check_listing_text(root, kind, listing_id, text)
    errors = [p for p in problems if p.is_error]
    target = scaffold.target_path(root, kind, listing_id)
    if errors:
        click.echo(f"Nothing was written: {display_path(target)} would not validate.", err=True)
        for problem in problems:
            click.echo(f"  {problem.severity}: {problem.message}", err=True)
        click.echo("Fix these values and run the command again.", err=True)
        sys.exit(1)
    try:
        path = scaffold.write_listing(root, kind, listing_id, text)
    except FileExistsError:
        _fail(f"{display_path(target)} already exists; not overwriting it")
    for problem in problems:
        click.echo(problem.as_text(), err=True)
    click.echo(f"Created {display_path(path)}")
    click.echo(
        "Next: open it, fill in the optional fields you can confirm on the service's own website "
        "(hours, organization, the kind's own fields), delete the rest, then run `kindred validate`."
    )


def _id_proc(text: str) -> str:
    reason = scaffold.id_problem(text.strip())
    if reason:
        raise click.UsageError(reason)
    return text.strip()


def _check_id(root: Path, kind: str, listing_id: str) -> None:
    reason = scaffold.id_problem(listing_id) or scaffold.id_conflict(root, kind, listing_id)
    if reason:
        _fail(reason)


def _ask_missing(kind: str, values: dict, contacts: list[dict], taxonomy: Taxonomy) -> None:
    if not values["summary"]:
        values["summary"] = click.prompt("Summary (one line, at most 200 characters)", value_proc=_checked("summary"))
    if not values["website"]:
        values["website"] = click.prompt("Website (https://)", value_proc=_checked("website"))
    if not values["countries"]:
        values["countries"] = click.prompt(
            "Countries it serves (ISO codes such as GB IE, or worldwide)", value_proc=_checked("country", many=True)
        )
    if not values["languages"]:
        values["languages"] = click.prompt(
            "Languages (BCP 47 tags such as en es pt-BR)", value_proc=_checked("language", many=True)
        )
    if not values["topics"]:
        if taxonomy.topics:
            click.echo("Topics: " + ", ".join(taxonomy.topics), err=True)
        values["topics"] = click.prompt(
            "Topics it helps with (ids from the list above)", value_proc=_checked("topic", many=True, taxonomy=taxonomy)
        )
    if not values["cost"]:
        values["cost"] = [click.prompt("Cost", type=click.Choice(scaffold.COSTS))]
    while not contacts:
        for method in scaffold.ASK_ORDER[kind]:
            value = click.prompt(
                f"{_LABELS[method]} (Enter to skip)",
                default="",
                show_default=False,
                value_proc=_checked(method, optional=True, countries=values["countries"]),
            )
            if value:
                contacts.append(scaffold.contact(method, value))
                break
        if not contacts:
            click.echo("A listing needs at least one way to reach it.", err=True)
