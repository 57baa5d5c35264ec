"""The listing contract as pydantic models (no MkDocs imports here)."""

from .listings import KIND_MODELS, KINDS, Community, Helpline, Listing, Teletherapy

__all__ = ["KIND_MODELS", "KINDS", "Community", "Helpline", "Listing", "Teletherapy"]
