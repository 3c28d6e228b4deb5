"""A fault-injecting HTTP server on 127.0.0.1, at the socket level so it can misbehave the ways
real servers and attackers do: the path names the fault.

    /ok/<type>          a small answer of that content type (json, html, png)
    /drip               headers, then one byte every `drip` seconds, forever
    /slow-headers       the status line and headers one byte at a time
    /stall-before       accepts, reads the request, never answers
    /stall-after        headers with a Content-Length, then nothing
    /fin                closes the connection without a word
    /rst                resets the connection
    /huge               a body of `huge` bytes without Content-Length (chunked)
    /huge-declared      a Content-Length of `huge` bytes, then the body
    /bomb.png           a small PNG that decodes to `bomb_side` x `bomb_side` pixels
    /redirect?to=URL    302 to URL (/redirect307: 307, which keeps a POST)

Every connection is served in its own thread and every fault stops when the server stops, so
no test waits on it and no thread outlives it.
"""

from __future__ import annotations

import io
import json
import socket
import threading
from urllib.parse import parse_qs, urlsplit

from PIL import Image


def bomb_png(side: int) -> bytes:
    """A PNG that is a few kilobytes on the wire and side x side pixels once decoded."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


class FaultServer:
    def __init__(self, drip: float = 0.2, huge: int = 50_000_000, bomb_side: int = 12_000):
        self.drip, self.huge, self.bomb_side = drip, huge, bomb_side
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(32)
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._bomb = b""
        self.every: str | None = None  # a fault path that answers every request from now on

    def __enter__(self):
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._socket.close()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _serve(self, conn: socket.socket):
        conn.settimeout(0.1)
        try:
            request = b""
            while b"\r\n\r\n" not in request and not self._stop.is_set():
                try:
                    piece = conn.recv(65536)
                except TimeoutError:
                    continue
                if not piece:
                    return
                request += piece
            if self._stop.is_set():
                return
            target = request.split(b" ", 2)[1].decode("latin-1")
            self.requests.append(target)
            self._answer(conn, target)
        except OSError:
            pass  # the client hung up: the fault did its work
        finally:
            conn.close()

    def _wait(self, seconds: float) -> bool:
        """Sleep unless the server stops; True when it stops."""
        return self._stop.wait(seconds)

    def _answer(self, conn: socket.socket, target: str):
        path, query = self.every or urlsplit(target).path, parse_qs(urlsplit(target).query)
        if path.startswith("/ok/"):
            kind = path.rsplit("/", 1)[-1]
            body, ctype = {
                "json": (json.dumps({"ok": True, "children": []}).encode(), "application/json"),
                "html": (b"<!doctype html><title>ok</title>", "text/html"),
                "png": (bomb_png(8), "image/png"),
            }[kind]
            conn.sendall(_head(200, ctype, len(body)) + body)
        elif path == "/drip":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
            while not self._wait(self.drip):
                conn.sendall(b" ")
        elif path == "/slow-headers":
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"a" * 10_000:
                if self._wait(self.drip):
                    return
                conn.sendall(bytes([byte]))
        elif path == "/stall-before":
            self._wait(3600)
        elif path == "/stall-after":
            conn.sendall(_head(200, "application/json", 100))
            self._wait(3600)
        elif path == "/fin":
            return
        elif path == "/rst":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        elif path in ("/huge", "/huge-declared"):
            declared = path == "/huge-declared"
            head = _head(200, "application/json", self.huge if declared else None)
            conn.sendall(head)
            chunk, sent = b"[" + b"0," * 32767 + b"0", 0
            while sent < self.huge and not self._stop.is_set():
                piece = chunk[: self.huge - sent]
                conn.sendall(piece if declared else b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            if not declared:
                conn.sendall(b"0\r\n\r\n")
        elif path == "/bomb.png":
            if not self._bomb:
                self._bomb = bomb_png(self.bomb_side)
            conn.sendall(_head(200, "image/png", len(self._bomb)) + self._bomb)
        elif path in ("/redirect", "/redirect307"):
            to = query.get("to", ["/"])[0]
            status = "307 Temporary Redirect" if path == "/redirect307" else "302 Found"
            conn.sendall(f"HTTP/1.1 {status}\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n".encode())
        else:
            conn.sendall(_head(404, "text/plain", 0))


def _head(status: int, ctype: str, length: int | None) -> bytes:
    reason = {200: "OK", 404: "Not Found"}.get(status, "OK")
    size = f"Content-Length: {length}\r\n" if length is not None else "Transfer-Encoding: chunked\r\n"
    return f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n{size}Connection: close\r\n\r\n".encode()


def rebinding(public: str = "93.184.215.14", private: str = "127.0.0.1"):
    """A resolver that answers `public` the first time a name is asked for and `private` after:
    a check that resolves separately from the connection passes, and the connection goes inside."""
    asked: dict[str, int] = {}

    def resolve(host, port, *args, **kwargs):
        asked[host] = asked.get(host, 0) + 1
        address = public if asked[host] == 1 else private
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    resolve.asked = asked
    return resolve
