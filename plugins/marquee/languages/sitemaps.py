"""One sitemap per edition, each page listing every language version of itself (hreflang, itself
included, and x-default: the default language's), as search engines ask.

pelican-sitemap writes sitemap.xml of every page; this splits it by edition (es/sitemap.xml …)
and writes the alternates itself (pelican-sitemap's name the link `ref`, not `href`, and leave
the page itself out of its own list).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def alternates_of(posts, base: str) -> dict[str, dict[str, str]]:
    """absolute URL -> {language: absolute URL} for every post and page with translations."""
    found: dict[str, dict[str, str]] = {}
    for post in posts:
        versions = [post, *getattr(post, "translations", ())]
        if len(versions) > 1:
            group = {v.lang: f"{base}/{v.url}" for v in versions}
            for url in group.values():
                found[url] = group
    return found


def editions_alternates(listings: dict[str, dict[str, str]], base: str) -> dict[str, dict[str, str]]:
    """`listings`: path without edition ("", "diary/", "follow/") -> {language: root}."""
    found = {}
    for path, roots in listings.items():
        group = {lang: f"{base}/{root}{path}" for lang, root in roots.items()}
        for url in group.values():
            found[url] = group
    return found


def split(
    output: Path, roots: dict[str, str], default: str, alternates: dict[str, dict[str, str]], base: str
) -> list[str]:
    """Rewrite output/sitemap.xml into one sitemap per edition (`roots`: language -> "es/"), each
    <url> with its alternates; returns the sitemaps' paths for robots.txt."""
    source = output / "sitemap.xml"
    if not source.exists():
        return []
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.parse(source)
    by_edition: dict[str, list] = {lang: [] for lang in roots}
    for url in tree.getroot().findall(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc", "")
        for link in url.findall(f"{{{XHTML}}}link"):
            url.remove(link)
        group = alternates.get(loc)
        for lang, href in sorted((group or {}).items()):
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=href)
        if group and default in group:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default", href=group[default])
        path = loc.removeprefix(base + "/")
        lang = next((lang for lang, root in roots.items() if root and path.startswith(root)), default)
        by_edition[lang].append(url)
    written = []
    for lang, urls in by_edition.items():
        root = ET.Element(f"{{{SITEMAP}}}urlset")
        root.extend(urls)
        ET.indent(root)
        target = output / roots[lang] / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
        written.append(f"{roots[lang]}sitemap.xml")
    return written
