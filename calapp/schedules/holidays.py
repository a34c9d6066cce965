"""Public holidays of a country (and subdivision), from the ``holidays`` package.

Countries are ISO 3166-1 alpha-2 codes, subdivisions the package's codes (ISO
3166-2 where one exists: ``DE`` + ``BY``, ``US`` + ``CA``); both are matched
case-insensitively and stored as the package spells them.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays as holidays_package

from calapp.errors import ValidationError

MIN_YEAR, MAX_YEAR = 1900, 2100


@lru_cache(maxsize=1)
def supported() -> dict[str, tuple[str, ...]]:
    """Country code → its subdivision codes."""
    return {
        country: tuple(subdivisions)
        for country, subdivisions in holidays_package.list_supported_countries().items()
    }


def region(country: str, subdivision: str | None = None, *, field_prefix: str = ""):
    """``(country, subdivision)`` as the package spells them.

    :raises ValidationError: an unknown country, or a subdivision it does not have.
    """
    known = supported()
    code = country.strip().upper()
    if code not in known:
        raise ValidationError.field(
            f"{field_prefix}country",
            f"{country!r} is not a country with known public holidays (ISO 3166-1 "
            "alpha-2, such as DE, US or AU)",
        )
    if subdivision is None:
        return code, None
    by_upper = {s.upper(): s for s in known[code]}
    spelled = by_upper.get(subdivision.strip().upper())
    if spelled is None:
        some = ", ".join(known[code][:8]) or "none"
        raise ValidationError.field(
            f"{field_prefix}subdivision",
            f"{subdivision!r} is not a subdivision of {code} (known: {some}"
            f"{', ...' if len(known[code]) > 8 else ''})",
        )
    return code, spelled


@lru_cache(maxsize=256)
def of_year(country: str, subdivision: str | None, year: int) -> tuple:
    """``((date, name), ...)`` of one year, sorted; names of one day joined."""
    found = holidays_package.country_holidays(
        country, subdiv=subdivision, years=year, language="en_US"
    )
    return tuple(sorted(found.items()))


def between(
    country: str, subdivision: str | None, first: date, last: date
) -> dict[date, str]:
    """Holidays of the local dates ``first`` to ``last`` (inclusive)."""
    years = range(max(first.year, MIN_YEAR), min(last.year, MAX_YEAR) + 1)
    return {
        day: name
        for year in years
        for day, name in of_year(country, subdivision, year)
        if first <= day <= last
    }
