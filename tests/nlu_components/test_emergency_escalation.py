"""Violence + "now" becomes an emergency, whatever the classifier said; the rest is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.emergency_escalation import EmergencyEscalation

CONFIG = Path(__file__).resolve().parents[2] / "config.yml"


@pytest.fixture(scope="module")
def escalation() -> EmergencyEscalation:
    """Configured exactly as in config.yml."""
    pipeline = yaml.safe_load(CONFIG.read_text())["pipeline"]
    settings = next(c for c in pipeline if c["name"].endswith("EmergencyEscalation"))
    config = {k: v for k, v in settings.items() if k != "name"}
    return EmergencyEscalation({**EmergencyEscalation.get_default_config(), **config})


def classify(escalation: EmergencyEscalation, text: str, intent: str) -> str:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9},
                                     {"name": "emergency", "confidence": 0.05}])
    escalation.process([message])
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == message.get(INTENT)["name"]
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        "mi padrastro le esta pegando a mi mama ahora",
        "ele está me batendo agora",
        "he is hitting me right now",
        "tiene un cuchillo y me amenaza ahorita",
        "they locked us in the farm now",
    ],
)
def test_violence_happening_now_is_an_emergency(escalation, text):
    assert classify(escalation, text, "ask_protection") == "emergency"
    assert classify(escalation, text, "nlu_fallback") == "emergency"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("mi ex me pegaba, que puedo hacer", "ask_protection"),  # past, no "now"
        ("que hago ahora que me robaron el pasaporte", "ask_protection"),  # now, no violence
        ("where can i see a doctor now", "ask_health"),
        ("tengo un armario lleno ahora", "out_of_scope"),  # "arma" only as a whole word
        ("my boss is hitting on me at work", "ask_labour"),  # flirting, not violence
        ("onde pega cesta basica? ta faltando comida", "ask_protection"),  # pt "pega" = get
    ],
)
def test_other_messages_keep_their_intent(escalation, text, intent):
    assert classify(escalation, text, intent) == intent


@pytest.mark.parametrize(
    "text",
    ["me estan apuntando con una pistola", "tão me batendo aqui fora",
     "mi esposo me esta pegando", "el esta pegando a mi hija", "ahora le pega a mi mama",
     "he is choking my sister"],
)
def test_violence_in_the_progressive_is_happening_now(escalation, text):
    assert classify(escalation, text, "ask_protection") == "emergency"


@pytest.mark.parametrize(
    "text",
    ["estoy en la casa del patron y no me deja salir", "me encerraron en el cuarto",
     "la señora me cerro con llave y se fue", "mi padrastro me esta obligando a tener relaciones",
     "un tipo me esta siguiendo desde el metro", "o patrão não deixa a gente sair da fazenda",
     "me trancaram no quarto", "ele ta me obrigando a ter relação", "tem um cara me seguindo",
     "they won't let us leave the farm", "he locked me in the room", "we are locked in",
     "he is forcing me to have sex", "a man has been following me for 10 minutes",
     "hay un tipo siguiendome desde hace rato", "unos tipos me tienen amarrada",
     "they tied us up in the back room"],
)
def test_locked_in_coerced_or_followed_is_an_emergency_in_any_tense(escalation, text):
    assert classify(escalation, text, "ask_protection") == "emergency"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("migracion no me deja salir del pais", "ask_regularization"),
        ("mi jefe no me deja salir temprano", "ask_labour"),
        ("el abogado me esta siguiendo el caso", "ask_protection"),
        ("a pf nao deixa sair do brasil sem passaporte", "ask_regularization"),
        ("she keeps following me on instagram", "ask_protection"),
        ("my boss wont let me go to the bathroom", "ask_labour"),
        ("my marido dont let me go out alone, is violence?", "ask_protection"),
        ("como denuncio a alguien que me encerro el año pasado", "ask_protection"),
    ],
)
def test_permits_work_rules_and_past_events_are_not_escalated(escalation, text, intent):
    assert classify(escalation, text, intent) == intent
