"""Small pieces the loopback servers share: a threaded WSGI server and hold points."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Hold:
    """Stops a request at `point` until released; `reached` tells the test it is there."""

    point: str
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    waiting: int = 0  # requests held here now


class Loopback:
    """A threaded WSGI server on 127.0.0.1; subclasses implement route(request, environ)."""

    def __init__(self):
        self.holds: list[Hold] = []
        self.requests: list[tuple[str, str]] = []
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        for hold in self.holds:
            hold.release.set()
        self._server.shutdown()

    def hold(self, point: str) -> Hold:
        hold = Hold(point)
        self.holds.append(hold)
        return hold

    def wait_at(self, point: str) -> None:
        for hold in self.holds:
            if hold.point == point and not hold.release.is_set():
                hold.waiting += 1
                hold.reached.set()
                hold.release.wait(60)
                hold.waiting -= 1

    def _app(self, environ, start_response):
        request = Request(environ)
        self.requests.append((request.method, request.path))
        return self.route(request, environ)(environ, start_response)

    def route(self, request: Request, environ) -> Response:
        raise NotImplementedError


def json_response(data, status=200, headers=None) -> Response:
    return Response(json.dumps(data), status=status, headers=headers or {}, content_type="application/json")


class WebhookReceiver(Loopback):
    """Takes JSON POSTs at /hook; drops repeats by Idempotency-Key, as a careful receiver does.
    `answers` is a list of statuses to give first (503, 429 ...), then 204s."""

    def __init__(self, answers=()):
        super().__init__()
        self.answers = list(answers)
        self.deliveries: list[tuple[str, dict]] = []  # every POST that reached us: (key, body)
        self.accepted: dict[str, dict] = {}  # by key: what the receiver acted on

    def route(self, request, environ):
        if request.method != "POST" or request.path != "/hook":
            return json_response({"error": "not found"}, 404)
        self.wait_at("before")
        key, body = request.headers.get("Idempotency-Key", ""), request.get_json()
        self.deliveries.append((key, body))
        if self.answers:
            status = self.answers.pop(0)
            return json_response({"error": "try later"}, status, {"Retry-After": "0"} if status == 429 else {})
        self.accepted.setdefault(key, body)
        self.wait_at("after")
        return Response(status=204)


class HoldingProxy(Loopback):
    """Forwards everything to `upstream` (the real PDS), holding chosen XRPC calls before or after.
    The PDS names itself in the DID document of a login answer, and clients then talk to that
    address; the proxy puts its own address there so that every call still passes through it."""

    def __init__(self, upstream: str):
        super().__init__()
        self.upstream = upstream.rstrip("/")

    def route(self, request, environ):
        method = request.path.rsplit(".", 1)[-1]  # /xrpc/com.atproto.repo.createRecord -> createRecord
        self.wait_at(f"{method}:before")
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        answer = requests.request(
            request.method,
            self.upstream + request.full_path.rstrip("?"),
            headers=headers,
            data=request.get_data(),
            timeout=30,
            allow_redirects=False,
        )
        self.wait_at(f"{method}:after")
        body = answer.content
        port = self.upstream.rsplit(":", 1)[-1]
        for name in (f"http://localhost:{port}".encode(), f"http://127.0.0.1:{port}".encode()):
            body = body.replace(name, self.url.encode())
        drop = {"content-encoding", "transfer-encoding", "connection", "content-length"}
        return Response(body, answer.status_code, [(k, v) for k, v in answer.headers.items() if k.lower() not in drop])
