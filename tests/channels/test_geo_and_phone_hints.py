"""Offline reverse geocoding and phone-number country hints."""

from __future__ import annotations

import pytest

from bot.geo import Place, locate
from bot.phone_hints import country_hint


@pytest.mark.parametrize(
    ("lat", "lon", "place"),
    [
        ("-12.0464", "-77.0428", Place("PE", "Lima")),  # a string, as Twilio sends it
        (-34.6037, -58.3816, Place("AR", "Buenos Aires")),
        (4.7110, -74.0721, Place("CO", "Bogotá")),
        (-18.0146, -70.2536, Place("PE", "Tacna")),  # a smaller city keeps its own name
        (10.4806, -66.9036, Place("VE", "Caracas")),
    ],
)
def test_locations_in_served_countries(lat, lon, place: Place):
    assert locate(lat, lon) == place


def test_a_location_outside_the_ten_countries_is_none():
    assert locate(40.4168, -3.7038) is None  # Madrid
    assert locate(9.9281, -84.0907) is None  # San José, Costa Rica


@pytest.mark.parametrize(("lat", "lon"), [("north", "1"), (None, 1), (91, 0), (0, 181), ("nan", 0)])
def test_coordinates_that_are_not_on_the_globe_raise_value_error(lat, lon):
    with pytest.raises(ValueError):
        locate(lat, lon)


@pytest.mark.parametrize(
    ("address", "hint"),
    [
        ("whatsapp:+584121234567", "VE"),  # a Venezuelan SIM, wherever the person is
        ("+573001234567", "CO"),
        ("+5491123456789", "AR"),
        ("+5511987654321", "BR"),
        ("+34612345678", None),  # Spain: not a country we serve
        ("+15005550006", None),
        ("04121234567", None),  # no country code: we would be guessing
        ("+58", None),
        ("not a number", None),
        ("", None),
    ],
)
def test_country_hint(address: str, hint: str | None):
    assert country_hint(address) == hint
