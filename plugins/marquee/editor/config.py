"""The browser editor's configuration, generated from the content types' schemas on every build:
one source of truth for fields, required fields, choices, help texts and formats. Sveltia CMS gets
`config`; its save check gets `rules`, which word every refusal as `invoke check` does."""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path
from zoneinfo import available_timezones

from ..content import fields as f
from ..content.interviews import podcast_file
from ..content.problems import MIN_PIECE
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


ENGLISH = gettext.NullTranslations()  # the words as written here


def gettext_of(words: gettext.NullTranslations):
    """`words.gettext`, except that no text stays no text: gettext("") is the catalog's header."""
    return lambda text: words.gettext(text) if text else text


def N_(text: str) -> str:
    """Marks a word for the theme's catalogs (theme/translations/update.py); it is translated into
    the site's language where the configuration is made."""
    return text


# Each field's label in a producer's words, not the file's key ("Geo", "Image-Alt").
LABELS = {
    "shoot-day": N_("Shoot day"),
    "phase": N_("Phase"),
    "location": N_("Location"),
    "geo": N_("Map position"),
    "crew": N_("Crew"),
    "series": N_("Series"),
    "episode": N_("Episode"),
    "guests": N_("Guests"),
    "topics": N_("Topics"),
    "video": N_("Video"),
    "duration": N_("Duration"),
    "season": N_("Season"),
    "podcast": N_("Podcast"),
    "podcast-length": N_("Podcast length"),
    "podcast-type": N_("Podcast type"),
    "chapters": N_("Chapters"),
    "event-kind": N_("Kind of event"),
    "start": N_("Start"),
    "end": N_("End"),
    "event-timezone": N_("Time zone"),
    "venue": N_("Venue"),
    "address": N_("Address"),
    "tickets": N_("Tickets"),
    "price": N_("Price"),
    "event-status": N_("Event status"),
    "online-url": N_("Online address"),
    "release-date": N_("Release date"),
    "contact": N_("Contact"),
    "opens": N_("Opens"),
    "closes": N_("Closes"),
    "prize": N_("Prize"),
}
# The line under a field, where the schema's "expected" is the build's words rather than a producer's.
HINTS = {
    "phase": N_("Where the film is now."),
    "series": N_("The series' name, e.g. Off the Call Sheet."),
    "episode": N_("The episode's number."),
    "guests": N_('Each guest with their role: "Name (role), Name (role)".'),
    "video": N_("A YouTube or Vimeo address, or a video file."),
    "chapters": N_('One per line, in order: "MM:SS Title", e.g. 00:00 Introductions'),
    "event-kind": N_("What kind of event this is."),
    "start": N_("The day and time it begins, in the event's time zone."),
    "event-timezone": N_("Where the event happens, e.g. Europe/Dublin."),
    "release-date": N_("The day the release may be published."),
    "contact": N_("Who journalists should write to, with an email address."),
    "opens": N_("When entries open."),
    "closes": N_("When entries close."),
    "prize": N_("What the winner gets."),
}
# A choice's words in the form; the value written to the file stays the build's.
CHOICES = {
    "development": N_("Development"),
    "pre-production": N_("Pre-production"),
    "production": N_("Production"),
    "post-production": N_("Post-production"),
    "release": N_("Release"),
    "premiere": N_("Premiere"),
    "screening": N_("Screening"),
    "festival": N_("Festival"),
    "q-and-a": N_("Q&A"),
    "online": N_("Online"),
    "scheduled": N_("Scheduled"),
    "cancelled": N_("Cancelled"),
    "postponed": N_("Postponed"),
    "rescheduled": N_("Rescheduled"),
    "sold-out": N_("Sold out"),
    "moved-online": N_("Moved online"),
    "subscription": N_("Subscription"),
    "rent": N_("Rent"),
    "buy": N_("Buy"),
    "free": N_("Free"),
}
SINGULAR = {
    "diary": N_("diary entry"),
    "interviews": N_("episode"),
    "events": N_("event"),
    "press": N_("press release"),
    "contests": N_("contest"),
}
# A phone's 12 MP photo leaves the phone at most this wide or high, re-encoded: its GPS and camera data stay behind.
UPLOAD_MAX_PX = 2560


def label(field: f.Field, _=str) -> str:
    """ "Shoot-Day" -> "Shoot day" (in the site's language: `_` is its gettext); a required field
    says it is needed."""
    words = _(LABELS[field.key]) if field.key in LABELS else field.name.replace("-", " ").capitalize()
    return _("{label} — needed").format(label=words) if field.required else words


