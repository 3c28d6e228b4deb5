"""The networks layer: one package per network, each with its parts, found by name; and the
settings and networks packages stay below every feature (they import none)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

from conftest import ROOT

FEATURES = (
    "content",
    "syndication",
    "backfeed",
    "walls",
    "embeds",
    "feeds",
    "calendar",
    "media",
    "editor",
    "webmention",
)


def test_settings_and_networks_import_no_feature():
    code = (
        "import json, sys; sys.path.insert(0, 'plugins'); import marquee.settings, marquee.networks; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('marquee.'))))"
    )
    loaded = json.loads(
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    )
    assert [m for m in loaded if m.split(".")[1] in FEATURES] == [], loaded


def test_every_network_package_has_its_parts_and_they_agree():
    from marquee import networks
    from marquee.networks.base.channel import BaseChannel
    from marquee.syndication.channels import CHANNELS

    assert list(networks.NETWORKS) == [p.NAME for p in networks.PACKAGES] == list(CHANNELS)
    for package in networks.PACKAGES:
        assert package.__name__ == f"marquee.networks.{package.NAME}" and package.LABEL
        assert dataclasses.is_dataclass(package.ACCOUNT)
        channel = networks.part(package.NAME, "channel").CHANNEL
        assert issubclass(channel, BaseChannel) and channel.name == package.NAME
        for field, _ in channel.secrets:  # every secret is named by an environment variable setting
            assert field in {f.name for f in dataclasses.fields(package.ACCOUNT)}
    assert set(networks.parts("backfeed")) == {"mastodon", "bluesky"}
    assert all(callable(m.reader) for m in networks.parts("backfeed").values())
    assert all(callable(m.match) and callable(m.render) for m in networks.parts("embed").values())
    from marquee.walls.sources import KINDS

    assert {"mastodon-account", "mastodon-tag", "bluesky", "youtube", "feed"} == set(KINDS)
