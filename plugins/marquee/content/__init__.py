"""Content types: diary, interviews, events, press, contests.

Plugin ``marquee.content``. Each content folder is a section: its posts get their own
template (diary.html ...), their metadata parsed into a typed object (article.shoot,
article.episode, article.event, article.release, article.contest), a share image and
structured data. Every problem in every file is listed, then the build stops before writing.
The template context gets ``marquee`` (SiteData). Extra pages: the diary's locations, one
index per interview series, share images and the press-kit zip.

This file connects the signals; the work is in metadata.py (each post's fields as read),
finalize.py (every post parsed and checked, the context made), site.py (SiteData),
problems.py (what no single type finds) and pages.py (the pages Pelican does not write).
"""

from __future__ import annotations

import logging

from pelican import signals

from .. import logs, media, output
from . import markup, reader, readfailures, sitemap, template_cache
from .finalize import all_finalized, articles_finalized, install_words, pages_finalized
from .metadata import clean_metadata, review_waits_as_draft, separate_event_status
from .pages import get_generators
from .pictures import Picture, picture
from .problems import NoTracebackForContentErrors, check_settings, start_counting_errors
from .site import SiteData
from .validate import ContentError

__all__ = ["ContentError", "Picture", "SiteData", "picture", "register", "separate_event_status"]


def register() -> None:
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, NoTracebackForContentErrors) for f in pelican_logger.filters):
        pelican_logger.addFilter(NoTracebackForContentErrors())
    output.register()  # atomic output: every build writes to a staging folder, swapped in on success
    signals.initialized.connect(logs.unwrap)  # one line per message where no terminal shows them
    signals.initialized.connect(markup.add_extension)
    signals.initialized.connect(template_cache.install)  # after the autoescape: it is in the cache's key
    signals.initialized.connect(readfailures.install)
    signals.content_object_init.connect(markup.sanitize_other_readers)
    signals.readers_init.connect(reader.use)
    signals.generator_init.connect(install_words)
    signals.initialized.connect(check_settings)
    sitemap.register()  # before pelican-sitemap's handlers: listings get dates, the sitemap absolute URLs
    signals.article_generator_init.connect(start_counting_errors)
    signals.article_generator_context.connect(clean_metadata)
    signals.page_generator_context.connect(clean_metadata)
    signals.article_generator_context.connect(separate_event_status)
    signals.article_generator_context.connect(review_waits_as_draft)
    signals.article_generator_finalized.connect(articles_finalized)
    signals.page_generator_finalized.connect(pages_finalized)
    signals.all_generators_finalized.connect(all_finalized)
    signals.get_generators.connect(get_generators)
    media.register()  # last: its all_generators_finalized runs after ours, so a content error stops it first
