"""Loopback stand-ins for the Graph API (Facebook Pages), LinkedIn's Posts API and the X API v2,
each keeping to its documented behaviour where Marquee touches it: the auth header, required
headers, length limits, error bodies, 429 with Retry-After. None of them has an idempotency key;
each can hold a post before or after storing it, so a test can kill the client there."""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata

import regex
from werkzeug.wrappers import Response

from .loopback import Loopback, json_response

_URL = re.compile(r"https?://\S+")


class PostingServer(Loopback):
    def __init__(self):
        super().__init__()
        self.posts: list[dict] = []  # oldest first
        self.rate_limited = 0  # how many of the next POSTs answer 429
        self.retry_after = "1"
        self._ids = itertools.count(1001)
        self._lock = threading.Lock()

    def store(self, post: dict) -> dict:
        self.wait_at("before")  # held here: nothing stored yet (other requests go on meanwhile)
        with self._lock:
            post["id"] = self.new_id(next(self._ids))
            self.posts.append(post)
        self.wait_at("after")  # held here: stored, no answer sent yet
        return post

    def posted_for(self, url: str) -> list[dict]:
        return [p for p in self.posts if url in str(p)]

    def new_id(self, n: int) -> str:
        return str(n)

    def limited(self, request):
        if request.method == "POST" and self.rate_limited:
            self.rate_limited -= 1
            return True
        return False


class FacebookGraph(PostingServer):
    """/{version}/{page-id}/feed and /photos; errors as {"error": {message, type, code}}."""

    def __init__(self, token="page-token", page_id="1234567890", version="v24.0"):
        super().__init__()
        self.token, self.page_id, self.version = token, page_id, version
        # What GET /debug_token tells of the token: 0 = never expires (a Page token from a long-lived user token)
        self.token_expires_at, self.scopes = 0, ["pages_manage_posts", "pages_read_engagement", "pages_show_list"]

    def new_id(self, n):
        return f"{self.page_id}_{n}"

    def route(self, request, environ):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return _graph_error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 400)
        if self.limited(request):
            return json_response(
                {"error": {"message": "(#4) Application request limit reached", "type": "OAuthException", "code": 4}},
                429,
                {"Retry-After": self.retry_after},
            )
        if request.path == f"/{self.version}/debug_token":
            return debug_token(request, self.token, self.token_expires_at, self.scopes)
        match = re.fullmatch(rf"/{self.version}/(\d+)/(feed|photos)", request.path)
        if not match:
            return _graph_error("Unknown path components", "OAuthException", 2500, 400)
        if match[1] != self.page_id:
            return _graph_error(
                "(#200) The user hasn't authorized the application to perform this action", "OAuthException", 200, 403
            )
        if request.method == "GET" and match[2] == "feed":
            limit = int(request.args.get("limit", 25))
            newest = list(reversed(self.posts))[:limit]
            return json_response(
                {"data": [{k: p[k] for k in ("id", "message", "link", "permalink_url") if k in p} for p in newest]}
            )
        message = request.form.get("message", "")
        if len(message) > 63_206:
            return _graph_error(
                "(#100) Param message must be at most 63206 characters long", "OAuthException", 100, 400
            )
        if match[2] == "photos":
            if "source" not in request.files:
                return _graph_error("(#324) Requires upload file", "OAuthException", 324, 400)
            post = self.store(
                {"message": message, "alt_text_custom": request.form.get("alt_text_custom"), "photo": True}
            )
            return json_response({"id": f"photo{post['id']}", "post_id": post["id"]})
        if not message and not request.form.get("link"):
            return _graph_error("(#100) Missing message or attachment", "OAuthException", 100, 400)
        post = self.store({"message": message, "link": request.form.get("link", "")})
        post["permalink_url"] = f"https://www.facebook.com/{post['id']}"
        return json_response({"id": post["id"]})


def debug_token(request, token: str, expires_at: int, scopes: list[str]):
    """GET /debug_token?input_token=…: the inspected token's validity, expiry and permissions."""
    valid = request.args.get("input_token") == token
    return json_response(
        {
            "data": {
                "type": "USER",
                "application": "Marquee",
                "is_valid": valid,
                "expires_at": expires_at if valid else 0,
                "scopes": scopes if valid else [],
            }
        }
    )


def _graph_error(message, kind, code, status):
    return json_response({"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf"}}, status)


