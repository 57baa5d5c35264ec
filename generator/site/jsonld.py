"""schema.org JSON-LD for a listing page (search engines and other tools read it)."""

from __future__ import annotations

from .view import ListingView

_SCHEMA_DAYS = {
    "mo": "Monday",
    "tu": "Tuesday",
    "we": "Wednesday",
    "th": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "su": "Sunday",
}


def listing_jsonld(view: ListingView, page_url: str) -> dict:
    listing = view.record.listing
    channels = []
    for action in view.actions:
        if action.method in ("phone", "sms"):
            channels.append(
                {
                    "@type": "ServiceChannel",
                    "name": action.label,
                    "servicePhone": {
                        "@type": "ContactPoint",
                        "telephone": action.href.split(":", 1)[1].split("?")[0].split(",")[0],
                    },
                }
            )
        elif action.method != "email":
            channels.append({"@type": "ServiceChannel", "name": action.label, "serviceUrl": action.href})
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": view.name,
        "description": view.summary,
        "url": view.website,
        "serviceType": view.kind_label,
        "availableLanguage": view.languages,
        "areaServed": [{"@type": "Country", "name": name} for code, name in view.countries if code != "worldwide"]
        or "Worldwide",
        "audience": [{"@type": "Audience", "audienceType": label} for _, label in view.audiences],
        "availableChannel": channels,
    }
    if page_url:
        data["@id"] = page_url
    if listing.organization:
        data["provider"] = {"@type": "Organization", "name": listing.organization.name}
        if listing.organization.url:
            data["provider"]["url"] = listing.organization.url
    if view.hours and not view.hours.always:
        data["hoursAvailable"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [_SCHEMA_DAYS[d] for d in interval["days"]],
                "opens": interval["opens"],
                "closes": interval["closes"],
            }
            for interval in view.hours.data["weekly"]
        ]
    elif view.hours:
        data["hoursAvailable"] = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": list(_SCHEMA_DAYS.values()),
            "opens": "00:00",
            "closes": "23:59",
        }
    return data
