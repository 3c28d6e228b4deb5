"""Interview series episodes: content/interviews/ -> article.episode.

Chapters come from a "Chapters" section of timestamped list items, the transcript from a
"Transcript" section or a .vtt file beside the post; both are lifted out of the body so the
episode template can place them. The podcast file (Podcast:, else a Video file) is what podcast
apps play: its size, type and length are read from the file, or given for one on a media host.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..net.policy import ascii_url
from . import fields as f
from .htmlparts import split_sections
from .pictures import content_file

KIND = "an episode"
VIDEO_FILES = (".mp4", ".webm")
# What podcast apps play (Apple: M4A, MP3, MOV, MP4, M4V; Podcast Index apps also Ogg/Opus).
PODCAST_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/x-m4a",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
    ".mp4": "video/mp4",
    ".m4v": "video/x-m4v",
    ".mov": "video/quicktime",
}


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube", "vimeo" or "file"
    url: str  # as written; for a file, its path under content/
    id: str
    start: int = 0  # seconds
    size: int = 0  # bytes, for a local file (podcast enclosures need it)

    def at(self, seconds: int) -> str:
        """A link that starts the clip at `seconds`."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}&t={seconds}s"
        if self.provider == "vimeo":
            return f"https://vimeo.com/{self.id}#t={seconds}s"
        return f"{self.url}#t={seconds}"

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}"
        if self.provider == "vimeo":
            return f"https://player.vimeo.com/video/{self.id}?dnt=1"
        return self.url


def video(text: str) -> Video:
    expected = "a YouTube or Vimeo URL, or the path of an .mp4/.webm file under content/"
    if text.lower().endswith(VIDEO_FILES) and "://" not in text:
        if not re.fullmatch(r"[\w./{}-]+", text):
            raise f.Invalid("a video file path", "letters, digits, - _ . and / only, e.g. videos/episode-1.mp4")
        return Video("file", text.lstrip("/"), Path(text).stem)
    if f.web_url(text) is None:
        raise f.Invalid("a video", expected)
    parts = urlparse(text)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    query = parse_qs(parts.query)
    start = f.seconds((query.get("t") or query.get("start") or [""])[0]) or 0
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch" and re.fullmatch(r"[\w-]{6,}", (query.get("v") or [""])[0]):
            return Video("youtube", text, query["v"][0], start)
        if parts.path == "/playlist" and re.fullmatch(r"[\w-]{6,}", (query.get("list") or [""])[0]):
            return Video("youtube", text, query["list"][0], start)
        match = re.fullmatch(r"/(?:shorts|embed|live)/([\w-]{6,})", parts.path)
        if match:
            return Video("youtube", text, match[1], start)
    if host == "youtu.be" and re.fullmatch(r"/[\w-]{6,}", parts.path):
        return Video("youtube", text, parts.path[1:], start)
    if host in ("vimeo.com", "player.vimeo.com"):
        match = re.search(r"/(\d+)$", parts.path)
        if match:
            return Video("vimeo", text, match[1], start)
    raise f.Invalid("a video", expected)


def podcast_file(text: str) -> str:
    """A path under content/ or an https URL of an audio or video file podcast apps play."""
    kinds = ", ".join(PODCAST_TYPES)
    if "://" not in text:
        if not re.fullmatch(r"[\w./-]+", text) or Path(text).suffix.lower() not in PODCAST_TYPES:
            raise f.Invalid("a podcast file", f"a path under content/ such as audio/episode-1.mp3, of type {kinds}")
        return text.lstrip("/")
    if f.web_url(text) is None or " " in text:
        raise f.Invalid("a podcast file", "a path under content/ or a full https:// URL of the file")
    return text


def mime_type(text: str) -> str:
    if not re.fullmatch(r"(audio|video)/[\w.+-]+", text.strip().lower()):
        raise f.Invalid("an audio or video type", "e.g. audio/mpeg or video/mp4")
    return text.strip().lower()


SCHEMA = (
    f.Field("Series", required=True, expected="the series' name, e.g. Off the Call Sheet"),
    f.Field("Episode", f.integer, required=True, expected="the episode number"),
    f.Field("Guests", f.people, required=True, expected='"Name (role), Name (role)"'),
    f.Field("Topics", f.words),
    f.Field("Video", video, required=True, expected="a YouTube or Vimeo URL, or a video file"),
    f.Field("Duration", f.duration),
    f.Field("Season", f.integer),
    f.Field("Podcast", podcast_file),
    f.Field("Podcast-Length", f.byte_size),
    f.Field("Podcast-Type", mime_type),
    # Or a "## Chapters" list in the body; the browser editor writes them here, one per line.
    f.Field("Chapters"),  # its hint: editor/config.HINTS
)


