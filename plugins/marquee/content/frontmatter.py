"""YAML front matter, as the browser editor writes it: a `---` fenced block of YAML at the top of
a Markdown file. Its values become the same `Key: value` texts Pelican's metadata lines give, so
both kinds of file are validated the same way with the same messages.

Every scalar is kept as the text written (YAML 1.2's failsafe view, plus null): YAML 1.1's
implicit types read `On` as true, `010` as 8 and `1:21:40` as 4900, and would turn a bad date
into a traceback before the field's own parser could name it. Aliases are allowed but their
expansion is bounded, and a key written twice is an error, as in YAML 1.2."""

from __future__ import annotations

import datetime as dt
import re

import yaml

FENCE = "---"
LINES = {"chapters"}  # lists whose items are lines, not comma-separated words (a chapter title may hold a comma)
MAX_VALUES = 10_000  # values after aliases are expanded: far above any post, far below an alias bomb
_NULLS = {"", "~", "null", "Null", "NULL"}
# A full ISO 8601 time ("2026-12-10T19:30:00+01:00", as other editors write it) is given in the
# form the fields read ("2026-12-10 19:30 +01:00"); anything else, a bad date included, stays as
# written for the field's own parser to name.
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?")


class FrontMatterError(ValueError):
    """The front matter cannot be read: says where (line) and what."""


class _TextLoader(yaml.SafeLoader):
    """SafeLoader without implicit types: plain scalars stay strings (null becomes empty)."""

    yaml_implicit_resolvers: dict = {}

    def compose_document(self):
        node = super().compose_document()
        _bounded(node)
        return node

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise FrontMatterError(f"line {key_node.start_mark.line + 2}: a field name must be a word, not a group")
            if key.lower() in seen:
                raise FrontMatterError(
                    f'line {key_node.start_mark.line + 2}: field "{key}" is written twice '
                    f"(first on line {seen[key.lower()]}; expected each field once)"
                )
            seen[key.lower()] = key_node.start_mark.line + 2
        return super().construct_mapping(node, deep=deep)

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        return "" if node.style is None and value in _NULLS else value


_TextLoader.add_constructor("tag:yaml.org,2002:str", _TextLoader.construct_scalar)


def _bounded(node) -> None:
    """Refuse a document whose aliases expand to more than MAX_VALUES values (counted without expanding)."""
    sizes: dict[int, int] = {}

    def size(n) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = 1  # a node that contains itself counts once (and cannot loop)
        children = (
            n.value
            if isinstance(n, yaml.SequenceNode)
            else [part for pair in n.value for part in pair]
            if isinstance(n, yaml.MappingNode)
            else []
        )
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                break
        sizes[id(n)] = total
        return total

    if node is not None and size(node) > MAX_VALUES:
        raise FrontMatterError(
            f"the front matter: its aliases expand to more than {MAX_VALUES} values (expected plain fields)"
        )


def split(text: str) -> tuple[dict | None, str]:
    """(the front matter's fields as metadata lines, the body) — (None, text) when there is none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, text
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() in (FENCE, "..."))
    except StopIteration:
        raise FrontMatterError("line 1: the front matter starts with --- but no --- line ends it") from None
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_TextLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else "the front matter"
        raise FrontMatterError(f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    except RecursionError:
        raise FrontMatterError("the front matter: nested too deeply (expected plain fields)") from None
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"line 2: the front matter is not a list of fields (Key: value), it is a {type(data).__name__}"
        )
    fields = {}
    for key, value in data.items():
        text = (
            "\n".join(_text(v) or "" for v in value)
            if key.lower() in LINES and isinstance(value, list)
            else _text(value)
        )
        if text is None:
            raise FrontMatterError(
                f'field "{key}": a group of fields is not a value (expected text, a date, a number or a list)'
            )
        if text != "":
            fields[key] = [text]
    # A blank first line: the body's own first line is never read as one more field.
    return fields, "\n" + "\n".join(lines[end + 1 :])


def _text(value) -> str | None:
    """A YAML value as the text a `Key: value` line would hold; None for a mapping or a nested list."""
    if isinstance(value, list):
        if any(not isinstance(item, str) for item in value):
            return None
        return ", ".join(item.strip() for item in value if item.strip())
    if isinstance(value, dict):
        return None
    text = str(value).strip()
    if _ISO_TIME.fullmatch(text):
        try:
            moment = dt.datetime.fromisoformat(text.replace("t", "T").replace("z", "Z"))
        except ValueError:
            return text
        written = moment.strftime("%Y-%m-%d %H:%M")
        offset = moment.strftime("%z")
        return f"{written} {offset[:3]}:{offset[3:]}" if offset else written
    return text
