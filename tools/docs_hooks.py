"""MkDocs hooks (mkdocs.yml `hooks:`): the reference pages are written from the code at every docs
build, so they cannot drift from it. A page asks for one with a line `<!-- generated: NAME -->`:

- settings: every MARQUEE_* setting, as marquee.settings documents it;
- content-fields: each content type's fields (the schemas the build validates against);
- networks: the networks and the secrets each reads (the registry);
- cli: every `invoke` command with its options (tasks.py's help).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def settings() -> str:
    import marquee.settings as documented

    text = documented.__doc__ or ""
    table = text[text.index("MARQUEE_") :] if "MARQUEE_" in text else text
    return "```text\n" + table.rstrip() + "\n```\n"


def content_fields() -> str:
    from marquee.content import validate

    parts = [
        "Every post may also have: " + ", ".join(f"`{name}`" for name in validate.COMMON_FIELDS) + ".\n",
        "A text written for one network: " + ", ".join(f"`{name}:`" for name in validate.TEXT_FIELDS) + ".\n",
    ]
    for section, module in validate.TYPES.items():
        parts.append(f"\n## `content/{section}/`\n\n| Field | Required | What it takes |\n|---|---|---|")
        for field in module.SCHEMA:
            parts.append(
                f"| `{field.name}:` | {'yes' if field.required else ''} | {_cell(field.help or field.expected)} |"
            )
    return "\n".join(parts) + "\n"


def networks() -> str:
    from marquee.settings.syndication import networks_table

    return networks_table()


def cli() -> str:
    import importlib.util

    from invoke import Collection

    spec = importlib.util.spec_from_file_location("marquee_tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)

    commands = Collection.from_module(tasks)
    parts = []
    for name in sorted(commands.tasks):
        task = commands[name]
        summary = _cell((task.__doc__ or "").strip().splitlines()[0] if task.__doc__ else "")
        parts.append(f"## `invoke {name}`\n\n{summary}\n")
        options = [a for a in task.get_arguments() if a.name != "c"]
        if options:
            parts.append("| Option | What it does |\n|---|---|")
            for argument in options:
                flag = "--" + argument.name.replace("_", "-")
                parts.append(f"| `{flag}` | {_cell(task.help.get(argument.name, ''))} |")
            parts.append("")
    return "\n".join(parts) + "\n"


GENERATORS = {"settings": settings, "content-fields": content_fields, "networks": networks, "cli": cli}


def on_page_markdown(markdown: str, page, config, files) -> str:
    def generated(match: re.Match) -> str:
        if match[1] not in GENERATORS:
            raise ValueError(
                f"{page.file.src_path}: no generated part named {match[1]!r} (known: {', '.join(GENERATORS)})"
            )
        return GENERATORS[match[1]]()

    return MARKER.sub(generated, markdown)
