"""Every read from outside is bounded: a total deadline, a byte cap, a pixel cap, one name lookup
(net/bounded.py), whoever reads — the build's fetcher, map tiles, webmentions sent and received."""

from __future__ import annotations

import logging
import socket
import time

import pytest
import requests
from marquee.net import Fetcher, NetSettings, bounded
from marquee.net.policy import PrivateHost
from servers.faults import FaultServer, rebinding

SLOW = ("/drip", "/slow-headers", "/stall-before", "/stall-after")


@pytest.fixture
def faults():
    with FaultServer(drip=0.2, huge=20_000_000) as server:
        yield server


def fetcher(tmp_path, **changes) -> Fetcher:
    return Fetcher(
        NetSettings(
            **{"cache_dir": tmp_path / "cache", "timeout": 2, "deadline": 1.5, "max_bytes": 1_000_000, **changes}
        )
    )


@pytest.mark.parametrize("path", SLOW)
def test_a_slow_server_is_cut_off_at_the_deadline_not_per_read(faults, tmp_path, path, caplog):
    session = bounded.session(bounded.Limits(deadline=1.0, max_bytes=1_000_000))
    started = time.monotonic()
    with pytest.raises(requests.RequestException) as raised:
        session.get(faults.url + path, timeout=2)
    # The drip sends a byte every 0.2 s: a per-read timeout of 2 s would never fire.
    assert time.monotonic() - started < 1.0 + 2 + 1.5
    assert isinstance(raised.value, (bounded.TooSlow, requests.Timeout)), raised.value

    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert fetcher(tmp_path).get(faults.url + path) is None
    assert time.monotonic() - started < 1.5 + 2 + 1.5
    assert "within 1.5 s" in caplog.text or "timed out" in caplog.text.lower()


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_a_huge_answer_is_refused_while_it_arrives(faults, tmp_path, path, caplog):
    session = bounded.session(bounded.Limits(deadline=20, max_bytes=1_000_000))
    with pytest.raises(bounded.TooLarge):
        session.get(faults.url + path, timeout=5)
    with caplog.at_level(logging.WARNING):
        assert fetcher(tmp_path, deadline=20).get(faults.url + path) is None
    assert "1000000-byte limit" in caplog.text


def test_a_page_read_for_its_head_keeps_its_first_bytes(faults):
    session = bounded.session(bounded.Limits(deadline=20, max_bytes=100_000, truncate=True))
    assert len(session.get(faults.url + "/huge", timeout=5).content) == 100_000


@pytest.mark.parametrize("path", ["/fin", "/rst"])
def test_a_dropped_connection_is_a_warning_and_nothing(faults, tmp_path, path, caplog):
    with caplog.at_level(logging.WARNING):
        assert fetcher(tmp_path).get(faults.url + path) is None
    assert faults.url + path in caplog.text


def test_a_stale_copy_is_used_when_the_server_starts_dripping(faults, tmp_path, caplog):
    url = faults.url + "/ok/json"
    first = fetcher(tmp_path)
    assert first.get(url).body
    first.expire_cached()
    faults.every = "/drip"
    with caplog.at_level(logging.WARNING):
        again = fetcher(tmp_path).get(url)
    assert again is not None and again.stale and again.body == first.get(url).body
    assert "using the copy cached earlier" in caplog.text


def test_the_connection_goes_to_the_address_that_was_checked(faults, monkeypatch):
    """DNS rebinding: a name answering public, then loopback. The check and the connection use one
    lookup, so the loopback server is never reached (nor is the public address: connect is stubbed)."""
    dialled = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        dialled.append(address[0])
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError("not dialled in tests")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    resolve = rebinding()
    session = bounded.session(bounded.Limits(deadline=5, public_only=True), resolve=resolve)
    url = f"http://rebind.example:{faults.port}/ok/json"
    with pytest.raises(requests.ConnectionError):
        session.get(url, timeout=2)
    assert resolve.asked == {"rebind.example": 1}
    assert dialled == ["93.184.215.14"]
    assert faults.requests == []


def test_a_private_answer_is_refused_before_connecting(faults):
    session = bounded.session(bounded.Limits(deadline=5, public_only=True))
    with pytest.raises(PrivateHost):
        session.get(faults.url + "/ok/json", timeout=2)
    assert faults.requests == []


def test_a_redirect_to_a_private_address_is_refused(faults, monkeypatch):
    """A public host (played by the fault server: its address is dialled on loopback) redirects to
    loopback: the second hop's host is checked where it connects, so it is never asked."""
    real_connect = socket.socket.connect
    public = "93.184.215.14"
    monkeypatch.setattr(
        socket.socket,
        "connect",
        lambda sock, address: real_connect(sock, ("127.0.0.1", address[1]) if address[0] == public else address),
    )

    def resolve(host, port, *args, **kwargs):
        address = public if host == "pub.example" else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    session = bounded.session(bounded.Limits(deadline=5, public_only=True), resolve=resolve)
    inside = f"http://127.0.0.1:{faults.port}/ok/json"
    with pytest.raises(PrivateHost):
        session.get(f"http://pub.example:{faults.port}/redirect?to={inside}", timeout=2)
    assert faults.requests == [f"/redirect?to={inside}"]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(faults, tmp_path, caplog):
    from marquee.net import localize

    with caplog.at_level(logging.WARNING):
        found = localize(
            fetcher(tmp_path, allow_private=True, deadline=20), faults.url + "/bomb.png", 96, tmp_path / "media"
        )
    assert found is None
    assert "too large" in caplog.text or "decompression" in caplog.text.lower()


