"""WhatsApp after the 24-hour window, in the browser: free text is refused with the reason,
and the approved template is offered and sent instead (with its id for the Twilio sender)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bot.storage.db import Database
from bot.storage.models import Conversation, Message, utcnow
from tests.browser.conftest import STAFF_PASSWORD, LiveGateway

pytestmark = pytest.mark.browser

WAIT_MS = 15_000


def seed_quiet_whatsapp_case(database_url: str) -> int:
    """A waiting WhatsApp case whose person last wrote 25 hours ago; returns its id."""

    async def seed() -> int:
        database = Database(database_url)
        last_wrote = utcnow() - timedelta(hours=25)
        try:
            async with database.session() as session:
                conv = Conversation(
                    key="whatsapp:+573001112233",
                    channel="whatsapp",
                    address="+573001112233",
                    lang="es",
                    country="CO",
                    topic="labour",
                    state="waiting",
                    priority=0,
                    handoff_reason="requested",
                    context={"handoff_at": last_wrote.isoformat()},
                    last_inbound_at=last_wrote,
                    created_at=last_wrote,
                    updated_at=last_wrote,
                )
                session.add(conv)
                await session.flush()
                session.add(
                    Message(
                        conversation_id=conv.id,
                        direction="in",
                        author="person",
                        channel="whatsapp",
                        text="no me pagaron el mes, que hago",
                        data={},
                        status="done",
                        attempts=0,
                        created_at=last_wrote,
                    )
                )
                return conv.id
        finally:
            await database.dispose()

    # Playwright's sync API runs an event loop in this thread: seed from another one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, seed()).result()


def test_closed_window_offers_the_template_instead_of_free_text(
    live_gateway: LiveGateway, browser: Browser, screenshots: Path
):
    case_id = seed_quiet_whatsapp_case(live_gateway.database_url)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{live_gateway.url}/staff/cases/{case_id}")
    page.get_by_label("Username").fill("carla")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()  # back to the case after signing in

    expect(page.get_by_role("heading", name=f"Case #{case_id}")).to_be_visible()
    page.get_by_role("button", name="Claim").click()
    expect(page.locator("#wa-window")).to_contain_text("24-hour window is closed")
    expect(page.locator("#reply-form")).to_have_count(0)
    page.screenshot(path=str(screenshots / "case-whatsapp-window-closed.png"), full_page=True)

    page.get_by_role("button", name="Send template").click()
    expect(page.locator(".flash.ok")).to_have_text("Template sent.")
    expect(page.locator(".msg.staff").last).to_contain_text("template staff_followup")
    sent = live_gateway.whatsapp.sent
    assert len(sent) == 1
    assert sent[0][0] == "whatsapp:+573001112233"
    assert sent[0][1].meta["template"] == "staff_followup"
