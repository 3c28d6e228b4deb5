"""Production settings: `invoke publish` builds with these."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
MARQUEE_PUBLISHING = True  # placeholder text left by `invoke new` stops the build
# Drafts (Status: draft) are previewed locally only: the public site never has them.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Where `invoke publish` deploys (MARQUEE_DEPLOY), where new posts go out (MARQUEE_SYNDICATION;
# secrets only from the environment, see .env.example), webmentions (MARQUEE_WEBMENTION) and the
# editor's repository (MARQUEE_EDITOR) are the film's: data/site.json's "publish" settings.
from marquee.settings.site_file import read as _site_file  # noqa: E402

globals().update(_site_file(__file__, "publish"))
FEED_DOMAIN = SITEURL  # noqa: F405 (SITEURL comes from the data file)
