"""Offline reverse geocoding: a shared location -> (country, city) in the countries we serve.

Uses `reverse_geocode`, which ships its GeoNames extract inside the package, so no request
ever leaves the machine (a person's location is sensitive; we do not send it to a third party).

Contract: `locate(latitude, longitude)` returns a `Place` when the nearest populated place is
in one of `rumbo_content.COUNTRIES`, `None` when it is elsewhere, and raises `ValueError` for
coordinates that are not numbers on the globe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import reverse_geocode

from rumbo_content import COUNTRIES

# The country comes from the nearest place of any size (best near borders); the city name
# from the nearest large city in that country when it is close enough to be the metro area
# a person would name (a Lima district such as Breña reads as Lima; Tacna stays Tacna).
CITY_MIN_POPULATION = 500_000
CITY_MAX_DISTANCE_KM = 30.0
_EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    """Where a shared location is: ISO 3166 alpha-2 country and a city name."""

    country: str
    city: str


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def parse_coordinates(latitude: object, longitude: object) -> tuple[float, float]:
    """Cast provider strings to floats, raising `ValueError` if they are not on the globe."""
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a coordinate: {latitude!r}, {longitude!r}") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinate out of range: {lat}, {lon}")
    return lat, lon


def locate(latitude: object, longitude: object) -> Place | None:
    """The served country and city at a coordinate, or None outside the countries we serve."""
    lat, lon = parse_coordinates(latitude, longitude)
    nearest = reverse_geocode.get((lat, lon))
    country = str(nearest.get("country_code", "")).upper()
    if country not in COUNTRIES:
        return None
    city = str(nearest.get("city") or "")
    sizeable = reverse_geocode.get((lat, lon), min_population=CITY_MIN_POPULATION)
    if (
        str(sizeable.get("country_code", "")).upper() == country
        and _distance_km(lat, lon, sizeable["latitude"], sizeable["longitude"])
        <= CITY_MAX_DISTANCE_KM
    ):
        city = str(sizeable.get("city") or city)
    return Place(country=country, city=city)