def choices(options, _=str) -> list[dict]:
    return [{"label": _(CHOICES[value]) if value in CHOICES else value, "value": value} for value in options]


def invalid(parse) -> str:
    """The parser's own words for a bad value: 'not a position (expected …)'."""
    try:
        parse("\x00")
    except f.Invalid as error:
        return str(error)
    raise ValueError(f"{parse.__name__} accepts anything")


def widget(field: f.Field, default: str = "", _=str) -> dict:
    """One schema field as an editor field. Presence is checked on save (rules), not by the editor,
    so a missing field is named with the build's words."""
    spec = {"name": field.key, "label": label(field, _), "required": False}
    hint = _(HINTS.get(field.key) or field.help) or (
        _("Expected: {expected}.").format(expected=field.expected) if field.expected else ""
    )
    parse = field.parse
    if hasattr(parse, "options"):
        spec |= {"widget": "select", "options": choices(parse.options, _)}
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
        spec |= {
            "widget": "list",
            "field": {
                "name": "chapter",
                "label": _("Chapter"),
                "widget": "string",
                "pattern": [CHAPTER, 'not a chapter (expected "MM:SS Title")'],
            },
        }
    else:
        spec |= {"widget": "string"}
        if parse in PATTERNS:
            spec["pattern"] = [PATTERNS[parse], invalid(parse)]
    if hint:
        spec["hint"] = hint
    if default != "":
        spec["default"] = int(default) if spec.get("widget") == "number" and str(default).isdigit() else default
    return spec


def status_field(section: str, words: gettext.NullTranslations) -> dict:
    """Draft, review or published: always one of the three (no "(None)" choice). Its words have a
    context of their own: the theme's "Published" is a byline's ("Published 3 May")."""
    _, pgettext = gettext_of(words), words.pgettext
    return {
        "name": "status",
        "label": _("Draft") if section == "events" else _("Status"),
        "widget": "select",
        "options": [
            {"label": pgettext("post status", "Draft"), "value": "draft"},
            {"label": pgettext("post status", "Ready for review"), "value": "review"},
            {"label": pgettext("post status", "Published"), "value": "published"},
        ],
        "default": "draft",
        "required": True,
        "hint": _(
            "Draft: only in your preview. Ready for review: waits for the lead to choose Published. "
            "Published: live, and out to the networks, at the next publish."
        ),
    }


def collection(
    section: str,
    label: str,
    module,
    content_path: Path,
    today: dt.date,
    zone: str,
    words: gettext.NullTranslations = ENGLISH,
) -> dict:
    _ = gettext_of(words)
    kind = KIND_OF_SECTION[section]
    # What the site knows (next shoot day, series, place, zone); not guesses such as an end time.
    defaults = {
        name: value
        for name, value in prefill(kind, existing(content_path / section), today, zone).items()
        if name not in GUESSES
    }
    type_fields = [widget(field, defaults.get(field.name, ""), _) for field in module.SCHEMA]
    prompt = BODIES[kind].split("\n\n")[0].strip()
    return {
        "name": section,
        "label": label,
        "label_singular": _(SINGULAR[section]),
        "folder": f"content/{section}",
        "create": True,
        "extension": "md",
        "format": "marquee-frontmatter",  # marquee-editor.js: reads YAML or Key: value, writes YAML
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}} · {{status}} · {{date}}",  # the lead sees what waits for review
        "sortable_fields": ["date", "title"],
        # The preview pane: beside the form on a laptop, behind the eye button on a phone.
        "editor": {"preview": True},
        "media_folder": f"/content/images/{section}",
        "public_folder": f"images/{section}",
        "fields": [
            {"name": "title", "label": _("Title"), "widget": "string", "required": False},
            {
                "name": "date",
                "label": _("Date"),
                "widget": "datetime",
                "format": DATETIME,
                "picker_utc": False,
                "required": False,
                "hint": _("Left empty: the moment you save."),
            },
            status_field(section, words),
            *type_fields,
            {
                "name": "image",
                "label": _("Photo"),
                "widget": "image",
                "required": False,
                "choose_url": False,
                "hint": _(
                    "A photo from your phone: it is made at most {pixels} px and its location and camera data "
                    "are removed before it is saved."
                ).format(pixels=UPLOAD_MAX_PX),
            },
            {
                "name": "image-alt",
                "label": _("Photo description — needed with a photo"),
                "widget": "string",
                "required": False,
                "hint": _("What the photo shows, for people who cannot see it."),
            },
            {
                "name": "summary",
                "label": _("Summary"),
                "widget": "text",
                "required": False,
                "hint": _("One or two sentences for lists, feeds and social posts."),
            },
            {"name": "tags", "label": _("Tags"), "widget": "list", "required": False},
            {
                "name": "syndicate",
                "label": _("Post to the networks"),
                "widget": "boolean",
                "default": True,
                "required": False,
                "hint": _("Off keeps this post off the social networks."),
            },
            {
                "name": "body",
                "label": _("Text"),
                "widget": "markdown",
                "sanitize_preview": True,  # a teammate's <img onerror> must not run beside the token
                "required": False,
                "hint": prompt,
                "buttons": [
                    "bold",
                    "italic",
                    "link",
                    "heading-two",
                    "heading-three",
                    "quote",
                    "bulleted-list",
                    "numbered-list",
                ],
                "editor_components": ["image"],  # no code blocks: nothing a diary needs, and they load a highlighter
            },
        ],
    }


