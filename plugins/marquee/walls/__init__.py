"""Social walls: the film's accounts, fan posts under a hashtag, videos and feeds, fetched at
build time and shown on the home page and the Social page (/social/). Plugin ``marquee.walls``.

Settings (read by marquee.settings): walls (MARQUEE_WALLS, the sources; see docs/guide/embeds.md),
wall_data (MARQUEE_WALL_DATA, snapshots and their images) and wall_home (MARQUEE_WALL_HOME, posts
on the home page), and the network settings (MARQUEE_OFFLINE, MARQUEE_NET_*).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..content.fields import Problem
from ..networks.base.wall import Post
from .wall import Wall, fetch_all, latest, problems

__all__ = ["Post", "Wall", "fetch_all", "latest", "problems", "register"]
log = logging.getLogger(__name__)


class WallsGenerator(Generator):
    def generate_context(self) -> None:
        read = self.context["marquee"].settings
        sources = list(read.walls)
        found = problems(sources)
        if found:  # listed with every content problem; the build then stops (marquee.content)
            site = self.context.get("marquee")
            site.problems.extend(Problem("pelicanconf.py", "", message) for message in found)
            return
        data_dir = read.wall_data
        walls = fetch_all(sources, read.net, data_dir, read.now)
        self.context["marquee_walls"] = walls
        self.context["marquee_wall_latest"] = latest(walls, read.wall_home)
        self.media = data_dir / "media"

    def generate_output(self, writer) -> None:
        walls = self.context.get("marquee_walls")
        if not walls:
            return
        used = {name for w in walls for p in w.posts for name in [p.avatar, *(i["name"] for i in p.images)] if name}
        folder = Path(self.output_path) / "images" / "social"
        for name in sorted(used):
            if (self.media / name).is_file():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.media / name, folder / name)
        writer.write_file(
            "social/index.html",
            self.get_template("social"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url="social/",
            page_name="social/index",
        )


def get_generators(pelican):
    return WallsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
