"""Build the spaCy pipeline that Rasa's SpacyNLP loads (`.build/spacy_rumbo`).

Rumbo's users write Spanish, Portuguese and English, and no official spaCy pipeline covers
all three (nor is one installable from PyPI for Rasa's spaCy 3.4), so we build our own from
packages that ship their data:
- a Spanish tokenizer (its rules also split Portuguese and English chat text well);
- a lookup lemmatizer whose table merges spacy-lookups-data's es, pt and en tables, so
  "trabajando", "trabalhando" and "working" reach the featurizers as trabajar/trabalhar/work;
- an EntityRuler with the place gazetteer (`nlu_data/lookups/`): country names, cities,
  border towns, demonyms and documents, each pattern carrying its country code as `id`.

Usage: python scripts/build_spacy_model.py [OUTPUT_DIR]
"""

from __future__ import annotations

import gzip
import json
import sys
from importlib import resources
from pathlib import Path

import spacy
from spacy.lookups import Lookups

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from nlu_components.gazetteer import load_phrases, ruler_patterns  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / ".build" / "spacy_rumbo"
# Earlier languages win when the same word form exists in several tables.
LEMMA_LANGUAGES = ("es", "pt", "en")


def merged_lemma_table() -> dict[str, str]:
    """One word-form -> lemma table for all our languages."""
    data_dir = resources.files("spacy_lookups_data") / "data"
    merged: dict[str, str] = {}
    for lang in reversed(LEMMA_LANGUAGES):
        with gzip.open(str(data_dir / f"{lang}_lemma_lookup.json.gz"), "rt", encoding="utf8") as f:
            merged.update(json.load(f))
    return merged


def build(output: Path) -> spacy.Language:
    nlp = spacy.blank("es")
    lookups = Lookups()
    lookups.add_table("lemma_lookup", merged_lemma_table())
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatizer.initialize(lookups=lookups)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    phrases = load_phrases(REPO_ROOT / "nlu_data" / "lookups", REPO_ROOT / "content")
    ruler.add_patterns(ruler_patterns(phrases))
    nlp.meta["name"] = "rumbo"
    nlp.meta["description"] = "Rumbo: es/pt/en lookup lemmas + place gazetteer (built locally)"
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    print(f"spaCy pipeline with {len(phrases)} gazetteer phrases written to {output}")
    return nlp


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
