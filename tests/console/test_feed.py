"""The live case feed: snapshot differences, visibility filtering, and the SSE endpoint."""

from __future__ import annotations

import asyncio
import json

from bot.console.feed import CaseEvent, CaseFeed, CaseSnapshot, diff
from bot.console.routes import SESSION_COOKIE
from tests.console.conftest import Console, sign_in
from tests.fakes.fake_rasa import FakeRasa


def snap(case_id: int, state: str = "waiting", last: int = 1, team: str = "CO") -> CaseSnapshot:
    return CaseSnapshot(case_id, state, 0, None, team, last)


def test_diff_reports_new_updated_and_closed_cases():
    before = {1: snap(1), 2: snap(2), 3: snap(3)}
    after = {1: snap(1), 2: snap(2, state="with_staff"), 4: snap(4)}
    assert [(event.change, event.case.id) for event in diff(before, after)] == [
        ("updated", 2),
        ("closed", 3),
        ("new", 4),
    ]
    assert diff(after, after) == []


async def test_subscribers_only_hear_about_cases_of_their_teams(
    console: Console, fake_rasa: FakeRasa
):
    feed = CaseFeed(interval=3600)  # polled by hand below, never by the clock
    database = console.app.state.db
    colombia: list[CaseEvent] = []
    async with feed.subscribe(database, lambda e: e.case.team == "CO") as queue:
        await feed.stop()  # drive the poller by hand: no background task, no timing
        await feed.poll_once(database)  # the first poll only takes the baseline
        co = await console.handed_off_case(fake_rasa, country="CO", address="+57300111222")
        await console.handed_off_case(fake_rasa, country="PE", address="+51911111111")
        published = await feed.poll_once(database)
        while not queue.empty():
            colombia.append(queue.get_nowait())
    assert {event.case.team for event in published} == {"CO", "PE"}
    assert [(event.change, event.case.id) for event in colombia] == [("new", co)]
    assert colombia[0].to_json()["emergency"] is False


async def test_event_stream_announces_a_new_case_to_signed_in_staff(
    console: Console, fake_rasa: FakeRasa
):
    await console.add_staff("carla", teams=("CO",))
    async with console.client() as client:
        await sign_in(client, "carla")
        cookie = client.cookies.get(SESSION_COOKIE)
    # httpx's in-process transport buffers whole responses, so drive the ASGI app directly
    # and read the stream chunk by chunk.
    sent: asyncio.Queue[dict] = asyncio.Queue()
    disconnected = asyncio.Event()

    async def receive() -> dict:
        await disconnected.wait()
        return {"type": "http.disconnect"}

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/staff/events",
        "raw_path": b"/staff/events",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"gateway"), (b"cookie", f"{SESSION_COOKIE}={cookie}".encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("gateway", 80),
    }
    stream = asyncio.create_task(console.app(scope, receive, sent.put))

    async def next_event() -> tuple[str, str]:
        while True:
            message = await sent.get()
            body = message.get("body", b"").decode()
            if message["type"] == "http.response.start":
                assert message["status"] == 200
            elif body.startswith("event:"):
                lines = dict(line.split(": ", 1) for line in body.strip().splitlines())
                return lines["event"], lines["data"]

    try:
        assert (await asyncio.wait_for(next_event(), timeout=10))[0] == "ready"
        case_id = await console.handed_off_case(fake_rasa, country="CO", address="+57300111222")
        name, data = await asyncio.wait_for(next_event(), timeout=10)
    finally:
        disconnected.set()
        await asyncio.wait_for(stream, timeout=10)
    assert name == "case"
    assert json.loads(data)["id"] == case_id and json.loads(data)["change"] == "new"
