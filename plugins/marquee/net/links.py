"""Links in HTML: a post's outgoing links, and a page's advertised webmention endpoint."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from .policy import web_url


class Links(HTMLParser):
    """<a href> in order (outgoing links), and the first rel=webmention <link>/<a> (discovery)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.endpoint: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
        if tag in ("a", "link") and href is not None and self.endpoint is None:
            if "webmention" in (attrs.get("rel") or "").lower().split():
                self.endpoint = href


def outgoing_links(html: str, site_url: str) -> list[str]:
    """The absolute http(s) links of a post's HTML that leave the site, in order, once each."""
    parser = Links()
    parser.feed(html)
    own = urlsplit(site_url).netloc.lower()
    found = []
    for href in parser.hrefs:
        url = web_url(href)
        if url and urlsplit(url).netloc.lower() != own and url.split("#")[0] not in found:
            found.append(url.split("#")[0])
    return found