@pytest.mark.parametrize("path", ["/bomb.png", "/drip"])
def test_a_map_tile_that_is_a_bomb_or_drips_leaves_the_map_undrawn(faults, tmp_path, path, caplog):
    from marquee.maps import MapMaker, Pin
    from marquee.settings.maps import read

    tiles = faults.url + path + "?z={z}&x={x}&y={y}"
    # The bomb's case is about its size: a deadline a loaded machine meets, so the size is what stops it.
    deadline = 1.0 if path == "/drip" else 20.0
    maker = MapMaker(
        read({"tiles": tiles}),
        NetSettings(cache_dir=tmp_path / "net", timeout=2, deadline=deadline),
        tmp_path / "cache",
    )
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        # Named after the fault: Pelican's log says a message once per process.
        assert maker.map([Pin(53.27, -9.05)], f"Galway {path}", 400, 300, zoom=14) is None
        maker.close()
    assert time.monotonic() - started < 30  # one tile, then no more asked in this build
    assert len(faults.requests) == 1
    assert "too large" in caplog.text if path == "/bomb.png" else "within 1 s" in caplog.text
    assert "1 map(s) not drawn" in caplog.text


@pytest.mark.parametrize("path", ["/drip", "/slow-headers", "/huge"])
def test_the_bluesky_client_library_is_bounded_too(faults, path):
    """atproto speaks httpx: its requests get the same total deadline and byte cap."""
    from marquee.networks.base.channel import ChannelDown
    from marquee.networks.bluesky import BlueskyAccount
    from marquee.syndication.channels import CHANNELS

    faults.every = path
    channel = CHANNELS["bluesky"](
        BlueskyAccount(handle="film.test", pds=faults.url), {"MARQUEE_BLUESKY_APP_PASSWORD": "x"}, timeout=1
    )
    started = time.monotonic()
    with pytest.raises(ChannelDown):
        channel.open()
    assert time.monotonic() - started < 5 + 1 + 2  # the deadline (at least 5 s) and one read, not a drip forever


def test_the_mastodon_backfeed_reader_is_bounded_too(faults):
    from marquee.networks.mastodon.backfeed import MastodonReader
    from mastodon import MastodonNetworkError

    faults.every = "/drip"
    reader = MastodonReader(faults.url, "token", None, None, timeout=1)
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError):
        reader.api.status("1")
    assert time.monotonic() - started < 5 + 1 + 2


def _webmention_settings(**changes):
    from marquee.settings.webmention import WebmentionSettings

    return WebmentionSettings(
        **{"endpoint": "https://webmention.io/film.example/webmention", "api": "", "timeout": 1, **changes}
    )


@pytest.mark.parametrize("path", ["/drip", "/stall-after"])
def test_webmention_targets_and_the_webmention_io_api_are_cut_off(faults, tmp_path, path):
    from marquee.webmention import mentions
    from marquee.webmention.send import Sender

    faults.every = path
    sender = Sender(_webmention_settings(), "Marquee test", allow_private=True)
    started = time.monotonic()
    with pytest.raises(requests.RequestException):
        sender.discover(faults.url + "/a-target/")
    assert time.monotonic() - started < 5 + 1 + 2
    started = time.monotonic()
    with pytest.raises(requests.RequestException):
        mentions.read(
            _webmention_settings(api=faults.url + "/api"),
            "tok",
            "https://film.example",
            fetcher(tmp_path),
            tmp_path / "m",
            1,
        )
    assert time.monotonic() - started < 5 + 1 + 2


def test_a_huge_webmention_io_answer_is_refused_while_it_arrives(faults, tmp_path):
    from marquee.webmention import mentions

    faults.every = "/huge"
    with pytest.raises(bounded.TooLarge):
        mentions.read(
            _webmention_settings(api=faults.url + "/api"),
            "tok",
            "https://film.example",
            fetcher(tmp_path),
            tmp_path / "m",
            5,
        )


def test_an_endpoint_that_redirects_a_webmention_inside_is_refused_not_recorded_sent(faults, monkeypatch):
    """An endpoint (a public name, dialled on loopback) answers 307 to 127.0.0.1: the POST is not
    followed there, and the webmention is not taken as sent."""
    from marquee.net.policy import PrivateHost
    from marquee.webmention.send import Refused, Sender

    real_connect = socket.socket.connect
    public = "93.184.215.14"
    monkeypatch.setattr(
        socket.socket,
        "connect",
        lambda sock, address: real_connect(sock, ("127.0.0.1", address[1]) if address[0] == public else address),
    )

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (public if host == "pub.example" else "127.0.0.1", port))]

    sender = Sender(_webmention_settings(), "Marquee test", allow_private=False, resolve=resolve)
    inside = f"http://127.0.0.1:{faults.port}/hook"
    with pytest.raises((PrivateHost, Refused)):
        sender.send(
            f"http://pub.example:{faults.port}/redirect307?to={inside}",
            "https://film.example/a/",
            "https://other.example/b/",
        )
    assert faults.requests == [f"/redirect307?to={inside}"]


@pytest.mark.parametrize("token", ["plain-token", "a+b/c=d", "with space&and=more"])
def test_a_token_is_redacted_in_every_spelling_an_error_carries(token):
    from urllib.parse import quote, quote_plus

    from marquee.sanitize import redact

    said = f"https://webmention.io/api?token={quote_plus(token)}&x={quote(token, safe='')} raw {token}"
    cleaned = redact(said, token)
    assert token not in cleaned and quote_plus(token) not in cleaned and quote(token, safe="") not in cleaned
