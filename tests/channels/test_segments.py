"""SMS segment counting: GSM-7 (160/153, extension characters count 2) and UCS-2 (70/67)."""

from __future__ import annotations

import pytest

from bot.render.segments import Encoding, count_segments, encoded_length, encoding_of


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Hola, necesito ayuda", Encoding.GSM7),
        ("¡Hola! ¿Qué tal? Ñandú no, pero ü à è é ò ì Ç Ø Å Æ ß Ä Ö Ñ Ü ä ö ñ", Encoding.UCS2),
        ("¡Hola! ¿Que tal? Ñ ü à è é ò ì Ç Ø Å Æ ß Ä Ö Ñ Ü ä ö ñ @ £ $ ¥ § _", Encoding.GSM7),
        ("Costo: 5 € [aprox] {x} ~ | ^ \\", Encoding.GSM7),
        ("Información", Encoding.UCS2),  # ó is not in GSM-7
        ("São Paulo", Encoding.UCS2),  # nor is ã
        ("Hola 🙂", Encoding.UCS2),
    ],
)
def test_encoding(text: str, encoding: Encoding):
    assert encoding_of(text) is encoding


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 459, 3),
        ("a" * 460, 4),
    ],
)
def test_gsm7_single_and_multipart_limits(text: str, segments: int):
    assert count_segments(text) == segments


def test_gsm7_extension_characters_cost_two_septets():
    assert encoded_length("€[]") == 6
    assert count_segments("€" * 80) == 1  # 160 septets
    assert count_segments("€" * 81) == 2  # 162 septets
    assert count_segments("a" * 158 + "[") == 1
    assert count_segments("a" * 159 + "]") == 2


def test_an_escape_pair_is_never_split_across_segments():
    # 152 + 2 + 152 = 306 septets would be 2 x 153, but the € cannot straddle the boundary.
    assert count_segments("a" * 152 + "€" + "a" * 152) == 3
    assert count_segments("a" * 151 + "€" + "a" * 153) == 2


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("ó" * 70, 1),
        ("ó" * 71, 2),
        ("ó" * 134, 2),
        ("ó" * 135, 3),
        ("a" * 69 + "ó", 1),
        ("a" * 200 + "ó", 3),  # one UCS-2 character makes the whole message UCS-2
    ],
)
def test_ucs2_single_and_multipart_limits(text: str, segments: int):
    assert count_segments(text) == segments


def test_emoji_outside_the_bmp_take_two_units_and_are_not_split():
    assert encoded_length("🙂") == 2
    assert count_segments("🙂" * 35) == 1  # 70 units
    assert count_segments("🙂" * 36) == 2  # 72 units: 33 emoji (66 units) + 3
    assert count_segments("a" * 66 + "🙂" + "a" * 66) == 3  # the pair cannot straddle 67
    assert count_segments("a" * 65 + "🙂" + "a" * 67) == 2
