"""Loopback stand-ins for Meta's two-step publishing APIs, keeping to the documented behaviour
Marquee touches: the Threads API (graph.threads.net/v1.0) and Instagram content publishing
(graph.instagram.com). Both take a token (Bearer or access_token); create a media container whose
image is "fetched" over a few status reads (IN_PROGRESS, then FINISHED, or ERROR for an image the
crawler cannot get); publish only a FINISHED container, once; count published posts per 24 hours
(the quota edge) and refuse past it; answer with Graph-style error bodies, and 429 with
Retry-After. Each can hold a publish before or after storing it, so a test can kill the client."""

from __future__ import annotations

import re

import regex

from .loopback import json_response
from .networks import PostingServer, _graph_error, debug_token

_URL = re.compile(r"https?://\S+")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")


def threads_length(text: str) -> int:
    """Threads counts an emoji as its UTF-8 bytes."""
    return sum(len(c.encode()) if _EMOJI.search(c) else 1 for c in regex.findall(r"\X", text))


class MetaContainerAPI(PostingServer):
    version = ""
    debuggable = False
    quota_edge = create_edge = publish_edge = list_edge = ""
    status_field = "status"
    quota_total = 250
    list_fields: tuple[str, ...] = ()

    def __init__(self, token: str, user_id: str, username: str, quota_used=0, processing_reads=2):
        super().__init__()
        self.token, self.user_id, self.username = token, user_id, username
        self.quota_used, self.processing_reads = quota_used, processing_reads
        self.containers: dict[str, dict] = {}
        self.unreachable_images: set[str] = set()  # image URLs Meta's crawler cannot fetch
        self.token_expires_at, self.scopes = 0, []  # what GET /debug_token tells (Threads)

    def new_id(self, n):
        return f"1800{n}"

    def validate(self, form) -> str | None:
        """Why this container form is refused (a Graph error message), or None."""
        raise NotImplementedError

    def published(self, form) -> dict:
        """The stored post made from a container's form."""
        raise NotImplementedError

    def permalink(self, post) -> str:
        raise NotImplementedError

    def route(self, request, environ):
        token = (
            request.args.get("access_token")
            or request.form.get("access_token")
            or request.headers.get("Authorization", "").removeprefix("Bearer ")
        )
        if token != self.token:
            return _graph_error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 400)
        if self.limited(request):
            return json_response(
                {"error": {"message": "Application request limit reached", "type": "OAuthException", "code": 4}},
                429,
                {"Retry-After": self.retry_after},
            )
        parts = request.path.strip("/").split("/")
        if parts[0] != self.version or len(parts) not in (2, 3):
            return _graph_error("Unknown path components", "OAuthException", 2500, 400)
        if parts[1:] == ["debug_token"] and self.debuggable:
            return debug_token(request, self.token, self.token_expires_at, self.scopes)
        if len(parts) == 2:
            return self.object(parts[1])
        if parts[1] != self.user_id:
            return _graph_error("(#200) Not authorized for this user", "OAuthException", 200, 403)
        edge = parts[2]
        if edge == self.quota_edge and request.method == "GET":
            usage = {
                "quota_usage": self.quota_used,
                "config": {"quota_total": self.quota_total, "quota_duration": 86400},
            }
            return json_response({"data": [usage]})
        if edge == self.list_edge and request.method == "GET":
            newest = list(reversed(self.posts))[: int(request.args.get("limit", 25))]
            return json_response(
                {
                    "data": [
                        {**{k: p[k] for k in self.list_fields if k in p}, "permalink": self.permalink(p)}
                        for p in newest
                    ]
                }
            )
        if edge == self.create_edge and request.method == "POST":
            problem = self.validate(request.form)
            if problem:
                return _graph_error(problem, "OAuthException", 100, 400)
            container = f"9000{len(self.containers) + 1}"
            reads = self.processing_reads if request.form.get("image_url") else 0
            self.containers[container] = {
                "form": dict(request.form),
                "status": "IN_PROGRESS" if reads else "FINISHED",
                "reads_left": reads,
            }
            return json_response({"id": container})
        if edge == self.publish_edge and request.method == "POST":
            return self.publish(request.form.get("creation_id", ""))
        return _graph_error("Unsupported request", "OAuthException", 100, 400)

    def object(self, object_id):
        if object_id in self.containers:
            container = self.containers[object_id]
            if container["status"] == "IN_PROGRESS":
                container["reads_left"] -= 1
                if container["reads_left"] <= 0:
                    unreachable = container["form"].get("image_url") in self.unreachable_images
                    container["status"] = "ERROR" if unreachable else "FINISHED"
            answer = {"id": object_id, self.status_field: container["status"]}
            if container["status"] == "ERROR":
                answer["error_message"] = "FAILED_DOWNLOADING_IMAGE"
            return json_response(answer)
        post = next((p for p in self.posts if p["id"] == object_id), None)
        if post is None:
            return _graph_error("Unsupported get request. Object does not exist", "GraphMethodException", 100, 400)
        return json_response({"id": post["id"], "permalink": self.permalink(post)})

    def publish(self, creation_id):
        container = self.containers.get(creation_id)
        if container is None:
            return _graph_error("(#100) Param creation_id is not a valid container", "OAuthException", 100, 400)
        if container["status"] == "PUBLISHED":
            return _graph_error("(#100) The container has already been published", "OAuthException", 100, 400)
        if container["status"] != "FINISHED":
            return _graph_error(
                "Media ID is not available: the media is not ready for publishing", "OAuthException", 9007, 400
            )
        if self.quota_used >= self.quota_total:  # Meta's documented answer: code 9, subcode 2207042
            return json_response(
                {
                    "error": {
                        "message": "Application request limit reached",
                        "type": "OAuthException",
                        "code": 9,
                        "error_subcode": 2207042,
                        "is_transient": False,
                        "error_user_title": "Max posts reached",
                        "error_user_msg": f"The account has reached its limit of {self.quota_total} published posts in 24 hours",
                    }
                },
                400,
            )
        container["status"] = (
            "PUBLISHED"  # claimed at once: a second publish of it is refused, even while this one runs
        )
        self.quota_used += 1
        post = self.store(self.published(container["form"]))
        return json_response({"id": post["id"]})


