"""Everything fetched from outside is untrusted: keep only safe text markup (nh3).

Two allowlists: fetched HTML (posts from other networks) keeps a few text tags and absolute
http(s)/mailto links; a post's own body (Markdown and the HTML a producer writes in it) keeps
what Markdown and its extensions produce, without scripts, event handlers, frames, forms, styles
or javascript:/data: URLs. Bidirectional controls are removed from fetched text so a name cannot
reorder the page around it.
"""

from __future__ import annotations

import datetime as dt
import re

import nh3

from .net.policy import web_url

TAGS = {"p", "br", "a", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote", "code", "pre", "span"}
ATTRIBUTES = {"a": {"href"}}  # no class, no style, no event handlers
SCHEMES = {"http", "https", "mailto"}  # no javascript:, no data:
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "noscript",
    "form",
    "textarea",
    "select",
}

# A post's body: what Markdown, extra (tables, footnotes, abbr, def lists, attr_list), toc and
# smarty produce, plus the figure/picture markup producers write by hand.
BODY_TAGS = TAGS | {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "cite",
    "q",
    "kbd",
    "samp",
    "var",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "details",
    "summary",
    "time",
    "wbr",
}
BODY_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "fetchpriority", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "align", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "abbr": {"title"},
    "details": {"open"},
}
URL_ATTRIBUTES = {"href", "src", "cite", "srcset"}
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides and isolates
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not allowed in HTML text
BIDI_OR_CONTROL = re.compile(_BIDI.pattern[:-1] + _CONTROL.pattern[1:])


def strip_controls(text: str) -> str:
    """Text without bidi embeddings/overrides/isolates or C0/C1 control characters."""
    return _CONTROL.sub("", _BIDI.sub("", text))


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        return web_url(value, mailto=True)
    return value


_FETCHED = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    attribute_filter=_absolute_links_only,
    url_schemes=SCHEMES,
    link_rel="nofollow noopener noreferrer ugc",  # fans' links pass on no ranking
    strip_comments=True,
    clean_content_tags=DROPPED_WITH_CONTENT,
)


def clean_html(html: str) -> str:
    """Sanitized HTML from another site: safe tags only, absolute links that cannot run code."""
    return _FETCHED.clean(strip_controls(str(html))).strip()


def _body_urls(element: str, attribute: str, value: str) -> str | None:
    if attribute == "srcset":  # "a.jpg 480w, b.jpg 960w": every candidate must pass
        candidates = [part.strip().split()[0] for part in value.split(",") if part.strip()]
        return value if all(_local_or_web(c) for c in candidates) else None
    if attribute in URL_ATTRIBUTES:
        return value if _local_or_web(value) else None
    return value


def _local_or_web(value: str) -> bool:
    """A link on this site (relative, #fragment, {static}) or an http(s)/mailto URL."""
    text = value.strip()
    head = re.split(r"[/?#]", text, maxsplit=1)[0]
    if ":" not in head or text.startswith("{"):
        return not re.search(r"[\x00-\x1f]", text)
    return web_url(text, mailto=True) is not None


_BODY = nh3.Cleaner(
    tags=BODY_TAGS,
    attributes=BODY_ATTRIBUTES,
    attribute_filter=_body_urls,
    url_schemes=SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags=DROPPED_WITH_CONTENT,
    filter_style_properties={"text-align"},  # Markdown tables align columns with style
)


def clean_body(html: str) -> str:
    """A post's own HTML (its Markdown converted): structure kept, anything that runs code, loads
    a frame, submits a form or styles the page removed."""
    return _BODY.clean(strip_controls(str(html)))


def plain(text: str, limit: int = 300) -> str:
    """Plain text as written (templates escape it): whitespace folded, cut at `limit` characters."""
    text = strip_controls(str(text))
    folded = re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()
    return folded if len(folded) <= limit else folded[: limit - 1].rsplit(" ", 1)[0] + "…"


def clean_text(text: str, limit: int = 300) -> str:
    """Plain text from HTML (every tag removed, whitespace folded), cut at `limit` characters."""
    plain = re.sub(r"\s+", " ", nh3.clean(strip_controls(str(text)), tags=set())).strip()
    plain = (
        plain.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
    )
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"


_MEDIA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.(?:jpe?g|png|webp|avif|gif)", re.I)


def media_name(name) -> str:
    """A stored image's plain file name, or "" when it is anything else (a path such as
    ../../secret from a snapshot in data/, which would otherwise be copied into the site)."""
    text = str(name or "")
    return text if _MEDIA_NAME.fullmatch(text) else ""


def timestamp(value) -> str:
    """A fetched date (datetime or ISO string) as ISO 8601 in UTC to the second; "" if unreadable."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return ""
    if not isinstance(value, dt.datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def redact(text: str, secret: str) -> str:
    """`text` with `secret` removed in every spelling an error message may carry it (as written,
    and URL-encoded in a query string: + / = become %2B %2F %3D, a space +)."""
    if not secret:
        return text
    from urllib.parse import quote, quote_plus

    for spelling in sorted({secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}, key=len, reverse=True):
        text = text.replace(spelling, "[secret]")
    return text
