"""Markdown extension: a URL alone on its own line becomes an embed.

A paragraph whose only content is a URL (bare, or as an <autolink>), optionally followed by
` | options`, is handed to the first provider that matches it. The provider's data is rendered
by the theme's embeds/*.html templates in an autoescaping Jinja environment (fetched text is
untrusted). A URL no provider takes, or one whose service cannot be reached, stays a plain link.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..networks.base.embed import EmbedContext
from . import options as embed_options
from .providers import PROVIDERS

_LINE = re.compile(r"\s*(https?://\S+|[\w./{}-]+\.(?:mp4|webm))\s*(?:\|\s*(.*?))?\s*", re.S | re.I)
_TAIL = re.compile(r"\s*(?:\|\s*(.*?))?\s*", re.S)


def lone_url(p: etree.Element) -> tuple[str, str] | None:
    """(url, options text) when paragraph `p` holds nothing but a URL (and options)."""
    children = list(p)
    if not children:
        found = _LINE.fullmatch(p.text or "")
        return (found[1], found[2] or "") if found else None
    if len(children) == 1 and children[0].tag == "a" and not (p.text or "").strip():
        link = children[0]
        href = link.get("href", "")
        tail = _TAIL.fullmatch(link.tail or "")
        if href and (link.text or "").strip() == href and not list(link) and tail:
            return href, tail[1] or ""
    return None


class EmbedProcessor(Treeprocessor):
    def __init__(self, md, extension: EmbedExtension):
        super().__init__(md)
        self.ctx, self.embed_html = extension.ctx, extension.embed_html

    def run(self, root):
        for p in root.iter("p"):
            found = lone_url(p)
            if not found:
                continue
            url, option_text = found
            opts, problems = embed_options.parse(option_text)
            for problem in problems:
                self.ctx.warn("embed %s: %s", url, problem)
            html = self.embed_html(url, opts)
            p.clear()
            if html is None:  # stays a link
                link = etree.SubElement(p, "a", href=url)
                link.text = url
            else:
                trusted = getattr(self.md, "marquee_trusted", None)  # content.markup's sanitizer
                p.text = trusted.token(html) if trusted else self.md.htmlStash.store(html)


def _catalog(context):
    from ..languages.words import (
        translations,  # the theme's catalogs, as the pages use them
    )

    theme, language = context.get("embed_words") or ("", "")
    return translations(Path(theme), language)


class EmbedExtension(Extension):
    def __init__(self, ctx: EmbedContext, template_dirs: list[str], **kwargs):
        super().__init__(**kwargs)
        self.ctx = ctx
        self.template_dirs = template_dirs
        self._env = None
        self.language = ""  # of the post being read (set by the reader): the embed's words in it

    def __getstate__(self) -> dict:
        # Pelican's content cache pickles the Markdown settings, this extension with them.
        return {**self.__dict__, "_env": None}

    @property
    def env(self) -> Environment:
        if self._env is None:
            from ..languages.words import install_gettext

            self._env = Environment(
                loader=FileSystemLoader(self.template_dirs),
                autoescape=select_autoescape(default=True),
                trim_blocks=True,
                lstrip_blocks=True,
            )
            install_gettext(self._env, _catalog)
        return self._env

    def render(self, template: str, data: dict, language: str = "") -> str:
        theme = str(Path(self.template_dirs[0]).parent)
        return self.env.get_template(template).render(**data, embed_words=(theme, language or self.language)).strip()

    def embed_html(self, url: str, opts: dict | None = None, language: str = "") -> str | None:
        """The embed's HTML; None (the URL stays a link) when no provider takes it or the one that
        does cannot render it: one bad answer from another site never stops a build."""
        for provider in PROVIDERS:
            found = provider.match(url)
            if found is not None:
                try:
                    embed = provider.render(found, opts or {}, self.ctx)
                    return self.render(embed.template, embed.data, language) if embed else None
                except Exception as error:  # noqa: BLE001 (anything a payload can provoke)
                    self.ctx.warn(
                        "embed %s: cannot be shown (%s: %s); it stays a link", url, type(error).__name__, error
                    )
                    return None
        return None

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        # After "inline" (20), which turns <autolinks> into <a>; before "prettify" (10).
        md.treeprocessors.register(EmbedProcessor(md, self), "marquee_embeds", 15)
