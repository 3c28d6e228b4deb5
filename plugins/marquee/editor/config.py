"""The browser editor's configuration, generated from the content types' schemas on every build:
one source of truth for fields, required fields, choices, help texts and formats. Sveltia CMS gets
`config`; its save check gets `rules`, which word every refusal as `invoke check` does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import available_timezones

from ..content.problems import MIN_PIECE
from ..content import fields as f
from ..content.interviews import podcast_file
from ..content.validate import TYPES
from ..scaffold import BODIES, KINDS, PLACEHOLDERS, existing, prefill
from ..settings import MarqueeSettings

KIND_OF_SECTION = {folder: kind for kind, (folder, _) in KINDS.items()}  # "interviews" -> "interview"

# Formats the editor checks as the producer types: (JavaScript pattern, the parser that words it).
PATTERNS = {
    f.geo: r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$",
    f.url: r"^https?://\S+$",
    f.duration: r"^\d{1,2}:[0-5]\d:[0-5]\d$",
}
CHAPTER = r"^\s*(\d+:)?\d{1,2}:\d{2}\s+\S"
DATETIME = "YYYY-MM-DD HH:mm"  # what the local_datetime parser reads
GUESSES = {"End", "Duration"}  # `invoke new` writes them to be edited; in a form they would be saved unseen
# Labels in a producer's words where a field's own name is a file's key ("Geo", "Image-Alt").
WORDS = {"Geo": "Map position", "Event-Timezone": "Time zone", "Event-Status": "Event status", "Event-Kind": "Kind of event"}
# A phone's 12 MP photo leaves the phone at most this wide or high, re-encoded: its GPS and camera data stay behind.
UPLOAD_MAX_PX = 2560


def label(field: f.Field) -> str:
    """ "Shoot-Day" -> "Shoot day"; a required field says it is needed."""
    words = WORDS.get(field.name) or field.name.replace("-", " ").capitalize()
    return f"{words} — needed" if field.required else words


def invalid(parse) -> str:
    """The parser's own words for a bad value: 'not a position (expected …)'."""
    try:
        parse("\x00")
    except f.Invalid as error:
        return str(error)
    raise ValueError(f"{parse.__name__} accepts anything")


def widget(field: f.Field, default: str = "") -> dict:
    """One schema field as an editor field. Presence is checked on save (rules), not by the editor,
    so a missing field is named with the build's words."""
    spec = {"name": field.key, "label": label(field), "required": False}
    hint = field.help or (f"Expected: {field.expected}." if field.expected else "")
    parse = field.parse
    if hasattr(parse, "options"):
        spec |= {"widget": "select", "options": list(parse.options)}
    elif parse is f.integer:
        spec |= {"widget": "number", "value_type": "int", "min": 1}
    elif parse is f.date:
        spec |= {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    elif parse is f.local_datetime:
        spec |= {"widget": "datetime", "format": DATETIME, "picker_utc": False}
    elif parse is f.timezone:
        spec |= {"widget": "select", "options": sorted(available_timezones() - {"Factory", "localtime"})}
    elif parse is f.boolean:
        spec |= {"widget": "boolean"}
    elif parse is f.words:
        spec |= {"widget": "list"}
    elif parse is podcast_file:
        spec |= {"widget": "file", "media_folder": "/content/audio", "public_folder": "audio", "choose_url": True}
    elif field.key == "chapters":
        spec |= {"widget": "list", "field": {"name": "chapter", "label": "Chapter", "widget": "string",
                                             "pattern": [CHAPTER, 'not a chapter (expected "MM:SS Title")']}}
    else:
        spec |= {"widget": "string"}
        if parse in PATTERNS:
            spec["pattern"] = [PATTERNS[parse], invalid(parse)]
    if hint:
        spec["hint"] = hint
    if default != "":
        spec["default"] = int(default) if spec.get("widget") == "number" and str(default).isdigit() else default
    return spec


def collection(section: str, label: str, module, content_path: Path, today: dt.date, zone: str) -> dict:
    kind = KIND_OF_SECTION[section]
    # What the site knows (next shoot day, series, place, zone); not guesses such as an end time.
    defaults = {name: value for name, value in prefill(kind, existing(content_path / section), today, zone).items()
                if name not in GUESSES}
    type_fields = [widget(field, defaults.get(field.name, "")) for field in module.SCHEMA]
    status = {"name": "status", "label": "Draft" if section == "events" else "Status", "widget": "select",
              "options": [{"label": "Draft", "value": "draft"}, {"label": "Ready for review", "value": "review"},
                          {"label": "Published", "value": "published"}],
              "default": "draft", "required": True,  # always one of the three: no "(None)" choice
              "hint": "Draft: only in your preview. Ready for review: waits for the lead to choose Published. "
                      "Published: live, and out to the networks, at the next publish."}
    prompt = BODIES[kind].split("\n\n")[0].strip()
    return {
        "name": section,
        "label": label,
        "label_singular": module.KIND.split(" ", 1)[1],
        "folder": f"content/{section}",
        "create": True,
        "extension": "md",
        "format": "marquee-frontmatter",  # marquee-editor.js: reads YAML or Key: value, writes YAML
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}} · {{status}} · {{date}}",  # the lead sees what waits for review
        "sortable_fields": ["date", "title"],
        "editor": {"preview": False},  # the site itself is the preview (invoke edit); a phone needs the width
        "media_folder": f"/content/images/{section}",
        "public_folder": f"images/{section}",
        "fields": [
            {"name": "title", "label": "Title", "widget": "string", "required": False},
            {"name": "date", "label": "Date", "widget": "datetime", "format": DATETIME, "picker_utc": False, "required": False,
             "hint": "Left empty: the moment you save."},
            status,
            *type_fields,
            {"name": "image", "label": "Photo", "widget": "image", "required": False, "choose_url": False,
             "hint": f"A photo from your phone: it is made at most {UPLOAD_MAX_PX} px and its location and camera data are removed before it is saved."},
            {"name": "image-alt", "label": "Photo description — needed with a photo", "widget": "string", "required": False,
             "hint": "What the photo shows, for people who cannot see it."},
            {"name": "summary", "label": "Summary", "widget": "text", "required": False,
             "hint": "One or two sentences for lists, feeds and social posts."},
            {"name": "tags", "label": "Tags", "widget": "list", "required": False},
            {"name": "syndicate", "label": "Syndicate", "widget": "boolean", "default": True, "required": False,
             "hint": "Off keeps this post off the social networks."},
            {"name": "body", "label": "Text", "widget": "markdown", "required": False, "hint": prompt,
             "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
             "editor_components": ["image"],  # no code blocks: nothing a diary needs, and they load a highlighter
            },
        ],
    }