def translations(base: dict, language, label: str, default: str, _=str) -> dict:
    """The collection of one section's posts in another language: each names the post it translates
    (its slug, chosen by title), is saved beside it as <slug>.<language>.md, says its Lang."""
    return {
        **base,
        "name": f"{base['name']}-{language.code}",
        "label": f"{label} ({language.name})",
        "slug": "{{fields.slug}}." + language.code,
        "filter": {"field": "lang", "value": language.code},
        "fields": [
            {
                "name": "slug",
                "label": _("Translation of"),
                "widget": "relation",
                "collection": base["name"],
                "required": False,
                "search_fields": ["title"],
                "value_field": "{{slug}}",
                "display_fields": ["title"],
                "hint": _(
                    "The post (in {original}) this is the {language} version of: its date, place and links "
                    "stay the same."
                ).format(original=default, language=language.name),
            },
            {"name": "lang", "label": "Lang", "widget": "hidden", "default": language.code},
            *base["fields"],
        ],
    }


def pages_collection(_=str) -> dict:
    """About, Cast & crew, Press kit and any other page: a title, a summary and the text, edited as
    Markdown (their tables and headings stay as written). Other fields a page has (Slug,
    Template ...) are kept as they are."""
    return {
        "name": "pages",
        "label": _("Pages"),
        "label_singular": _("page"),
        "folder": "content/pages",
        "create": True,
        "extension": "md",
        "format": "marquee-frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "editor": {"preview": True},
        "media_folder": "/content/images/pages",
        "public_folder": "images/pages",
        "fields": [
            {
                "name": "title",
                "label": _("{label} — needed").format(label=_("Title")),
                "widget": "string",
                "required": False,
            },
            {
                "name": "summary",
                "label": _("Summary"),
                "widget": "text",
                "required": False,
                "hint": _("One or two sentences for search engines and link previews."),
            },
            {
                "name": "body",
                "label": _("Text"),
                "widget": "markdown",
                "sanitize_preview": True,
                "required": False,
                "modes": ["raw", "rich_text"],
                "editor_components": ["image"],
            },
        ],
    }


