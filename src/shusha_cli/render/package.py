"""A Frictionless data package (``datapackage.json``) describing the CSV tables of an export.

Each column gets its Table Schema type (a list column is ``list`` with the one separator,
``"; "``), its vocabulary as an ``enum`` constraint, and each table its primary key ``id``;
the single-valued references are declared foreign keys (an event's claimant and a quote's
speaker to ``actors``). Table Schema has no foreign key from a list column, so the lists of ids
(``places``, ``actors``, ``events``...) are described in words; ``export --format sqlite`` gives
them as link tables with foreign keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from shusha_cli.render import fields
from shusha_cli.render.fields import Field

DESCRIPTOR = "datapackage.json"

_FOREIGN = {
    "events": [("claimant_id", "actors")],
    "quotes": [("actor", "actors")],
}

_GUARD_NOTE = (
    "A text cell starting with = + - @, a tab or a carriage return carries one leading "
    "apostrophe so that a spreadsheet shows it as text (export with --no-guard for the bare "
    "values)."
)


def _column(f: Field, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name}
    if f.many:
        out.update(type="list", delimiter=fields.SEP, itemType=_type(f))
    else:
        out["type"] = _type(f)
        constraints: dict[str, Any] = {}
        if not f.nullable:
            constraints["required"] = True
        if f.enum:
            constraints["enum"] = list(f.enum)
        if constraints:
            out["constraints"] = constraints
    if f.doc:
        out["description"] = f.doc
    return out


def _type(f: Field) -> str:
    return {"date": "date", "integer": "integer", "number": "number"}.get(f.type, "string")


def table_schema(what: str, present: Sequence[str]) -> dict[str, Any]:
    """The Table Schema of one kind's CSV; foreign keys only to tables in the package."""
    cols: list[dict[str, Any]] = []
    for f in fields.KINDS[what]:
        if f.parts:
            # each part of a list of objects is a list column: one item per object
            cols += [_column(replace(p, many=True), f"{f.name}_{p.name}") for p in f.parts]
        else:
            cols.append(_column(f, f.name))
    schema: dict[str, Any] = {"fields": cols, "primaryKey": ["id"], "missingValues": [""]}
    keys = [
        {"fields": column, "reference": {"resource": table, "fields": "id"}}
        for column, table in _FOREIGN.get(what, [])
        if table in present
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def descriptor(whats: Sequence[str], guarded: bool = True, bom: bool = False) -> dict[str, Any]:
    """The data package of the CSV tables ``whats`` (named ``WHAT.csv``) in one folder."""
    description = (
        "The chronology of the Oct-Nov 2020 operations around Shusha (Shushi), exported by "
        "shusha. Each table is the JSON records of `shusha export --format json` flattened: "
        f"lists joined with {fields.SEP!r}, a list of objects as one list column per field "
        "(FIELD_PART)."
    )
    if guarded:
        description += " " + _GUARD_NOTE
    return {
        "profile": "tabular-data-package",
        "name": "shusha",
        "title": "Shusha chronology export",
        "description": description,
        "resources": [
            {
                "name": w,
                "path": f"{w}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig" if bom else "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": table_schema(w, whats),
            }
            for w in whats
        ],
    }
