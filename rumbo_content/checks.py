"""Checks of single values (URLs, phone numbers, dates, texts) used by ``validate``.

Each function returns a list of human-readable problems; an empty list means the value is fine.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from rumbo_content.parse import parse_date

SHORT_MAX = 320
DETAIL_MAX = 1400
# A DNS label: letters, digits, inner hyphens; the last label (TLD) has letters only.
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^[a-z]{2,63}$")
# Digits and spaces, optionally a leading "+": the only characters a number may contain.
_NUMBER_SHAPE = re.compile(r"^\+?[0-9][0-9 ]*$")
_SHORT_CODE = re.compile(r"^[0-9]{2,6}$")
# A run of digits as a person would write it: "0800 222 1717", "(11) 4370-6600", "+55 61 ...".
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().-]*\d|\d")
PHONENUMBERS_MISSING = (
    "the 'phonenumbers' package is not installed here, so long numbers were not checked "
    "against their country's numbering plan (run the check in the gateway venv)"
)


def url_problems(url: Any) -> list[str]:
    """An https URL with a plausible host name and no whitespace."""
    if not isinstance(url, str) or not url:
        return [f"URL must be a non-empty text, got {url!r}"]
    if any(ch.isspace() for ch in url):
        return [f"URL {url!r} contains whitespace"]
    parts = urlsplit(url)
    if parts.scheme != "https":
        return [f"URL {url!r} must start with https://"]
    host = parts.hostname or ""
    labels = host.split(".")
    if (
        len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or not _TLD.match(labels[-1])
    ):
        return [f"URL {url!r} has no valid host name"]
    return []


def is_short_code(number: str) -> bool:
    """True for a 2-6 digit service number such as 911 or 144."""
    return bool(_SHORT_CODE.match(number))


def number_problems(number: Any, region: str) -> list[str]:
    """A short code (2-6 digits) or a long number possible in ``region`` (ISO alpha-2).

    Long numbers are checked with ``phonenumbers``, imported here rather than at module level
    because the Rasa venv does not have it. When it is missing that part is skipped; callers
    report ``PHONENUMBERS_MISSING`` once.
    """
    if not isinstance(number, str):
        return [f"number {number!r} must be a quoted text such as \"911\" or \"+54 11 ...\""]
    compact = number.replace(" ", "")
    if not _NUMBER_SHAPE.match(number.strip()) or not compact:
        return [f"number {number!r} may contain only digits, spaces and a leading +"]
    if is_short_code(compact):
        return []
    if not compact.startswith("+") and len(compact) <= 6:
        return [f"number {number!r} is too short: service codes have 2-6 digits"]
    try:
        import phonenumbers
    except ImportError:
        return []
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException as exc:
        return [f"number {number!r} cannot be read as a phone number: {exc}"]
    if not phonenumbers.is_possible_number(parsed):
        return [f"number {number!r} is not a possible phone number for {region}"]
    return []


def phonenumbers_available() -> bool:
    try:
        import phonenumbers  # noqa: F401
    except ImportError:
        return False
    return True


def number_forms(number: str, region: str) -> set[str]:
    """The digit strings under which ``number`` may be written in a text.

    Always the number's own digits; for an international number also its national digits
    (without the country code, and with the national prefix, e.g. "0") when phonenumbers is
    available.
    """
    forms = {re.sub(r"\D", "", number)}
    if number.strip().startswith("+") and phonenumbers_available():
        import phonenumbers

        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            return forms
        forms.add(str(parsed.national_number))
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        forms.add(re.sub(r"\D", "", national))
    return forms


def text_mentions_number(text: str, number: str, region: str) -> bool:
    """True when ``text`` contains ``number`` written in any usual form."""
    written = {re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(text)}
    return bool(written & number_forms(number, region))


def date_problems(value: Any, today: date) -> list[str]:
    """A real calendar date that is not after ``today``."""
    try:
        checked = parse_date(value)
    except ValueError:
        return [f"'last_checked' must be a real date YYYY-MM-DD, got {value!r}"]
    if checked > today:
        return [f"'last_checked' {checked.isoformat()} is in the future"]
    return []


def text_problems(value: Any, name: str, limit: int) -> list[str]:
    """A non-empty text of at most ``limit`` characters."""
    if not isinstance(value, str) or not value.strip():
        return [f"{name} is missing or empty"]
    length = len(value.strip())
    if length > limit:
        return [f"{name} has {length} characters; the limit is {limit}"]
    return []


def bare_url(url: str) -> str:
    """``url`` as it may be written in a short text: no scheme, no "www.", no final slash."""
    bare = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
    bare = re.sub(r"^www\.", "", bare, flags=re.IGNORECASE)
    return bare.rstrip("/").lower()


def urls_in_text(text: str) -> list[str]:
    """Every http(s) URL written in ``text``, without trailing punctuation."""
    return [u.rstrip(".,;:)!?»\"'") for u in re.findall(r"https?://\S+", text)]
