"""Pure pieces: settings parsing, the Reply type, the safety net's matching, text rules,
and the Rasa client's error mapping (httpx.MockTransport, no sockets)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.conversations.text_rules import is_cancel, pick_menu_option
from bot.rasa_client import RasaClient, RasaRejected, RasaUnavailable
from bot.replies import Link, Option, Reply
from bot.safety import EmergencyMatch, SafetyNet, normalize
from bot.settings import Settings, SettingsError

# ---- settings -------------------------------------------------------------------------


def test_settings_defaults_and_casts():
    settings = Settings.from_env(
        {
            "RUMBO_PORT": "9000",
            "RUMBO_INBOX_RETRY_SECONDS": "0.5",
            "RUMBO_STAFF_COOKIE_SECURE": "true",
            "RUMBO_CONTENT_DIR": "/srv/content",
            "RASA_URL": "http://rasa:5005/",
            "RUMBO_SECRET_KEY": "s3cret",
        }
    )

    assert settings.port == 9000
    assert settings.inbox_retry_seconds == 0.5
    assert settings.staff_cookie_secure is True
    assert settings.content_dir == Path("/srv/content")
    assert settings.rasa_url == "http://rasa:5005"
    assert settings.action_server_url == "http://127.0.0.1:5055"
    assert settings.twilio_api_base is None
    assert settings.sms_segment_budget == 3
    assert settings.database_url.startswith("sqlite+aiosqlite:///")


def test_missing_secret_key_gets_a_random_one_with_a_warning(caplog):
    first = Settings.from_env({})
    second = Settings.from_env({})

    assert first.secret_key and first.secret_key != second.secret_key
    assert "RUMBO_SECRET_KEY" in caplog.text


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RUMBO_PORT", "eighty"),
        ("RUMBO_PORT", "70000"),
        ("RUMBO_INBOX_RETRY_SECONDS", "-1"),
        ("RUMBO_STAFF_COOKIE_SECURE", "maybe"),
        ("RASA_URL", "rasa:5005"),
        ("RUMBO_SMS_SEGMENT_BUDGET", "0"),
    ],
)
def test_invalid_values_name_the_variable(name: str, value: str):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value, "RUMBO_SECRET_KEY": "x"})


# ---- replies --------------------------------------------------------------------------


def test_reply_prefers_custom_and_round_trips():
    reply = Reply.from_rasa(
        {
            "recipient_id": "x",
            "text": "ignored",
            "custom": {
                "text": "Hola",
                "buttons": [{"title": "Salud", "payload": "/ask_health"}, {"title": "no payload"}],
                "links": [{"title": "Migración", "url": "https://example.org"}],
                "meta": {"lang": "es", "kind": "answer"},
            },
        }
    )

    assert reply == Reply(
        text="Hola",
        options=[Option("Salud", "/ask_health")],
        links=[Link("Migración", "https://example.org")],
        meta={"lang": "es", "kind": "answer"},
    )
    assert Reply.from_json(reply.to_json()) == reply
    assert reply.to_api()["buttons"] == [{"title": "Salud", "payload": "/ask_health"}]


def test_reply_falls_back_to_text_and_buttons():
    reply = Reply.from_rasa(
        {"text": "Elige", "buttons": [{"title": "Uno", "payload": "/one"}], "image": "x.png"}
    )

    assert (reply.text, reply.options, reply.meta) == ("Elige", [Option("Uno", "/one")], {})
    assert Reply.from_rasa({"image": "x.png"}).is_empty


# ---- safety net -----------------------------------------------------------------------


def test_normalize_folds_case_accents_punctuation_and_spaces():
    assert normalize("¡Me  QUIERO\tmatár!!") == "me quiero matar"
    assert normalize("Ação—já") == "acao ja"


def test_safety_net_matches_whole_phrases_only():
    net = SafetyNet({"es": ["me quiero matar", "matar"], "pt": ["estou em perigo"]})

    assert net.detect("ya no puedo... me quiero MATAR") == EmergencyMatch("es", "me quiero matar")
    assert net.detect("Estou em perigo!") == EmergencyMatch("pt", "estou em perigo")
    assert net.detect("trabajo en un matarife") is None
    assert net.detect("") is None and net.detect(None) is None


def test_real_signals_do_not_fire_on_a_question_about_violence():
    """The shipped content/emergency/signals.yml, when present, must keep questions quiet."""
    from rumbo_content import ContentStore

    store = ContentStore.load(Path(__file__).resolve().parents[2] / "content")
    if not store.emergency_signals():
        pytest.skip("content/emergency/signals.yml is not written yet")
    net = SafetyNet.from_store(store)

    assert net.detect("que hago si sufro violencia domestica") is None


@pytest.fixture(scope="module")
def shipped_net() -> SafetyNet:
    from rumbo_content import ContentStore

    return SafetyNet.from_store(ContentStore.load(Path(__file__).resolve().parents[2] / "content"))


@pytest.mark.parametrize(
    "text",
    [
        # The net runs in every state, also while staff hold the conversation and Rasa is
        # not asked: being locked in, followed, coerced or poisoned must be caught here too.
        "la señora me cerro con llave y se fue",
        "hay un tipo siguiendome desde la estacion",
        "nao deixam ninguem sair do galpao",
        "the owner dont let me out",
        "a man has been following me for 10 minutes",
        "ele ta me obrigando a ter relação, to na casa dele",
        "meu filho bebeu agua sanitaria",
        "ya no quiero seguir, tengo las pastillas aqui en la mano",
    ],
)
def test_shipped_signals_catch_danger_described_indirectly(shipped_net, text):
    assert shipped_net.detect(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a gengiva ta sangrando muito, dentista atende de graça?",
        "migracion no me deja salir del pais sin pasaporte",
        "my boss wont let me go to the bathroom",
        "este es mi ultimo mensaje por hoy, gracias",
    ],
)
def test_shipped_signals_stay_quiet_on_everyday_questions(shipped_net, text):
    assert shipped_net.detect(text) is None


# ---- text rules ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["cancelar", "CANCELAR.", " Cancel ", "sair", "cancela!"])
def test_cancel_words(text: str):
    assert is_cancel(text)


@pytest.mark.parametrize("text", ["quiero cancelar mi cita", "", None, "cancelado"])
def test_not_cancel(text: str | None):
    assert not is_cancel(text)


def test_menu_number_picks():
    menu = [{"title": "A", "payload": "/a"}, {"title": "B", "payload": "/b"}]

    assert [pick_menu_option(t, menu) for t in ["1", " 2.", "#2", "3", "0", "2 por favor"]] == [
        "/a",
        "/b",
        "/b",
        None,
        None,
        None,
    ]
    assert pick_menu_option("1", None) is None


# ---- Rasa client ------------------------------------------------------------------------


def _client(handler) -> RasaClient:
    return RasaClient("http://rasa.test", httpx.AsyncClient(transport=httpx.MockTransport(handler)))


async def test_rasa_client_posts_the_rest_payload():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        seen["body"] = request.read()
        return httpx.Response(200, json=[{"recipient_id": "sms:+1", "text": "hola"}, "junk"])

    items = await _client(handler).send("sms:+1", "hola", {"lang": "es"})

    assert items == [{"recipient_id": "sms:+1", "text": "hola"}]
    assert seen["url"] == "http://rasa.test/webhooks/rest/webhook"
    assert b'"sender":"sms:+1"' in seen["body"].replace(b" ", b"")


@pytest.mark.parametrize(
    "handler",
    [
        lambda request: httpx.Response(503),
        lambda request: httpx.Response(200, text="<html>starting</html>"),
        lambda request: httpx.Response(200, json={"not": "a list"}),
    ],
)
async def test_rasa_client_maps_server_trouble_to_unavailable(handler):
    with pytest.raises(RasaUnavailable):
        await _client(handler).send("web:a", "hola")


async def test_rasa_client_maps_connection_errors_to_unavailable():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(RasaUnavailable):
        await _client(refuse).send("web:a", "hola")
    assert await _client(refuse).ready() is False


async def test_rasa_client_4xx_is_rejected_not_retried():
    with pytest.raises(RasaRejected):
        await _client(lambda request: httpx.Response(400, text="bad")).send("web:a", "hola")


async def test_ready_falls_back_to_root_when_status_is_disabled():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/status":
            return httpx.Response(403)
        return httpx.Response(200, text="Hello from Rasa: 3.6.21")

    assert await _client(handler).ready() is True
