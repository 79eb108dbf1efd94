"""Typed reading of YAML nodes: scalars, enums, dates, lists and mappings checked against a spec.

Each reader records a located problem and returns None instead of raising, so that one run
reports every problem in the file, not only the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

import yaml

from shusha_cli.core import dates
from shusha_cli.core.errors import DateError, Problem
from shusha_cli.core.model import Span
from shusha_cli.core.reading.yaml_nodes import ALLOWED_TAGS, STR, TAG_NAMES
from shusha_cli.core.record import record

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z", re.ASCII)  # \Z: no trailing line break

#: The most digits a whole number in the data may have (paragraphs, sources, schema).
MAX_DIGITS = 9

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


@record
class Field:
    """How to read one key of a record: the converter, and whether the key must be there.

    Optional by default, so that only a required key spells out a flag (a spec full of
    ``False`` flags reads no better, and ``None`` would pass for each of them).
    """

    read: Callable[[yaml.Node, str], object]
    required: bool = False


def _short(value: str) -> str:
    """A value for a message, cut to 40 characters (a number may have thousands of digits)."""
    return repr(value) if len(value) <= 40 else f"{value[:40]!r}… ({len(value):,} characters)"


class FieldReader:
    """Reads nodes into typed values, collecting problems instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        # Every id seen, valid record or not, so that one bad record does not also make each
        # reference to it a problem.
        self.known: dict[str, set[str]] = {}

    # --- reporting ----------------------------------------------------------------------------

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, message))

    # --- scalars ------------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, label: str) -> str | None:
        if not self.plain_tag(node, label):
            return None
        if not isinstance(node, yaml.ScalarNode):
            shape = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.problem(node, f"{label}: expected a single value, found {shape}")
            return None
        return str(node.value)

    def plain_tag(self, node: yaml.Node, label: str) -> bool:
        """Only YAML's own data types may appear; any other tag (``!!python/...``) is refused."""
        if node.tag in ALLOWED_TAGS:
            return True
        self.problem(node, f"{label}: the tag {node.tag!r} is not allowed (plain data only)")
        return False

    def text(self, node: yaml.Node, label: str) -> str | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != STR:
            kind = TAG_NAMES.get(node.tag, node.tag)
            self.problem(
                node,
                f"{label}: {value!r} is read by YAML 1.1 as {kind}; quote it to mean the text",
            )
            return None
        if not value.strip():
            self.problem(node, f"{label}: must not be empty")
            return None
        return value

    def integer(self, node: yaml.Node, label: str) -> int | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != "tag:yaml.org,2002:int" or not re.fullmatch(r"[-+]?[0-9]+", value):
            self.problem(node, f"{label}: expected a whole number, found {_short(value)}")
            return None
        if len(value.lstrip("+-").lstrip("0")) > MAX_DIGITS:
            # int() refuses more than 4,300 digits with a ValueError; no count here needs 10.
            self.problem(
                node, f"{label}: {_short(value)} is too large (at most {MAX_DIGITS} digits)"
            )
            return None
        return int(value)

    def number(self, node: yaml.Node, label: str) -> float | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            self.problem(node, f"{label}: expected a number, found {value!r}")
            return None
        try:
            return float(value.replace("_", ""))
        except ValueError:
            self.problem(node, f"{label}: expected a decimal number, found {value!r}")
            return None

    def enum(self, cls: type[E]) -> Callable[[yaml.Node, str], E | None]:
        def read(node: yaml.Node, label: str) -> E | None:
            value = self.scalar(node, label)
            if value is None:
                return None
            if node.tag != STR:
                self.problem(
                    node,
                    f"{label}: {value!r} is read by YAML 1.1 as "
                    f"{TAG_NAMES.get(node.tag, node.tag)}; quote it",
                )
                return None
            try:
                return cls(value)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in cls)
                self.problem(node, f"{label}: {value!r} is not one of: {allowed}")
                return None

        return read

    def date(self, node: yaml.Node, label: str) -> Span | None:
        value = self.scalar(node, label)
        if value is None:
            return None
        if node.tag != STR:
            self.problem(node, f"{label}: {value!r} must be a quoted string, e.g. '2020-10-29'")
            return None
        if value != value.strip():  # the JSON ``date`` is the text as written: plain EDTF
            self.problem(node, f"{label}: {value!r} has spaces or a line break around the date")
            return None
        try:
            return dates.parse_edtf(value)
        except DateError as exc:
            self.problem(node, f"{label}: {exc}")
            return None

    def slug(self, node: yaml.Node, label: str) -> str | None:
        value = self.text(node, label)
        if value is not None and not SLUG.match(value):  # anchored at both ends
            self.problem(node, f"{label}: {value!r} must be a slug (a-z, 0-9, single hyphens)")
            return None
        return value

    # --- collections --------------------------------------------------------------------------

    def items(self, node: yaml.Node, label: str) -> list[yaml.Node]:
        if not self.plain_tag(node, label):
            return []
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{label}: expected a list")
            return []
        return list(node.value)

    def listing(
        self, read: Callable[[yaml.Node, str], T | None]
    ) -> Callable[[yaml.Node, str], tuple[T, ...]]:
        def read_all(node: yaml.Node, label: str) -> tuple[T, ...]:
            out = []
            for i, item in enumerate(self.items(node, label)):
                value = read(item, f"{label}[{i}]")
                if value is not None:
                    out.append(value)
            return tuple(out)

        return read_all

    def fields(
        self, node: yaml.Node, label: str, spec: dict[str, Field]
    ) -> dict[str, object] | None:
        """Read a mapping against a spec: unknown, duplicate and missing keys are problems.

        The mapping is usable only if reading it added no problem and gave a value for every
        key it has.
        """
        if not self.plain_tag(node, label):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{label}: expected a mapping of keys to values")
            return None
        before = len(self.problems)
        out: dict[str, object] = {}
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"{label} key")
            if key is None:
                continue
            if key in seen:
                self.problem(key_node, f"{label}: key {key!r} appears twice")
                continue
            seen.add(key)
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec))  # the closest first
                hint = f"; did you mean {close[0]!r}?" if close else ""
                allowed = ", ".join(spec)
                self.problem(key_node, f"{label}: unknown key {key!r}{hint} (allowed: {allowed})")
                continue
            value = spec[key].read(value_node, f"{label}.{key}")
            if value is not None:
                out[key] = value
        missing = [k for k, f in spec.items() if f.required and k not in seen]
        if missing:
            self.problem(node, f"{label}: missing required key(s): {', '.join(missing)}")
        return out if len(self.problems) == before and len(out) == len(seen) else None

    def at(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))


