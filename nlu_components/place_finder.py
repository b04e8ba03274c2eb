"""Finding places in a message, shared by the PlaceExtractor (which decides the country) and
the PlaceMasker (which hides place names from the intent classifier).

Mentions come from the spaCy EntityRuler that `scripts/build_spacy_model.py` builds from the
gazetteer, plus typo matches of full country names ("colonbia", "argentna").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from nlu_components.gazetteer import edit_distance, load_phrases, strip_accents

REPO_ROOT = Path(__file__).resolve().parent.parent
# How strongly each label says "this is where the person is" (higher wins). A demonym says
# where someone comes FROM ("soy venezolana", "my wife is peruvian"), never where they are, so
# it is found (and masked for the classifier) but never decides the country.
LABEL_STRENGTH = {"CITY": 4, "COUNTRY": 4, "DOCUMENT": 2}
RULER_LABELS = {*LABEL_STRENGTH, "DEMONYM", "AMBIGUOUS_DOCUMENT"}
# Words just before a place that say the person is there now; that place wins a tie.
PRESENCE_CUES = re.compile(
    r"\b(estoy|vivo|ahora|ahorita|actualmente|llegue|estamos|vivimos|aqui|aca|esta|vive|"
    r"estou|moro|mora|agora|cheguei|moramos|fiquei|quede|stayed|i'?m|i am|is|live|lives|"
    r"living|now|currently|arrived|here|y en|e em|e no|e na|and in|what about)"
    r"\W+(?:\w+\W+){0,2}$"
)
# Words just before a place that say the person came from there; with another place named,
# that other place wins ("vine desde Maracaibo y estoy en Tacna", "crossed from Venezuela").
ORIGIN_CUES = re.compile(
    r"\b(desde|vengo de|vine de|vino de|sali de|salimos de|venho de|vim de|veio de|sai de|"
    r"saimos de|from|left)\W+(?:\w+\W+){0,1}$"
)
WORD = re.compile(r"\w+", re.UNICODE)
MIN_FUZZY_LENGTH = 6  # shorter names (peru, chile) collide with ordinary words
# A preposition right before a word makes it a place: "en quito", "de salto", "in lima".
LOCATIVE_CUE = re.compile(
    r"\b(en|a|al|de|del|desde|para|pa|hasta|em|no|na|do|da|pro|pra|in|to|from|at|near)\W+$"
)


@dataclass(frozen=True)
class Mention:
    label: str  # COUNTRY, CITY, DEMONYM, DOCUMENT or AMBIGUOUS_DOCUMENT
    codes: str  # "CO", or "CL|CO" for an ambiguous document
    start: int
    end: int


class PlaceFinder:
    """Reads the ruler's entities from a spaCy doc and adds typo matches."""

    def __init__(self, lookups_dir: str = "nlu_data/lookups", content_dir: str = "content"):
        phrases = load_phrases(REPO_ROOT / lookups_dir, REPO_ROOT / content_dir)
        # Typo matching only for full country names long enough not to be ordinary words.
        self._fuzzy_names = {
            p.text: p.codes for p in phrases
            if p.label == "COUNTRY" and len(p.text) >= MIN_FUZZY_LENGTH and " " not in p.text
        }

    def mentions(self, doc: Doc, text: str) -> list[Mention]:
        found = [
            Mention(ent.label_, ent.ent_id_, ent.start_char, ent.end_char)
            for ent in doc.ents
            if ent.label_ in RULER_LABELS and not _is_ordinary_word(ent, text)
        ]
        covered = [(m.start, m.end) for m in found]
        for match in WORD.finditer(text.lower()):
            word = strip_accents(match.group())
            if len(word) < MIN_FUZZY_LENGTH or any(s <= match.start() < e for s, e in covered):
                continue
            for name, codes in self._fuzzy_names.items():
                if abs(len(name) - len(word)) <= 1 and edit_distance(word, name) <= 1:
                    found.append(Mention("COUNTRY", codes, match.start(), match.end()))
                    break
        return found


def best_country(text: str, mentions: list[Mention]) -> Mention | None:
    """The mention that says where the person is: strongest label first; then a place right
    after "estoy en"/"y en" (the latest such one: "vivía en Perú, ahora estoy en Chile");
    then a place that is not where the person came from; otherwise the first place named."""
    decisive = [m for m in mentions if m.label in LABEL_STRENGTH and "|" not in m.codes]
    if not decisive:
        return None

    def rank(m: Mention) -> tuple[int, bool, bool, int]:
        before = strip_accents(text[: m.start].lower())
        cued = bool(PRESENCE_CUES.search(before))
        origin = bool(ORIGIN_CUES.search(before))
        return (LABEL_STRENGTH[m.label], cued, not origin, m.start if cued else -m.start)

    return max(decisive, key=rank)


def _is_ordinary_word(ent: Span, text: str) -> bool:
    """A one-word city that is also an inflected ordinary word ("quito" = took away, "salto"
    = I jump) counts as a place only after a preposition or when written with a capital.

    spaCy's lookup lemmatizer tells which words those are: their lemma differs from them
    (quito -> quitar), while a plain place name is its own lemma (bogota -> bogota).
    """
    if ent.label_ != "CITY" or len(ent) != 1 or ent[0].lemma_ == ent[0].lower_:
        return False
    written = text[ent.start_char:ent.end_char]
    if ent.start_char > 0 and written[:1].isupper():
        return False
    return not LOCATIVE_CUE.search(text[: ent.start_char].lower())
