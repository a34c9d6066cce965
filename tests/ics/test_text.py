"""Content lines: unfolding, parameters, escaping, folding (no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from calapp.ics import text


def test_crlf_lf_and_cr_unfold_alike():
    folded = "SUMMARY:Long\r\n  title\r\nDESCRIPTION:a\r\n\tb"
    expected = ["SUMMARY:Long title", "DESCRIPTION:ab"]
    for newline in ("\r\n", "\n", "\r"):
        assert text.unfold(folded.replace("\r\n", newline)) == expected


def test_parameters_quoted_multi_valued_and_caret_escaped():
    prop = text.parse_line(
        'ATTENDEE;CN="Lovelace; Ada: ^\'Countess^\'";MEMBER="a:b","c";'
        "PARTSTAT=ACCEPTED:mailto:ada@example.com"
    )
    assert prop.name == "ATTENDEE"
    assert prop.param("CN") == 'Lovelace; Ada: "Countess"'
    assert prop.params["MEMBER"] == ["a:b", "c"]
    assert prop.param("PARTSTAT") == "ACCEPTED"
    assert prop.value == "mailto:ada@example.com"


def test_a_vcard_group_and_bare_21_types():
    prop = text.parse_line("item1.TEL;WORK;VOICE:+1 555 0100")
    assert (prop.name, prop.params, prop.value) == (
        "TEL",
        {"TYPE": ["WORK", "VOICE"]},
        "+1 555 0100",
    )


@pytest.mark.parametrize("line", ["no colon here", ";X=1:v", 'X;P="open:v'])
def test_lines_that_are_not_content_lines(line):
    with pytest.raises(text.ParseError):
        text.parse_line(line)


@pytest.mark.parametrize(
    "value", ["plain", "a,b;c\\d", "multi\nline\ntext", "trailing\\", "ünïcödé 🎉"]
)
def test_escape_then_unescape_is_the_identity(value):
    assert text.unescape(text.escape(value)) == value


def test_escape_drops_control_characters_and_normalises_newlines():
    assert text.escape("a\x01b\r\nc\rd\te") == "ab\\nc\\nd\te"


def test_lists_split_on_unescaped_commas_only():
    assert [text.unescape(v) for v in text.split_list("a\\,b,c,d\\\\,e")] == [
        "a,b",
        "c",
        "d\\",
        "e",
    ]
    assert text.split_structured("Lovelace;Ada\\;Augusta;;;") == [
        "Lovelace",
        "Ada;Augusta",
        "",
        "",
        "",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "SUMMARY:" + "x" * 200,
        "DESCRIPTION:" + "é" * 100,
        "SUMMARY:" + "🎉" * 50,
        "X:" + "a" * 73 + "é",  # the 2-byte character straddles octet 75
    ],
)
def test_folding_keeps_lines_within_75_octets_and_characters_whole(line):
    folded = text.fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert text.unfold(folded) == [line]


def test_short_lines_are_not_folded():
    assert text.fold("SUMMARY:short") == "SUMMARY:short"


@pytest.mark.parametrize(
    ("value", "delta"),
    [
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("-PT15M", -timedelta(minutes=15)),
        ("P1D", timedelta(days=1)),
        ("P2W", timedelta(weeks=2)),
        ("-P0DT0H30M0S", -timedelta(minutes=30)),
        ("PT0S", timedelta(0)),
    ],
)
def test_durations(value, delta):
    assert text.parse_duration(value) == delta


@pytest.mark.parametrize("value", ["P", "PT", "1H", "P1H", "-PTM"])
def test_bad_durations(value):
    with pytest.raises(ValueError):
        text.parse_duration(value)


def test_date_times():
    assert text.parse_datetime("20260302T090000Z") == (datetime(2026, 3, 2, 9), True)
    assert text.parse_datetime("20260302T0900") == (datetime(2026, 3, 2, 9), False)
    with pytest.raises(ValueError):
        text.parse_datetime("2026-03-02 nine")


def test_a_file_must_start_with_its_root_component():
    with pytest.raises(text.ParseError):
        text.parse("hello\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "VCALENDAR")
    with pytest.raises(text.ParseError):
        text.parse("BEGIN:VCARD\r\nEND:VCARD\r\n", "VCALENDAR")


def test_unclosed_components_and_junk_are_recorded_not_fatal():
    roots = text.parse(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VCALENDAR\ntrailing junk\n",
        "VCALENDAR",
    )
    event = roots[0].children[0]
    assert event.errors == ["BEGIN:VEVENT is never closed"]
    assert event.text("UID") == "1"


def test_a_bom_and_windows_1252_are_decoded():
    assert text.decode(b"\xef\xbb\xbfBEGIN") == ("BEGIN", False)
    assert text.decode("Café".encode("cp1252")) == ("Café", True)
