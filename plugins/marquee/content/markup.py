"""A post's body is the producer's HTML: sanitized before any template marks it safe.

The Markdown extension runs last: everything Markdown, its extensions (attr_list can add any
attribute) and raw HTML in the post produced goes through sanitize.clean_body; HTML that
Marquee itself made during the conversion (embeds) is set aside under a token beforehand and put
back after, so it keeps its markup. Posts read by other readers (reStructuredText, HTML) are
sanitized when Pelican makes their content object.
"""

from __future__ import annotations

import re
import secrets
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor

from ..sanitize import clean_body

# Pelican names a post's reader after its class (MarkdownReader -> "markdown"): these run the
# Markdown extension below, which sanitizes everything but Marquee's own HTML.
MARKDOWN_READERS = {"markdown", "reusingmarkdown"}


class TrustedHtml:
    """Marquee's own HTML for one Markdown instance, kept out of the sanitizer's way."""

    def __init__(self):
        self.nonce = secrets.token_hex(8)  # not guessable from a post, so a post cannot forge one
        self.blocks: list[str] = []
        self.pattern = re.compile(rf"(?:<p>)?marquee-trusted-{self.nonce}-(\d+)(?:</p>)?")

    def token(self, html: str) -> str:
        self.blocks.append(html)
        return f"marquee-trusted-{self.nonce}-{len(self.blocks) - 1}"

    def restore(self, html: str) -> str:
        if not self.blocks:
            return html
        return self.pattern.sub(lambda m: self.blocks[int(m[1])], html)


class SanitizePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        # Also called on fragments (toc renders heading names): blocks live until md.reset().
        return self.md.marquee_trusted.restore(clean_body(text))


class SafeBodyExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        md.marquee_trusted = TrustedHtml()
        md.registerExtension(self)  # so that md.reset() calls reset() below
        # After raw_html (30) has put the post's own HTML back, and after amp_substitute (20).
        md.postprocessors.register(SanitizePostprocessor(md), "marquee_sanitize", 1)
        self.md = md

    def reset(self) -> None:
        self.md.marquee_trusted.blocks.clear()


class BareEmailProcessor(InlineProcessor):
    """An email address written as plain text ("write to press@film.example") becomes a mailto
    link, as a reader expects and as `<press@film.example>` would."""

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's name)
        link = etree.Element("a", {"href": f"mailto:{m[1]}"})
        link.text = m[1]
        return link, m.start(0), m.end(0)


class BareEmailExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        # Last of the inline patterns: links, automail and code spans have taken their text first.
        md.inlinePatterns.register(
            BareEmailProcessor(
                r"(?<![\w.+@/:-])([\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w@-])", md
            ),
            "marquee_bare_email",
            5,
        )


def add_extension(pelican) -> None:
    """Autoescape in every template, and the sanitizer in every Markdown conversion."""
    pelican.settings.setdefault("JINJA_ENVIRONMENT", {})["autoescape"] = True
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(e, SafeBodyExtension) for e in extensions):
        extensions.append(SafeBodyExtension())
    if not any(isinstance(e, BareEmailExtension) for e in extensions):
        extensions.append(BareEmailExtension())


def sanitize_other_readers(content) -> None:
    """Content from a reader other than Markdown gets the same allowlist."""
    reader = str(getattr(content, "reader", "") or "")
    if reader and reader not in MARKDOWN_READERS and getattr(content, "_content", None):
        content._content = clean_body(content._content)
