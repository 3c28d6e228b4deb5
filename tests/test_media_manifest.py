"""The image cache's manifest: what a build knows of each photo without decoding it again.
A fresh clone (every run of the publish workflow) changes every file's time and nothing else;
a damaged manifest is read record by record."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marquee.media import images, library
from marquee.settings.images import ImageSettings
from tiny_images import jpeg


def a_library(tmp_path: Path) -> library.Library:
    return library.Library(tmp_path / "content", tmp_path / "cache", ImageSettings())


def test_a_photo_whose_time_alone_changed_is_not_decoded_again(tmp_path, monkeypatch):
    photo = tmp_path / "content" / "images" / "day.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(jpeg(1200, 800))
    first = a_library(tmp_path)
    plan = first.plan("images/day.jpg")
    first._save_manifest()
    os.utime(photo, ns=(10**18, 10**18))  # as git checkout leaves it: new times, the same bytes
    probed = []
    monkeypatch.setattr(library, "probe", lambda *args: probed.append(args) or images.probe(*args))
    again = a_library(tmp_path)
    assert again.plan("images/day.jpg") == plan and probed == []
    assert again._manifest["images/day.jpg"]["stat"][1] == 10**18  # its new time is kept

    photo.write_bytes(jpeg(600, 900))  # other bytes: probed again, whatever its time
    os.utime(photo, ns=(10**18, 10**18))
    changed = a_library(tmp_path).plan("images/day.jpg")
    assert len(probed) == 1 and (changed.probe.width, changed.probe.height) == (600, 900)


RECORD = {
    # "REAL": the photo's own size and time, so the record is believed as it is
    "stat": st.one_of(st.just("REAL"), st.lists(st.integers(), max_size=3), st.text(max_size=3), st.none()),
    "hash": st.one_of(st.text(alphabet="0123456789abcdefg", min_size=63, max_size=65), st.integers()),
    "probe": st.one_of(
        st.dictionaries(
            st.sampled_from(["width", "height", "alpha", "animated", "problem", "lossless", "other"]),
            st.one_of(st.integers(0, 5000), st.booleans(), st.text(max_size=5), st.none()),
        ),
        st.lists(st.integers(), max_size=2),
    ),
}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.dictionaries(
            st.sampled_from(["images/day.jpg", "images/other.jpg"]),
            st.one_of(
                st.fixed_dictionaries(RECORD),
                st.dictionaries(st.text(max_size=4), st.integers()),
                st.lists(st.integers(), max_size=2),
                st.integers(),
                st.none(),
            ),
            max_size=2,
        ),
        st.lists(st.integers(), max_size=2),
        st.text(max_size=5),
    )
)
def test_any_stored_manifest_is_read_without_a_traceback_and_the_photo_still_planned(tmp_path, stored):
    photo = tmp_path / "content" / "images" / "day.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(jpeg(1200, 800))
    manifest = tmp_path / "cache" / "media" / "manifest.json"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    real = [photo.stat().st_size, photo.stat().st_mtime_ns]
    if isinstance(stored, dict):
        stored = {
            k: {**v, "stat": real} if isinstance(v, dict) and v.get("stat") == "REAL" else v for k, v in stored.items()
        }
    manifest.write_text(json.dumps(stored), encoding="utf-8")
    plan = a_library(tmp_path).plan("images/day.jpg")
    assert plan is not None  # planned from a record believed, or probed again
