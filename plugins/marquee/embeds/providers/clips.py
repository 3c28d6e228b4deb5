"""The clip behind a YouTube or Vimeo URL, parsed as the interviews' Video field is."""

from __future__ import annotations

from ...content.fields import Invalid
from ...content.interviews import Video, video


def clip(url: str, provider: str) -> Video | None:
    try:
        found = video(url)
    except Invalid:
        return None
    return found if found.provider == provider else None
