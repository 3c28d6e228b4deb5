"""One checker for every MARQUEE_* group: a dict's keys against a dataclass's fields and each value
against its field's type, every problem of the group named at once, in the settings' words
("MARQUEE_MAPS tile_days: "30" is text (expected a whole number)"), never a TypeError."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from pathlib import Path

_WORDS = {
    bool: "True or False",
    int: "a whole number",
    float: "a number",
    str: "text",
    dict: "a dict",
    Path: "a path (text)",
    tuple: "a list",
    list: "a list",
}


def _kind(value) -> str:
    return {
        bool: "True/False",
        int: "a whole number",
        float: "a number",
        str: "text",
        dict: "a dict",
        list: "a list",
        tuple: "a list",
        type(None): "None",
    }.get(type(value), type(value).__name__)


def _fits(value, hint) -> tuple[bool, object]:
    """(whether `value` fits the annotation `hint`, the value converted: lists to tuples, text to Path)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for option in args:
            ok, converted = _fits(value, option)
            if ok:
                return True, converted
        return False, value
    if hint is type(None):
        return value is None, value
    if hint is typing.Any or hint is object:
        return True, value
    if origin is tuple or hint is tuple:
        if not isinstance(value, (list, tuple)):
            return False, value
        item = args[0] if args and (len(args) == 2 and args[1] is Ellipsis) else None
        if item is not None and not all(_fits(v, item)[0] for v in value):
            return False, value
        return True, tuple(value)
    if origin is dict or hint is dict:
        return isinstance(value, dict), value
    if origin is list or hint is list:
        return isinstance(value, (list, tuple)), list(value) if isinstance(value, (list, tuple)) else value
    if hint is bool:
        return isinstance(value, bool), value
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool), float(value) if isinstance(
            value, (int, float)
        ) else value
    if hint is str:
        return isinstance(value, str), value
    if hint is Path:
        return isinstance(value, (str, Path)) and str(value) != "", Path(value) if isinstance(
            value, (str, Path)
        ) else value
    return True, value  # a type of its own (a Digest, a zone): its constructor checks it


def _expected(hint) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_expected(a) if a is not type(None) else "None" for a in args)
    if origin is tuple and args and args[-1] is Ellipsis:
        return f"a list of {_expected(args[0]).removeprefix('a ')}" if args[0] is not str else "a list of texts"
    return _WORDS.get(origin or hint, getattr(hint, "__name__", str(hint)))


def check(cls, raw, group: str, ignore: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """(the values converted to their fields' types, every problem) for the dataclass `cls`."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"{group}: {_kind(raw)} (expected a dict of settings)"]
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values, problems = {}, []
    if unknown := sorted(str(k) for k in raw if k not in fields and k not in ignore):
        close = [c for name in unknown for c in difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        problems.append(f"{group}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(fields))}){hint}")
    for name, value in raw.items():
        if name not in fields:
            continue
        ok, converted = _fits(value, hints[name])
        if ok:
            values[name] = converted
        else:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)[:80]
            problems.append(f"{group} {name}: {shown} is {_kind(value)} (expected {_expected(hints[name])})")
    missing = [
        n
        for n, f in fields.items()
        if f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
        and n not in raw
        and n not in ignore
    ]
    problems += [f"{group}: {name} is missing (expected {_expected(hints[name])})" for name in missing]
    return values, problems


def build(cls, raw, group: str):
    """An instance of `cls` from the settings dict `raw`, or ValueError naming every problem."""
    values, problems = check(cls, raw, group)
    if problems:
        raise ValueError("; ".join(problems))
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:  # a field's own rule (__post_init__)
        message = str(error)
        raise ValueError(message if message.startswith(group) else f"{group}: {message}") from None