@dataclass(frozen=True)
class Enclosure:
    """The file a podcast app downloads and plays."""

    url: str  # a path under content/ (published at the same path) or an absolute URL
    mime: str
    length: int  # bytes
    seconds: int = 0  # its running time, when it could be read from the file
    local: bool = True

    @property
    def medium(self) -> str:
        return self.mime.split("/")[0]

    @property
    def label(self) -> str:
        """ "MP3, 121 KB, 0:31": what a listener wants to know before downloading."""
        size = f"{self.length / 1048576:.1f} MB" if self.length >= 1048576 else f"{max(1, self.length // 1024)} KB"
        parts = [Path(urlparse(self.url).path).suffix.lstrip(".").upper() or self.mime, size]
        if self.seconds:
            parts.append(f"{self.seconds // 60}:{self.seconds % 60:02d}")
        return ", ".join(parts)

    def address(self, base_url: str) -> str:
        """Where apps fetch it: a local file under the site's base URL, its path percent-encoded."""
        return f"{base_url}/{quote(self.url)}" if self.local else ascii_url(self.url)


@dataclass(frozen=True)
class Chapter:
    seconds: int
    title: str

    @property
    def timestamp(self) -> str:
        h, rest = divmod(self.seconds, 3600)
        return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"


@dataclass(frozen=True)
class Episode:
    series: str
    number: int
    guests: tuple[f.Person, ...]
    video: Video
    topics: tuple[str, ...] = ()
    duration: dt.timedelta | None = None
    chapters: tuple[Chapter, ...] = ()
    transcript_html: str = ""  # the "Transcript" section, as HTML
    transcript_vtt: Path | None = None  # a .vtt file beside the post
    season: int = 1
    enclosure: Enclosure | None = None  # what podcast apps play; None: not in the podcast feed

    @property
    def podcast_chapters(self) -> tuple[Chapter, ...]:
        """The chapters, when they fit the podcast file (it may be a shorter cut than the clip)."""
        length = self.enclosure.seconds if self.enclosure else 0
        fits = not length or (self.chapters and self.chapters[-1].seconds < length)
        return self.chapters if fits else ()

    @property
    def series_slug(self) -> str:
        return slugify(self.series, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])

    @property
    def iso_duration(self) -> str:
        if not self.duration:
            return ""
        total = int(self.duration.total_seconds())
        return f"PT{total // 3600}H{total % 3600 // 60}M{total % 60}S"


_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_STAMP = re.compile(r"\s*(?:(\d+):)?(\d{1,2}):(\d{2})\s+(.+)", re.S)


def chapters(items: list[str], source: str) -> tuple[tuple[Chapter, ...], list[f.Problem]]:
    """Chapters from "MM:SS Title" texts: the items of the body's Chapters list, or the field's lines."""
    found, problems = [], []
    for item in items:
        match = _STAMP.fullmatch(item.strip())
        if not match:
            problems.append(
                f.Problem(source, "Chapters", f'"{item.strip()}" is not a chapter (expected "MM:SS Title")')
            )
            continue
        h, m, s, title = match.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + int(s)
        if found and seconds <= found[-1].seconds:
            problems.append(
                f.Problem(source, "Chapters", f'"{item.strip()}" does not come after the chapter before it')
            )
        found.append(Chapter(seconds, title.strip()))
    return tuple(found), problems


def vtt_text(path: Path) -> list[str]:
    """The spoken lines of a WebVTT file, without its header, cue ids, timings and notes."""
    lines, skip = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            skip = False
            continue
        if skip or line.startswith(("WEBVTT", "NOTE", "STYLE")) or "-->" in line or line.isdigit():
            skip = skip or line.startswith(("NOTE", "STYLE"))
            continue
        lines.append(re.sub(r"<[^>]+>", "", line))
    return lines


