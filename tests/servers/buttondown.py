"""A loopback Buttondown API (api.buttondown.com/v1) keeping to what Marquee touches:
`Authorization: Token …` (401 {"detail"} otherwise), `X-API-Version`; POST /v1/emails with a
subject (required, ≤ 2000 characters), a body (a YAML front-matter start is refused:
body_contains_frontmatter), a status (draft, about_to_send, scheduled); in API version
2026-04-01 a first about_to_send per key needs `X-Buttondown-Live-Dangerously: true`
(sending_requires_confirmation); errors as {"code", "detail"}; GET /v1/emails newest first with
page_size; 429 with Retry-After. No idempotency key. It can hold a create before or after storing."""

from __future__ import annotations

import uuid

from .loopback import json_response
from .networks import PostingServer

STATUSES = ("draft", "about_to_send", "scheduled")


class ButtondownAPI(PostingServer):
    def __init__(self, api_key="buttondown-key", username="saltandstatic"):
        super().__init__()
        self.api_key, self.username = api_key, username
        self.confirmed = False  # this key has sent with the confirmation header once

    def new_id(self, n):
        return str(uuid.UUID(int=n))

    def route(self, request, environ):
        if request.headers.get("Authorization") != f"Token {self.api_key}":
            return json_response({"detail": "Invalid token."}, 401)
        if self.limited(request):
            return json_response({"detail": "Request was throttled."}, 429, {"Retry-After": self.retry_after})
        if request.path != "/v1/emails":
            return json_response({"detail": "Not found."}, 404)
        if request.method == "GET":
            size = min(int(request.args.get("page_size", 50)), 100)
            newest = list(reversed(self.posts))[:size]
            return json_response({"results": newest, "next": None, "count": len(self.posts)})
        body = request.get_json(silent=True) or {}
        subject, text, status = body.get("subject", ""), body.get("body", ""), body.get("status", "draft")
        if not subject or len(subject) > 2000:
            return _error("subject_invalid", "The subject provided is invalid or missing.")
        if text.lstrip().startswith("---"):
            return _error("body_contains_frontmatter", "The body starts with YAML front matter.")
        if status not in STATUSES:
            return _error("status_invalid", "The status provided is not valid.")
        if status == "about_to_send" and not self.confirmed:
            if request.headers.get("X-Buttondown-Live-Dangerously") != "true":
                return _error(
                    "sending_requires_confirmation",
                    "Sending requires X-Buttondown-Live-Dangerously: true once per key.",
                )
            self.confirmed = True
        email = self.store(
            {
                "subject": subject,
                "body": text,
                "status": status,
                "metadata": body.get("metadata") or {},
                "canonical_url": body.get("canonical_url", ""),
                "image": body.get("image", ""),
                "description": body.get("description", ""),
            }
        )
        email["absolute_url"] = f"https://buttondown.com/{self.username}/archive/{email['id'][-8:]}/"
        return json_response(email, 201)


def _error(code: str, detail: str):
    return json_response({"code": code, "detail": detail}, 400)
