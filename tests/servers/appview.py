"""A loopback Bluesky AppView for the reads backfeed makes (the dev-env PDS has no AppView):
app.bsky.feed.getPosts, getPostThread, getLikes and getRepostedBy, answering in the shapes of the
lexicons (app.bsky.feed.defs#threadViewPost, #notFoundPost, #blockedPost)."""

from __future__ import annotations

import itertools

from tiny_images import jpeg
from werkzeug.wrappers import Response

from .loopback import Loopback, json_response

CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"


class AppView(Loopback):
    def __init__(self):
        super().__init__()
        self.posts: dict[str, dict] = {}  # uri -> {"author", "text", "parent", "created", "likes", "reposts", "state"}
        self._rkeys = itertools.count(1)

    def actor(self, handle: str, name: str = "") -> dict:
        did = "did:plc:" + handle.split(".")[0].ljust(24, "x")[:24]
        return {
            "did": did,
            "handle": handle,
            "displayName": name or handle,
            "avatar": f"{self.url}/avatar/{handle}.jpg",
        }

    def post(
        self, author: dict, text: str, parent: str | None = None, created="2026-11-20T10:00:00.000Z", uri=None
    ) -> str:
        uri = uri or f"at://{author['did']}/app.bsky.feed.post/3mabc{next(self._rkeys):08d}"
        self.posts[uri] = {
            "author": author,
            "text": text,
            "parent": parent,
            "created": created,
            "likes": [],
            "reposts": [],
            "state": "ok",
        }
        return uri

    def route(self, request, environ):
        if request.path.startswith("/avatar/"):
            return Response(jpeg(64, 64, (120, 40, 40)), content_type="image/jpeg")
        method = request.path.rsplit("/", 1)[-1]
        uri = request.args.get("uri") or ""
        if method == "app.bsky.feed.getPosts":
            uris = request.args.getlist("uris")
            return json_response({"posts": [self._view(u) for u in uris if u in self.posts]})
        if uri not in self.posts:
            return json_response({"error": "NotFound", "message": "Post not found"}, 400)
        if method == "app.bsky.feed.getPostThread":
            return json_response({"thread": self._thread_view(uri)})
        if method == "app.bsky.feed.getLikes":
            likes = [
                {"actor": a, "createdAt": "2026-11-20T11:00:00.000Z", "indexedAt": "2026-11-20T11:00:00.000Z"}
                for a in self.posts[uri]["likes"]
            ]
            return json_response({"uri": uri, "likes": likes})
        if method == "app.bsky.feed.getRepostedBy":
            return json_response({"uri": uri, "repostedBy": self.posts[uri]["reposts"]})
        return json_response({"error": "MethodNotImplemented"}, 501)

    def _children(self, uri):
        return [u for u, p in self.posts.items() if p["parent"] == uri]

    def _view(self, uri):
        post = self.posts[uri]
        record = {"$type": "app.bsky.feed.post", "text": post["text"], "createdAt": post["created"]}
        if post["parent"]:
            ref = {"uri": post["parent"], "cid": CID}
            record["reply"] = {"root": ref, "parent": ref}
        return {
            "uri": uri,
            "cid": CID,
            "author": post["author"],
            "record": record,
            "indexedAt": post["created"],
            "replyCount": len(self._children(uri)),
            "likeCount": len(post["likes"]),
            "repostCount": len(post["reposts"]),
        }

    def _thread_view(self, uri):
        post = self.posts[uri]
        if post["state"] == "deleted":
            return {"$type": "app.bsky.feed.defs#notFoundPost", "uri": uri, "notFound": True}
        if post["state"] == "blocked":
            return {
                "$type": "app.bsky.feed.defs#blockedPost",
                "uri": uri,
                "blocked": True,
                "author": {"did": post["author"]["did"], "viewer": {"blockedBy": True}},
            }
        return {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": self._view(uri),
            "replies": [self._thread_view(child) for child in self._children(uri)],
        }
