"""What staff do to a case: take over, claim, reply, send a template, note, transfer, resolve.

Every action:
- checks that the staff member may open the case (404 otherwise, see visibility.py) and may
  do this action (403 `ActionRefused`);
- changes the conversation with a compare-and-set UPDATE on (state, assigned_staff_id), so
  two staff clicking "claim" at once cannot both win (409 `CaseConflict` for the loser);
- writes its audit row in the same transaction, and wakes the live feed.
State changes go through bot/handoff/state.py, the single transition table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.audit import AuditAction, record
from bot.console.canned import CannedReplies
from bot.console.feed import CaseFeed
from bot.console.outcomes import OUTCOMES
from bot.console.visibility import can_open
from bot.console.whatsapp_window import window_for
from bot.conversations.outbox import queue_reply
from bot.conversations.service import ConversationService
from bot.handoff import messages as handoff_messages
from bot.handoff import state as handoff
from bot.replies import Reply
from bot.staff.accounts import StaffDirectory, StaffMember
from bot.staff.roles import can_reassign
from bot.storage.db import Database
from bot.storage.models import Conversation, utcnow
from bot.storage.staff_models import CaseNote, CaseOutcome
from rumbo_content import COUNTRIES, ContentStore

MAX_TEXT_LENGTH = 1600  # Twilio's body limit; longer replies are refused, not cut
# Columns the state functions may change; the compare-and-set writes exactly these.
_STATE_COLUMNS = (
    "state",
    "assigned_staff_id",
    "priority",
    "handoff_reason",
    "team_country",
    "context",  # request_handoff records handoff_at there (queue order)
)


class CaseNotFound(LookupError):
    """No such case, or one the staff member may not see (both answer 404)."""


class ActionRefused(PermissionError):
    """The staff member may see the case but not do this (403)."""


class CaseConflict(RuntimeError):
    """The case is not in a state that allows this now, or changed meanwhile (409)."""


class InvalidInput(ValueError):
    """A form or API field is missing or malformed (400)."""


@dataclass(frozen=True)
class Actor:
    """Who acts, and from where (for the audit log)."""

    member: StaffMember
    remote_addr: str | None = None


class CaseActions:
    """The staff actions on cases; one instance per request is cheap."""

    def __init__(
        self,
        database: Database,
        conversations: ConversationService,
        store: ContentStore,
        canned: CannedReplies,
        feed: CaseFeed,
    ) -> None:
        self._db = database
        self._conversations = conversations
        self._store = store
        self._canned = canned
        self._feed = feed

    # ---- ownership --------------------------------------------------------------------

    async def take_over(self, actor: Actor, conversation_id: int) -> None:
        """Staff take a live bot conversation: BOT -> WAITING -> WITH_STAFF, assigned to them."""

        def change(conv: Conversation) -> None:
            handoff.request_handoff(conv, "staff")
            handoff.claim(conv, actor.member.id)

        await self._transition(actor, conversation_id, AuditAction.TAKE_OVER, change)

    async def claim(self, actor: Actor, conversation_id: int) -> None:
        """Take a waiting case (WAITING -> WITH_STAFF, assigned to the actor)."""
        await self._transition(
            actor,
            conversation_id,
            AuditAction.CLAIM,
            lambda conv: handoff.claim(conv, actor.member.id),
        )

    async def release(self, actor: Actor, conversation_id: int) -> None:
        """Give the case back to the team queue (WITH_STAFF -> WAITING)."""
        await self._transition(
            actor,
            conversation_id,
            AuditAction.RELEASE,
            handoff.release,
            require_owner_or_supervisor=True,
        )

    async def transfer_to_staff(self, actor: Actor, conversation_id: int, target_id: int) -> None:
        """Hand the case to another staff member who can see it.

        The current owner may transfer; anyone else needs the reassign permission
        (supervisors, admins), and that is audited as a reassignment.
        """
        target = await StaffDirectory(self._db).get(target_id)
        if target is None or not target.active:
            raise InvalidInput("choose an active staff member")

        def change(conv: Conversation) -> None:
            if not can_open(target, conv):
                raise InvalidInput(f"{target.display_name} is not in this case's country team")
            if conv.state == handoff.ConversationState.WAITING.value:
                handoff.claim(conv, target.id)
            elif conv.state == handoff.ConversationState.WITH_STAFF.value:
                conv.assigned_staff_id = target.id
            else:
                raise handoff.InvalidTransition("only cases with staff can be transferred")

        async with self._db.session() as session:
            conv = await self._load(session, actor, conversation_id)
            is_owner = conv.assigned_staff_id == actor.member.id
        if not is_owner and not can_reassign(actor.member.role):
            raise ActionRefused("only the person handling the case or a supervisor can move it")
        action = AuditAction.TRANSFER_AGENT if is_owner else AuditAction.REASSIGN
        await self._transition(
            actor, conversation_id, action, change, detail={"to_staff_id": target.id}
        )

    async def transfer_to_team(self, actor: Actor, conversation_id: int, country: str) -> None:
        """Move the case to another country team's queue; the transcript stays with it."""
        code = country.strip().upper()
        if code not in COUNTRIES:
            raise InvalidInput(f"unknown country team {country!r}")

        def change(conv: Conversation) -> None:
            if conv.state == handoff.ConversationState.WITH_STAFF.value:
                handoff.release(conv)
            elif conv.state != handoff.ConversationState.WAITING.value:
                raise handoff.InvalidTransition("only handed-off cases can change team")
            conv.team_country = code

        await self._transition(
            actor,
            conversation_id,
            AuditAction.TRANSFER_TEAM,
            change,
            detail={"to_team": code},
            require_owner_or_supervisor=True,
            allow_waiting_by_team=True,
        )

    async def resolve(
        self, actor: Actor, conversation_id: int, category: str, summary: str | None
    ) -> None:
        """Close the case with an outcome; the person is told and the bot is back."""
        if category not in OUTCOMES:
            raise InvalidInput("choose an outcome")
        summary = (summary or "").strip() or None
        queued: list[int] = []

        async def after(session: AsyncSession, conv: Conversation) -> None:
            session.add(
                CaseOutcome(
                    conversation_id=conv.id,
                    staff_id=actor.member.id,
                    category=category,
                    summary=summary,
                )
            )
            reply = handoff_messages.resolved(self._store, conv)
            message = queue_reply(session, conv, reply, author="system", staff_id=actor.member.id)
            await session.flush()
            queued.append(message.id)

        await self._transition(
            actor,
            conversation_id,
            AuditAction.RESOLVE,
            handoff.resolve,
            detail={"outcome": category},
            require_owner_or_supervisor=True,
            allow_waiting_by_team=True,
            after=after,
        )
        for message_id in queued:
            await self._conversations.deliver(message_id)

    # ---- messages ---------------------------------------------------------------------

    async def reply(self, actor: Actor, conversation_id: int, text: str) -> None:
        """Send `text` to the person through their channel (the case must be the actor's).

        On WhatsApp outside the 24-hour window the reply is refused (CaseConflict) and
        audited, so staff see why and can send a template instead.
        """
        body = _clean_text(text)
        async with self._db.session() as session:
            conv = await self._load(session, actor, conversation_id)
            self._require_owner(actor, conv)
            window_open = window_for(conv.channel, conv.last_inbound_at).is_open(utcnow())
            if not window_open:
                record(
                    session,
                    AuditAction.REPLY_REFUSED,
                    staff_id=actor.member.id,
                    conversation_id=conv.id,
                    detail={"reason": "whatsapp_window_closed"},
                    remote_addr=actor.remote_addr,
                )
        if not window_open:
            raise CaseConflict(
                "The WhatsApp 24-hour window is closed: WhatsApp only delivers an approved "
                "template now. Send the template; you can write freely once the person answers."
            )
        message = await self._conversations.send_staff_reply(
            conversation_id, actor.member.id, body
        )
        async with self._db.session() as session:
            record(
                session,
                AuditAction.REPLY,
                staff_id=actor.member.id,
                conversation_id=conversation_id,
                detail={"message_id": message.id, "status": message.status},
                remote_addr=actor.remote_addr,
            )
        self._feed.nudge()

    async def send_template(self, actor: Actor, conversation_id: int, template_id: str) -> None:
        """Send an approved WhatsApp template (the only thing WhatsApp delivers after 24 h).

        The reply carries meta `template` (its id) so the Twilio sender sends the mapped
        ContentSid instead of free text; the choice is stored on the message and audited.
        """
        template = self._canned.template(template_id)
        if template is None:
            raise InvalidInput("choose a template")
        async with self._db.session() as session:
            conv = await self._load(session, actor, conversation_id)
            self._require_owner(actor, conv)
            if conv.channel != "whatsapp":
                raise CaseConflict("templates are only for WhatsApp conversations")
            lang = conv.lang or "es"
            meta = {"lang": lang, "kind": "template", "template": template.id}
            if template.content_sid:
                meta["content_sid"] = template.content_sid
            reply = Reply(text=template.text_for(lang), meta=meta)
            message = queue_reply(session, conv, reply, author="staff", staff_id=actor.member.id)
            conv.updated_at = utcnow()
            await session.flush()
            message_id = message.id
            record(
                session,
                AuditAction.SEND_TEMPLATE,
                staff_id=actor.member.id,
                conversation_id=conv.id,
                detail={"template": template.id, "message_id": message_id, "lang": lang},
                remote_addr=actor.remote_addr,
            )
        await self._conversations.deliver(message_id)
        self._feed.nudge()

    async def add_note(self, actor: Actor, conversation_id: int, text: str) -> None:
        """An internal note on the case (any staff member who can see it)."""
        body = _clean_text(text)
        async with self._db.session() as session:
            conv = await self._load(session, actor, conversation_id)
            session.add(CaseNote(conversation_id=conv.id, staff_id=actor.member.id, text=body))
            await session.flush()
            record(
                session,
                AuditAction.NOTE,
                staff_id=actor.member.id,
                conversation_id=conv.id,
                detail={"length": len(body)},
                remote_addr=actor.remote_addr,
            )
        self._feed.nudge()

    # ---- helpers ----------------------------------------------------------------------

    async def _load(
        self, session: AsyncSession, actor: Actor, conversation_id: int
    ) -> Conversation:
        conv = await session.get(Conversation, conversation_id)
        if conv is None or not can_open(actor.member, conv):
            raise CaseNotFound(f"no case {conversation_id}")
        return conv

    @staticmethod
    def _require_owner(actor: Actor, conv: Conversation) -> None:
        if conv.state != handoff.ConversationState.WITH_STAFF.value:
            raise CaseConflict("claim the case before writing to the person")
        if conv.assigned_staff_id != actor.member.id:
            raise CaseConflict("another staff member is handling this case")

    async def _transition(
        self,
        actor: Actor,
        conversation_id: int,
        action: AuditAction,
        change: Callable[[Conversation], None],
        *,
        detail: dict[str, Any] | None = None,
        require_owner_or_supervisor: bool = False,
        allow_waiting_by_team: bool = False,
        after: Callable[[AsyncSession, Conversation], Awaitable[None]] | None = None,
    ) -> None:
        """Apply `change` to a detached copy, then write it only if nobody changed the case.

        `require_owner_or_supervisor`: the actor must hold the case, or be allowed to
        reassign; with `allow_waiting_by_team`, any team member may act on a waiting case.
        """
        async with self._db.session() as session:
            conv = await self._load(session, actor, conversation_id)
            if require_owner_or_supervisor:
                self._check_owner_or_supervisor(actor, conv, allow_waiting_by_team)
            before = (conv.state, conv.assigned_staff_id)
            before_team = conv.team_country
            session.expunge(conv)
            try:
                change(conv)
            except handoff.InvalidTransition as exc:
                raise CaseConflict(_conflict_message(before[0], exc)) from exc
            values = {column: getattr(conv, column) for column in _STATE_COLUMNS}
            result = await session.execute(
                update(Conversation)
                .where(
                    Conversation.id == conversation_id,
                    Conversation.state == before[0],
                    _is(Conversation.assigned_staff_id, before[1]),
                )
                .values(**values, updated_at=utcnow())
            )
            if result.rowcount != 1:
                raise CaseConflict("the case changed meanwhile; reload the page")
            entry_detail = {"from_state": before[0], "to_state": conv.state, **(detail or {})}
            if before_team != conv.team_country:
                entry_detail["from_team"] = before_team
            record(
                session,
                action,
                staff_id=actor.member.id,
                conversation_id=conversation_id,
                detail=entry_detail,
                remote_addr=actor.remote_addr,
            )
            if after is not None:
                managed = await session.get(Conversation, conversation_id)
                await after(session, managed)
        self._feed.nudge()

    @staticmethod
    def _check_owner_or_supervisor(actor: Actor, conv: Conversation, waiting_ok: bool) -> None:
        if conv.assigned_staff_id == actor.member.id or can_reassign(actor.member.role):
            return
        if waiting_ok and conv.state == handoff.ConversationState.WAITING.value:
            return
        raise ActionRefused("only the person handling the case or a supervisor can do this")


def _is(column: Any, value: int | None) -> Any:
    return column.is_(None) if value is None else column == value


def _clean_text(text: str | None) -> str:
    body = (text or "").strip()
    if not body:
        raise InvalidInput("write something first")
    if len(body) > MAX_TEXT_LENGTH:
        raise InvalidInput(f"keep it under {MAX_TEXT_LENGTH} characters")
    return body


def _conflict_message(state: str, exc: Exception) -> str:
    labels = {"bot": "with the bot", "waiting": "waiting", "with_staff": "with staff"}
    return f"Not possible while the case is {labels.get(state, state)} ({exc})."
