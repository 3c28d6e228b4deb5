"""Hostile strings, a fixture film that carries them in every field, and a page inspector.

The inspector parses a page with html5lib, as a browser would, and lists anything that could run
code or leave the site: a script the theme did not write, an event-handler attribute, a URL
attribute that is not http(s), mailto or relative, an element the theme never produces.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib

PAYLOADS = (
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(2)>",
    "</script><script>alert(3)</script><!--",
    " JAVASCRIPT:alert(4)",
    "java\tscript:alert(5)",
    "&#106;avascript:alert(6) &lt;script&gt;alert(6)&lt;/script&gt;",
    "data:text/html,<script>alert(7)</script>",
    "\u202egnp.exe\u202c \u2028\u2029 <svg onload=alert(8)>",
    "{{ 7 * 7 }} {% raw %}\x0b\x1b",
)
BAD_SCHEMES = (
    "javascript:alert(1)",
    " JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
)

# What the theme writes: anything else in a page came from content or a payload.
THEME_SCRIPTS = ("/theme/js/embeds.js",)
FORBIDDEN = {
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "textarea",
    "select",
    "button",
    "base",
    "frame",
    "frameset",
    "applet",
    "math",
    "style",
    "template",
    "portal",
    "noscript",
    "meta-refresh",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "ping",
    "manifest",
    "xlink:href",
    "data-embed-src",
}
PLAYER_HOSTS = ("https://www.youtube-nocookie.com/", "https://player.vimeo.com/")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def scheme(value: str) -> str:
    """The scheme a browser would see: controls and whitespace are dropped before it parses."""
    cleaned = re.sub(r"[\x00-\x20]", "", value)
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return found[1].lower() if found else ""


def inspect(path: Path, allow_svg: bool = False, name: str = "") -> list[str]:
    """Every way the page at `path` could run code or load what the theme did not put there."""
    document = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    problems = []
    head = document.find("head")
    in_head = set(head.iter()) if head is not None else set()
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        where = f"{name or path.name}: <{tag}>"
        if tag == "script":
            src, kind = element.get("src", ""), element.get("type", "")
            if src and src.endswith(THEME_SCRIPTS) and not (element.text or "").strip():
                pass
            elif kind == "application/ld+json" and not src:
                try:
                    json.loads(element.text or "")
                except ValueError as error:
                    problems.append(f"{where} JSON-LD that does not parse: {error}")
            else:
                problems.append(f"{where} a script the theme did not write: {(src or element.text or '')[:80]!r}")
        if tag == "style" and element in in_head and theme_style(element.text or ""):
            pass  # the film's colours and typeface (content/palette.py, content/typeface.py)
        elif (
            tag == "svg"
            and (element.get("class") or "").split()[:1] in (["laurel__branch"], ["visually-hidden"])
            and laurel(element)
        ):
            pass  # the home page's laurels (partials/macros.html)
        elif tag in FORBIDDEN or (tag == "svg" and not allow_svg):
            problems.append(f"{where} an element the theme does not produce")
        if tag in ("link", "meta") and element not in in_head:
            problems.append(f"{where} in the body")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            problems.append(f"{where} a refresh")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{where} an event handler {name}={value[:60]!r}")
            if name.lower() in URL_ATTRIBUTES:
                values = [v.strip().split()[0] for v in value.split(",") if v.strip()] if name == "srcset" else [value]
                for url in values:
                    if scheme(url) not in ("", "http", "https", "mailto"):
                        problems.append(f"{where} {name}={url[:60]!r}")
                    if name == "data-embed-src" and not url.startswith(PLAYER_HOSTS):
                        problems.append(f"{where} a player from elsewhere: {url[:60]!r}")
    return problems


def theme_style(css: str) -> bool:
    """The theme's own <style>: custom properties and @font-face rules loading fonts from the site."""
    urls = re.findall(r'url\("((?:[^"\\]|\\.)*)"\)|url\(([^)"]*)\)', css)
    urls = [quoted or bare for quoted, bare in urls]
    rules = re.sub(
        r"@font-face\{[^{}]*\}|:root\{[^{}]*\}|@media \(prefers-color-scheme: dark\)\{:root\{[^{}]*\}\}", "", css
    )
    return not rules.strip() and all(re.fullmatch(r"(https?://[^/]+)?/theme/fonts/[\w.%-]+\.woff2", u) for u in urls)


def laurel(svg) -> bool:
    """A laurel branch: shapes and a reference to the theme's own symbol, nothing else."""
    allowed = {"svg", "symbol", "path", "ellipse", "use"}
    return all(e.tag.split("}")[-1] in allowed for e in svg.iter() if isinstance(e.tag, str)) and all(
        e.get("href", "#laurel-branch") == "#laurel-branch" for e in svg.iter() if isinstance(e.tag, str)
    )


def site_problems(output: Path, allow_svg_under: str = "report") -> list[str]:
    found = []
    for page in sorted(output.rglob("*.html")):
        found += inspect(page, allow_svg=allow_svg_under in page.parts, name=str(page.relative_to(output)))
    return found