def film_collection(_=str) -> dict:
    """The film's facts in data/site.json ("site" → MARQUEE_FILM): what the home page, the press kit
    and every page's metadata say of the film. Keys the form does not show are kept."""

    def text(name, label, hint=""):
        return {
            "name": name,
            "label": _(label),
            "widget": "string",
            "required": False,
            **({"hint": _(hint)} if hint else {}),
        }

    def image(name, label):
        return {
            "name": name,
            "label": _(label),
            "widget": "image",
            "required": False,
            "choose_url": False,
            "media_folder": "/content/images",
            "public_folder": "images",
        }

    def listing(name, label, fields):  # laurels, quotes, where to watch: a list of small forms
        return {"name": name, "label": _(label), "widget": "list", "required": False, "fields": fields}

    facts = [
        {
            "name": "title",
            "label": _("{label} — needed").format(label=_("Title")),
            "widget": "string",
            "required": False,
        },
        {
            "name": "logline",
            "label": _("Logline"),
            "widget": "text",
            "required": False,
            "hint": _("The film in one or two sentences."),
        },
        text("director", N_("Director")),
        text("genre", N_("Genre")),
        {
            "name": "runtime_minutes",
            "label": _("Running time (minutes)"),
            "widget": "number",
            "value_type": "int",
            "min": 1,
            "required": False,
        },
        {
            "name": "release_year",
            "label": _("Year"),
            "widget": "number",
            "value_type": "int",
            "min": 1888,
            "required": False,
        },
        text("trailer", N_("Trailer"), N_("Its YouTube or Vimeo address.")),
        text("trailer_title", N_("Trailer's title")),
        image("trailer_poster", N_("Trailer's picture")),
        image("poster", N_("Poster")),
        text("poster_alt", N_("Poster description — needed with a poster")),
        image("key_art", N_("Key art (wide)")),
        text("key_art_alt", N_("Key art description — needed with key art")),
        listing(
            "laurels",
            N_("Laurels"),
            [text("festival", N_("Festival")), text("award", N_("Award")), text("year", N_("Year"))],
        ),
        listing(
            "quotes",
            N_("Press quotes"),
            [text("quote", N_("Quote")), text("source", N_("Who said it")), text("url", N_("Where (address)"))],
        ),
        listing(
            "watch",
            N_("Where to watch"),
            [
                text("name", N_("Service")),
                text("url", N_("Address")),
                {
                    "name": "offer",
                    "label": _("Offer"),
                    "widget": "select",
                    "required": False,
                    "options": choices(["subscription", "rent", "buy", "free"], _),
                },
            ],
        ),
    ]
    film = {"name": "MARQUEE_FILM", "label": _("The film"), "widget": "object", "required": False, "fields": facts}
    return {
        "name": "film",
        "label": _("The film"),
        "editor": {"preview": True},
        "files": [
            {
                "name": "facts",
                "label": _("The film's facts"),
                "file": "data/site.json",
                "format": "json",
                "fields": [
                    {"name": "site", "label": _("Site"), "widget": "object", "required": False, "fields": [film]}
                ],
            }
        ],
    }


PAGE_RULES = {
    "required": {"title": "Title: missing (expected the page's title)"},
    "order": [],
    "dated": False,
    "alt": "",
}


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
        "leftover": {
            "sentences": list(PLACEHOLDERS),
            "piece": MIN_PIECE,
            "message": "Text: part of the prompt is still in it: write it in your own words",
        },
    }


def config(
    settings: MarqueeSettings, content_path: Path, site_url: str, words: gettext.NullTranslations = ENGLISH
) -> dict:
    """The editor's configuration (CMS.init) and the save rules, for the sections this site has;
    its labels and hints in the site's language (`words`: its catalog). The save rules keep the
    build's words, as `invoke check` says them."""
    _ = gettext_of(words)
    editor = settings.editor
    sections = {s: label for s, label in settings.sections.items() if s in TYPES and s in KIND_OF_SECTION}
    zone = settings.timezone.key
    default, *others = settings.languages
    collections, checks = [], {}
    for section, label in sections.items():
        base = collection(section, label, TYPES[section], content_path, settings.today, zone, words)
        if others:  # the originals: posts in the site's language (no Lang, or Lang: the default)
            lang = {"name": "lang", "label": _("Language"), "widget": "hidden", "default": default.code}
            collections.append(
                {**base, "filter": {"field": "lang", "value": default.code}, "fields": [lang, *base["fields"]]}
            )
        else:
            collections.append(base)
        checks[section] = rules(section, TYPES[section])
        for language in others:  # each language's posts beside the originals they translate
            translated = translations(base, language, language.sections.get(section, label), default.name, _)
            collections.append(translated)
            checks[translated["name"]] = {
                **checks[section],
                "required": {
                    "slug": "Translation of: missing (expected the post this translates)",
                    **checks[section]["required"],
                },
            }
    collections += [pages_collection(_), film_collection(_)]
    checks["pages"] = PAGE_RULES
    sveltia = {
        "load_config_file": False,
        "backend": editor.backend,
        "app_title": _("{film} · Editor").format(film=settings.film.title),
        "media_folder": "content/images",
        "public_folder": "images",
        "site_url": editor.site_url or site_url or None,
        "media_libraries": {
            "default": {
                "config": {
                    "slugify_filename": True,  # "IMG 4022 (1).JPG" -> img-4022-1.webp; a name taken gets a new one
                    "transformations": {
                        "raster_image": {
                            "format": "webp",
                            "quality": 85,
                            "width": UPLOAD_MAX_PX,
                            "height": UPLOAD_MAX_PX,
                        }
                    },
                }
            }
        },
        "collections": collections,
        "output": {"omit_empty_optional_fields": True},  # a field left empty is not written as "" or null
    }
    if not sveltia["site_url"]:
        del sveltia["site_url"]
    return {"config": sveltia, "rules": checks, "language": default.code, "timezone": zone}
