"""Markdown extension: an image of the site in a post's body becomes a <picture> with every width
in the modern format and the fallback, its displayed width and height (nothing shifts as it
loads) and lazy loading. Images elsewhere, or not under content/, are left as they are."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

BODY_SIZES = "(min-width: 46rem) 44rem, 100vw"  # the prose column: .wrap--narrow


def content_source(src: str) -> str | None:
    """images/x.jpg from "{static}/images/x.jpg", "{attach}images/x.jpg" or "/images/x.jpg"."""
    for prefix in ("{static}", "{attach}", "{filename}"):
        if src.startswith(prefix):
            return src[len(prefix) :].lstrip("/")
    if "://" in src or src.startswith(("//", "data:", "#", "..")):
        return None
    return src.lstrip("/")


class PictureProcessor(Treeprocessor):
    def __init__(self, md, content_path: str, site_url: str):
        super().__init__(md)
        self.content_path, self.site_url = content_path, site_url

    def run(self, root):
        from . import library_for  # the build's library, made at get_generators

        found = library_for(self.content_path)
        if found is None:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            source = content_source(img.get("src", ""))
            plan = found.plan(source) if source else None
            if plan is None or not plan.widths or img in parents and parents[img].tag == "picture":
                continue
            width, height = plan.size
            *modern, (_, fallback) = plan.candidates
            img.set("src", f"{self.site_url}/{plan.url}")
            img.set("srcset", self.srcset(fallback))
            img.set("sizes", BODY_SIZES)
            img.set("width", str(width))
            img.set("height", str(height))
            img.set("loading", "lazy")
            img.set("decoding", "async")
            if not modern:
                continue
            parent = parents[img]
            picture = etree.Element("picture")
            for mime, candidates in modern:
                etree.SubElement(picture, "source", type=mime, srcset=self.srcset(candidates), sizes=BODY_SIZES)
            index = list(parent).index(img)
            picture.tail, img.tail = img.tail, None
            parent.remove(img)
            picture.append(img)
            parent.insert(index, picture)

    def srcset(self, candidates) -> str:
        return ", ".join(f"{self.site_url}/{path} {width}w" for path, width in candidates)


class PictureExtension(Extension):
    def __init__(self, content_path: str, site_url: str, **kwargs):
        super().__init__(**kwargs)
        self.content_path, self.site_url = str(content_path), site_url

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        # Late, after inline (20) made the <img> elements; before prettify (10).
        md.treeprocessors.register(PictureProcessor(md, self.content_path, self.site_url), "marquee_pictures", 12)
