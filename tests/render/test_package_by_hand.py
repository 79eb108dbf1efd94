"""The CSV data package read back as a consumer would: its descriptor, then each table through it.

The descriptor is compared with one written out by hand for a small table, and with the
Frictionless Table Schema rules (a list column is ``list`` with its delimiter and item type, a
column that may be empty is not ``required``...) for every kind. Then each CSV of an export is
read with the dialect the descriptor gives and every cell checked against its column's
declared type, constraints and foreign keys, by a reader written here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from shusha_cli.render import fields, package
from shusha_cli.render.csv import unguard
from tests.conftest import Run

ALL = ["events", "quotes", "places", "actors"]


def test_the_actors_table_alone_is_described_as_written_by_hand() -> None:
    sides = ["azerbaijan", "armenia", "nagorno-karabakh", "russia", "other"]
    kinds = ["person", "unit", "organisation", "government", "party", "media", "programme",
             "group"]  # fmt: skip
    assert package.descriptor(["actors"], guarded=False) == {
        "profile": "tabular-data-package",
        "name": "shusha",
        "title": "Shusha chronology export",
        "description": (
            "The chronology of the Oct-Nov 2020 operations around Shusha (Shushi), exported by "
            "shusha. Each table is the JSON records of `shusha export --format json` flattened: "
            "lists joined with '; ', a list of objects as one list column per field "
            "(FIELD_PART)."
        ),
        "resources": [
            {
                "name": "actors",
                "path": "actors.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string", "constraints": {"required": True},
                         "description": "a record id (slug)"},
                        {"name": "name", "type": "string", "constraints": {"required": True}},
                        {"name": "aliases", "type": "list", "delimiter": "; ",
                         "itemType": "string"},
                        {"name": "kind", "type": "string",
                         "constraints": {"required": True, "enum": kinds}},
                        {"name": "side", "type": "string",
                         "constraints": {"required": True, "enum": sides}},
                        {"name": "role", "type": "string"},
                        {"name": "affiliation", "type": "string"},
                        {"name": "notes", "type": "string"},
                    ],
                    "primaryKey": ["id"],
                    "missingValues": [""],
                },
            }
        ],
    }  # fmt: skip


def test_the_guard_and_the_byte_order_mark_are_declared() -> None:
    plain = package.descriptor(["events"], guarded=False, bom=False)
    guarded = package.descriptor(["events"])  # guarded, no BOM: export's defaults
    bom = package.descriptor(["events"], guarded=True, bom=True)
    assert guarded["description"] == plain["description"] + (
        " A text cell starting with = + - @, a tab or a carriage return carries one leading "
        "apostrophe so that a spreadsheet shows it as text (export with --no-guard for the bare "
        "values)."
    )
    assert bom["description"] == guarded["description"]
    assert plain["resources"][0]["encoding"] == "utf-8"
    assert guarded["resources"][0]["encoding"] == "utf-8"
    assert bom["resources"][0]["encoding"] == "utf-8-sig"


def _column_by_rule(f: fields.Field, name: str, nullable: bool, in_list: bool) -> dict[str, Any]:
    """Frictionless Table Schema (specs.frictionlessdata.io/table-schema) for one column."""
    kind = f.type if f.type in ("date", "integer", "number") else "string"
    if in_list or f.many:
        out: dict[str, Any] = {"name": name, "type": "list", "delimiter": "; ", "itemType": kind}
    else:
        out = {"name": name, "type": kind}
        constraints = {
            **({"required": True} if not nullable else {}),
            **({"enum": list(f.enum)} if f.enum else {}),
        }
        if constraints:
            out["constraints"] = constraints
    if f.doc:
        out["description"] = f.doc
    return out


@pytest.mark.parametrize("what", ALL)
def test_every_column_follows_table_schema(what: str) -> None:
    expected = []
    for f in fields.KINDS[what]:
        if f.parts:  # one list column per part; an item may be empty (a null "from")
            expected += [_column_by_rule(p, f"{f.name}_{p.name}", True, True) for p in f.parts]
        else:
            expected.append(_column_by_rule(f, f.name, f.nullable, False))
    (resource,) = package.descriptor([what])["resources"]
    assert resource["schema"]["fields"] == expected
    assert [c["name"] for c in expected] == fields.columns(fields.KINDS[what])


def test_spot_checks_of_the_event_columns() -> None:
    (resource,) = package.descriptor(["events"])["resources"]
    by_name = {c["name"]: c for c in resource["schema"]["fields"]}
    assert by_name["start"] == {
        "name": "start",
        "type": "date",
        "constraints": {"required": True},
        "description": "the earliest possible day",
    }
    assert by_name["reported_end"] == {"name": "reported_end", "type": "date"}
    assert by_name["sources"]["itemType"] == "integer"
    assert by_name["control_to"] == {
        "name": "control_to",
        "type": "list",
        "delimiter": "; ",
        "itemType": "string",
    }
    (places,) = package.descriptor(["places"])["resources"]
    lat = next(c for c in places["schema"]["fields"] if c["name"] == "lat")
    assert lat == {"name": "lat", "type": "number", "description": "WGS 84 latitude"}
    events = next(c for c in places["schema"]["fields"] if c["name"] == "events")
    assert events["type"] == "integer"
    assert events["constraints"] == {"required": True}


@pytest.mark.parametrize(
    ("whats", "keys"),
    [
        (ALL, {"events": ["claimant_id"], "quotes": ["actor"]}),
        (["events", "quotes"], {}),  # no actors table: nothing to refer to
        (["quotes", "actors"], {"quotes": ["actor"]}),
        (["actors", "events"], {"events": ["claimant_id"]}),
        (["places"], {}),
    ],
)
def test_foreign_keys_only_to_tables_in_the_package(
    whats: list[str], keys: dict[str, list[str]]
) -> None:
    resources = package.descriptor(whats)["resources"]
    assert [r["name"] for r in resources] == whats
    assert [r["path"] for r in resources] == [f"{w}.csv" for w in whats]
    for r in resources:
        schema = r["schema"]
        assert schema["primaryKey"] == ["id"]
        assert schema["missingValues"] == [""]
        expected = [
            {"fields": c, "reference": {"resource": "actors", "fields": "id"}}
            for c in keys.get(r["name"], [])
        ]
        assert schema.get("foreignKeys", []) == expected
        assert ("foreignKeys" in schema) == bool(expected)


def _typed(column: dict[str, Any], cell: str) -> Any:
    """One CSV cell read as the column declares it, as a Table Schema reader would."""
    kinds = {"string": str, "integer": int, "number": float, "date": dt.date.fromisoformat}
    if column["type"] == "list":
        return (
            [kinds[column["itemType"]](v) for v in cell.split(column["delimiter"])] if cell else []
        )
    value = kinds[column["type"]](cell)
    assert value in column.get("constraints", {}).get("enum", [value]), (column["name"], cell)
    return value


@pytest.mark.parametrize("bom", [False, True], ids=["utf-8", "bom"])
def test_each_table_reads_back_through_its_descriptor(run: Run, tmp_path: Path, bom: bool) -> None:
    folder = tmp_path / "pkg"
    args = ("export", "-w", ",".join(ALL), "-o", f"{folder}/", *(("--bom",) if bom else ()))
    result = run(*args)
    assert result.code == 0, result.err
    descriptor = json.loads((folder / package.DESCRIPTOR).read_text(encoding="utf-8"))
    ids: dict[str, set[str]] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for resource in descriptor["resources"]:
        raw = (folder / resource["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == bom
        text = raw.decode(resource["encoding"])
        dialect = resource["dialect"]
        assert text.endswith(dialect["lineTerminator"])
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"]))
        columns = resource["schema"]["fields"]
        assert rows[0] == [c["name"] for c in columns]  # header: True
        table = []
        for row in rows[1:]:
            record = {}
            for column, cell in zip(columns, row, strict=True):
                cell = unguard(cell)
                if cell in resource["schema"]["missingValues"]:
                    assert not column.get("constraints", {}).get("required"), column["name"]
                    record[column["name"]] = [] if column["type"] == "list" else None
                else:
                    record[column["name"]] = _typed(column, cell)
            table.append(record)
        tables[resource["name"]] = table
        ids[resource["name"]] = {r["id"] for r in table}
        assert len(ids[resource["name"]]) == len(table) > 0  # primaryKey: unique
    for resource in descriptor["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            target = ids[key["reference"]["resource"]]
            values = {r[key["fields"]] for r in tables[resource["name"]]} - {None}
            assert values, key
            assert values <= target, key
    # the same records as the JSON export, typed: the start of each event
    events = json.loads(run("export", "-f", "json").out)
    assert [r["start"].isoformat() for r in tables["events"]] == [e["start"] for e in events]
    assert [r["sources"] for r in tables["events"]] == [e["sources"] for e in events]
