"""The pages Pelican does not write: the diary's locations, series indexes, share images,
robots.txt, episode files, maps, fonts and the press-kit zip."""

from __future__ import annotations

import logging
import posixpath
import shutil
from pathlib import Path

from pelican.generators import Generator

from .. import media
from . import presskit, share, sitemap, typeface
from .pictures import Picture, content_file
from .site import LOCATIONS, SiteData

log = logging.getLogger("marquee.content")


class ContentPagesGenerator(Generator):
    """Writes what Pelican does not: locations, series indexes, share images, the press kit zip."""

    def generate_output(self, writer) -> None:
        site: SiteData = self.context["marquee"]
        relative = self.settings.get("RELATIVE_URLS", False)
        if site.catalog.locations:
            writer.write_file(
                f"{LOCATIONS}index.html",
                self.get_template("locations"),
                self.context,
                relative_urls=relative,
                url=LOCATIONS,
                page_name=f"{LOCATIONS}index",
            )
        for series in site.catalog.series:
            writer.write_file(
                f"{series.url}index.html",
                self.get_template("series"),
                self.context,
                relative_urls=relative,
                url=series.url,
                series=series,
                page_name=f"{series.url}index",
            )
        self.write_share_images(site)
        (Path(self.output_path) / "robots.txt").write_text(
            sitemap.robots(site.settings.feed_base_url), encoding="utf-8"
        )
        for article in self.context["articles"]:
            if getattr(article, "episode", None):
                self.write_episode_files(article)
        if site.press_kit:
            self.write_press_kit(site)
        for made in site.maps:
            target = Path(self.output_path) / made.src
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(made.file, target)
        if site.typeface:
            fonts = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / typeface.FOLDER
            fonts.mkdir(parents=True, exist_ok=True)
            for (name, _), source in zip(site.typeface.faces, site.typeface.files, strict=False):
                shutil.copyfile(source, fonts / name)

    def write_episode_files(self, article) -> None:
        """Beside the episode page: its transcript and JSON chapters; at their own paths: its
        local podcast and video files (copied: content/ is not a static path)."""
        from ..feeds.podcast import chapters_json  # here: feeds imports content

        episode, out = article.episode, Path(self.output_path)
        folder = out / posixpath.dirname(article.save_as)
        if episode.transcript_vtt:
            (folder / "transcript.vtt").write_bytes(episode.transcript_vtt.read_bytes())
        if episode.enclosure and episode.podcast_chapters:  # for podcast apps (podcast:chapters)
            (folder / "chapters.json").write_bytes(chapters_json(episode))
        files = {episode.video.url} if episode.video.provider == "file" else set()
        files |= {episode.enclosure.url} if episode.enclosure and episode.enclosure.local else set()
        for name in sorted(files):
            source = content_file(self.settings["PATH"], name)
            if source:
                target = out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)

    def write_share_images(self, site: SiteData) -> None:
        content, out = Path(self.settings["PATH"]), Path(self.output_path)
        cache = Path(site.settings.cache_path) / "share-images"
        poster = content_file(content, site.film.poster) if site.film.poster else None
        posts = self.context["articles"] + self.context["pages"] + self.context.get("hidden_pages", [])
        jobs = [(out / site.home_share.src, None, poster, site.film.logline, site.film.title)]
        for post in posts:
            image = post.image if isinstance(getattr(post, "image", None), Picture) else None
            source = content / image.source if image else None
            jobs.append((out / post.share.src, source, poster, post.title, site.film.title))
        share.make_all(jobs, cache)

    def write_press_kit(self, site: SiteData) -> None:
        """Stills and poster at full size, as the image pipeline publishes them: oriented, and
        without metadata beyond the credit the producer set."""
        content = Path(self.settings["PATH"])
        library = media.library_for(content)
        stills = sorted((content / site.settings.stills).glob("*.*"))
        entries = [(p.relative_to(content).as_posix(), f"stills/{p.stem}") for p in stills]
        entries += [(site.film.poster, "poster")] if site.film.poster else []
        files = {}
        for source, name in entries:
            published = library.download(source) if library else None
            if published is not None:  # else not an image the pipeline publishes (it said why)
                files[name + published.suffix] = published
        text = presskit.synopsis_text(site.film.title, site.press_kit.content)
        presskit.write(Path(self.output_path) / site.settings.press_kit_zip, files, {"synopsis.txt": text})


def get_generators(pelican):
    return ContentPagesGenerator