def build(values: dict, article, ctx) -> tuple[Episode | None, list[f.Problem]]:
    body, lifted = split_sections(article._content, ("chapters", "transcript"))
    listed = _ITEM.findall(lifted.get("chapters", ""))
    lines = [line for line in values.get("chapters", "").splitlines() if line.strip()]
    found, problems = chapters(lines or listed, ctx.source)
    if lines and listed:
        problems.append(
            f.Problem(
                ctx.source,
                "Chapters",
                "given twice, as a field and as a Chapters list in the body (expected one of the two)",
            )
        )
    duration = values.get("duration")
    if duration and found and found[-1].seconds >= duration.total_seconds():
        problems.append(
            f.Problem(
                ctx.source, "Chapters", f'"{found[-1].timestamp}" is after the end of the clip (Duration {duration})'
            )
        )
    if not {"series", "episode", "guests", "video"} <= values.keys():
        return None, problems
    clip = values["video"]
    if clip.provider == "file":
        path = content_file(ctx.content_path, clip.url)
        if path:
            clip = replace(clip, size=path.stat().st_size)
        else:
            problems.append(
                f.Problem(
                    ctx.source,
                    "Video",
                    f'"{clip.url}" is not a file under content/ (expected a path such as videos/episode-1.mp4)',
                )
            )
    enclosure, trouble = podcast(values, clip, ctx)
    problems += trouble
    vtt = Path(article.source_path).with_suffix(".vtt")
    article._content = body
    episode = Episode(
        series=values["series"],
        number=values["episode"],
        guests=values["guests"],
        video=clip,
        season=values.get("season", 1),
        topics=values.get("topics", ()),
        duration=duration,
        chapters=found,
        transcript_html=lifted.get("transcript", ""),
        transcript_vtt=vtt if vtt.is_file() else None,
        enclosure=enclosure,
    )
    return episode, problems


def podcast(values: dict, clip: Video, ctx) -> tuple[Enclosure | None, list[f.Problem]]:
    """The episode's podcast file: Podcast: (a file under content/ or a URL with its length),
    else a Video that is a file. None when there is nothing a podcast app can play."""
    given = values.get("podcast")
    if given is None:
        if clip.provider == "file" and clip.size and Path(clip.url).suffix.lower() in (*PODCAST_TYPES, ".webm"):
            path = content_file(ctx.content_path, clip.url)
            mime = PODCAST_TYPES.get(Path(clip.url).suffix.lower(), "video/webm")
            seconds = playing_time(path)
            if seconds is None:  # a name that says video is not a video
                return None, [
                    f.Problem(
                        ctx.source,
                        "Video",
                        f'"{clip.url}" is not a video file podcast apps or browsers can play '
                        f"(expected {', '.join((*PODCAST_TYPES, '.webm'))})",
                    )
                ]
            return Enclosure(clip.url, mime, clip.size, seconds), []
        return None, []
    suffix = Path(urlparse(given).path).suffix.lower()
    mime = values.get("podcast-type") or PODCAST_TYPES.get(suffix)
    if "://" in given:
        problems = []
        if "podcast-length" not in values:
            problems.append(
                f.Problem(
                    ctx.source,
                    "Podcast-Length",
                    "missing: podcast apps need the size in bytes of a podcast file on another host (e.g. 48213344)",
                )
            )
        if mime is None:
            problems.append(
                f.Problem(
                    ctx.source,
                    "Podcast-Type",
                    f'missing: "{given}" does not end in {", ".join(PODCAST_TYPES)}; give its type, e.g. audio/mpeg',
                )
            )
        if problems:
            return None, problems
        return Enclosure(given, mime, values["podcast-length"], local=False), []
    path = content_file(ctx.content_path, given)
    if path is None:
        return None, [
            f.Problem(
                ctx.source,
                "Podcast",
                f'"{given}" is not a file under content/ (expected a path such as audio/episode-1.mp3)',
            )
        ]
    seconds = playing_time(path)
    if seconds is None:
        return None, [
            f.Problem(
                ctx.source,
                "Podcast",
                f'"{given}" is not an audio or video file podcast apps can play (expected {", ".join(PODCAST_TYPES)})',
            )
        ]
    return Enclosure(given, mime, path.stat().st_size, seconds), []


def playing_time(path: Path | None) -> int | None:
    """Seconds of audio or video in the file (mutagen reads the headers only); None when it is not one."""
    import mutagen  # here: only episodes with a file need it

    try:
        media = mutagen.File(path) if path else None
    except (mutagen.MutagenError, OSError, ValueError):
        return None
    if media is None or not getattr(media.info, "length", 0):
        return None
    return round(media.info.length)
