"""Each post's metadata as Pelican reads it, before anything else sees it: text without bidi
overrides or control characters, an event's own Status and Timezone kept apart from Pelican's."""

from __future__ import annotations

from ..sanitize import BIDI_OR_CONTROL, strip_controls
from .events import STATUSES as EVENT_STATUSES

PELICAN_STATUSES = {"published", "hidden", "draft", "skip"}
# Marquee's own: written and waiting for the lead's approval. Built as a draft (in previews only,
# never in the public site, its feeds or on the networks) until its Status says published.
REVIEW = "review"


def clean_metadata(generator, metadata) -> None:
    """Text fields lose bidi overrides and control characters (a title cannot reorder the page
    around it, and no page carries characters HTML forbids); everything else is escaped later."""
    for key, value in metadata.items():
        if isinstance(value, list):
            metadata[key] = [_clean(item) for item in value]
        else:
            metadata[key] = _clean(value)


def _clean(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(getattr(value, "name", None), str) and BIDI_OR_CONTROL.search(value.name):
        value.name = strip_controls(value.name)  # Pelican's Tag, Category, Author
    return value


def separate_event_status(generator, metadata) -> None:
    """Keep an event's own fields apart from Pelican's fields of the same name.

    `Status` (scheduled, cancelled ...) is not Pelican's (published, draft ...), and
    `Timezone` is the event's zone, while Pelican would read it as the zone of the post's
    Date (and crash on a typo). Both move to keys of their own before Pelican sees them, so
    our validation can name a bad value and suggest the right one.
    """
    is_event = "event-kind" in metadata
    status = str(metadata.get("status", "")).strip().lower()
    if status in EVENT_STATUSES or (status and is_event and status not in PELICAN_STATUSES | {REVIEW}):
        metadata["event-status"] = status
        del metadata["status"]
    if is_event and "timezone" in metadata:
        metadata["event-timezone"] = metadata.pop("timezone")


def review_waits_as_draft(generator, metadata) -> None:
    """`Status: review` is a draft Pelican builds into previews only; `article.review` says why."""
    if str(metadata.get("status", "")).strip().lower() == REVIEW:
        metadata["status"] = "draft"
        metadata["review"] = True
