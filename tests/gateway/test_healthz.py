"""GET /healthz: 200 only when Rasa (with a model), the action server and the DB answer."""

from __future__ import annotations

from tests.fakes.fake_rasa import FakeRasa
from tests.gateway.conftest import Gateway


async def test_healthz_503_while_a_part_is_down_then_200(gateway: Gateway, fake_rasa: FakeRasa):
    fake_rasa.available = False
    fake_rasa.actions_available = False

    down = await gateway.client.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"rasa": False, "actions": False, "store": True}

    fake_rasa.available = True
    fake_rasa.model_loaded = False
    no_model = await gateway.client.get("/healthz")
    assert no_model.status_code == 503
    assert no_model.json()["rasa"] is False

    fake_rasa.model_loaded = True
    fake_rasa.actions_available = True
    up = await gateway.client.get("/healthz")
    assert up.status_code == 200
    assert up.json() == {"rasa": True, "actions": True, "store": True}
