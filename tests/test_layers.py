"""The package's layers (tools/layers.py): no import runs from a lower layer up into a higher one."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("layers", ROOT / "tools" / "layers.py")
layers = sys.modules["layers"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(layers)


def test_no_import_runs_back_up():
    found = layers.imports(ROOT / "plugins")
    assert len(found) > 300  # the reader saw the package's imports, function-level ones too
    wrong = [f"{i.path.name}:{i.line} {i.source} -> {i.target}" for i in layers.upward(found)]
    assert wrong == [], "\n".join(wrong)


def test_every_module_has_a_named_layer():
    top = len(layers.LAYERS) - 1
    modules = {i.source for i in layers.imports(ROOT / "plugins")}
    assert [m for m in sorted(modules) if layers.layer(m) == top and m != "marquee"] == []


def test_an_import_from_a_network_up_into_syndication_is_found(tmp_path):
    package = tmp_path / "marquee"
    (package / "networks" / "x").mkdir(parents=True)
    (package / "syndication").mkdir()
    for init in (package, package / "networks", package / "networks" / "x", package / "syndication"):
        (init / "__init__.py").write_text("")
    (package / "syndication" / "compose.py").write_text("from ..networks import x\n")
    (package / "networks" / "x" / "channel.py").write_text(
        "def send():\n    from ...syndication.compose import Message\n"
    )
    wrong = layers.upward(layers.imports(tmp_path))
    assert [(i.source, i.target, i.line) for i in wrong] == [
        ("marquee.networks.x.channel", "marquee.syndication.compose", 2)
    ]
