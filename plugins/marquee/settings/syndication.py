"""Syndication settings (read by marquee.settings from MARQUEE_SYNDICATION and MARQUEE_DEPLOY)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..networks import ACCOUNTS, LISTS, NETWORKS, setting_key
from . import typed

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

# An email does not need the title (it is the subject) nor hashtags: for every content type.
DEFAULT_NETWORK_TEMPLATES = {"newsletter": dict.fromkeys(DEFAULT_TEMPLATES, "{{ summary }}\n\n{{ link }}")}


@dataclass(frozen=True)
class SyndicationSettings:
    ledger: Path = Path("data/syndication.json")
    feed: str = "feeds/all.json"  # inside the output folder
    since: dt.datetime | None = None  # posts published before this are never syndicated
    configured: dict = field(default_factory=dict)  # network name -> its accounts' settings (networks.ACCOUNTS)
    templates: dict = field(default_factory=lambda: dict(DEFAULT_TEMPLATES))
    network_templates: dict = field(default_factory=dict)  # network -> {type: template}
    hashtags: tuple[str, ...] = ()  # added to every post, e.g. the film's own tag
    max_hashtags: int = 4
    utm: dict | None = field(default_factory=lambda: dict(DEFAULT_UTM))
    language: str = "en"  # the posts' language (BCP 47) when a post does not say, told to networks that tag it
    language_templates: dict = field(default_factory=dict)  # language -> {type: template}: a translation's words
    account_languages: dict = field(
        default_factory=dict
    )  # (network, account) -> languages it posts in; none: every one
    attempts: int = 3  # tries per call on connection errors, 5xx and 429
    max_wait: float = 120  # longest Retry-After honoured in a run; longer leaves the post for the next run
    timeout: float = 30
    # Seconds a write that got no answer may still land on a network without an idempotency key
    # (a slow server finishes it later): until then its post is looked for, never sent again.
    settle: float = 900

    def accounts(self, network: str) -> tuple:
        """The configured accounts of one network (webhooks: any number; the others: one or none)."""
        return self.configured.get(network, ())

    def account(self, network: str):
        """The one account of a network, or None."""
        return next(iter(self.accounts(network)), None)

    def languages_of(self, network: str, account) -> tuple[str, ...]:
        """The languages an account posts in (its `languages`); () for every language."""
        return self.account_languages.get((network, repr(account)), ())

    @property
    def channels_configured(self) -> bool:
        return any(self.accounts(network) for network in NETWORKS)


def environment_variables(network: str) -> tuple[str, ...]:
    """The default names of the environment variables a network's account reads its secrets from."""
    from dataclasses import fields

    kind = ACCOUNTS[network]
    return tuple(f.default for f in fields(kind) if f.name.endswith("_env") and isinstance(f.default, str))


def networks_table() -> str:
    """The networks and the secrets each reads, as the Markdown table the docs show (invoke networks; tools/docs_hooks.py)."""
    rows = ["| Network | `MARQUEE_SYNDICATION` key | Secrets, from environment variables |", "|---|---|---|"]
    for network, label in NETWORKS.items():
        names = environment_variables(network)
        secrets = (
            ", ".join(f"`{name}`" for name in names)
            if names
            else "the URL, in the variable each webhook names (`url_env`)"
        )
        key = f"`{setting_key(network)}` (a list)" if network in LISTS else f"`{network}`"
        rows.append(f"| {label} | {key} | {secrets} |")
    return "\n".join(rows) + "\n"


def read(raw: dict | None, site_zone, site_language: str = "en") -> SyndicationSettings:
    """The settings, or ValueError naming every bad key (each network's accounts included) at once."""
    if raw is not None and not isinstance(raw, dict):
        raise ValueError(f"MARQUEE_SYNDICATION: {type(raw).__name__} (expected a dict of settings)")
    raw = {"language": site_language, **(raw or {})}
    problems: list[str] = []
    since = raw.pop("since", None)
    if isinstance(since, str):
        try:
            since = dt.datetime.fromisoformat(since)
        except ValueError:
            problems.append(f'MARQUEE_SYNDICATION since: "{since}" is not a date (expected YYYY-MM-DD)')
            since = None
    elif since is not None and not isinstance(since, dt.date):
        problems.append(f"MARQUEE_SYNDICATION since: {since!r} is not a date (expected YYYY-MM-DD)")
        since = None
    if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
        since = dt.datetime.combine(since, dt.time())
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=site_zone)
    configured, languages = {}, {}
    for network, kind in ACCOUNTS.items():
        if value := raw.pop(setting_key(network), None):
            accounts = []
            for number, one in enumerate(value if isinstance(value, list) else [value]):  # a list: several accounts
                where = f"MARQUEE_SYNDICATION {setting_key(network)}" + (
                    f"[{number}]" if isinstance(value, list) else ""
                )
                if not isinstance(one, dict):
                    problems.append(f"{where}: {type(one).__name__} (expected a dict of the account's settings)")
                    continue
                one = dict(one)
                spoken = tuple(one.pop("languages", None) or ())
                try:
                    account = typed.build(kind, one, where)
                except ValueError as error:
                    problems.append(str(error))
                    continue
                accounts.append(account)
                if spoken:
                    languages[(network, repr(account))] = spoken
            configured[network] = tuple(accounts)
    templates = {
        **DEFAULT_TEMPLATES,
        **{k: v for k, v in (raw.pop("templates", None) or {}).items() if isinstance(v, str)},
    }
    utm = raw.pop("utm", DEFAULT_UTM)
    known = set(SyndicationSettings.__dataclass_fields__) - {"configured"}
    if unknown := sorted(set(raw) - known):
        known |= {setting_key(network) for network in NETWORKS}
        problems.append(f"MARQUEE_SYNDICATION: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for name in ("max_hashtags", "attempts", "max_wait", "timeout", "settle", "language", "ledger", "feed"):
        if name in raw:
            values, wrong = typed.check(SyndicationSettings, {name: raw[name]}, "MARQUEE_SYNDICATION")
            problems += wrong
            raw.update(values)
    if problems:
        raise ValueError("; ".join(problems))
    return SyndicationSettings(
        ledger=Path(raw.pop("ledger", "data/syndication.json")),
        since=since,
        configured=configured,
        templates=templates,
        network_templates={**DEFAULT_NETWORK_TEMPLATES, **(raw.pop("network_templates", None) or {})},
        account_languages=languages,
        hashtags=tuple(raw.pop("hashtags", ())),
        utm=dict(utm) if utm else None,
        **raw,
    )
