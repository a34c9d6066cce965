"""TZIDs of real-world files to IANA zones, and VTIMEZONEs for export.

A TZID is resolved, in this order:

1. an IANA name, exactly as tzdb spells it (``Europe/Berlin``);
2. a name that only resembles one: another case, or a vendor prefix
   (``/mozilla.org/20050126_1/Europe/Berlin``,
   ``/softwarestudio.org/Olson_20011030_5/America/New_York``). The file's own
   VTIMEZONE of that TZID defines it (RFC 5545 §3.2.19, §3.6.5): the IANA zone
   is kept only when its UTC offsets agree with the VTIMEZONE's over the span
   of the events that use it (``Resolver.spans``); otherwise another IANA zone
   that agrees (step 5), else the VTIMEZONE's own rules read the times and the
   event is kept in UTC. Without a VTIMEZONE, the IANA zone;
3. a Windows zone name (``W. Europe Standard Time``), by the CLDR windowsZones
   table (territory 001) below, with its VTIMEZONE checked as in step 2;
4. a Windows display name (``(UTC+01:00) Amsterdam, Berlin, Bern, Rome…``,
   ``(GMT-05:00) Eastern Time (US & Canada)``): a city or region it names whose
   zone has the stated standard offset;
5. the file's VTIMEZONE of that TZID: the IANA zone with the same UTC offsets
   through the events' years (a zone the TZID names preferred); none matching: the
   times are converted with the VTIMEZONE's own rules and the event kept in UTC;
6. a bare offset (``GMT+0100``): ``Etc/GMT-1`` (whole hours) or UTC;
7. otherwise the calendar's zone, as for floating times.

Every step but the first is reported once per file in ``repaired``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from calapp.fields import is_timezone, known_timezones

log = logging.getLogger("calapp.ics")

# CLDR common/supplemental/windowsZones.xml, territory "001" (the zone Windows
# means by each name), with current IANA names for renamed zones.
WINDOWS_ZONES = {
    "Dateline Standard Time": "Etc/GMT+12",
    "UTC-11": "Etc/GMT+11",
    "Aleutian Standard Time": "America/Adak",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Marquesas Standard Time": "Pacific/Marquesas",
    "Alaskan Standard Time": "America/Anchorage",
    "UTC-09": "Etc/GMT+9",
    "Pacific Standard Time (Mexico)": "America/Tijuana",
    "UTC-08": "Etc/GMT+8",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time (Mexico)": "America/Mazatlan",
    "Mountain Standard Time": "America/Denver",
    "Yukon Standard Time": "America/Whitehorse",
    "Central America Standard Time": "America/Guatemala",
    "Central Standard Time": "America/Chicago",
    "Easter Island Standard Time": "Pacific/Easter",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "Canada Central Standard Time": "America/Regina",
    "SA Pacific Standard Time": "America/Bogota",
    "Eastern Standard Time (Mexico)": "America/Cancun",
    "Eastern Standard Time": "America/New_York",
    "Haiti Standard Time": "America/Port-au-Prince",
    "Cuba Standard Time": "America/Havana",
    "US Eastern Standard Time": "America/Indiana/Indianapolis",
    "Turks And Caicos Standard Time": "America/Grand_Turk",
    "Paraguay Standard Time": "America/Asuncion",
    "Atlantic Standard Time": "America/Halifax",
    "Venezuela Standard Time": "America/Caracas",
    "Central Brazilian Standard Time": "America/Cuiaba",
    "SA Western Standard Time": "America/La_Paz",
    "Pacific SA Standard Time": "America/Santiago",
    "Newfoundland Standard Time": "America/St_Johns",
    "Tocantins Standard Time": "America/Araguaina",
    "E. South America Standard Time": "America/Sao_Paulo",
    "SA Eastern Standard Time": "America/Cayenne",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "Greenland Standard Time": "America/Nuuk",
    "Montevideo Standard Time": "America/Montevideo",
    "Magallanes Standard Time": "America/Punta_Arenas",
    "Saint Pierre Standard Time": "America/Miquelon",
    "Bahia Standard Time": "America/Bahia",
    "UTC-02": "Etc/GMT+2",
    "Azores Standard Time": "Atlantic/Azores",
    "Cape Verde Standard Time": "Atlantic/Cape_Verde",
    "UTC": "UTC",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "Sao Tome Standard Time": "Africa/Sao_Tome",
    "Morocco Standard Time": "Africa/Casablanca",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Romance Standard Time": "Europe/Paris",
    "Central European Standard Time": "Europe/Warsaw",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "Jordan Standard Time": "Asia/Amman",
    "GTB Standard Time": "Europe/Bucharest",
    "Middle East Standard Time": "Asia/Beirut",
    "Egypt Standard Time": "Africa/Cairo",
    "E. Europe Standard Time": "Europe/Chisinau",
    "Syria Standard Time": "Asia/Damascus",
    "West Bank Standard Time": "Asia/Hebron",
    "South Africa Standard Time": "Africa/Johannesburg",
    "FLE Standard Time": "Europe/Kyiv",
    "Israel Standard Time": "Asia/Jerusalem",
    "South Sudan Standard Time": "Africa/Juba",
    "Kaliningrad Standard Time": "Europe/Kaliningrad",
    "Sudan Standard Time": "Africa/Khartoum",
    "Libya Standard Time": "Africa/Tripoli",
    "Namibia Standard Time": "Africa/Windhoek",
    "Arabic Standard Time": "Asia/Baghdad",
    "Turkey Standard Time": "Europe/Istanbul",
    "Arab Standard Time": "Asia/Riyadh",
    "Belarus Standard Time": "Europe/Minsk",
    "Russian Standard Time": "Europe/Moscow",
    "E. Africa Standard Time": "Africa/Nairobi",
    "Volgograd Standard Time": "Europe/Volgograd",
    "Iran Standard Time": "Asia/Tehran",
    "Arabian Standard Time": "Asia/Dubai",
    "Astrakhan Standard Time": "Europe/Astrakhan",
    "Azerbaijan Standard Time": "Asia/Baku",
    "Russia Time Zone 3": "Europe/Samara",
    "Mauritius Standard Time": "Indian/Mauritius",
    "Saratov Standard Time": "Europe/Saratov",
    "Georgian Standard Time": "Asia/Tbilisi",
    "Caucasus Standard Time": "Asia/Yerevan",
    "Afghanistan Standard Time": "Asia/Kabul",
    "West Asia Standard Time": "Asia/Tashkent",
    "Ekaterinburg Standard Time": "Asia/Yekaterinburg",
    "Pakistan Standard Time": "Asia/Karachi",
    "Qyzylorda Standard Time": "Asia/Qyzylorda",
    "India Standard Time": "Asia/Kolkata",
    "Sri Lanka Standard Time": "Asia/Colombo",
    "Nepal Standard Time": "Asia/Kathmandu",
    "Central Asia Standard Time": "Asia/Bishkek",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "Omsk Standard Time": "Asia/Omsk",
    "Myanmar Standard Time": "Asia/Yangon",
    "SE Asia Standard Time": "Asia/Bangkok",
    "Altai Standard Time": "Asia/Barnaul",
    "W. Mongolia Standard Time": "Asia/Hovd",
    "North Asia Standard Time": "Asia/Krasnoyarsk",
    "N. Central Asia Standard Time": "Asia/Novosibirsk",
    "Tomsk Standard Time": "Asia/Tomsk",
    "China Standard Time": "Asia/Shanghai",
    "North Asia East Standard Time": "Asia/Irkutsk",
    "Singapore Standard Time": "Asia/Singapore",
    "W. Australia Standard Time": "Australia/Perth",
    "Taipei Standard Time": "Asia/Taipei",
    "Ulaanbaatar Standard Time": "Asia/Ulaanbaatar",
    "Aus Central W. Standard Time": "Australia/Eucla",
    "Transbaikal Standard Time": "Asia/Chita",
    "Tokyo Standard Time": "Asia/Tokyo",
    "North Korea Standard Time": "Asia/Pyongyang",
    "Korea Standard Time": "Asia/Seoul",
    "Yakutsk Standard Time": "Asia/Yakutsk",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "AUS Central Standard Time": "Australia/Darwin",
    "E. Australia Standard Time": "Australia/Brisbane",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "West Pacific Standard Time": "Pacific/Port_Moresby",
    "Tasmania Standard Time": "Australia/Hobart",
    "Vladivostok Standard Time": "Asia/Vladivostok",
    "Lord Howe Standard Time": "Australia/Lord_Howe",
    "Bougainville Standard Time": "Pacific/Bougainville",
    "Russia Time Zone 10": "Asia/Srednekolymsk",
    "Magadan Standard Time": "Asia/Magadan",
    "Norfolk Standard Time": "Pacific/Norfolk",
    "Sakhalin Standard Time": "Asia/Sakhalin",
    "Central Pacific Standard Time": "Pacific/Guadalcanal",
    "Russia Time Zone 11": "Asia/Kamchatka",
    "New Zealand Standard Time": "Pacific/Auckland",
    "UTC+12": "Etc/GMT-12",
    "Fiji Standard Time": "Pacific/Fiji",
    "Chatham Islands Standard Time": "Pacific/Chatham",
    "UTC+13": "Etc/GMT-13",
    "Tonga Standard Time": "Pacific/Tongatapu",
    "Samoa Standard Time": "Pacific/Apia",
    "Line Islands Standard Time": "Pacific/Kiritimati",
}
# Windows display names that name a region rather than cities.
DISPLAY_REGIONS = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "coordinated universal time": "UTC",
    "indiana (east)": "America/Indiana/Indianapolis",
    "newfoundland": "America/St_Johns",
    "saskatchewan": "America/Regina",
}
_UTC_NAMES = {"utc", "gmt", "z", "zulu", "etc/utc", "etc/gmt", "universal"}
_AREAS = (
    "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
    "Indian", "Pacific",
)  # fmt: skip
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?", re.I)


@dataclass(frozen=True)
class Resolved:
    """The zone stored with the event, the tzinfo that reads the file's wall
    times (they differ when a custom VTIMEZONE matches no IANA zone), and what
    was repaired (None: nothing)."""

    zone: str
    tzinfo: tzinfo
    note: str | None = None


@functools.cache
def _lower_names() -> dict[str, str]:
    return {name.lower(): name for name in known_timezones()}


@functools.cache
def _windows_lower() -> dict[str, str]:
    return {name.lower(): zone for name, zone in WINDOWS_ZONES.items()}


@functools.cache
def _cities() -> dict[str, str]:
    """``"new york" -> "America/New_York"`` for the canonical Area/City zones."""
    out: dict[str, str] = {}
    for name in sorted(known_timezones()):
        area, _, city = name.partition("/")
        if area in _AREAS and city:
            out.setdefault(city.rpartition("/")[2].replace("_", " ").lower(), name)
    return out


@functools.cache
def candidates() -> tuple[str, ...]:
    """Zones a custom VTIMEZONE may be matched to: the Windows table's first
    (what Outlook files mean), then every canonical Area/City zone."""
    table = [z for z in dict.fromkeys(WINDOWS_ZONES.values()) if "/" in z]
    rest = sorted(
        n for n in known_timezones() if n.partition("/")[0] in _AREAS and n not in table
    )
    return tuple(table + rest)


def iana(name: str) -> str | None:
    """Steps 1-3: an IANA name, possibly behind a vendor prefix, or a Windows name."""
    text = name.strip().strip('"').strip()
    if text.lower() in _UTC_NAMES:
        return "UTC"
    exact = _lower_names().get(text.lower())
    if exact:
        return exact
    if "/" in text:
        parts = [p for p in text.split("/") if p]
        for size in (3, 2, 1):
            found = _lower_names().get("/".join(parts[-size:]).lower())
            if found and (size > 1 or found == "UTC"):
                return found
    return _windows_lower().get(text.lower())


def _standard_offset(zone: str, year: int) -> timedelta:
    z = ZoneInfo(zone)
    return min(
        datetime(year, 1, 15, 12, tzinfo=z).utcoffset(),
        datetime(year, 7, 15, 12, tzinfo=z).utcoffset(),
    )


def _stated_offset(text: str) -> timedelta | None:
    match = _OFFSET.search(text)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return -delta if sign == "-" else delta


def display_name(text: str, year: int) -> str | None:
    """Step 4: ``(UTC+01:00) Amsterdam, Berlin, …`` to a zone with that offset."""
    offset = _stated_offset(text)
    rest = re.sub(r"^\s*\([^)]*\)\s*", "", text).strip().lower()
    names = [rest] + [part.strip() for part in re.split(r"[,/;]| - ", rest)]
    found = [
        zone
        for part in names
        if (zone := DISPLAY_REGIONS.get(part) or _cities().get(part))
        and (offset is None or _standard_offset(zone, year) == offset)
    ]
    # Windows' own zone for the display name first ("Amsterdam, Berlin, …" is
    # W. Europe Standard Time, Europe/Berlin).
    preferred = set(WINDOWS_ZONES.values())
    return next((z for z in found if z in preferred), found[0] if found else None)


def _hint_zones(text: str) -> list[str]:
    lowered = text.lower()
    found = [zone for city, zone in _cities().items() if city in lowered]
    windows = _windows_lower().get(lowered.strip())
    return ([windows] if windows else []) + found


@functools.lru_cache(maxsize=64)
def _fingerprints(year: int) -> dict[str, tuple]:
    """UTC offsets of every candidate at local noon, weekly through ``year``."""
    samples = [datetime(year, 1, 1, 12) + timedelta(days=7 * i) for i in range(53)]
    return {
        name: tuple(s.replace(tzinfo=ZoneInfo(name)).utcoffset() for s in samples)
        for name in candidates()
    }


def match_offsets(tz: tzinfo, year: int, hints: list[str]) -> str | None:
    """Step 5: the IANA zone whose offsets through ``year`` equal ``tz``'s."""
    wanted = _offsets(tz, range(year, year + 1))
    if wanted is None:
        return None
    prints = _fingerprints(year)
    for name in [*hints, *candidates()]:
        if name in prints and prints[name] == wanted:
            return name
    return None


