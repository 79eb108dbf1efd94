"""Reading YAML text into a tree of nodes that keep their line, with no tag ever constructed.

The file is *composed*, not loaded: PyYAML's safe (C where available) composer turns the text
into a tree of nodes that still know their line, and the record readers build the model from
those nodes themselves. That buys three things a plain ``safe_load`` cannot give: a line number
on every problem, duplicate keys caught instead of silently dropped, and YAML 1.1's implicit types
(an unquoted ``no`` read as False, ``22:30`` read as 1350) reported where a string is wanted
instead of converted. No tag is ever constructed, so ``!!python/object`` and friends cannot run
code.
"""

from __future__ import annotations

import re

import yaml

from shusha_cli.core.errors import DataError, Problem

STR = "tag:yaml.org,2002:str"
ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date/time",
}

try:  # libyaml's composer is several times faster; both are safe (no tag is constructed).
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

#: Where a reader error is: libyaml gives the offset in the text's UTF-8 bytes, PyYAML's own
#: reader the offset in characters.
_OFFSET_IN_BYTES = _Loader is not yaml.SafeLoader
#: The line breaks of YAML (a CR alone, NEL, LS and PS too): the lines and columns of its marks.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def compose(text: str, name: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        col = f", column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "syntax error"
        start = exc.context_mark
        if exc.problem and exc.context and start is not None and start.line + 1 != line:
            # e.g. an unclosed quote: the end of the file is found, the quote opened far above.
            what += f" ({exc.context} at line {start.line + 1}, column {start.column + 1})"
        raise DataError([Problem(name, line, f"YAML syntax error{col}: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control
        line, column = _where(text, exc.position)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        what = f"{exc.reason} (found {char!r}); write it as an escape inside double quotes"
        raise DataError([Problem(name, line, f"YAML error, column {column}: {what}")]) from None
    except yaml.YAMLError as exc:
        one_line = " ".join(str(exc).split())
        raise DataError([Problem(name, None, f"YAML error: {one_line}")]) from None
    except UnicodeEncodeError:  # only a str built in memory can hold a lone surrogate
        raise DataError([Problem(name, None, "is not valid Unicode text")]) from None
    if node is None:
        raise DataError([Problem(name, None, "holds no YAML document")])
    check_aliases(node, name)
    return node


#: How far YAML aliases may grow a file: the nodes read, counting each alias's target again
#: wherever it is used, may be at most twice the nodes written plus this many. Aliases that
#: save a little typing pass; an alias bomb (a 20,000-item list reused in 2,000 records: 41 s
#: and 876 MB before) is refused before any record is read.
ALIAS_ALLOWANCE = 10_000


def check_aliases(root: yaml.Node, name: str) -> None:
    """Refuse aliases that would make reading the file cost far more than its size.

    The composer shares an alias's node with its anchor, so the tree is a graph: its nodes are
    counted once (``written``) and as read (``expanded``, with memoised sizes), in time linear
    in the file. A node that contains an alias to itself is refused too.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        ident = id(node)
        if children_done:
            open_nodes.discard(ident)
            sizes[ident] = 1 + sum(sizes[id(c)] for c in _children(node))
            continue
        if ident in sizes:
            continue
        if ident in open_nodes:
            line = node.start_mark.line + 1
            message = "a YAML alias refers to a node that contains it (anchored here)"
            raise DataError([Problem(name, line, message)])
        open_nodes.add(ident)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    written, expanded = len(sizes), sizes[id(root)]
    if expanded > 2 * written + ALIAS_ALLOWANCE:
        raise DataError(
            [
                Problem(
                    name,
                    None,
                    f"YAML aliases expand {written:,} values to {expanded:,}; "
                    f"at most {2 * written + ALIAS_ALLOWANCE:,} are read: write the values out",
                )
            ]
        )


def _where(text: str, offset: int) -> tuple[int, int]:
    """The line and column (from 1) of a reader error, counted as YAML counts its marks.

    libyaml's offset counts bytes: "Şuşa" before a control character moved it two columns
    on, or a line down, before it was turned back into characters.
    """
    if _OFFSET_IN_BYTES:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8"))
    lines = _BREAK.split(text[:offset])
    return len(lines), len(lines[-1]) + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
