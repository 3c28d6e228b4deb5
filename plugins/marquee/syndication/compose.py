"""Per-network text: a template per content type, the post's own text when it has one, fitted to
the network's limit by cutting the summary, then hashtags, then the title — never the link."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jinja2

from ..networks.base import text as t
from ..networks.base.message import ComposeError, Facet, Message, Style
from ..settings.syndication import SyndicationSettings
from .posts import Post

_LINK_OPEN, _LINK_CLOSE = "\ue000", "\ue001"  # private-use marks: where the link landed
_env = jinja2.Environment(autoescape=False)


def compose(post: Post, style: Style, settings: SyndicationSettings) -> Message:
    url = tracked_url(post, style.network, settings.utm)
    if post.image is not None:
        if not post.image.alt:
            raise ComposeError(f"{post.url}: the share image {post.image.path.name} has no alt text (set Image-alt)")
        if not post.image.path.is_file():
            raise ComposeError(f"{post.url}: the share image {post.image.path} is not in the built site")
    shown = t.display_url(url) if style.short_links else url
    if style.plain_links:  # nobody can click it: no tracking tags, no scheme, nothing cut
        shown = t.display_url(post.url, width=200)
    own = post.texts.get(style.network)
    if own:
        template, fields = "{{ text }}\n\n{{ link }}", {"text": own}
        shrinkable = ["text"]
    else:
        template = _template(settings, style.network, post.type, post.language)
        fields = {**post.details, "title": post.title, "summary": post.summary, "type": post.type}
        shrinkable = ["summary", "hashtags", "title"]
    fields["link"] = _LINK_OPEN + shown + _LINK_CLOSE
    tags = _hashtags(post, settings)[: style.max_hashtags]
    words = {
        "text": t.word_count(own or ""),
        "summary": t.word_count(post.summary),
        "hashtags": len(tags),
        "title": t.word_count(post.title),
    }

    def render(kept):
        values = dict(fields)
        for name in ("text", "summary", "title"):
            if name in values:
                values[name] = t.shorten_words(values[name], kept[name])
        values["hashtags"] = " ".join(tags[: kept["hashtags"]])
        return _render(template, values)

    kept = dict(words)
    body, span = render(kept)
    for name in shrinkable:  # cut one field at a time, as little as fits
        if style.counting.fits(body):
            break
        kept[name] = _largest(0, words[name], lambda n, name=name: style.counting.fits(render({**kept, name: n})[0]))
        body, span = render(kept)
    length = style.counting.length(body)
    if length > style.counting.limit:
        raise ComposeError(
            f"{post.url}: {length} characters with only the link left; {style.network} allows {style.counting.limit}"
        )
    facets = _facets(body, span, url) if style.short_links else ()
    return Message(
        style.network,
        post.id,
        post.type,
        body,
        length,
        style.counting.limit,
        url,
        post.title,
        t.shorten_words(post.summary, 50),
        post.image,
        facets,
        post.language or settings.language,
    )


def tracked_url(post: Post, network: str, utm: dict | None) -> str:
    """The canonical URL, with UTM parameters naming the network and content type when on."""
    if not utm:
        return post.url
    parts = urlsplit(post.url)
    query = parse_qsl(parts.query) + [(k, v.format(network=network, type=post.type)) for k, v in utm.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _template(settings: SyndicationSettings, network: str, kind: str, language: str = "") -> str:
    own = settings.network_templates.get(network) or {}
    spoken = settings.language_templates.get(language) or {}  # the words around the fields, in the post's language
    return (
        own.get(kind)
        or spoken.get(kind)
        or settings.templates.get(kind)
        or own.get("default")
        or spoken.get("default")
        or settings.templates["default"]
    )


def _hashtags(post: Post, settings: SyndicationSettings) -> list[str]:
    tags = []
    for tag in (*post.tags, *settings.hashtags):
        tag = t.hashtag(tag)
        if tag and tag.lower() not in {seen.lower() for seen in tags}:
            tags.append(tag)
    fixed = [t.hashtag(tag) for tag in settings.hashtags]
    # The site-wide tags matter most: keep them when the post's own are cut.
    ordered = [tag for tag in tags if tag in fixed] + [tag for tag in tags if tag not in fixed]
    return ordered[: max(settings.max_hashtags, len(fixed))]


def _render(template: str, values: dict) -> tuple[str, tuple[int, int]]:
    raw = _env.from_string(template).render(**values)
    raw = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", raw)).strip()
    start = raw.find(_LINK_OPEN)
    if start < 0:
        raise ComposeError(f"the template {template!r} has no {{{{ link }}}}")
    body = raw.replace(_LINK_OPEN, "", 1)
    end = body.find(_LINK_CLOSE)
    return body.replace(_LINK_CLOSE, "", 1), (start, end)


def _largest(low: int, high: int, fits) -> int:
    """The largest n in [low, high] with fits(n) (fits is monotone), or low."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _facets(body: str, span: tuple[int, int], url: str) -> tuple[Facet, ...]:
    offset = lambda index: t.byte_offset(body, index)  # noqa: E731
    facets = [Facet(offset(span[0]), offset(span[1]), "link", url)]
    for match in t.URL.finditer(body):  # links written into the post's own text
        if not span[0] <= match.start() < span[1]:
            facets.append(Facet(offset(match.start()), offset(match.end()), "link", match[0]))
    for match in t.HASHTAG.finditer(body):
        if not span[0] <= match.start() < span[1]:
            facets.append(Facet(offset(match.start()), offset(match.end()), "tag", match[1]))
    return tuple(sorted(facets, key=lambda f: f.start))