class Values:
    """A record's checked values, with typed getters (the readers already checked each type)."""

    def __init__(self, values: dict[str, object]) -> None:
        self._v = values

    def __getitem__(self, key: str) -> object:
        return self._v[key]

    def s(self, key: str, default: str | None = None) -> str:
        value = self._v.get(key, default)
        assert isinstance(value, str), key
        return value

    def opt_str(self, key: str) -> str | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, str), key
        return value

    def i(self, key: str) -> int:
        value = self._v[key]
        assert isinstance(value, int), key
        return value

    def f(self, key: str) -> float:
        value = self._v[key]
        assert isinstance(value, float), key
        return value

    def enum(self, key: str, cls: type[E]) -> E:
        value = self._v[key]
        assert isinstance(value, cls), key
        return value

    def opt_enum(self, key: str, cls: type[E]) -> E | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, cls), key
        return value

    def span(self, key: str) -> Span:
        value = self._v[key]
        assert isinstance(value, Span), key
        return value

    def opt_span(self, key: str) -> Span | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, Span), key
        return value

    def many(self, key: str, cls: type[T]) -> tuple[T, ...]:
        value = self._v.get(key, ())
        assert isinstance(value, tuple), key
        assert all(isinstance(x, cls) for x in value), key
        return value

    def opt(self, key: str, cls: type[T]) -> T | None:
        value = self._v.get(key)
        assert value is None or isinstance(value, cls), key
        return value
