"""Counting as each network counts, and fitting a text into its limit.

Mastodon counts grapheme clusters with every URL as 23; Bluesky counts graphemes of the text as
shown (we show a short form of the link and put the full URL in a facet). Facet offsets are UTF-8
byte offsets, as the atproto rich-text lexicon requires.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

_GRAPHEME = regex.compile(r"\X")
URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
HASHTAG = re.compile(r"(?<![\w#])#([^\W\d_][\w]*|\d+[^\W\d][\w]*)")
ELLIPSIS = "…"


def graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(text))


_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")
# twitter-text v3: these code points weigh 1, every other weighs 2 (CJK, most emoji parts ...).
_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def x_weight(text: str) -> int:
    """X's weighted length (twitter-text v3): NFC, light code points 1, others 2, an emoji 2."""
    total = 0
    for cluster in _GRAPHEME.findall(unicodedata.normalize("NFC", text)):
        if _EMOJI.search(cluster):
            total += 2
        else:
            total += sum(1 if any(a <= ord(ch) <= b for a, b in _LIGHT) else 2 for ch in cluster)
    return total


def threads_weight(text: str) -> int:
    """Threads: graphemes, but an emoji counts as many as its UTF-8 bytes."""
    return sum(len(cluster.encode("utf-8")) if _EMOJI.search(cluster) else 1 for cluster in _GRAPHEME.findall(text))


@dataclass(frozen=True)
class Counting:
    limit: int
    url_weight: int | None = None  # every URL counts this many characters, whatever its length
    weighted: bool = False  # X: count with x_weight instead of graphemes
    emoji_bytes: bool = False  # Threads: count with threads_weight

    def length(self, text: str) -> int:
        measure = x_weight if self.weighted else threads_weight if self.emoji_bytes else graphemes
        if self.url_weight is None:
            return measure(text)
        urls = URL.findall(text)
        return measure(URL.sub("", text)) + self.url_weight * len(urls)

    def fits(self, text: str) -> bool:
        return self.length(text) <= self.limit


def shorten_words(text: str, words: int) -> str:
    """The first `words` words of text, with an ellipsis when something was cut."""
    parts = text.split()
    if words >= len(parts):
        return text.strip()
    if words <= 0:
        return ""
    return " ".join(parts[:words]).rstrip(",;:.-–—") + ELLIPSIS


def word_count(text: str) -> int:
    return len(text.split())


def display_url(url: str, width: int = 30) -> str:
    """How a link reads in a post: no scheme, no query, cut to `width` with an ellipsis."""
    short = re.sub(r"^https?://(www\.)?", "", url).split("?")[0].split("#")[0].rstrip("/")
    return short if len(short) <= width else short[: width - 1] + ELLIPSIS


def _address(link: str) -> str:
    """A link reduced to what identifies the page: no scheme or www., query, fragment or end slash."""
    return (
        re.sub(r"^(https?://)?(www\.)?", "", link.strip(), flags=re.I).split("?")[0].split("#")[0].rstrip("/").lower()
    )


def names_link(text: str, url: str) -> bool:
    """Whether `text` (a caption, a status's HTML, a link field) names the page `url` as a whole
    address — written out, shortened as display_url writes it, with tracking tags — and not as the
    start of a longer one: /diary/day-1/ is not named by a caption that names /diary/day-10/."""
    wanted = _address(url)
    if not wanted:
        return False
    for token in re.split(r"[\s\"'<>]+", text or ""):
        token = token.strip("([{«“‘").rstrip(".,;:!?)]}»”’…")
        if token and _address(token) == wanted:
            return True
    return False


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def hashtag(tag: str) -> str:
    """`q-and-a` -> `#QAndA`, `Dublin` -> `#Dublin`; empty when nothing usable is left."""
    words = re.split(r"[\W_]+", tag)
    joined = "".join(word[:1].upper() + word[1:] for word in words if word)
    return "#" + joined if joined and not joined.isdigit() else ""
