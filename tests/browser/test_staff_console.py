"""A staff member works a case end to end in real headless Chromium.

The person writes through the web chat API (`POST /api/chat`, the same path the chat page
uses); what reaches them is read back from the web channel's messages endpoint.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import STAFF_PASSWORD, LiveGateway
from tests.fakes.fake_rasa import custom

pytestmark = pytest.mark.browser

PERSON = "browser-person-1"
ASK_HUMAN = "quiero hablar con una persona"
STAFF_REPLY = "Hola, soy Carla. Ya leí tus mensajes. ¿En qué ciudad estás?"
WAIT_MS = 15_000  # upper bound for live updates; the test continues as soon as they arrive


def person_says(gateway: LiveGateway, text: str) -> list[str]:
    response = httpx.post(f"{gateway.url}/api/chat", json={"user": PERSON, "text": text})
    response.raise_for_status()
    return [reply["text"] for reply in response.json()["replies"]]


def person_inbox(gateway: LiveGateway) -> list[tuple[str, str]]:
    response = httpx.get(f"{gateway.url}/api/chat/{PERSON}/messages")
    response.raise_for_status()
    return [
        (message["author"], message["text"])
        for message in response.json()["messages"]
        if message["direction"] == "out"
    ]


def test_staff_member_takes_a_case_from_queue_to_resolution(
    live_gateway: LiveGateway, browser: Browser, screenshots: Path
):
    live_gateway.rasa.script[ASK_HUMAN] = [
        custom(
            "Claro, te comunico con una persona del equipo.",
            country="CO",
            topic="regularization",
            handoff=True,
            kind="handoff",
        )
    ]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(WAIT_MS)

    # Sign in: the queue is behind the login form.
    page.goto(f"{live_gateway.url}/staff/")
    expect(page.get_by_role("heading", name="Staff sign in")).to_be_visible()
    page.get_by_label("Username").fill("carla")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
    expect(page.locator("#live")).to_have_text("live")
    page.evaluate("window.__sameDocument = true")

    # A person asks for a human: the case appears live, with a badge and a beep.
    acknowledgement = person_says(live_gateway, ASK_HUMAN)
    assert any("Si estás en peligro, llama al" in text for text in acknowledgement)
    row = page.locator("#queue tbody tr[data-case]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(ASK_HUMAN)
    expect(page.locator("#new-badge")).to_have_text("1 new case")
    expect(page.locator("body")).to_have_attribute("data-beeps", "1")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    page.screenshot(path=str(screenshots / "queue.png"), full_page=True)

    # Open, claim, reply (starting from a canned reply, then edited).
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    expect(page.locator(".msg.bot .understood")).to_contain_text("topic=regularization")
    page.get_by_role("button", name="Claim").click()
    expect(page.locator(".flash.ok")).to_have_text("Case claimed: you are handling it.")
    page.get_by_role("button", name="Saludo").click()  # canned replies in the person's language
    expect(page.locator("#reply-text")).to_have_value(
        "Hola, soy Carla del equipo de Rumbo. Ya leí tus mensajes. "
        "¿Me cuentas un poco más para ayudarte mejor?"
    )
    page.locator("#reply-text").fill(STAFF_REPLY)
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")
    expect(page.locator(".msg.staff").last).to_contain_text(STAFF_REPLY)
    page.locator("textarea[name=text]").last.fill("Vive en Medellín, PPT en trámite")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".msg.note")).to_contain_text("Vive en Medellín")
    page.screenshot(path=str(screenshots / "case.png"), full_page=True)

    # The reply reached the person's channel, and the bot said nothing meanwhile.
    assert ("staff", STAFF_REPLY) in person_inbox(live_gateway)
    assert person_says(live_gateway, "estoy en Medellín") == []
    # The open case page shows the person's new message by itself.
    expect(page.locator(".msg.person").last).to_contain_text("estoy en Medellín")

    # Resolve: the person is told, and the bot answers the next message again.
    page.get_by_label("Outcome").select_option("information_given")
    page.get_by_role("button", name="Resolve and return to the bot").click()
    expect(page.locator(".flash.ok")).to_contain_text("Case resolved")
    assert person_inbox(live_gateway)[-1] == (
        "system",
        "Una persona del equipo cerró tu consulta. Si necesitas algo más, escríbeme.",
    )
    assert person_says(live_gateway, "gracias, y para trabajar?") == [
        "echo: gracias, y para trabajar?"
    ]
