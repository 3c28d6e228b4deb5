"""Syndication settings (read by marquee.settings from MARQUEE_SYNDICATION and MARQUEE_DEPLOY)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..networks import bluesky as bsky

DEFAULT_TEMPLATES = {
    # Jinja templates, one per content type; `default` for the rest. Fields: title, summary, link,
    # hashtags, type, and per type: location/day (diary), series/number/guests (interviews),
    # when/venue/status (events).
    "diary": "{{ title }}{% if location %} · {{ location }}{% endif %}\n\n{{ summary }}\n\n{{ link }}\n\n{{ hashtags }}",
    "interviews": (
        "New episode{% if series %} of {{ series }}{% endif %}: {{ title }}"
        "{% if guests %}, with {{ guests }}{% endif %}\n\n{{ summary }}\n\n{{ link }}\n\n{{ hashtags }}"
    ),
    "events": (
        "{% if status %}{{ status|replace('-', ' ')|upper }}: {% endif %}{{ title }}"
        "{% if when %}\n{{ when }}{% if venue %}, {{ venue }}{% endif %}{% endif %}"
        "\n\n{{ summary }}\n\n{{ link }}\n\n{{ hashtags }}"
    ),
    "default": "{{ title }}\n\n{{ summary }}\n\n{{ link }}\n\n{{ hashtags }}",
}

DEFAULT_UTM = {"utm_source": "{network}", "utm_medium": "social", "utm_campaign": "{type}"}

# Every network a post can go to: its name (the MARQUEE_SYNDICATION key and the ledger's channel)
# and how readers know it. The order is the order of "Also on" links and of every listing.
NETWORKS = {"mastodon": "Mastodon", "bluesky": "Bluesky", "threads": "Threads", "instagram": "Instagram",
            "facebook": "Facebook", "linkedin": "LinkedIn", "x": "X", "newsletter": "Newsletter",
            "webhook": "Webhook"}  # fmt: skip
# An email does not need the title (it is the subject) nor hashtags: for every content type.
DEFAULT_NETWORK_TEMPLATES = {"newsletter": dict.fromkeys(DEFAULT_TEMPLATES, "{{ summary }}\n\n{{ link }}")}


@dataclass(frozen=True, kw_only=True)
class ExpiringToken:
    """For networks whose tokens last about 60 days: the date the producer noted, where the API
    cannot tell (read by invoke accounts)."""

    token_expires: str = ""  # "YYYY-MM-DD"

    def __post_init__(self):
        try:
            if self.token_expires:
                dt.date.fromisoformat(self.token_expires)
        except ValueError:
            raise ValueError(f'MARQUEE_SYNDICATION: token_expires "{self.token_expires}" is not a date (expected YYYY-MM-DD)') from None


@dataclass(frozen=True)
class MastodonAccount:
    instance: str  # https://mastodon.social
    account: str  # the username, without @ or instance
    token_env: str = "MARQUEE_MASTODON_TOKEN"
    visibility: str = "public"
    idempotency_window: float = 3600  # seconds Mastodon keeps an Idempotency-Key
    scan_statuses: int = 200  # how many of our recent statuses reconciliation reads


@dataclass(frozen=True)
class BlueskyAccount:
    handle: str
    pds: str = bsky.PDS
    password_env: str = "MARQUEE_BLUESKY_APP_PASSWORD"
    app_url: str = bsky.APP  # where a post's public web page lives


@dataclass(frozen=True)
class Webhook:
    name: str
    url_env: str  # the URL itself is a secret (Discord and Slack put the token in it)
    format: str = "json"  # json, discord or slack


@dataclass(frozen=True)
class FacebookPage(ExpiringToken):
    page_id: str
    token_env: str = "MARQUEE_FACEBOOK_PAGE_TOKEN"
    graph_url: str = "https://graph.facebook.com"
    version: str = "v24.0"
    photos: bool = False  # True: a photo post (with alt text) instead of a link post
    scan_posts: int = 50  # how many of the page's recent posts reconciliation reads


@dataclass(frozen=True)
class LinkedInAuthor(ExpiringToken):
    author: str  # urn:li:organization:12345 (a company page) or urn:li:person:abc
    token_env: str = "MARQUEE_LINKEDIN_TOKEN"
    api_url: str = "https://api.linkedin.com"
    version: str = "202610"  # the Linkedin-Version header, YYYYMM (each version lives about a year)
    scan_posts: int = 50


@dataclass(frozen=True)
class XAccount:
    username: str
    api_url: str = "https://api.x.com"
    consumer_key_env: str = "MARQUEE_X_API_KEY"
    consumer_secret_env: str = "MARQUEE_X_API_SECRET"
    access_token_env: str = "MARQUEE_X_ACCESS_TOKEN"
    access_secret_env: str = "MARQUEE_X_ACCESS_SECRET"
    scan_posts: int = 50
    # X's pay-per-use rates in dollars (docs.x.com "Pricing", April 2026): a post with a URL costs
    # far more than one without; reading our own posts back (reconciliation) costs a little.
    price_post: float = 0.015
    price_post_with_url: float = 0.200
    price_owned_read: float = 0.001


@dataclass(frozen=True)
class ThreadsAccount(ExpiringToken):
    user_id: str  # the Threads user id (GET /me?fields=id with the token)
    token_env: str = "MARQUEE_THREADS_TOKEN"  # a long-lived Threads user access token (60 days)
    api_url: str = "https://graph.threads.net"
    version: str = "v1.0"
    image: bool = False  # True: an image post (the share image, with its alt text); False: text with a link preview
    scan_posts: int = 50  # how many of the profile's recent threads reconciliation reads
    container_poll: float = 2.0  # seconds between reads of an image container's status
    container_wait: float = 120  # how long an image container may take before the post waits for the next run


@dataclass(frozen=True)
class InstagramAccount(ExpiringToken):
    user_id: str  # the Instagram professional account's id (GET /me?fields=user_id with the token)
    token_env: str = "MARQUEE_INSTAGRAM_TOKEN"  # a long-lived Instagram user access token (60 days)
    api_url: str = "https://graph.instagram.com"
    version: str = "v24.0"
    scan_posts: int = 50  # how many of the account's recent posts reconciliation reads
    container_poll: float = 2.0  # seconds between reads of a container's status
    container_wait: float = 120  # how long a container may take before the post waits for the next run


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Digest:
    """New posts gathered into one email on a cadence, instead of an email per post."""

    every: str  # "day", "week" or "month"
    day: str | int = "friday"  # a weekday ("week"), or a day of the month from 1 to 28 ("month")
    time: str = "10:00"  # when it goes out, in the site's time zone (the first publish run after it)

    def __post_init__(self):
        where = "MARQUEE_SYNDICATION newsletter digest"
        if self.every not in ("day", "week", "month"):
            raise ValueError(f'{where}: every "{self.every}" is not day, week or month')
        if self.every == "week" and str(self.day).lower() not in WEEKDAYS:
            raise ValueError(f'{where}: day "{self.day}" is not a weekday (expected one of {", ".join(WEEKDAYS)})')
        if self.every == "month" and not (isinstance(self.day, int) and 1 <= self.day <= 28):
            raise ValueError(f'{where}: day "{self.day}" is not a day of the month from 1 to 28')
        try:
            dt.time.fromisoformat(self.time)
        except ValueError:
            raise ValueError(f'{where}: time "{self.time}" is not HH:MM') from None

    def last(self, moment: dt.datetime) -> dt.datetime:
        """The latest scheduled send at or before `moment` (aware, in its zone): a digest holds the
        posts published up to it, so each period sends once."""
        at = dt.time.fromisoformat(self.time)
        day = moment.date()
        while True:
            candidate = dt.datetime.combine(day, at, moment.tzinfo)
            if candidate <= moment and self._on(day):
                return candidate
            day -= dt.timedelta(days=1)

    def next(self, moment: dt.datetime) -> dt.datetime:
        at, day = dt.time.fromisoformat(self.time), moment.date()
        while True:
            candidate = dt.datetime.combine(day, at, moment.tzinfo)
            if candidate > moment and self._on(day):
                return candidate
            day += dt.timedelta(days=1)

    def _on(self, day: dt.date) -> bool:
        if self.every == "week":
            return WEEKDAYS[day.weekday()] == str(self.day).lower()
        return self.every == "day" or day.day == self.day


@dataclass(frozen=True)
class Newsletter:
    username: str  # the newsletter's name at the provider: the Follow page's signup form posts there
    provider: str = "buttondown"  # the one supported
    api_key_env: str = "MARQUEE_BUTTONDOWN_API_KEY"
    api_url: str = "https://api.buttondown.com"
    api_version: str = "2026-04-01"  # the X-API-Version header
    send: bool = False  # False: each post becomes a draft to review and send at the provider; True: sent at once
    scan_emails: int = 50  # how many recent emails reconciliation reads
    digest: Digest | None = None  # {"every": "week", "day": "friday", "time": "10:00"}; None: an email per post

    @property
    def signup_url(self) -> str:
        """Where the Follow page's form posts a fan's address (Buttondown's embed form)."""
        return f"https://buttondown.com/api/emails/embed-subscribe/{self.username}"

    def __post_init__(self):
        if self.provider != "buttondown":
            raise ValueError(f'MARQUEE_SYNDICATION newsletter: provider "{self.provider}" is not supported (expected "buttondown")')
        if isinstance(self.digest, dict):
            object.__setattr__(self, "digest", Digest(**self.digest))


@dataclass(frozen=True)
class SyndicationSettings:
    ledger: Path = Path("data/syndication.json")
    feed: str = "feeds/all.json"  # inside the output folder
    since: dt.datetime | None = None  # posts published before this are never syndicated
    mastodon: MastodonAccount | None = None
    bluesky: BlueskyAccount | None = None
    webhooks: tuple[Webhook, ...] = ()
    facebook: FacebookPage | None = None
    linkedin: LinkedInAuthor | None = None
    x: XAccount | None = None
    threads: ThreadsAccount | None = None
    instagram: InstagramAccount | None = None
    newsletter: Newsletter | None = None
    templates: dict = field(default_factory=lambda: dict(DEFAULT_TEMPLATES))
    network_templates: dict = field(default_factory=dict)  # network -> {type: template}
    hashtags: tuple[str, ...] = ()  # added to every post, e.g. the film's own tag
    max_hashtags: int = 4
    utm: dict | None = field(default_factory=lambda: dict(DEFAULT_UTM))
    language: str = "en"  # the posts' language (BCP 47), told to networks that tag it (Bluesky)
    attempts: int = 3  # tries per call on connection errors, 5xx and 429
    max_wait: float = 120  # longest Retry-After honoured in a run; longer leaves the post for the next run
    timeout: float = 30

    def accounts(self, network: str) -> tuple:
        """The configured accounts of one network (webhooks: any number; the others: one or none)."""
        if network == "webhook":
            return self.webhooks
        account = getattr(self, network)
        return (account,) if account else ()

    @property
    def channels_configured(self) -> bool:
        return any(self.accounts(network) for network in NETWORKS)


# The settings of each network with one account (webhooks: a list of Webhook), by NETWORKS name.
ACCOUNTS = {
    "mastodon": MastodonAccount, "bluesky": BlueskyAccount, "threads": ThreadsAccount, "instagram": InstagramAccount,
    "facebook": FacebookPage, "linkedin": LinkedInAuthor, "x": XAccount, "newsletter": Newsletter,
}  # fmt: skip


def environment_variables(network: str) -> tuple[str, ...]:
    """The default names of the environment variables a network's account reads its secrets from."""
    from dataclasses import fields

    kind = Webhook if network == "webhook" else ACCOUNTS[network]
    return tuple(f.default for f in fields(kind) if f.name.endswith("_env") and isinstance(f.default, str))


def networks_table() -> str:
    """The networks and the secrets each reads, as the Markdown table README shows (invoke networks)."""
    rows = ["| Network | `MARQUEE_SYNDICATION` key | Secrets, from environment variables |", "|---|---|---|"]
    for network, label in NETWORKS.items():
        names = environment_variables(network)
        secrets = ", ".join(f"`{name}`" for name in names) if names else "the URL, in the variable each webhook names (`url_env`)"
        rows.append(f"| {label} | `{network}s` (a list) | {secrets} |" if network == "webhook" else f"| {label} | `{network}` | {secrets} |")
    return "\n".join(rows) + "\n"


def read(raw: dict | None, site_zone, site_language: str = "en") -> SyndicationSettings:
    raw = {"language": site_language, **(raw or {})}
    since = raw.pop("since", None)
    if isinstance(since, str):
        since = dt.datetime.fromisoformat(since)
    if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
        since = dt.datetime.combine(since, dt.time())
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=site_zone)
    accounts = {network: kind(**raw.pop(network)) for network, kind in ACCOUNTS.items() if raw.get(network)}
    for network in ACCOUNTS:
        raw.pop(network, None)
    templates = {**DEFAULT_TEMPLATES, **{k: v for k, v in (raw.pop("templates", None) or {}).items() if isinstance(v, str)}}
    utm = raw.pop("utm", DEFAULT_UTM)
    known = set(SyndicationSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_SYNDICATION: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return SyndicationSettings(
        ledger=Path(raw.pop("ledger", "data/syndication.json")),
        since=since,
        **accounts,
        webhooks=tuple(Webhook(**hook) for hook in raw.pop("webhooks", ())),
        templates=templates,
        network_templates={**DEFAULT_NETWORK_TEMPLATES, **(raw.pop("network_templates", None) or {})},
        hashtags=tuple(raw.pop("hashtags", ())),
        utm=dict(utm) if utm else None,
        **raw,
    )
