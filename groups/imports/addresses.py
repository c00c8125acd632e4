"""Addresses as meeting lists write them, split into street, city, region, postal code and
country, or left whole when the split would be a guess.

Meeting Guide's `formatted_address` and the 12 Step Meeting List's "Address" column hold a whole
address ("214 Church Street, Riverside, NY 12580, USA"). The split here trusts only the shape
such addresses have in the United States and Canada: the last parts are a region code with its
postal code, then an optional country. Anything else stays whole (`Location.address_as_given`):
no city is made up. Countries are read by code or name with pycountry (ISO 3166)."""

import re
from dataclasses import dataclass
from functools import cache

import pycountry

_US_POSTAL = re.compile(r"^\d{5}(?:-\d{4})?$")
_CA_POSTAL = re.compile(r"^[A-Z]\d[A-Z] ?\d[A-Z]\d$", re.IGNORECASE)
_REGION_POSTAL = re.compile(r"^([A-Za-z]{2})(?:\s+(.+))?$")
# Names people write that ISO 3166 does not list as such.
COUNTRY_ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "uk": "GB", "great britain": "GB"}


@dataclass
class Address:
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""


def country_code(text: str) -> str | None:
    """The ISO code of a country written as a code or a name ("Mexico" → "MX"), else None."""
    text = (text or "").strip()
    if not text:
        return None
    if text.lower() in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[text.lower()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


@cache
def _regions(country: str) -> frozenset[str]:
    return frozenset(s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code=country))


def _region_and_postal(part: str, country: str | None):
    """(country, region, postal code) when `part` reads "NY 12580" or "ON M5V 2T6", else None."""
    match = _REGION_POSTAL.match(part.strip())
    if not match:
        return None
    region, postal = match.group(1).upper(), (match.group(2) or "").strip()
    for candidate, pattern in (("US", _US_POSTAL), ("CA", _CA_POSTAL)):
        if country not in (None, candidate) or region not in _regions(candidate):
            continue
        if not postal or pattern.match(postal):
            return candidate, region, postal.upper()
    return None


def split(text: str) -> Address | None:
    """The parts of a whole address, or None when they cannot be told apart with confidence."""
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    if len(parts) < 2:
        return None
    country = country_code(parts[-1]) if len(parts) > 2 else None
    if country:
        parts = parts[:-1]
    found = _region_and_postal(parts[-1], country)
    if found is None:
        return None
    country, region, postal = found
    parts = parts[:-1]
    if not parts:
        return None
    return Address(
        street=", ".join(parts[:-1]),
        city=parts[-1],
        state=region,
        postal_code=postal,
        country=country,
    )
