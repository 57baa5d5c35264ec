"""Controlled values named by the data contract (CONTRIBUTING.md, "Field reference")."""

from typing import Literal

Cost = Literal["free", "free-standard-charges", "low-cost", "sliding-scale", "paid", "insurance"]
Status = Literal["active", "paused", "closed"]
Day = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
DAYS: tuple[str, ...] = ("mo", "tu", "we", "th", "fr", "sa", "su")
VerificationMethod = Literal["called", "website", "provider"]
SourcedFact = Literal[
    "website",
    "contacts",
    "hours",
    "cost",
    "countries",
    "regions",
    "languages",
    "organization",
    "service",
    "topics",
    "audiences",
    "age",
    "price",
    "status",
    "description",
]

HelplineService = Literal["crisis", "support", "information"]
Responder = Literal["volunteers", "peers", "professionals"]

Platform = Literal["forum", "discord", "reddit", "matrix", "app", "group-chat", "video-group", "other"]
Access = Literal["open", "sign-up", "invite", "application"]
Moderation = Literal["none", "volunteer", "trained-peer", "professional"]
Anonymity = Literal["anonymous", "pseudonymous", "real-name"]

Modality = Literal["video", "phone", "live-chat", "messaging", "group"]
Profession = Literal["psychologist", "psychiatrist", "counsellor", "therapist", "social-worker", "coach"]
PricePer = Literal["session", "week", "month"]

ContactMethod = Literal["phone", "sms", "whatsapp", "chat", "email", "video", "app", "join"]
CONTACT_METHODS: tuple[str, ...] = ("phone", "sms", "whatsapp", "chat", "email", "video", "app", "join")
