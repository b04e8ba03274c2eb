"""SMS segment counting: how many billable SMS parts a body becomes.

Contract: `count_segments(text)` returns the number of segments a carrier sends for `text`
(0 for the empty string), `encoding_of(text)` says which alphabet is used.

Rules (3GPP TS 23.038, and Twilio's segment documentation):
- If every character is in the GSM 03.38 basic set or its extension table, the message is
  GSM-7. Basic characters take one septet; extension characters (``^ { } \\ [ ] ~ | €`` and
  form feed) take two (an escape plus the character).
  One segment holds 160 septets; once split, each segment holds 153 (7 bytes go to the
  concatenation header).
- Otherwise the whole message is UCS-2: one segment holds 70 UTF-16 code units, a split
  segment 67. Characters outside the BMP (most emoji) are a surrogate pair: two units.
- A carrier never splits an escape pair or a surrogate pair across two segments, so a split
  message is packed greedily unit by unit instead of dividing by 153 or 67.
"""

from __future__ import annotations

from enum import Enum

# GSM 03.38 basic character set (the 128 positions; ESC 0x1B itself is not a character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# GSM 03.38 extension table (default language): each costs an escape septet plus itself.
GSM7_EXTENSION = frozenset("^{}\\[]~|€\f")

GSM7_SINGLE = 160
GSM7_MULTI = 153
UCS2_SINGLE = 70
UCS2_MULTI = 67


class Encoding(str, Enum):
    """The alphabet a message is sent in."""

    GSM7 = "GSM-7"
    UCS2 = "UCS-2"


def is_gsm7(text: str) -> bool:
    """True when every character of `text` can be sent in the GSM-7 alphabet."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def encoding_of(text: str) -> Encoding:
    """The encoding a carrier uses for `text` (one non-GSM character makes it all UCS-2)."""
    return Encoding.GSM7 if is_gsm7(text) else Encoding.UCS2


def _unit_costs(text: str, encoding: Encoding) -> list[int]:
    """Cost of each character in the encoding's units (septets or UTF-16 code units)."""
    if encoding is Encoding.GSM7:
        return [2 if ch in GSM7_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def encoded_length(text: str) -> int:
    """Length of `text` in septets (GSM-7) or UTF-16 code units (UCS-2)."""
    return sum(_unit_costs(text, encoding_of(text)))


def count_segments(text: str) -> int:
    """Number of SMS segments needed to send `text`; 0 for an empty string."""
    if not text:
        return 0
    encoding = encoding_of(text)
    costs = _unit_costs(text, encoding)
    single, multi = (
        (GSM7_SINGLE, GSM7_MULTI) if encoding is Encoding.GSM7 else (UCS2_SINGLE, UCS2_MULTI)
    )
    if sum(costs) <= single:
        return 1
    # Greedy packing: a 2-unit character that does not fit starts the next segment.
    segments, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            segments += 1
            used = 0
        used += cost
    return segments

