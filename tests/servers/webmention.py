"""Webmention on loopback: webmention.io's JF2 API (what a site's endpoint received) and other
people's sites that advertise an endpoint the ways the W3C spec allows and take webmentions."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from werkzeug.wrappers import Response

from .loopback import Loopback, json_response


class WebmentionIO(Loopback):
    """GET /api/mentions.jf2?domain=D&token=T&per-page=N&page=K: a JF2 feed of the mentions
    received for D, newest first, paged. A missing or wrong token is 401 with an error body,
    as the service answers; `per-page` is capped at 100."""

    def __init__(self, token: str, domain: str, mentions: list[dict]):
        super().__init__()
        self.token, self.domain = token, domain
        self.mentions = sorted(mentions, key=lambda m: m.get("wm-received", ""), reverse=True)
        self.pages_read: list[int] = []

    def route(self, request, environ):
        if request.path != "/api/mentions.jf2":
            return json_response({"error": "not_found"}, 404)
        if request.args.get("token") != self.token:
            return json_response({"error": "forbidden", "error_description": "The token provided is not valid"}, 401)
        if request.args.get("domain") != self.domain:
            return json_response({"type": "feed", "name": "Webmentions", "children": []})
        per_page = min(int(request.args.get("per-page", 20)), 100)
        page = int(request.args.get("page", 0))
        self.pages_read.append(page)
        children = self.mentions[page * per_page : (page + 1) * per_page]
        return json_response({"type": "feed", "name": "Webmentions", "children": children})


class OtherSites(Loopback):
    """Pages of other sites, each advertising its endpoint differently, and the endpoints.

    /header/...   Link: <relative>; rel="webmention" (relative to the page)
    /link/...     <link rel="webmention" href="..."> in the head (after a decoy rel="other")
    /anchor/...   <a rel="nofollow webmention" href="..."> in the body
    /moved/...    a 301 to /link/..., whose endpoint is relative to the new address
    /busy/...     an endpoint that answers 429 once
    /refuses/...  an endpoint that answers 400 no_link_found
    /scripted/... a javascript: "endpoint"
    /none/...     no endpoint at all
    /gone/...     404
    Endpoints: /endpoint (201 + Location), /busy-endpoint (429 with Retry-After the first time),
    /strict-endpoint (400 invalid_target unless the target is one of our pages).
    """

    def __init__(self):
        super().__init__()
        self.received: list[tuple[str, str, str]] = []  # (endpoint path, source, target)
        self.busy_once = True

    def page(self, kind: str, name: str = "review") -> str:
        return f"{self.url}/{kind}/{name}"

    def route(self, request, environ):
        path = request.path
        if request.method == "POST":
            return self.endpoint(request)
        kind = path.strip("/").split("/")[0]
        html = "<!doctype html><html><head><title>A review</title>{head}</head><body><p>About a film.</p>{body}</body></html>"
        if kind == "header":
            return Response(
                html.format(head="", body=""),
                content_type="text/html",
                headers={"Link": '<https://elsewhere.example/x>; rel="other", <../endpoint?site=1>; rel="webmention"'},
            )
        if kind == "link":
            head = '<link rel="other" href="/nothing"><link rel="webmention" href="/endpoint">'
            return Response(html.format(head=head, body=""), content_type="text/html; charset=utf-8")
        if kind == "anchor":
            return Response(
                html.format(head="", body='<a rel="nofollow webmention" href="/strict-endpoint">mentions</a>'),
                content_type="text/html",
            )
        if kind == "busy":
            return Response(
                html.format(head='<link rel="webmention" href="/busy-endpoint">', body=""), content_type="text/html"
            )
        if kind == "moved":
            return Response("", status=301, headers={"Location": path.replace("/moved/", "/link/")})
        if kind == "refuses":
            return Response(
                html.format(head='<link rel="webmention" href="/refusing-endpoint">', body=""), content_type="text/html"
            )
        if kind == "scripted":  # an "endpoint" no sender may follow
            return Response(
                html.format(head='<link rel="webmention" href="javascript:alert(1)">', body=""),
                content_type="text/html",
            )
        if kind == "none":
            return Response(html.format(head="", body=""), content_type="text/html")
        return Response("not found", status=404)

    def endpoint(self, request):
        source, target = request.form.get("source", ""), request.form.get("target", "")
        if not source or not target:
            return json_response(
                {"error": "invalid_request", "error_description": "source and target are required"}, 400
            )
        if request.path == "/busy-endpoint" and self.busy_once:
            self.busy_once = False
            return json_response({"error": "rate_limited"}, 429, {"Retry-After": "30"})
        if request.path == "/strict-endpoint" and urlsplit(target).netloc != urlsplit(self.url).netloc:
            return json_response(
                {"error": "invalid_target", "error_description": "The target is not on this site"}, 400
            )
        if request.path == "/refusing-endpoint":
            return json_response(
                {"error": "no_link_found", "error_description": "The source does not link to the target"}, 400
            )
        if request.path not in ("/endpoint", "/busy-endpoint", "/strict-endpoint"):
            return json_response({"error": "not_found"}, 404)
        self.received.append((request.full_path.rstrip("?"), source, target))
        status = urljoin(self.url, f"/status/{len(self.received)}")
        return Response("", status=201, headers={"Location": status})
