"""The place gazetteer: country names, demonyms, cities and documents that point to a country.

The data lives in `nlu_data/lookups/*.yml` as ordinary Rasa synonym blocks
(`- synonym: CO` with the phrases under `examples`), so it is also valid Rasa training data.
This module turns it into spaCy EntityRuler patterns (built once by
`scripts/build_spacy_model.py`) and gives the extractor the vocabulary for typo matching.

Labels, strongest evidence first:
- CITY / COUNTRY: where the person is.
- DOCUMENT: a document or system that exists in one of our countries only (PPT -> CO).
- AMBIGUOUS_DOCUMENT: exists in several (RUT -> CL|CO): narrows the choice, never decides.
- DEMONYM: where the person (or someone else) comes FROM ("soy venezolana", "mi pareja es
  uruguaya"): found so the classifier can mask it, but it never decides the country.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

LOOKUP_FILES = {
    "countries.yml": "COUNTRY",  # names and demonyms; split by `classify_country_phrase`
    "cities.yml": "CITY",
    "documents.yml": "DOCUMENT",
    "ambiguous_documents.yml": "AMBIGUOUS_DOCUMENT",
}
COUNTRY_CODES = ("AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "VE")
MAX_ABBREVIATION_LENGTH = 5
# Endings that turn a country name into a demonym: colombia+no, chile+no, brazil+ian.
DEMONYM_SUFFIXES = ("o", "a", "os", "as", "no", "na", "nos", "nas", "n", "ns", "an", "ans",
                    "ian", "ians", "ano", "ana", "anos", "anas", "ense", "enses")


@dataclass(frozen=True)
class Phrase:
    """One gazetteer phrase, lower-cased, with the label and the country code(s) it points to."""

    text: str
    label: str
    codes: str  # "CO" or, for ambiguous documents, "CL|CO"


def strip_accents(text: str) -> str:
    """`Cúcuta` -> `cucuta`; people often type without accents, and sometimes only with."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz when available, which it is in the Rasa env)."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:  # pragma: no cover - the Rasa environment pins rapidfuzz
        return _slow_edit_distance(a, b)
    return Levenshtein.distance(a, b)


def _slow_edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def classify_country_phrase(phrase: str, names: Iterable[str]) -> str:
    """Tell a country name (or a misspelling of one) from a demonym.

    `names` are the official names of that country in every language. A demonym is a name
    plus a demonym ending (uruguay+o, chile+no, brazil+ian) or differs from it only in the
    final vowel (argentino/argentina), or is far from every name (venezolano, brasileño).
    Short forms (vzla) and typos (colonbia, venezuelaa) are names.
    """
    plain = strip_accents(phrase.lower())
    plain_names = {strip_accents(n.lower()) for n in names}
    if plain in plain_names or len(plain) <= MAX_ABBREVIATION_LENGTH:
        return "COUNTRY"  # a name, or an abbreviation such as "vzla" (no demonym is this short)
    if any(plain == name + name[-1] for name in plain_names):
        return "COUNTRY"  # a doubled last letter: "venezuelaa"
    if any(name in plain.split() for name in plain_names):
        return "COUNTRY"  # an official long name: "estado plurinacional de bolivia"
    if any(sorted(plain) == sorted(name) and edit_distance(plain, name) == 2
           for name in plain_names):
        return "COUNTRY"  # two letters swapped: "ecuadro"
    for name in plain_names:
        if plain.startswith(name) and plain[len(name):] in DEMONYM_SUFFIXES:
            return "DEMONYM"
        if len(plain) == len(name) and plain[:-1] == name[:-1] and plain[-1] in "oa":
            return "DEMONYM"
    for name in plain_names:
        allowed = 1 if len(name) < 8 else 2
        if edit_distance(plain, name) <= allowed:
            return "COUNTRY"  # a misspelt name: "colonbia", "venezula"
    return "DEMONYM"


def _synonym_blocks(path: Path) -> Iterable[tuple[str, list[str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in data.get("nlu", []):
        if "synonym" not in block:
            continue
        examples = [
            line.strip()[2:].strip()
            for line in str(block.get("examples", "")).splitlines()
            if line.strip().startswith("- ")
        ]
        yield str(block["synonym"]), [e for e in examples if e]


def load_country_names(content_dir: Path) -> dict[str, set[str]]:
    """Official names per country from `content/countries/<cc>/country.yml`."""
    names: dict[str, set[str]] = {}
    for code in COUNTRY_CODES:
        path = content_dir / "countries" / code.lower() / "country.yml"
        found: set[str] = set()
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            found = {str(n) for n in (data.get("names") or {}).values()}
        names[code] = found
    return names


def load_phrases(lookups_dir: Path, content_dir: Path) -> list[Phrase]:
    """Every gazetteer phrase, with accent-less twins added, labelled and de-duplicated."""
    names = load_country_names(content_dir)
    phrases: dict[tuple[str, str], Phrase] = {}
    for filename, label in LOOKUP_FILES.items():
        path = lookups_dir / filename
        if not path.exists():
            continue
        for codes, examples in _synonym_blocks(path):
            for example in examples:
                for variant in {example.lower(), strip_accents(example.lower())}:
                    kind = label
                    if label == "COUNTRY":
                        kind = classify_country_phrase(variant, names.get(codes) or {variant})
                    phrases.setdefault((variant, kind), Phrase(variant, kind, codes))
    return sorted(phrases.values(), key=lambda p: (p.label, p.text))


def ruler_patterns(phrases: Iterable[Phrase]) -> list[dict]:
    """spaCy EntityRuler patterns; the `id` carries the country code(s)."""
    return [{"label": p.label, "pattern": p.text, "id": p.codes} for p in phrases]