def translations(base: dict, language, label: str, default: str) -> dict:
    """The collection of one section's posts in another language: each names the post it translates
    (its slug, chosen by title), is saved beside it as <slug>.<language>.md, says its Lang."""
    return {
        **base,
        "name": f"{base['name']}-{language.code}",
        "label": f"{label} ({language.name})",
        "slug": "{{fields.slug}}." + language.code,
        "filter": {"field": "lang", "value": language.code},
        "fields": [
            {"name": "slug", "label": "Translation of", "widget": "relation", "collection": base["name"], "required": False,
             "search_fields": ["title"], "value_field": "{{slug}}", "display_fields": ["title"],
             "hint": f"The post (in {default}) this is the {language.name} version of: its date, place and links stay the same."},
            {"name": "lang", "label": "Lang", "widget": "hidden", "default": language.code},
            *base["fields"],
        ],
    }


def pages_collection() -> dict:
    """About, Cast & crew, Press kit and any other page: a title, a summary and the text, edited as
    Markdown (their tables and headings stay as written). Other fields a page has (Slug,
    Template ...) are kept as they are."""
    return {
        "name": "pages",
        "label": "Pages",
        "label_singular": "page",
        "folder": "content/pages",
        "create": True,
        "extension": "md",
        "format": "marquee-frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "editor": {"preview": False},
        "media_folder": "/content/images/pages",
        "public_folder": "images/pages",
        "fields": [
            {"name": "title", "label": "Title — needed", "widget": "string", "required": False},
            {"name": "summary", "label": "Summary", "widget": "text", "required": False,
             "hint": "One or two sentences for search engines and link previews."},
            {"name": "body", "label": "Text", "widget": "markdown", "required": False, "modes": ["raw", "rich_text"],
             "editor_components": ["image"]},
        ],
    }


