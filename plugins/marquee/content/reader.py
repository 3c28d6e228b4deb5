"""Pelican's Markdown reader, reading YAML front matter too (frontmatter.py), and made cheaper: one Markdown instance per build, reset between files,
instead of one per file; and summaries rendered by a lean instance (typography and the sanitizer,
none of the body's extensions: embeds, pictures, table of contents, footnotes).

Pelican's own reader makes a new instance for every file because its metadata step deregisters
the `meta` preprocessor from it; this one renders metadata with the lean instance instead.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import pelican_open, slugify

from . import frontmatter
from .markup import SafeBodyExtension

log = logging.getLogger(__name__)

_instances: list[tuple[dict, Markdown, Markdown]] = []  # (MARKDOWN settings, body, summary): newest last


def _markdowns(settings: dict) -> tuple[Markdown, Markdown]:
    """The body and summary instances for these MARKDOWN settings (kept while they are in use)."""
    for known, body, summary in _instances:
        if known is settings:
            return body, summary
    body = Markdown(**settings)
    summary = Markdown(
        extensions=["markdown.extensions.smarty", SafeBodyExtension()],
        output_format=settings.get("output_format", "html5"),
    )
    _instances.append((settings, body, summary))
    del _instances[:-4]  # a process that builds many sites (tests, livereload) keeps the last few
    return body, summary


class ReusingMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        self._md, self._summary_md = _markdowns(self.settings["MARKDOWN"])
        self._md.reset()
        with pelican_open(source_path) as text:
            fields, body = frontmatter.split(
                text
            )  # YAML front matter, as the browser editor writes; Pelican names the file
            language = self._language(text)
            for extension in self._md.registeredExtensions:
                if hasattr(extension, "language"):  # embeds say "Play video" in the post's language
                    extension.language = language
            content = self._md.convert(body)
        if fields is not None:
            return content, self._language_from_name(self._parse_metadata(fields))
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, self._language_from_name(metadata)

    def _language(self, text: str) -> str:
        """The post's language before its metadata is parsed: its Lang field, its name, or the site's."""
        found = re.search(r"^lang:\s*['\"]?([A-Za-z-]+)", text[:4000], re.I | re.M)
        named = self._named_language()
        return found[1] if found else named[1] if named else self.settings.get("DEFAULT_LANG", "en")

    def _named_language(self) -> tuple[str, str] | None:
        """(slug, language) of a file named `day-12.es.md`, es being one of the site's languages."""
        base, dot, code = Path(self._source_path).stem.rpartition(".")
        codes = {self.settings.get("DEFAULT_LANG"), *(self.settings.get("MARQUEE_LANGUAGES") or {})}
        return (base, code) if dot and base and code in codes else None

    def _language_from_name(self, metadata: dict) -> dict:
        """`day-12.es.md`: a translation into one of the site's languages, so its Lang is es and its
        slug the original's (day-12), unless the file says otherwise."""
        named = self._named_language()
        if named:
            metadata.setdefault("lang", named[1])
            metadata.setdefault(
                "slug",
                slugify(
                    named[0],
                    regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                    preserve_case=self.settings.get("SLUGIFY_PRESERVE_CASE", False),
                    use_unicode=self.settings.get("SLUGIFY_USE_UNICODE", False),
                ),
            )
        return metadata

    def _parse_metadata(self, meta):
        """As Pelican's, with formatted fields (Summary) through the lean instance."""
        output = {}
        for name, value in meta.items():
            name = name.lower()
            if name in self.settings["FORMATTED_FIELDS"]:
                self._summary_md.reset()
                output[name] = self.process_metadata(name, self._summary_md.convert("\n".join(value)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(value) > 1:
                    log.warning("Duplicate definition of `%s` for %s. Using first one.", name, self._source_path)
                output[name] = self.process_metadata(name, value[0])
            else:
                output[name] = self.process_metadata(name, value if len(value) > 1 else value[0])
        return output


def use(readers) -> None:
    """Connected to readers_init: the reusing reader for every Markdown extension."""
    for extension in ReusingMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader
