"""Everything fetched from outside is untrusted: keep only safe text markup (nh3)."""

from __future__ import annotations

import datetime as dt
import re

import nh3

TAGS = {"p", "br", "a", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote", "code", "pre", "span"}
ATTRIBUTES = {"a": {"href"}}  # no class, no style, no event handlers
SCHEMES = {"http", "https", "mailto"}  # no javascript:, no data:


def clean_html(html: str) -> str:
    """Sanitized HTML: safe tags only, links that cannot run code and do not pass on ranking."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "template"},
    ).strip()


def plain(text: str, limit: int = 300) -> str:
    """Plain text as written (templates escape it): whitespace folded, cut at `limit` characters."""
    folded = re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()
    return folded if len(folded) <= limit else folded[: limit - 1].rsplit(" ", 1)[0] + "…"


def clean_text(text: str, limit: int = 300) -> str:
    """Plain text from HTML (every tag removed, whitespace folded), cut at `limit` characters."""
    plain = re.sub(r"\s+", " ", nh3.clean(text, tags=set())).strip()
    plain = plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"


def timestamp(value) -> str:
    """A fetched date (datetime or ISO string) as ISO 8601 in UTC to the second; "" if unreadable."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return ""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