def _offsets(tz: tzinfo, years: range) -> tuple | None:
    """UTC offsets at local noon, weekly through ``years`` (None: unreadable)."""
    samples = [
        datetime(year, 1, 1, 12) + timedelta(days=7 * i)
        for year in years
        for i in range(53)
    ]
    try:
        return tuple(s.replace(tzinfo=tz).utcoffset() for s in samples)
    except Exception:  # icalendar raises many kinds on a broken VTIMEZONE
        log.warning("unreadable VTIMEZONE: it matches no zone", exc_info=True)
        return None


def match_span(tz: tzinfo, years: range, hints: list[str]) -> str | None:
    """Step 5 over several years: the first zone agreeing in every one."""
    wanted = _offsets(tz, years)
    if wanted is None:
        return None
    first = _fingerprints(years[0])  # cached: rejects most zones cheaply
    for name in dict.fromkeys([*hints, *candidates()]):
        if name in first and first[name] != wanted[:53]:
            continue
        if _offsets(ZoneInfo(name), years) == wanted:
            return name
    return None


def _custom_tzinfo(vtimezone_text: str) -> tzinfo | None:
    import icalendar

    try:
        component = icalendar.Calendar.from_ical(vtimezone_text)
        for tz in component.walk("VTIMEZONE"):
            return tz.to_tz(lookup_tzid=False)
    except Exception:  # icalendar raises many kinds on bad input
        return None
    return None