class ThreadsAPI(MetaContainerAPI):
    """TEXT containers (text, link_attachment) and IMAGE containers (image_url, alt_text, text);
    500 characters with emoji as bytes; at most 5 links; 250 posts a day."""

    version, status_field, quota_total, debuggable = "v1.0", "status", 250, True
    quota_edge, create_edge, publish_edge, list_edge = (
        "threads_publishing_limit",
        "threads",
        "threads_publish",
        "threads",
    )
    list_fields = ("id", "text", "link_attachment_url", "media_type")

    def __init__(self, token="threads-token", user_id="17841400000000001", username="saltandstatic", **kwargs):
        super().__init__(token, user_id, username, **kwargs)

    def validate(self, form):
        kind, text = form.get("media_type", ""), form.get("text", "")
        if kind not in ("TEXT", "IMAGE"):
            return "(#100) Param media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL"
        if threads_length(text) > 500:
            return "(#100) Param text must be at most 500 characters long."
        if len(set(_URL.findall(text)) | ({form["link_attachment"]} if form.get("link_attachment") else set())) > 5:
            return "THREADS_API__LINK_LIMIT_EXCEEDED"
        if kind == "TEXT" and not text:
            return "(#100) Param text is required for TEXT posts"
        if kind == "IMAGE" and not form.get("image_url"):
            return "(#100) Param image_url is required for IMAGE posts"
        if kind == "IMAGE" and form.get("link_attachment"):
            return "(#100) link_attachment is only available for TEXT posts"
        if len(form.get("alt_text", "")) > 1000:
            return "(#100) Param alt_text must be at most 1000 characters long."
        return None

    def published(self, form):
        post = {"text": form.get("text", ""), "media_type": form["media_type"]}
        if form.get("link_attachment"):
            post["link_attachment_url"] = form["link_attachment"]
        if form.get("image_url"):
            post["image_url"], post["alt_text"] = form["image_url"], form.get("alt_text", "")
        return post

    def permalink(self, post):
        return f"https://www.threads.net/@{self.username}/post/C{post['id']}"


class InstagramAPI(MetaContainerAPI):
    """Image containers only (a JPEG image_url, caption, alt_text): captions of at most 2,200
    characters, 30 hashtags and 20 mentions; status_code; 50 posts a day."""

    version, status_field, quota_total = "v24.0", "status_code", 50
    quota_edge, create_edge, publish_edge, list_edge = "content_publishing_limit", "media", "media_publish", "media"
    list_fields = ("id", "caption", "media_type")

    def __init__(self, token="instagram-token", user_id="17841400000000002", username="saltandstatic", **kwargs):
        super().__init__(token, user_id, username, **kwargs)

    def validate(self, form):
        caption = form.get("caption", "")
        if not form.get("image_url"):
            return "(#100) The parameter image_url is required."
        if not form["image_url"].lower().endswith((".jpg", ".jpeg")):
            return "(#9004) Only photo or video can be accepted as media type: the image must be a JPEG"
        if len(caption) > 2200:
            return "(#100) The caption is too long: at most 2200 characters"
        if len(re.findall(r"#\w+", caption)) > 30:
            return "(#100) The caption has more than 30 hashtags"
        if len(re.findall(r"@\w+", caption)) > 20:
            return "(#100) The caption mentions more than 20 accounts"
        return None

    def published(self, form):
        return {
            "caption": form.get("caption", ""),
            "media_type": "IMAGE",
            "image_url": form["image_url"],
            "alt_text": form.get("alt_text", ""),
        }

    def permalink(self, post):
        return f"https://www.instagram.com/p/C{post['id']}/"
