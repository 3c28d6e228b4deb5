"""A loopback Mastodon that keeps to the documented API where Marquee touches it.

No Mastodon server installs on these machines, so the tests run against this one. It enforces
what the docs promise (docs.joinmastodon.org): bearer tokens; the status length limit counted in
grapheme clusters with every URL as `characters_reserved_per_url`; Idempotency-Key returning the
status first made with that key; /api/v2/media answering 202 and processing asynchronously (a
status may not attach media still processing: 422); 429 with Retry-After. An Idempotency-Key is
kept for a fixed hour from the status's creation, not renewed by a repeat (the server's clock can
be moved on with `advance`). Test controls: make the next requests 429, accept a status and then
drop the connection or answer 503, fail media uploads with 502, make the instance endpoints
answer 503, or hold a request at a point (before or after the status is stored) so a test can kill
the client there.
"""

from __future__ import annotations

import html
import itertools
import re
import socket
import threading
import time

import regex
from tiny_images import jpeg
from werkzeug.wrappers import Request, Response

from .loopback import Loopback, json_response

_URL = re.compile(r"https?://\S+")


def weighted_length(text: str, per_url: int) -> int:
    return len(regex.findall(r"\X", _URL.sub("", text))) + per_url * len(_URL.findall(text))


class MastodonServer(Loopback):
    def __init__(self, token="test-token", username="film", max_characters=500, per_url=23, processing_polls=2):
        self.token, self.username = token, username
        self.max_characters, self.per_url = max_characters, per_url
        self.processing_polls = processing_polls  # GETs of a media before it is ready
        self.statuses: list[dict] = []  # newest last
        self.media: dict[str, dict] = {}
        self.keys: dict[str, dict] = {}  # Idempotency-Key -> status
        self.rate_limited = 0  # how many of the next POSTs answer 429
        self.retry_after = "1"
        self.drop_after_accept = 0  # how many of the next statuses are stored, then the connection dropped
        self.error_after_accept = 0  # how many of the next statuses are stored, then answered 503
        self.media_failures = 0  # how many of the next media uploads answer 502
        self.instance_unavailable = False  # /api/v1/instance and /api/v2/instance answer 503
        self.key_lifetime = 3600.0  # seconds a key is kept, from the status's creation
        self._shift = 0.0  # seconds the server's clock is ahead (advance)
        self._ids = itertools.count(110_000_000_000_000_001)
        self._lock = threading.Lock()
        self.calls = 0  # authenticated calls, for the rate-limit headers
        super().__init__()

    def advance(self, seconds: float) -> None:
        """Move the server's clock on: keys older than key_lifetime are forgotten."""
        self._shift += seconds

    def _now(self) -> float:
        return time.monotonic() + self._shift

    # -- what the tests read
    def posted_for(self, url: str) -> list[dict]:
        return [s for s in self.statuses if url in s["text"]]

    # -- the API
    # -- conversations, for backfeed tests
    def account(self, username: str, display_name: str = "", account_id: str | None = None) -> dict:
        """A fan's account (ours is id "1"); its avatar is served by this server."""
        account_id = account_id or str(next(self._ids))
        return {
            "id": account_id,
            "username": username,
            "acct": f"{username}@fans.example",
            "display_name": display_name or username,
            "url": f"https://fans.example/@{username}",
            "avatar_static": f"{self.url}/avatars/{account_id}.jpg",
        }

    def reply(
        self, to: dict, account: dict, html: str, visibility="public", created_at="2026-11-20T10:00:00.000Z"
    ) -> dict:
        status_id = str(next(self._ids))
        status = {
            "id": status_id,
            "url": f"https://fans.example/@{account['username']}/{status_id}",
            "uri": f"https://fans.example/users/{account['username']}/statuses/{status_id}",
            "in_reply_to_id": to["id"],
            "content": html,
            "text": html,
            "visibility": visibility,
            "created_at": created_at,
            "account": account,
            "media_attachments": [],
        }
        self.statuses.append(status)
        return status

    def favourite(self, status: dict, account: dict) -> None:
        status.setdefault("favourited_by", []).append(account)

    def boost(self, status: dict, account: dict) -> None:
        status.setdefault("reblogged_by", []).append(account)

    def route(self, request: Request, environ) -> Response:
        response = self._route(request, environ)
        # Every answer of an authenticated call carries the rate-limit window (300 calls in 5 minutes).
        if request.headers.get("Authorization"):
            self.calls += 1
            response.headers["X-RateLimit-Limit"] = "300"
            response.headers["X-RateLimit-Remaining"] = str(max(0, 300 - self.calls))
        return response

    def _route(self, request: Request, environ) -> Response:
        path = request.path.rstrip("/")  # Rails routes ignore a trailing slash
        if match := re.fullmatch(r"/avatars/(\d+)\.jpg", path):
            return Response(jpeg(64, 64), content_type="image/jpeg")
        public_read = request.method == "GET" and path.startswith("/api/v1/statuses/")
        authorization = request.headers.get("Authorization")
        if authorization != f"Bearer {self.token}" and not (public_read and authorization is None):
            return json_response({"error": "The access token is invalid"}, 401)
        if public_read:
            return self._read_status(path)
        if request.method == "POST" and self.rate_limited:
            self.rate_limited -= 1
            return json_response({"error": "Too many requests"}, 429, {"Retry-After": self.retry_after})
        if path == "/api/v1/accounts/verify_credentials":
            return json_response(self._account())
        if path in ("/api/v1/instance", "/api/v2/instance"):  # Mastodon.py reads v1 for the version
            if self.instance_unavailable:
                return json_response({"error": "Service Unavailable"}, 503)
            return json_response(
                {
                    "domain": "127.0.0.1",
                    "uri": "127.0.0.1",
                    "title": "Loopback",
                    "version": "4.3.0",
                    "api_versions": {"mastodon": 2},
                    "configuration": {
                        "statuses": {
                            "max_characters": self.max_characters,
                            "max_media_attachments": 4,
                            "characters_reserved_per_url": self.per_url,
                        }
                    },
                }
            )
        if path == "/api/v2/media" and request.method == "POST":
            if self.media_failures:
                self.media_failures -= 1
                return Response(b"<html>502 Bad Gateway</html>", 502, content_type="text/html")
            return self._upload(request)
        if match := re.fullmatch(r"/api/v1/media/(\d+)", path):
            return self._media(match[1])
        if path == "/api/v1/statuses" and request.method == "POST":
            return self._post_status(request, environ)
        if match := re.fullmatch(r"/api/v1/accounts/(\d+)/statuses", path):
            return self._account_statuses(request)
        return json_response({"error": "Record not found"}, 404)

    def _account(self):
        return {
            "id": "1",
            "username": self.username,
            "acct": self.username,
            "url": f"{self.url}/@{self.username}",
            "display_name": "The film",
            "avatar_static": f"{self.url}/avatars/1.jpg",
        }

    def _upload(self, request):
        self.wait_at("media")
        upload = request.files.get("file")
        if upload is None:
            return json_response({"error": "Validation failed: File can't be blank"}, 422)
        media_id = str(next(self._ids))
        self.media[media_id] = {
            "id": media_id,
            "type": "image",
            "url": None,
            "preview_url": None,
            "description": request.form.get("description"),
            "bytes": len(upload.read()),
            "polls": 0,
        }
        return json_response(self._media_view(media_id), 202)

    def _media(self, media_id):
        media = self.media.get(media_id)
        if media is None:
            return json_response({"error": "Record not found"}, 404)
        media["polls"] += 1
        if media["polls"] >= self.processing_polls:
            media["url"] = f"{self.url}/media/{media_id}.jpg"
        return json_response(self._media_view(media_id), 200 if media["url"] else 206)

    def _media_view(self, media_id):
        return {k: v for k, v in self.media[media_id].items() if k not in ("bytes", "polls")}

    def _post_status(self, request, environ):
        key = request.headers.get("Idempotency-Key")
        text = request.form.get("status", "")
        media_ids = request.form.getlist("media_ids[]") or request.form.getlist("media_ids")
        self.wait_at("status-before")
        with self._lock:
            kept = self.keys.get(key) if key else None
            if kept and self._now() - kept["created"] < self.key_lifetime:  # not renewed by a repeat
                return json_response(kept["status"])
            if not text.strip() and not media_ids:
                return json_response({"error": "Validation failed: Text can't be blank"}, 422)
            language = (
                request.form.get("language") or None
            )  # ISO 639: the status's language, else the account's default
            if language and not re.fullmatch(r"[a-z]{2,3}", language):
                return json_response({"error": "Validation failed: Language is not a valid language code"}, 422)
            length = weighted_length(text, self.per_url)
            if length > self.max_characters:
                return json_response(
                    {"error": f"Validation failed: Text character limit of {self.max_characters} exceeded"}, 422
                )
            for media_id in media_ids:
                if media_id not in self.media:
                    return json_response({"error": "Validation failed: media not found"}, 422)
                if not self.media[media_id]["url"]:
                    return json_response(
                        {"error": "Cannot attach files that have not finished processing. Try again in a moment!"}, 422
                    )
            status_id = str(next(self._ids))
            status = {
                "id": status_id,
                "url": f"{self.url}/@{self.username}/{status_id}",
                "text": text,
                "content": _html(text),
                "visibility": request.form.get("visibility", "public"),
                "media_attachments": [self._media_view(m) for m in media_ids],
                "account": self._account(),
                "idempotency_key": key,
                "language": language,
            }
            self.statuses.append(status)
            if key:
                self.keys[key] = {"status": status, "created": self._now()}
        self.wait_at("status-after")
        if self.error_after_accept:
            self.error_after_accept -= 1
            return json_response({"error": "Service Unavailable"}, 503)
        if self.drop_after_accept:
            self.drop_after_accept -= 1
            sock = environ.get("werkzeug.socket")
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
            return Response(b"", 500)
        return json_response(status)

    def _read_status(self, path):
        match = re.fullmatch(r"/api/v1/statuses/(\d+)(?:/(context|favourited_by|reblogged_by))?", path)
        found = [s for s in self.statuses if match and s["id"] == match[1]]
        if not found or found[0].get("visibility") == "direct":
            return json_response({"error": "Record not found"}, 404)
        status, part = found[0], match[2]
        if part == "context":  # every descendant, depth first, as Mastodon answers
            descendants, stack = [], [status["id"]]
            while stack:
                parent = stack.pop()
                children = [s for s in self.statuses if s.get("in_reply_to_id") == parent]
                descendants += children
                stack += [c["id"] for c in reversed(children)]
            return json_response({"ancestors": [], "descendants": descendants})
        if part in ("favourited_by", "reblogged_by"):
            return json_response(status.get(part, []))
        view = {
            k: v for k, v in status.items() if k not in ("favourited_by", "reblogged_by", "text", "idempotency_key")
        }
        # Mastodon counts only replies it distributes (public and unlisted).
        view["replies_count"] = sum(
            1
            for s in self.statuses
            if s.get("in_reply_to_id") == status["id"] and s.get("visibility") in ("public", "unlisted")
        )
        view["favourites_count"] = len(status.get("favourited_by", []))
        view["reblogs_count"] = len(status.get("reblogged_by", []))
        return json_response(view)

    def _account_statuses(self, request):
        newest_first = list(reversed(self.statuses))
        max_id = request.args.get("max_id")
        if max_id:
            newest_first = [s for s in newest_first if int(s["id"]) < int(max_id)]
        limit = min(int(request.args.get("limit", 20)), 40)
        return json_response(newest_first[:limit])


def _html(text: str) -> str:
    """Roughly how Mastodon renders plain text: paragraphs, escaped, links as anchors."""
    escaped = html.escape(text, quote=True)
    linked = re.sub(r"https?://[^\s<]+", lambda m: f'<a href="{m[0]}" rel="nofollow noopener">{m[0]}</a>', escaped)
    return "".join(f"<p>{part.replace(chr(10), '<br />')}</p>" for part in linked.split("\n\n"))
