"""Production settings: `invoke publish` builds with these."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://saltandstatic.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL
