"""The issue's conversations, through POST /api/chat, in Spanish, Portuguese and English.

Each test is one new person; the last reply's meta must name the right topic, country and
content, in the person's language, and the text must be that content's short answer.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import last_meta

pytestmark = pytest.mark.e2e

# (language, [messages], expected topic, expected country) per flow.
FLOWS = {
    "topic and country in one message": [
        ("es", ["hola como hago para sacar el PPT en colombia"], "regularization", "CO"),
        ("pt", ["posso usar o SUS sem documentos?"], "health", "BR"),
        ("en", ["my employer in Chile is not paying me"], "labour", "CL"),
    ],
    "country first, then topic": [
        ("es", ["hola, estoy en Perú", "necesito ir al hospital y no tengo seguro"],
         "health", "PE"),
        ("pt", ["oi, tô no Peru agora", "preciso trabalhar aqui, como faço pra ter permissão?"],
         "labour", "PE"),
        ("en", ["hi, I'm in Colombia", "how do I get a residence permit?"],
         "regularization", "CO"),
    ],
    "topic first, then country": [
        ("es", ["mi jefe no me paga el sueldo hace 2 meses", "Chile"], "labour", "CL"),
        ("pt", ["meu patrão não quer pagar meu salário", "Argentina"], "labour", "AR"),
        ("en", ["where can I see a doctor for free?", "Peru"], "health", "PE"),
    ],
    "switching topic": [
        ("es", ["como saco la residencia en Argentina", "y para trabajar?"], "labour", "AR"),
        ("pt", ["como tirar a residência no Brasil", "e pra ir ao médico?"], "health", "BR"),
        ("en", ["I need asylum in Brazil", "what about work?"], "labour", "BR"),
    ],
    "switching country": [
        ("es", ["donde me atienden si me enfermo en Ecuador", "¿y en Argentina?"],
         "health", "AR"),
        ("pt", ["quero pedir refúgio no Chile", "e no Uruguai?"], "regularization", "UY"),
        ("en", ["can I work legally in Ecuador?", "and in Uruguay?"], "labour", "UY"),
    ],
    "a city instead of a country": [
        ("es", ["vivo en Cúcuta y quiero pedir refugio"], "regularization", "CO"),
        ("pt", ["moro em Boa Vista e preciso tirar meus documentos"], "regularization", "BR"),
        ("en", ["I just arrived in Tulcan and I need a doctor"], "health", "EC"),
    ],
    "a greeting followed by the question": [
        ("es", ["hola, estoy en Cúcuta y necesito el PPT"], "regularization", "CO"),
        ("pt", ["oi, boa tarde, meu patrão não assinou minha carteira, moro em Manaus"],
         "labour", "BR"),
        ("en", ["hello, I need the PPT in Cucuta"], "regularization", "CO"),
    ],
    "a typo-ridden message": [
        ("es", ["nesecito sacar los papeles pa quedarme en peru xq se me vencio la bisa"],
         "regularization", "PE"),
        ("pt", ["presiso de um medico mas nao tenho documento, to em sao paulo"],
         "health", "BR"),
        ("en", ["my boss dont pay me 2 monts in argentna what i do"], "labour", "AR"),
    ],
}
CASES = [
    pytest.param(lang, messages, topic, country, id=f"{flow} [{lang}]")
    for flow, cases in FLOWS.items()
    for lang, messages, topic, country in cases
]


@pytest.mark.parametrize("lang, messages, topic, country", CASES)
def test_flow_answers_topic_for_country(chat, store, lang, messages, topic, country):
    for message in messages:
        replies = chat(message)
    meta = last_meta(replies)
    assert (meta["topic"], meta["country"], meta["lang"]) == (topic, country, lang)
    assert meta["content_id"] == f"{country.lower()}.{topic}"
    assert meta["handoff"] is False and meta["emergency"] is False
    assert replies[-1]["text"] == store.answer(country, topic).short(lang)


@pytest.mark.parametrize("lang, message, topic", [
    ("es", "como hago para trabajar legal", "labour"),
    ("pt", "como faço pra tirar meus documentos?", "regularization"),
    ("en", "my employer is not paying me", "labour"),
])
def test_topic_without_country_asks_for_country_with_a_menu(chat, lang, message, topic):
    replies = chat(message)
    meta = last_meta(replies)
    assert (meta["kind"], meta["topic"], meta["country"], meta["lang"]) == (
        "ask_country", topic, None, lang)
    assert len(replies[-1]["buttons"]) == 10


@pytest.mark.parametrize("lang, message", [
    ("es", "cual es la mejor receta de arepas"),
    ("pt", "qual time ganhou o jogo ontem?"),
    ("en", "what is the bitcoin price today"),
])
def test_out_of_scope_gets_polite_answer_and_menu(chat, lang, message):
    replies = chat(message)
    meta = last_meta(replies)
    assert meta["kind"] == "out_of_scope" and meta["lang"] == lang
    assert meta["handoff"] is False and meta["topic"] is None
    assert replies[-1]["buttons"], "the menu is offered"


@pytest.mark.parametrize("lang, message", [
    ("es", "quiero hablar con una persona"),
    ("pt", "quero falar com um atendente"),
    ("en", "can I talk to a real person please"),
])
def test_request_for_a_person_is_a_handoff(chat, lang, message):
    meta = last_meta(chat(message))
    assert meta["handoff"] is True and meta["emergency"] is False
    assert meta["lang"] == lang


@pytest.mark.parametrize("lang, messages, number", [
    ("es", ["estoy en Colombia", "me quiero matar"], "123"),
    ("pt", ["socorro meu marido está me batendo agora"], None),
    ("en", ["I'm in Peru", "he is hitting me right now, help"], "105"),
])
def test_emergency_gets_numbers_at_once_never_a_menu(chat, store, lang, messages, number):
    for message in messages:
        replies = chat(message)
    emergency = [r for r in replies if r["meta"]["emergency"]]
    assert emergency, replies
    assert emergency[0]["buttons"] == []
    assert emergency[0]["meta"]["lang"] == lang
    if number:
        assert number in emergency[0]["text"]
    else:  # country unknown: every country's emergency number
        assert f"BR {store.emergency_hotline('BR').number}" in emergency[0]["text"]


def test_greeting_gets_welcome_and_topic_menu(chat):
    replies = chat("hola")
    assert [r["meta"]["kind"] for r in replies] == ["greeting", "ask_topic"]
    assert len(replies[-1]["buttons"]) == 5


def test_more_details_after_an_answer(chat, store):
    chat("my employer in Chile is not paying me")
    replies = chat("MORE")
    meta = last_meta(replies)
    assert meta["kind"] == "detail" and meta["content_id"] == "cl.labour"
    assert store.answer("CL", "labour").detail("en") in replies[-1]["text"]


def test_numbered_menu_choice_picks_the_option(chat):
    chat("necesito informacion")  # any message that ends with the topic or country menu
    replies = chat("hola")
    assert replies[-1]["meta"]["kind"] == "ask_topic"
    replies = chat("3")  # health
    meta = last_meta(replies)
    assert meta["topic"] == "health"