class LinkedInAPI(PostingServer):
    """/rest/posts: Bearer token, Linkedin-Version (YYYYMM) and X-Restli-Protocol-Version 2.0.0
    required; 201 with the new post's URN in x-restli-id; commentary up to 3,000 characters."""

    def __init__(self, token="linkedin-token", author="urn:li:organization:2414183", version="202610"):
        super().__init__()
        self.token, self.author, self.version = token, author, version

    def new_id(self, n):
        return f"urn:li:share:{7000000000000000000 + n}"

    def route(self, request, environ):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return json_response({"serviceErrorCode": 65600, "message": "Invalid access token", "status": 401}, 401)
        if request.headers.get("X-Restli-Protocol-Version") != "2.0.0":
            return json_response({"message": "A Rest.li protocol version header is required", "status": 400}, 400)
        if not re.fullmatch(r"20\d{4}", request.headers.get("Linkedin-Version", "")):
            return json_response(
                {"code": "VERSION_MISSING", "message": "A version must be present", "status": 426}, 426
            )
        if self.limited(request):
            return json_response(
                {"message": "Resource level throttle limit exceeded", "status": 429},
                429,
                {"Retry-After": self.retry_after},
            )
        if request.path != "/rest/posts":
            return json_response({"message": "Not found", "status": 404}, 404)
        if request.method == "GET":
            if request.args.get("q") != "author" or request.args.get("author") != self.author:
                return json_response({"message": "Not enough permissions to access this author", "status": 403}, 403)
            newest = list(reversed(self.posts))[: int(request.args.get("count", 10))]
            return json_response({"elements": newest, "paging": {"start": 0, "count": len(newest)}})
        body = request.get_json()
        if body.get("author") != self.author:
            return json_response({"message": "Unpermitted fields present in REQUEST_BODY", "status": 403}, 403)
        if len(body.get("commentary", "")) > 3000:
            return json_response({"message": "commentary is too long (max 3000)", "status": 422}, 422)
        post = self.store(dict(body))
        return Response(status=201, headers={"x-restli-id": post["id"]})


def x_weight(text: str) -> int:
    """twitter-text v3, independently of Marquee's: NFC, URLs 23, light ranges 1, emoji 2, rest 2."""
    total = 23 * len(_URL.findall(text))
    for cluster in regex.findall(r"\X", unicodedata.normalize("NFC", _URL.sub("", text))):
        if regex.search(r"\p{Extended_Pictographic}|\p{Regional_Indicator}", cluster):
            total += 2
            continue
        for ch in cluster:
            cp = ord(ch)
            light = cp <= 4351 or 8192 <= cp <= 8205 or 8208 <= cp <= 8223 or 8242 <= cp <= 8247
            total += 1 if light else 2
    return total


class XAPI(PostingServer):
    """/2/users/me, /2/tweets, /2/users/:id/tweets; OAuth 1.0a user context required."""

    def __init__(self, consumer_key="x-consumer-key", user_id="42", username="film"):
        super().__init__()
        self.consumer_key, self.user_id, self.username = consumer_key, user_id, username

    def new_id(self, n):
        return str(1860000000000000000 + n)

    def route(self, request, environ):
        auth = request.headers.get("Authorization", "")
        if (
            not auth.startswith("OAuth ")
            or f'oauth_consumer_key="{self.consumer_key}"' not in auth
            or "oauth_signature=" not in auth
        ):
            return json_response(
                {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, 401
            )
        if self.limited(request):
            return json_response(
                {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
                429,
                {"Retry-After": self.retry_after, "x-rate-limit-reset": "0"},
            )
        if request.path == "/2/users/me":
            return json_response({"data": {"id": self.user_id, "name": "The film", "username": self.username}})
        if request.path == f"/2/users/{self.user_id}/tweets":
            newest = list(reversed(self.posts))[: int(request.args.get("max_results", 10))]
            return json_response(
                {"data": newest, "meta": {"result_count": len(newest)}} if newest else {"meta": {"result_count": 0}}
            )
        if request.path == "/2/tweets" and request.method == "POST":
            text = (request.get_json() or {}).get("text", "")
            if x_weight(text) > 280:
                return json_response(
                    {
                        "detail": "Your Tweet text is too long.",
                        "type": "about:blank",
                        "title": "Forbidden",
                        "status": 403,
                    },
                    403,
                )
            urls = [{"url": f"https://t.co/x{n}", "expanded_url": u} for n, u in enumerate(_URL.findall(text))]
            shown = _URL.sub(lambda m: "https://t.co/x", text)
            post = self.store({"text": shown, "entities": {"urls": urls}})
            return json_response(
                {"data": {"id": post["id"], "text": post["text"], "edit_history_tweet_ids": [post["id"]]}}, 201
            )
        return json_response(
            {"title": "Not Found Error", "status": 404, "detail": "Not found", "type": "about:blank"}, 404
        )
