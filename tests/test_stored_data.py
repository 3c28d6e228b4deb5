"""Stored data never stops a build: every data file the build reads is checked record by record,
a bad record is left out with a warning naming the file and the record, and the rest is used."""

from __future__ import annotations

import json
import logging
import shutil

import pytest
from conftest import FILM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marquee.backfeed import Moderation, conversation
from marquee.backfeed.model import load
from marquee.backfeed.report.state import load_last
from marquee.walls.post import load as load_snapshot

POST = "tag:saltandstatic.example,2026:diary/picture-lock"


def _stored(tmp_path) -> dict:
    return json.loads((FILM / "data" / "backfeed.json").read_text(encoding="utf-8"))


def _write(tmp_path, data) -> object:
    path = tmp_path / "backfeed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_webmention_with_no_id_and_replies_that_answer_themselves_are_left_out(tmp_path, caplog):
    data = _stored(tmp_path)
    thread = data["threads"][POST]["bluesky"]
    good = len(thread["replies"])
    author = thread["replies"][0]["author"]
    thread["replies"] += [
        {
            "id": "",
            "parent": "",
            "url": "",
            "author": author,
            "published": "",
            "kind": "reply",
        },  # the webmention
        {"id": "loop", "parent": "loop", "author": author, "published": "2026-08-21T00:00:00Z"},
        {"id": "a", "parent": "b", "author": author, "published": "2026-08-21T00:00:00Z"},  # a cycle, unreachable
        {"id": "b", "parent": "a", "author": author, "published": "2026-08-21T00:00:00Z"},
        {"id": 7, "author": author},
        "not a reply",
        {"id": "x", "author": {"id": ["list"]}},
    ]
    thread["likes"].append({"id": "", "name": "nobody"})
    data["threads"][POST]["mastodon"]["counts"] = {"replies": -1}
    data["history"].append({"date": 5})
    with caplog.at_level(logging.WARNING):
        loaded = load(_write(tmp_path, data))
    warning = caplog.text
    assert "backfeed.json: left out" in warning
    assert f"threads['{POST}']['bluesky'].replies[{good}]: id missing" in warning
    assert "answers itself" in warning
    assert f"threads['{POST}']['mastodon']: counts are not whole numbers" in warning
    bluesky = loaded.thread(POST, "bluesky")
    assert len(bluesky.replies) == good + 2  # the two of the cycle are well-formed records
    assert loaded.thread(POST, "mastodon") is None
    view = conversation({"bluesky": bluesky}, Moderation.of((), ()), 12)
    assert view.threads[0].shown == good  # the cycle is never followed round, nor shown


def test_a_build_with_bad_records_is_built_with_the_good_ones(tmp_path, caplog):
    from helpers import build_film

    shutil.copytree(FILM / "content", tmp_path / "content")
    data = _stored(tmp_path)
    data["threads"][POST]["bluesky"]["replies"].append(
        {"id": "", "parent": "", "url": "", "author": {"id": ""}, "published": ""}
    )
    (tmp_path / "ledger.json").write_text((FILM / "data" / "syndication.json").read_text())
    _write(tmp_path, data)
    out = build_film(tmp_path, MARQUEE_FILM={"title": "Fixture Film"})
    page = (out / "diary" / "picture-lock" / "index.html").read_text(encoding="utf-8")
    assert "The static in the trailer is gorgeous" in page


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "threads",
                        "history",
                        "mentions",
                        POST,
                        "bluesky",
                        "replies",
                        "id",
                        "parent",
                        "author",
                        "counts",
                        "network",
                        "likes",
                        "date",
                        "totals",
                        "x",
                    ]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_any_stored_json_loads_without_a_traceback(tmp_path, data):
    path = _write(tmp_path, data)
    loaded = load(path)
    for threads in loaded.threads.values():
        conversation(threads, Moderation.of((), ()), 12)
    load_last(path)


def test_a_wall_snapshot_keeps_its_good_posts(tmp_path, caplog):
    source = next((FILM / "data" / "walls").glob("*.json"))
    posts = json.loads(source.read_text(encoding="utf-8"))
    posts += [
        {"id": 1},
        "post",
        {**posts[0], "images": "x"},
        {**posts[0], "surprise": 1},
        {**posts[0], "id": "sized", "images": [{"name": "a.jpg", "width": "9" * 30}]},
    ]
    target = tmp_path / "wall.json"
    target.write_text(json.dumps(posts), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        loaded = load_snapshot(target)
    assert len(loaded) == len(posts) - 4
    assert "wall.json: left out 4 post(s)" in caplog.text
    assert next(p for p in loaded if p.id == "sized").images[0]["width"] == 0


@pytest.mark.parametrize("text", ["[]", '{"counts": 3}', '{"counts": {"p": {"mastodon": "x"}}}', "{", '"x"'])
def test_the_reports_state_is_checked(tmp_path, text):
    path = tmp_path / "state.json"
    path.write_text(text)
    assert load_last(path) == {} or load_last(path) == {"p": {}}


def test_a_ledger_that_cannot_be_locked_is_named_not_a_traceback(tmp_path):
    from marquee.syndication.ledger import Ledger, LedgerError

    (tmp_path / "not-a-folder").write_text("a file where the ledger's folder should be")
    with pytest.raises(LedgerError, match=r"cannot lock the ledger .*ledger.json.lock.*nothing was sent"):
        with Ledger(tmp_path / "not-a-folder" / "ledger.json", new=True):
            pass


def test_saving_the_ledger_keeps_its_permissions(tmp_path):
    import os
    import stat

    from marquee.networks.base.delivery import Entry
    from marquee.syndication.ledger import Ledger

    path = tmp_path / "ledger.json"
    with Ledger(path, new=True) as ledger:
        ledger.record(Entry("p", "mastodon", "@a@b.example"), state="planned")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    os.chmod(path, 0o640)
    with Ledger(path) as ledger:
        ledger.record(ledger.get("p", "mastodon", "@a@b.example"), state="posted")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
