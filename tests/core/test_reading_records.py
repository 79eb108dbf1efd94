"""core/reading/records.py: whole documents read into the exact model, or refused with every problem.

A good document is compared with the model written out by hand, field by field (so a default, a
swapped field or a dropped record shows); a bad one with the complete, sorted list of its
problems (file, line, message), not with a word that happens to be in one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from shusha_cli.core.errors import DataError
from shusha_cli.core.model import (
    ARTICLE,
    Actor,
    ActorKind,
    Chronology,
    ControlChange,
    Coordinates,
    CoordPrecision,
    Event,
    EventType,
    Extent,
    Identification,
    Occasion,
    Place,
    PlaceKind,
    Precision,
    Quote,
    Side,
    Source,
    TimeOfDay,
)
from shusha_cli.core.reading.parse import parse

NAME = "c.yaml"

# Every key of every record, once (docs/data-model.md), with values that differ from the defaults.
FULL = """\
schema: 1
source:
  title: "Full article"
  file: full.md
  paragraphs: 9
  perspective: "Whose narrative."
places:
  - id: town-a
    name: "Town A"
    aliases: ["Taun A", "Town-A"]
    kind: town
    district: "District A"
    coordinates:
      lat: 39.75
      lon: -46.5
      precision: near
      source: "https://example.org/a"
    identification: tentative
    notes: "A place with every field."
  - id: hill
    name: Hill
    kind: mountain
actors:
  - id: unit-a
    name: "Unit A"
    aliases: ["A Unit"]
    kind: unit
    side: azerbaijan
    role: "Brigade"
    affiliation: "Army A"
    notes: "An actor with every field."
  - id: speaker-b
    name: "Speaker B"
    kind: person
    side: armenia
events:
  - id: town-a-left
    date: "2020-11-07"
    time_of_day: evening
    reported: "2020-11-08"
    date_note: "As the article dates it."
    title: "Unit A leaves Town A"
    summary: "A withdrawal with every field."
    type: withdrawal
    places: [town-a, hill]
    actors: [unit-a, speaker-b]
    sources: [2, 9, 1]
    attribution: speaker-b
    control:
      - place: town-a
        to: nagorno-karabakh
        from: azerbaijan
        extent: partial
      - {place: hill, to: russia}
    confirms: [q-b]
    contradicts: [denied]
    notes: "Our words."
  - id: denied
    date: "2020-11"
    title: "B denies it"
    summary: "A denial."
    type: denial
    sources: [3]
quotes:
  - id: q-b
    speaker: speaker-b
    date: "2020-11-08/2020-11-09"
    occasion: social-media
    medium: "A post"
    text: "It did not happen."
    context: "About the withdrawal."
    sources: [3, 4]
    places: [town-a]
    events: [town-a-left, denied]
    confirms: [denied]
    contradicts: [town-a-left]
  - id: q-short
    speaker: unit-a
    date: "2020"
    occasion: report
    text: "Short."
    sources: [1]