class Resolver:
    """Resolves the TZIDs of one file, once each."""

    def __init__(
        self,
        vtimezones: dict[str, str],
        default_zone: str,
        spans: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.vtimezones = vtimezones  # TZID -> the VTIMEZONE's text
        self.default_zone = default_zone
        # TZID -> the first and last year of the events that use it (``span``)
        self.spans = spans or {}
        self.notes: list[str] = []  # one per repaired TZID, for ``repaired``
        self._cache: dict[str, Resolved] = {}

    def default(self) -> Resolved:
        return Resolved(self.default_zone, ZoneInfo(self.default_zone))

    def resolve(self, tzid: str, year: int) -> Resolved:
        if tzid not in self._cache:
            resolved = self._resolve(tzid, min(max(year, 1971), 2037))
            if resolved.note:
                self.notes.append(resolved.note)
            self._cache[tzid] = resolved
        return self._cache[tzid]

    def _years(self, tzid: str, year: int) -> range:
        first, last = self.spans.get(tzid, (year, year))
        first, last = (min(max(y, 1971), 2037) for y in (first, last))
        return range(first, max(first, last) + 1)

    def _resolve(self, tzid: str, year: int) -> Resolved:
        found = iana(tzid)
        if found and found == tzid.strip().strip('"').strip() and is_timezone(found):
            return Resolved(found, ZoneInfo(found))
        if found and found == "UTC":
            return Resolved("UTC", UTC)
        if found:
            if tzid in self.vtimezones and is_timezone(found):
                return self._resembling(tzid, found, year)
            return Resolved(found, ZoneInfo(found), f"TZID {tzid!r} read as {found}")
        zone = display_name(tzid, year)
        if zone:
            return Resolved(zone, ZoneInfo(zone), f"TZID {tzid!r} read as {zone}")
        if tzid in self.vtimezones:
            custom = _custom_tzinfo(self.vtimezones[tzid])
            if custom is not None:
                zone = match_span(custom, self._years(tzid, year), _hint_zones(tzid))
                if zone:
                    return Resolved(
                        zone,
                        ZoneInfo(zone),
                        f"TZID {tzid!r} read as {zone} (same UTC offsets as its "
                        "VTIMEZONE)",
                    )
                return Resolved(
                    "UTC",
                    custom,
                    f"TZID {tzid!r} matches no IANA zone: times converted with its "
                    "VTIMEZONE and kept in UTC",
                )
        return self._by_offset(tzid)

    def _resembling(self, tzid: str, found: str, year: int) -> Resolved:
        """Step 2 with a VTIMEZONE: its rules decide (RFC 5545 §3.2.19)."""
        custom = _custom_tzinfo(self.vtimezones[tzid])
        years = self._years(tzid, year)
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        if custom is None:
            return Resolved(
                found,
                ZoneInfo(found),
                f"TZID {tzid!r} read as {found} (its VTIMEZONE is unreadable)",
            )
        wanted = _offsets(custom, years)
        if wanted is not None and wanted == _offsets(ZoneInfo(found), years):
            return Resolved(
                found,
                ZoneInfo(found),
                f"TZID {tzid!r} read as {found} (its VTIMEZONE agrees in {span})",
            )
        zone = match_span(custom, years, _hint_zones(tzid))
        if zone:
            return Resolved(
                zone,
                ZoneInfo(zone),
                f"TZID {tzid!r} read as {zone}: its VTIMEZONE differs from {found} "
                f"in {span}; {zone} has the same UTC offsets",
            )
        return Resolved(
            "UTC",
            custom,
            f"TZID {tzid!r}: its VTIMEZONE differs from {found} in {span} and "
            "matches no IANA zone: times converted with its VTIMEZONE and kept in "
            "UTC",
        )

    def _by_offset(self, tzid: str) -> Resolved:
        offset = _stated_offset(tzid)
        if offset is not None:
            if offset % timedelta(hours=1) == timedelta(0) and abs(offset) <= timedelta(
                hours=12
            ):
                hours = int(offset / timedelta(hours=1))
                zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
                return Resolved(zone, ZoneInfo(zone), f"TZID {tzid!r} read as {zone}")
            return Resolved(
                "UTC",
                timezone(offset),
                f"TZID {tzid!r} read as the fixed offset {offset} and kept in UTC",
            )
        return Resolved(
            self.default_zone,
            ZoneInfo(self.default_zone),
            f"TZID {tzid!r} is unknown and has no VTIMEZONE: read in "
            f"{self.default_zone}, the calendar's zone",
        )


# --- export ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def vtimezone(zone: str, first_year: int, last_year: int) -> bytes | None:
    """The VTIMEZONE of an IANA zone covering ``first_year``..``last_year``
    (icalendar builds it from zoneinfo's transitions; ~13 ms, so cached)."""
    import icalendar

    try:
        component = icalendar.Timezone.from_tzid(
            zone, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1)
        )
        return component.to_ical()
    except Exception:  # clients know IANA names without it
        return None
