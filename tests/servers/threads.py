"""A loopback Threads API (graph.threads.net/v1.0) keeping to the documented behaviour Marquee
touches: a token (Bearer or access_token), media containers (TEXT with link_attachment, IMAGE with
image_url and alt_text) whose image is "fetched" over a few status reads (IN_PROGRESS, then
FINISHED; or ERROR for an image it cannot get), publishing only FINISHED containers once, the
500-character limit with emoji counted as UTF-8 bytes, at most 5 links, 250 published posts per 24
hours (threads_publishing_limit), Graph-style error bodies, and 429 with Retry-After. It can hold
a publish before or after storing it, so a test can kill the client there."""

from __future__ import annotations

import re

import regex

from .loopback import json_response
from .networks import PostingServer, _graph_error

_URL = re.compile(r"https?://\S+")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")


def threads_length(text: str) -> int:
    return sum(len(c.encode()) if _EMOJI.search(c) else 1 for c in regex.findall(r"\X", text))


class ThreadsAPI(PostingServer):
    def __init__(self, token="threads-token", user_id="17841400000000001", username="saltandstatic", quota_used=0,
                 processing_reads=2):  # fmt: skip
        super().__init__()
        self.token, self.user_id, self.username = token, user_id, username
        self.quota_used, self.processing_reads = quota_used, processing_reads
        self.containers: dict[str, dict] = {}
        self.unreachable_images: set[str] = set()  # image URLs Meta's crawler cannot fetch

    def new_id(self, n):
        return f"1800{n}"

    def route(self, request, environ):
        token = request.args.get("access_token") or request.form.get("access_token") or \
            request.headers.get("Authorization", "").removeprefix("Bearer ")  # fmt: skip
        if token != self.token:
            return _graph_error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 400)
        if self.limited(request):
            return json_response({"error": {"message": "Application request limit reached", "type": "OAuthException", "code": 4}},
                                 429, {"Retry-After": self.retry_after})  # fmt: skip
        parts = request.path.strip("/").split("/")
        if parts[0] != "v1.0" or len(parts) not in (2, 3):
            return _graph_error("Unknown path components", "OAuthException", 2500, 400)
        if len(parts) == 2:
            return self.object(parts[1])
        if parts[1] != self.user_id:
            return _graph_error("(#200) Not authorized for this user", "OAuthException", 200, 403)
        edge = parts[2]
        if edge == "threads_publishing_limit" and request.method == "GET":
            return json_response({"data": [{"quota_usage": self.quota_used, "config": {"quota_total": 250, "quota_duration": 86400}}]})
        if edge == "threads" and request.method == "GET":
            limit = int(request.args.get("limit", 25))
            fields = ("id", "text", "link_attachment_url", "media_type")
            newest = list(reversed(self.posts))[:limit]
            return json_response({"data": [{**{k: p[k] for k in fields if k in p}, "permalink": self.permalink(p)} for p in newest]})
        if edge == "threads" and request.method == "POST":
            return self.create(request.form)
        if edge == "threads_publish" and request.method == "POST":
            return self.publish(request.form.get("creation_id", ""))
        return _graph_error("Unsupported request", "OAuthException", 100, 400)

    def create(self, form):
        kind, text = form.get("media_type", ""), form.get("text", "")
        if kind not in ("TEXT", "IMAGE"):
            return _graph_error("(#100) Param media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL", "OAuthException", 100, 400)
        if threads_length(text) > 500:
            return _graph_error("(#100) Param text must be at most 500 characters long.", "OAuthException", 100, 400)
        if len(set(_URL.findall(text)) | {form.get("link_attachment")} - {None}) > 5:
            return _graph_error("THREADS_API__LINK_LIMIT_EXCEEDED", "OAuthException", 100, 400)
        if kind == "TEXT" and not text:
            return _graph_error("(#100) Param text is required for TEXT posts", "OAuthException", 100, 400)
        if kind == "IMAGE" and not form.get("image_url"):
            return _graph_error("(#100) Param image_url is required for IMAGE posts", "OAuthException", 100, 400)
        if kind == "IMAGE" and form.get("link_attachment"):
            return _graph_error("(#100) link_attachment is only available for TEXT posts", "OAuthException", 100, 400)
        if len(form.get("alt_text", "")) > 1000:
            return _graph_error("(#100) Param alt_text must be at most 1000 characters long.", "OAuthException", 100, 400)
        container = f"9000{len(self.containers) + 1}"
        reads = self.processing_reads if kind == "IMAGE" else 0
        self.containers[container] = {"form": dict(form), "status": "IN_PROGRESS" if reads else "FINISHED", "reads_left": reads}
        return json_response({"id": container})

    def object(self, object_id):
        if object_id in self.containers:
            container = self.containers[object_id]
            if container["status"] == "IN_PROGRESS":
                container["reads_left"] -= 1
                if container["reads_left"] <= 0:
                    unreachable = container["form"].get("image_url") in self.unreachable_images
                    container["status"] = "ERROR" if unreachable else "FINISHED"
            answer = {"id": object_id, "status": container["status"]}
            if container["status"] == "ERROR":
                answer["error_message"] = "FAILED_DOWNLOADING_IMAGE"
            return json_response(answer)
        post = next((p for p in self.posts if p["id"] == object_id), None)
        if post is None:
            return _graph_error("Unsupported get request. Object does not exist", "GraphMethodException", 100, 400)
        return json_response({"id": post["id"], "permalink": self.permalink(post)})

    def permalink(self, post) -> str:
        return f"https://www.threads.net/@{self.username}/post/C{post['id']}"

    def publish(self, creation_id):
        container = self.containers.get(creation_id)
        if container is None:
            return _graph_error("(#100) Param creation_id is not a valid container", "OAuthException", 100, 400)
        if container["status"] == "PUBLISHED":
            return _graph_error("(#100) The container has already been published", "OAuthException", 100, 400)
        if container["status"] != "FINISHED":
            return _graph_error("Media Not Ready To Be Published", "OAuthException", 9007, 400)
        if self.quota_used >= 250:
            return _graph_error("(#4) The profile has reached its limit of 250 published posts in 24 hours", "OAuthException", 4, 400)
        form = container["form"]
        post = {"text": form.get("text", ""), "media_type": form["media_type"]}
        if form.get("link_attachment"):
            post["link_attachment_url"] = form["link_attachment"]
        if form.get("image_url"):
            post["image_url"], post["alt_text"] = form["image_url"], form.get("alt_text", "")
        post = self.store(post)
        container["status"] = "PUBLISHED"
        self.quota_used += 1
        return json_response({"id": post["id"]})