"""


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_every_field_is_read_into_the_model() -> None:
    chron = parse(FULL, NAME)
    assert isinstance(chron, Chronology)
    assert chron.path == NAME
    assert chron.source == Source("Full article", "full.md", 9, "Whose narrative.")
    assert chron.places == (
        Place(
            id="town-a",
            name="Town A",
            kind=PlaceKind.TOWN,
            aliases=("Taun A", "Town-A"),
            district="District A",
            coordinates=Coordinates(39.75, -46.5, CoordPrecision.NEAR, "https://example.org/a"),
            identification=Identification.TENTATIVE,
            notes="A place with every field.",
        ),
        Place(id="hill", name="Hill", kind=PlaceKind.MOUNTAIN),
    )
    assert chron.places[1].identification is Identification.CERTAIN
    assert chron.places[1].notes == ""
    assert chron.actors == (
        Actor(
            id="unit-a",
            name="Unit A",
            kind=ActorKind.UNIT,
            side=Side.AZERBAIJAN,
            aliases=("A Unit",),
            role="Brigade",
            affiliation="Army A",
            notes="An actor with every field.",
        ),
        Actor(id="speaker-b", name="Speaker B", kind=ActorKind.PERSON, side=Side.ARMENIA),
    )
    left, denied = chron.events
    assert left == Event(
        id="town-a-left",
        date=left.date,
        title="Unit A leaves Town A",
        summary="A withdrawal with every field.",
        type=EventType.WITHDRAWAL,
        sources=(2, 9, 1),
        attribution="speaker-b",
        places=("town-a", "hill"),
        actors=("unit-a", "speaker-b"),
        time_of_day=TimeOfDay.EVENING,
        reported=left.reported,
        date_note="As the article dates it.",
        control=(
            ControlChange("town-a", Side.NAGORNO_KARABAKH, Side.AZERBAIJAN, Extent.PARTIAL),
            ControlChange("hill", Side.RUSSIA, None, Extent.FULL),
        ),
        confirms=("q-b",),
        contradicts=("denied",),
        notes="Our words.",
    )
    assert (left.date.start, left.date.end, left.date.text) == (
        day("2020-11-07"),
        day("2020-11-07"),
        "2020-11-07",
    )
    assert left.reported is not None
    assert (left.reported.start, left.reported.end, left.reported.text) == (
        day("2020-11-08"),
        day("2020-11-08"),
        "2020-11-08",
    )
    assert denied == Event(
        id="denied",
        date=denied.date,
        title="B denies it",
        summary="A denial.",
        type=EventType.DENIAL,
        sources=(3,),
    )
    assert (denied.attribution, denied.date_note, denied.notes) == (ARTICLE, "", "")
    assert (denied.date.start, denied.date.end) == (day("2020-11-01"), day("2020-11-30"))
    assert (denied.date.text, denied.date.precision) == ("2020-11", Precision.MONTH)
    assert (denied.time_of_day, denied.reported) == (None, None)
    q_b, q_short = chron.quotes
    assert q_b == Quote(
        id="q-b",
        speaker="speaker-b",
        date=q_b.date,
        occasion=Occasion.SOCIAL_MEDIA,
        text="It did not happen.",
        sources=(3, 4),
        medium="A post",
        context="About the withdrawal.",
        places=("town-a",),
        events=("town-a-left", "denied"),
        confirms=("denied",),
        contradicts=("town-a-left",),
    )
    assert (q_b.date.start, q_b.date.end, q_b.date.text) == (
        day("2020-11-08"),
        day("2020-11-09"),
        "2020-11-08/2020-11-09",
    )
    assert q_short == Quote(
        id="q-short",
        speaker="unit-a",
        date=q_short.date,
        occasion=Occasion.REPORT,
        text="Short.",
        sources=(1,),
    )
    assert (q_short.medium, q_short.context) == ("", "")
    assert (q_short.date.start, q_short.date.end) == (day("2020-01-01"), day("2020-12-31"))


def test_schema_and_quotes_may_be_left_out() -> None:
    text = FULL.replace("schema: 1\n", "")
    text = text[: text.index("quotes:")]
    text = text.replace("    confirms: [q-b]\n", "")
    chron = parse(text, NAME)
    assert chron.quotes == ()
    assert [e.id for e in chron.events] == ["town-a-left", "denied"]
    assert chron.source.perspective == "Whose narrative."


def test_a_source_without_a_perspective() -> None:
    chron = parse(FULL.replace('  perspective: "Whose narrative."\n', ""), NAME)
    assert chron.source == Source("Full article", "full.md", 9, "")


@pytest.mark.parametrize("empty", ["places: []", "places:", "places: ~"])
def test_an_empty_section(empty: str) -> None:
    text = (
        "source: {title: T, file: f, paragraphs: 1}\n"
        f"{empty}\nactors: []\nevents: []\nquotes: []\n"
    )
    chron = parse(text, NAME)
    assert (chron.places, chron.actors, chron.events, chron.quotes) == ((), (), (), ())
    assert chron.source == Source("T", "f", 1)


def problems(text: str) -> list[tuple[int | None, str]]:
    """The problems of a document that must be refused, as (line, message), in order."""
    with pytest.raises(DataError) as caught:
        parse(text, NAME)
    assert all(p.file == NAME for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- the top level --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "a list"), ("just text\n", "a single value"), ("12\n", "a single value")],
)
def test_the_top_level_must_be_a_mapping(text: str, found: str) -> None:
    message = f"the top level must be a mapping of sections, not {found}"
    assert problems("\n" + text) == [(2, message)]


def test_a_tagged_top_level() -> None:
    message = "top level: the tag '!doc' is not allowed (plain data only)"
    assert problems("\n!doc\nsource: 1\n") == [(2, message)]


def test_sections_twice_unknown_or_missing() -> None:
    text = (
        "schema: 1\n"
        "source: {title: T, file: f, paragraphs: 1}\n"
        "source: {title: U, file: g, paragraphs: 2}\n"
        "plases: []\n"
        "colour: red\n"
        "[x]: 1\n"
        "events: []\n"
    )
    assert problems(text) == [
        (1, "top level: missing section(s): places, actors"),
        (3, "top level: section 'source' appears twice"),
        (4, "top level: unknown section 'plases'; did you mean 'places'?"),
        (5, "top level: unknown section 'colour'"),
        (6, "top level key: expected a single value, found a list"),
    ]


def test_an_empty_mapping_misses_every_section_but_two() -> None:
    assert problems("{}\n") == [
        (1, "top level: missing section(s): source, places, actors, events")
    ]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ("2", "schema: version 2 is not supported (1 is)"),
        ("0", "schema: version 0 is not supported (1 is)"),
        ("-1", "schema: version -1 is not supported (1 is)"),
        ("'1'", "schema: expected a whole number, found '1'"),
        ("1.0", "schema: expected a whole number, found '1.0'"),
    ],
)
def test_the_schema_version(schema: str, message: str) -> None:
    text = FULL.replace("schema: 1\n", f"\nschema: {schema}\n")
    assert problems(text) == [(2, message)]


def test_without_a_source_the_records_are_still_checked() -> None:
    text = "places:\n  - id: A\n    name: x\n    kind: town\nactors: []\nevents: []\n"
    assert problems(text) == [
        (1, "top level: missing section(s): source"),
        (2, "places[0] (A).id: 'A' must be a slug (a-z, 0-9, single hyphens)"),
    ]


def test_a_bad_source_stops_before_the_cross_checks() -> None:
    # the event cites paragraph 50 and a missing place: not reported, there is no source to
    # check against, only the source's own problem
    text = (
        "source: {title: T, file: f, paragraphs: many}\nplaces: []\nactors: []\nevents:\n"
        "  - {id: e, date: '2020', title: T, summary: S, type: advance, sources: [50],"
        " places: [nowhere]}\n"
    )
    assert problems(text) == [(1, "source.paragraphs: expected a whole number, found 'many'")]


# --- the source -----------------------------------------------------------------------------------


@pytest.mark.parametrize("paragraphs", ["0", "-3"])
def test_paragraphs_at_least_one(paragraphs: str) -> None:
    text = FULL.replace("  paragraphs: 9\n", f"  paragraphs: {paragraphs}\n")
    line = line_of(text, f"paragraphs: {paragraphs}")
    assert problems(text) == [(line, "source.paragraphs: must be at least 1")]


def test_paragraphs_at_least_one_in_a_flow_mapping() -> None:
    text = FULL.replace(
        'source:\n  title: "Full article"\n  file: full.md\n  paragraphs: 9\n'
        '  perspective: "Whose narrative."\n',
        "source: {title: T,\n  file: f,\n\n  paragraphs: 0}\n",
    )
    assert problems(text) == [(5, "source.paragraphs: must be at least 1")]


def test_one_paragraph_is_enough() -> None:
    text = FULL.replace("  paragraphs: 9\n", "  paragraphs: 1\n")
    text = text.replace("sources: [2, 9, 1]", "sources: [1]").replace("[3, 4]", "[1]")
    text = text.replace("sources: [3]", "sources: [1]")
    assert parse(text, NAME).source.paragraphs == 1


def test_source_must_be_a_mapping() -> None:
    text = FULL.replace(
        'source:\n  title: "Full article"\n  file: full.md\n  paragraphs: 9\n'
        '  perspective: "Whose narrative."\n',
        "source: [a]\n",
    )
    assert problems(text) == [(2, "source: expected a mapping of keys to values")]


# --- coordinates ----------------------------------------------------------------------------------

COORDS = "      lat: 39.75\n      lon: -46.5\n"


@pytest.mark.parametrize(
    ("lat", "lon"), [("90", "180"), ("-90", "-180"), ("0", "0"), ("90.0", "-180.0")]
)
def test_coordinates_at_the_limits(lat: str, lon: str) -> None:
    text = FULL.replace(COORDS, f"      lat: {lat}\n      lon: {lon}\n")
    coords = parse(text, NAME).places[0].coordinates
    assert coords == Coordinates(
        float(lat), float(lon), CoordPrecision.NEAR, "https://example.org/a"
    )


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("90.001", "0"), ("-90.5", "0"), ("0", "180.01"), ("0", "-181"), ("91", "181")],
)
def test_coordinates_beyond_the_limits(lat: str, lon: str) -> None:
    text = FULL.replace(COORDS, f"      lat: {lat}\n      lon: {lon}\n")
    line = line_of(text, "      lat:")
    message = (
        "places[0] (town-a).coordinates: latitude must be within ±90 and longitude within ±180"
    )
    assert problems(text) == [(line, message)]


def test_coordinates_with_a_bad_value_are_reported_once() -> None:
    text = FULL.replace(COORDS, "      lat: 99\n      lon: east\n")
    line = line_of(text, "lon: east")
    assert problems(text) == [
        (line, "places[0] (town-a).coordinates.lon: expected a number, found 'east'")
    ]


# --- control --------------------------------------------------------------------------------------


def test_control_from_a_side_to_the_same_side() -> None:
    text = FULL.replace("{place: hill, to: russia}", "{place: hill, to: russia, from: russia}")
    line = line_of(text, "{place: hill")
    message = "events[0] (town-a-left).control[1]: a place cannot pass from a side to the same side"
    assert problems(text) == [(line, message)]


def test_a_bad_control_entry_drops_the_event_without_more_problems() -> None:
    # The capture's only control entry is refused: the event is not kept, so it is not also
    # reported for missing control, and the quote linking to it is not reported either.
    text = FULL.replace("    type: withdrawal\n", "    type: capture\n")
    text = text.replace("extent: partial", "extent: half")
    text = text.replace("      - {place: hill, to: russia}\n", "")
    line = line_of(text, "extent: half")
    message = "events[0] (town-a-left).control[0].extent: 'half' is not one of: full, partial"
    assert problems(text) == [(line, message)]


def test_a_capture_with_good_control_passes() -> None:
    chron = parse(FULL.replace("    type: withdrawal\n", "    type: capture\n"), NAME)
    assert chron.events[0].type is EventType.CAPTURE
    assert len(chron.events[0].control) == 2


# --- records --------------------------------------------------------------------------------------


def test_duplicate_ids_within_a_section() -> None:
    text = FULL.replace("  - id: hill\n", "  - id: town-a\n")
    first, again = line_of(text, "  - id: town-a"), text.index("  - id: town-a")
    line = text[: text.index("  - id: town-a", again + 1)].count("\n") + 1
    event = line_of(text, "  - id: town-a-left")
    assert problems(text) == [
        (line, f"places: duplicate id 'town-a' (first at line {first})"),
        (event, "event 'town-a-left': place 'hill' does not exist"),
        (event, "event 'town-a-left': control place 'hill' does not exist"),
    ]


def test_a_place_and_an_actor_may_share_an_id() -> None:
    # a place and an actor may share an id: they are looked up in different tables
    text = FULL.replace("  - id: hill\n", "  - id: unit-a\n").replace(
        "places: [town-a, hill]", "places: [town-a, unit-a]"
    )
    text = text.replace("{place: hill, to: russia}", "{place: unit-a, to: russia}")
    chron = parse(text, NAME)
    assert chron.places[1].id == chron.actors[0].id == "unit-a"


def test_a_record_without_an_id_is_labelled_by_position() -> None:
    text = FULL.replace("  - id: hill\n    name: Hill\n", "  - name: Hill\n")
    event = line_of(text, "  - id: town-a-left")
    assert problems(text) == [
        (line_of(text, "  - name: Hill"), "places[1]: missing required key(s): id"),
        (event, "event 'town-a-left': place 'hill' does not exist"),
        (event, "event 'town-a-left': control place 'hill' does not exist"),
    ]


@pytest.mark.parametrize("ident", ["[a]", "{a: 1}"])
def test_an_id_that_is_not_a_value_labels_by_position(ident: str) -> None:
    text = FULL.replace("  - id: hill\n", f"  - id: {ident}\n")
    line = line_of(text, f"  - id: {ident}")
    assert problems(text)[0] == (
        line,
        f"places[1].id: expected a single value, found {'a list' if '[' in ident else 'a mapping'}",
    )


def test_an_invalid_record_still_counts_as_known() -> None:
    # the place is refused (its kind), but the references to it are not reported as well
    text = FULL.replace("    kind: mountain\n", "    kind: volcano\n")
    line = line_of(text, "kind: volcano")
    kinds = (
        "city, town, village, road, mountain, canyon, forest, valley, district, corridor, "
        "region, country, building"
    )
    assert problems(text) == [
        (line, f"places[1] (hill).kind: 'volcano' is not one of: {kinds}"),
    ]


@pytest.mark.parametrize(
    ("section", "record_line"),
    [
        ("places", "  - id: hill\n"),
        ("actors", "  - id: speaker-b\n"),
        ("events", "  - id: denied\n"),
    ],
)
def test_a_record_that_is_not_a_mapping(section: str, record_line: str) -> None:
    text = FULL.replace(record_line, "  - just text\n  - id: x\n", 1)
    line = line_of(text, "  - just text")
    assert (line, f"{section}[1]: expected a mapping of keys to values") in problems(text)


def test_a_section_that_is_not_a_list() -> None:
    text = FULL[: FULL.index("quotes:")] + "quotes: {id: q}\n"
    text = text.replace("    confirms: [q-b]\n", "")
    assert problems(text) == [(line_of(text, "quotes:"), "quotes: expected a list")]


def test_problems_come_sorted_by_line_across_sections() -> None:
    text = FULL.replace("    side: armenia\n", "    side: mars\n")
    text = text.replace("    kind: mountain\n", "    kind: hill\n")
    text = text.replace('  title: "Full article"\n', '  title: ""\n')
    sides = "azerbaijan, armenia, nagorno-karabakh, russia, other"
    found = problems(text)
    assert [line for line, _ in found] == sorted(line for line, _ in found)
    assert found[0] == (3, "source.title: must not be empty")
    assert (
        line_of(text, "side: mars"),
        f"actors[1] (speaker-b).side: 'mars' is not one of: {sides}",
    ) in found


def test_records_after_a_duplicate_are_still_read() -> None:
    text = (
        "source: {title: T, file: f, paragraphs: 1}\n"
        "places:\n"
        "  - {id: a, name: A, kind: town}\n"
        "  - {id: a, name: A2, kind: town}\n"
        "  - {id: a, name: A3, kind: town}\n"
        "  - {id: b, name: B, kind: moon}\n"
        "actors: []\n"
        "events: []\n"
    )
    assert problems(text) == [
        (4, "places: duplicate id 'a' (first at line 3)"),
        (5, "places: duplicate id 'a' (first at line 3)"),
        (6, "places[3] (b).kind: 'moon' is not one of: city, town, village, road, mountain, "
            "canyon, forest, valley, district, corridor, region, country, building"),
    ]  # fmt: skip


def test_records_after_a_bad_one_are_still_read() -> None:
    text = (
        "source: {title: T, file: f, paragraphs: 1}\n"
        "places: []\n"
        "actors:\n"
        "  - {id: x, name: X, kind: unit, side: mars}\n"
        "  - {id: y, name: '', kind: unit, side: russia}\n"
        "  - {id: z, name: Z, kind: unit, side: russia}\n"
        "events: []\n"
    )
    sides = "azerbaijan, armenia, nagorno-karabakh, russia, other"
    assert problems(text) == [
        (4, f"actors[0] (x).side: 'mars' is not one of: {sides}"),
        (5, "actors[1] (y).name: must not be empty"),
    ]