def film_collection() -> dict:
    """The film's facts in data/site.json ("site" → MARQUEE_FILM): what the home page, the press kit
    and every page's metadata say of the film. Keys the form does not show are kept."""
    text = lambda name, label, hint="": {"name": name, "label": label, "widget": "string", "required": False,
                                          **({"hint": hint} if hint else {})}
    image = lambda name, label: {"name": name, "label": label, "widget": "image", "required": False,
                                 "choose_url": False, "media_folder": "/content/images", "public_folder": "images"}
    facts = [
        text("title", "Title — needed"),
        {"name": "logline", "label": "Logline", "widget": "text", "required": False,
         "hint": "The film in one or two sentences."},
        text("director", "Director"),
        text("genre", "Genre"),
        {"name": "runtime_minutes", "label": "Running time (minutes)", "widget": "number", "value_type": "int",
         "min": 1, "required": False},
        {"name": "release_year", "label": "Year", "widget": "number", "value_type": "int", "min": 1888, "required": False},
        text("trailer", "Trailer", "Its YouTube or Vimeo address."),
        text("trailer_title", "Trailer's title"),
        image("trailer_poster", "Trailer's picture"),
        image("poster", "Poster"),
        text("poster_alt", "Poster description — needed with a poster"),
        image("key_art", "Key art (wide)"),
        text("key_art_alt", "Key art description — needed with key art"),
        {"name": "laurels", "label": "Laurels", "widget": "list", "required": False, "fields": [
            text("festival", "Festival"), text("award", "Award"), text("year", "Year")]},
        {"name": "quotes", "label": "Press quotes", "widget": "list", "required": False, "fields": [
            text("quote", "Quote"), text("source", "Who said it"), text("url", "Where (address)")]},
        {"name": "watch", "label": "Where to watch", "widget": "list", "required": False, "fields": [
            text("name", "Service"), text("url", "Address"),
            {"name": "offer", "label": "Offer", "widget": "select", "required": False,
             "options": ["subscription", "rent", "buy", "free"]}]},
    ]
    film = {"name": "MARQUEE_FILM", "label": "The film", "widget": "object", "required": False, "fields": facts}
    return {
        "name": "film",
        "label": "The film",
        "editor": {"preview": False},
        "files": [{"name": "facts", "label": "The film's facts", "file": "data/site.json", "format": "json",
                   "fields": [{"name": "site", "label": "Site", "widget": "object", "required": False, "fields": [film]}]}],
    }


PAGE_RULES = {"required": {"title": "Title: missing (expected the page's title)"}, "order": [], "dated": False,
              "alt": ""}


def rules(section: str, module) -> dict:
    """What the editor refuses on save, worded as the build words it."""
    required = {"title": "Title: missing (expected the post's title)"}
    required |= {field.key: f"{field.name}: {field.missing(module.KIND)}" for field in module.SCHEMA if field.required}
    order = []
    if hasattr(module, "ORDER"):
        earlier, later, said = module.ORDER
        label = next(field.name for field in module.SCHEMA if field.key == later)
        order.append({"earlier": earlier, "later": later, "message": f"{label}: {said}"})
    return {
        "required": required,
        "order": order,
        "alt": "Photo description: missing (needed with a photo; expected a sentence saying what it shows)",
        # The template's sentences, refused whole or cut in two (content/problems.leftover's rule).
        "leftover": {"sentences": list(PLACEHOLDERS), "piece": MIN_PIECE,
                     "message": "Text: part of the prompt is still in it: write it in your own words"},
    }


def config(settings: MarqueeSettings, content_path: Path, site_url: str) -> dict:
    """The editor's configuration (CMS.init) and the save rules, for the sections this site has."""
    editor = settings.editor
    sections = {s: label for s, label in settings.sections.items() if s in TYPES and s in KIND_OF_SECTION}
    zone = settings.timezone.key
    default, *others = settings.languages
    collections, checks = [], {}
    for section, label in sections.items():
        base = collection(section, label, TYPES[section], content_path, settings.today, zone)
        if others:  # the originals: posts in the site's language (no Lang, or Lang: the default)
            lang = {"name": "lang", "label": "Language", "widget": "hidden", "default": default.code}
            collections.append({**base, "filter": {"field": "lang", "value": default.code}, "fields": [lang, *base["fields"]]})
        else:
            collections.append(base)
        checks[section] = rules(section, TYPES[section])
        for language in others:  # each language's posts beside the originals they translate
            translated = translations(base, language, language.sections.get(section, label), default.name)
            collections.append(translated)
            checks[translated["name"]] = {**checks[section], "required": {
                "slug": "Translation of: missing (expected the post this translates)", **checks[section]["required"]}}
    collections += [pages_collection(), film_collection()]
    checks["pages"] = PAGE_RULES
    sveltia = {
        "load_config_file": False,
        "backend": editor.backend,
        "app_title": f"{settings.film.title} · Editor",
        "media_folder": "content/images",
        "public_folder": "images",
        "site_url": editor.site_url or site_url or None,
        "media_libraries": {"default": {"config": {
            "slugify_filename": True,  # "IMG 4022 (1).JPG" -> img-4022-1.webp; a name taken gets a new one
            "transformations": {"raster_image": {"format": "webp", "quality": 85,
                                                 "width": UPLOAD_MAX_PX, "height": UPLOAD_MAX_PX}},
        }}},
        "collections": collections,
        "output": {"omit_empty_optional_fields": True},  # a field left empty is not written as "" or null
    }
    if not sveltia["site_url"]:
        del sveltia["site_url"]
    return {"config": sveltia, "rules": checks, "language": default.code, "timezone": zone}
