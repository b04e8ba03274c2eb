"""The place extractor on the real spaCy pipeline built by scripts/build_spacy_model.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.place_extractor import PlaceExtractor

MODEL_DIR = Path(__file__).resolve().parents[2] / ".build" / "spacy_rumbo"


@pytest.fixture(scope="module")
def extract():
    if not (MODEL_DIR / "meta.json").exists():
        pytest.fail("build the spaCy pipeline first: make setup")
    nlp = spacy.load(MODEL_DIR)
    extractor = PlaceExtractor(PlaceExtractor.get_default_config())

    def run(text: str) -> dict[str, str]:
        message = Message({TEXT: text})
        message.set(SPACY_DOCS[TEXT], nlp(text.lower()))  # SpacyNLP lower-cases too
        return {e["entity"]: e["value"] for e in extractor.extract(message)}

    return run


@pytest.mark.parametrize(
    "text, country",
    [
        ("hola como hago para sacar el PPT en colombia", "CO"),
        ("estoy en Cúcuta y necesito trabajo", "CO"),
        ("estoy en cucuta", "CO"),
        ("moro em Boa Vista", "BR"),
        ("estou em São Paulo e preciso do SUS", "BR"),
        ("my employer in Chile is not paying me", "CL"),
        ("soy venezolana y estoy en Lima", "PE"),
        ("y en Argentina?", "AR"),
        ("necesito el CPP", "PE"),
        ("vivo en la colonbia", "CO"),
        ("llegue a Tulcán ayer", "EC"),
        ("I live in Ciudad del Este", "PY"),
        ("estamos en El Alto", "BO"),
        ("quiero volver a vzla pero tengo la cedula vencida", "VE"),
    ],
)
def test_country_is_found(extract, text, country):
    assert extract(text).get("country") == country


@pytest.mark.parametrize(
    "text", ["soy venezolano", "mi pareja es uruguaya, eso me sirve pa quedarme?",
             "sou haitiano e preciso de ajuda", "my wife is peruvian"])
def test_a_demonym_says_where_someone_is_from_not_where_they_are(extract, text):
    assert extract(text).get("country") is None


@pytest.mark.parametrize(
    "text, country",
    [
        ("mi sobrino se vino solo desde Maracaibo y ahorita esta en Tacna", "PE"),
        ("crossed from Venezuela at Ipiales, can i stay in Colombia", "CO"),
        ("vim de Boa Vista e agora to em Lima", "PE"),
        ("sali de Venezuela hace un mes, como es en Chile", "CL"),
    ],
)
def test_the_place_someone_came_from_loses_to_where_they_are(extract, text, country):
    assert extract(text).get("country") == country


def test_city_is_reported(extract):
    assert extract("estoy en Cúcuta").get("city", "").lower() == "cúcuta"


def test_ambiguous_document_gives_candidates_not_a_country(extract):
    found = extract("como saco el RUT")
    assert "country" not in found
    assert set(found["country_candidates"].split("|")) >= {"CL", "CO"}


@pytest.mark.parametrize("text", ["while I wait", "quiero trabajar", "necesito ayuda"])
def test_no_country_in_ordinary_words(extract, text):
    assert "country" not in extract(text)


def test_portuguese_resolves_a_document_shared_with_brazil():
    # In the real pipeline LanguageDetector runs first and adds the language entity.
    nlp = spacy.load(MODEL_DIR)
    extractor = PlaceExtractor(PlaceExtractor.get_default_config())
    message = Message({TEXT: "posso usar o SUS?"})
    message.set(SPACY_DOCS[TEXT], nlp("posso usar o sus?"))
    message.set("entities", [{"entity": "language", "value": "pt"}])
    assert {e["entity"]: e["value"] for e in extractor.extract(message)}["country"] == "BR"
    message = Message({TEXT: "puedo usar el SUS?"})
    message.set(SPACY_DOCS[TEXT], nlp("puedo usar el sus?"))
    message.set("entities", [{"entity": "language", "value": "es"}])
    found = {e["entity"]: e["value"] for e in extractor.extract(message)}
    assert "country" not in found and found["country_candidates"] == "BO|BR"


@pytest.mark.parametrize(
    "text, country",
    [
        ("el patron nos quito los documentos", None),  # quitó = took away
        ("estoy en quito", "EC"),
        ("llegamos ayer a Quito", "EC"),
        ("vivo en lima", "PE"),
        ("necesito una lima para las unas", None),
    ],
)
def test_city_names_that_are_ordinary_words_need_a_preposition_or_capital(
    extract, text, country
):
    assert extract(text).get("country") == country


def test_here_marks_where_the_person_is(extract):
    assert extract("soy de colombia y busco trabajo aqui en Quito")["country"] == "EC"
    assert extract("vim da venezuela, o que faço aqui em Manaus?")["country"] == "BR"
