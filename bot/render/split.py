"""Cutting long text at natural boundaries so every piece fits a channel's limit.

Contract: `split_text(text, fits)` returns pieces whose concatenation (with single spaces or
newlines between them) keeps every word of `text` in order, each piece satisfying `fits`.
It prefers to cut between paragraphs, then between sentences, then between words, and only
cuts inside a word when one word alone does not fit (a long URL, for example).

`fits` is a predicate rather than a number so the same code serves characters (WhatsApp,
Telegram) and SMS segments, where the cost of a character depends on the whole message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Fits = Callable[[str], bool]

# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")


def max_chars(limit: int) -> Fits:
    """A `fits` predicate for a plain character limit."""
    return lambda piece: len(piece) <= limit


def sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping their punctuation."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _hard_cut(word: str, fits: Fits) -> list[str]:
    """Cut a single over-long word into the longest prefixes that fit."""
    pieces: list[str] = []
    rest = word
    while rest:
        end = len(rest)
        while end > 1 and not fits(rest[:end]):
            end -= 1
        pieces.append(rest[:end])
        rest = rest[end:]
    return pieces


def _pack(units: list[str], joiner: str, fits: Fits, finer: Callable[[str], list[str]]):
    """Greedily join `units` with `joiner` while the result fits; refine units that never fit."""
    pieces: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
            current = ""
        if fits(unit):
            current = unit
        else:
            smaller = finer(unit)
            pieces.extend(smaller[:-1])
            current = smaller[-1] if smaller else ""
    if current:
        pieces.append(current)
    return pieces


def split_text(text: str, fits: Fits) -> list[str]:
    """Split `text` into pieces that each satisfy `fits` (see the module docstring)."""
    text = text.strip()
    if not text:
        return []
    if fits(text):
        return [text]

    def by_words(sentence: str) -> list[str]:
        return _pack(sentence.split(), " ", fits, lambda word: _hard_cut(word, fits))

    def by_sentences(paragraph: str) -> list[str]:
        return _pack(sentences(paragraph), " ", fits, by_words)

    def by_lines(paragraph: str) -> list[str]:
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        return _pack(lines, "\n", fits, by_sentences)

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return _pack(paragraphs, "\n\n", fits, by_lines)


def fit_with_suffix(text: str, fits: Fits, suffix: str, joiner: str = "\n") -> tuple[str, bool]:
    """The longest sentence-aligned start of `text` that fits, followed by `suffix` if cut.

    Returns `(body, truncated)`. When the whole `text` fits, it is returned unchanged and
    `truncated` is False. Otherwise `body` is as many whole pieces of `text` (from
    `split_text`, joined by single spaces) as fit together with `joiner + suffix`, then the
    suffix. If not even the
    first piece fits next to the suffix, the suffix alone is returned (it must fit by itself).
    """
    text = text.strip()
    if fits(text):
        return text, False
    kept = ""
    # Pieces sized so that each one leaves room for the suffix; then take as many as fit.
    for piece in split_text(text, lambda p: fits(f"{p}{joiner}{suffix}")):
        candidate = f"{kept} {piece}" if kept else piece
        if not fits(f"{candidate}{joiner}{suffix}"):
            break
        kept = candidate
    return (f"{kept}{joiner}{suffix}" if kept else suffix), True
