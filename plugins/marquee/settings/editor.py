"""The browser editor's settings (read by marquee.settings from MARQUEE_EDITOR)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..net.policy import web_url
from . import typed

# Where `make site` installs the editor's npm packages (npm ci in editor/).
DEFAULT_MODULES = Path(__file__).resolve().parents[3] / "editor" / "node_modules"


@dataclass(frozen=True)
class EditorSettings:
    enabled: bool = True  # write the editor to /admin/
    path: str = "admin"  # the folder in the site
    repo: str = ""  # "owner/name" on GitHub: where the editor commits; "" = no /admin/ but `invoke edit`'s
    branch: str = "main"
    api_root: str = ""  # GitHub's REST API ("" = api.github.com; GitHub Enterprise: https://HOST/api/v3)
    base_url: str = ""  # an OAuth proxy, for teams that sign in with GitHub instead of a token (docs/guide/phone.md)
    auth_endpoint: str = ""  # the proxy's path for sign-in, when not "auth"
    site_url: str = ""  # the public site, for the editor's "view live" links; default SITEURL
    local: bool = False  # set by `invoke edit`: the editor opens the project folder itself (no repo needed)
    modules: Path = DEFAULT_MODULES  # editor/package.json's packages: Sveltia CMS, js-yaml, the editor's fonts

    @property
    def usable(self) -> bool:
        """The editor can save somewhere: GitHub (repo) or the project folder (`invoke edit`)."""
        return self.enabled and bool(self.repo or self.local)

    @property
    def backend(self) -> dict:
        backend = {
            "name": "github",
            "repo": self.repo or "local/preview",
            "branch": self.branch,
        }  # repo: only `invoke edit` (local) without one
        for name in ("api_root", "base_url", "auth_endpoint"):
            if getattr(self, name):
                backend[name] = getattr(self, name)
        # "Sign In with GitHub" needs an OAuth proxy (base_url); without one, only the token is offered.
        backend["auth_methods"] = ["oauth", "token"] if self.base_url else ["token"]
        return backend


def read(raw: dict | None) -> EditorSettings:
    """The settings, or ValueError naming every bad key at once."""
    values, problems = typed.check(EditorSettings, raw, "MARQUEE_EDITOR")
    for name in ("api_root", "base_url", "site_url"):
        if values.get(name) and not web_url(values[name]):
            problems.append(f'MARQUEE_EDITOR: {name} "{values[name]}" is not an http(s) URL')
    if values.get("repo") and values["repo"].count("/") != 1:
        problems.append(f'MARQUEE_EDITOR: repo "{values["repo"]}" is not "owner/name"')
    if problems:
        raise ValueError("; ".join(problems))
    return EditorSettings(**values)
