"""Nothing slow on the event loop: 20 UI sign-ins and 20 UI evaluation saves at once leave the loop responsive.

The events go through Reflex's own event processing (the processor the app runs, with the app as its
middleware, over the page states registered under the one `rx.App`), exactly as websocket events do,
while a `LoopLagProbe` on the same loop measures how late it wakes. Sign-ins check real bcrypt hashes
at the production cost (12), whatever the test settings' rounds. With the work in asyncio's default pool
(6 threads here) the worst lag was 53-117 ms; in the UI's own pool of 2 threads, 14-32 ms (hr_app/ui/offloop.py).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import reflex as rx
from passlib.context import CryptContext
from reflex.istate.manager.memory import StateManagerMemory
from reflex.state import State
from reflex_base.event import Event
from reflex_base.event.processor import BaseStateEventProcessor
from sqlmodel import select

import hr_app.hr_app
from hr_app.db import session_scope
from hr_app.loop_lag import LoopLagProbe
from hr_app.models import AppUser, Evaluation, Organization, Role
from hr_app.services import interviews
from hr_app.services.security import decode_access_token, issue_access_token
from hr_app.ui.states.interview import InterviewState
from hr_app.ui.states.login import LoginState
from tests.factories import PASSWORD, create_cv, create_user

CONCURRENT = 20
MAX_LAG_MS = 50
PRODUCTION_BCRYPT_ROUNDS = 12


@dataclass
class Saver:
    token: str  # the browser tab (Reflex client token)
    access_token: str
    interview_id: str
    ratings: dict[str, str]


@pytest.fixture
def sign_in_users(db, org: Organization) -> list[AppUser]:
    production_hash = CryptContext(schemes=["bcrypt"], bcrypt__rounds=PRODUCTION_BCRYPT_ROUNDS).hash(PASSWORD)
    users = [create_user(db, org, role=Role.HR) for _ in range(CONCURRENT + 1)]  # the first one warms up
    for user in users:
        user.password_hash = production_hash
        db.add(user)
    db.commit()
    return users


@pytest.fixture
def savers(db, org: Organization, hr_user: AppUser) -> list[Saver]:
    result = []
    for index in range(CONCURRENT + 1):  # the first one warms up
        cv = create_cv(db, org, name=f"Lag Candidate {index}")
        with session_scope() as session:
            # begun an hour ago: scorecards open at the scheduled start (issue 18)
            record = interviews.start_interview(
                session, actor=hr_user, candidate_id=cv.id, scheduled_at=datetime.now(UTC) - timedelta(hours=1)
            )
            interview_id = str(record.interview.id)
        result.append(
            Saver(
                token=str(uuid.uuid4()),
                access_token=issue_access_token(hr_user.id, hr_user.organization_id).access_token,
                interview_id=interview_id,
                ratings={"appearance": str(index % 11), "knowledge": str((index + 3) % 11)},
            )
        )
    return result


def _router_data(token: str, path: str) -> dict[str, Any]:
    return {"pathname": path, "asPath": path, "query": {}, "token": token, "headers": {}, "ip": "127.0.0.1"}


@pytest.fixture
def processor() -> Iterator[BaseStateEventProcessor]:
    app = hr_app.hr_app.app
    with app.set_contexts():
        yield BaseStateEventProcessor(
            middleware=app, backend_exception_handler=app.backend_exception_handler
        ).configure(state_manager=StateManagerMemory())


async def _open_tab(processor: BaseStateEventProcessor, token: str, path: str, **fields: Any) -> None:
    """A connected, hydrated tab on `path` (so the event runs without a reload of the page)."""
    manager = processor._root_context.state_manager  # type: ignore[union-attr]
    async with manager.modify_state(_token(token)) as root:
        root.router_data = root._update_router_vars(_router_data(token, path), {})
        root.is_hydrated = True
        interview = await root.get_state(InterviewState)
        for name, value in fields.items():
            setattr(interview, name, value)


def _token(token: str) -> rx.BaseStateToken:
    return rx.BaseStateToken(ident=token, cls=State)


def _event(token: str, handler: str, path: str, payload: dict[str, Any]) -> Event:
    return Event(name=handler, router_data=_router_data(token, path), payload=payload)


async def _run_load(processor: BaseStateEventProcessor, users: list[AppUser], savers: list[Saver]) -> dict:
    login_tabs = [str(uuid.uuid4()) for _ in users]
    for tab in login_tabs:
        await _open_tab(processor, tab, "/login")
    for saver in savers:
        await _open_tab(
            processor,
            saver.token,
            f"/interviews/{saver.interview_id}",
            auth_token=saver.access_token,
            interview_id=saver.interview_id,
            loaded=True,
            form={**{field: "" for field in ("confidence", "communication", "attitude")}, **saver.ratings},
        )
    submit = f"{LoginState.get_full_name()}.submit"
    save = f"{InterviewState.get_full_name()}.save"
    events = [
        (tab, _event(tab, submit, "/login", {"form_data": {"email": user.email, "password": PASSWORD}}))
        for tab, user in zip(login_tabs, users, strict=True)
    ] + [(s.token, _event(s.token, save, f"/interviews/{s.interview_id}", {})) for s in savers]

    warm_up, events = [events[0], events[len(users)]], events[1 : len(users)] + events[len(users) + 1 :]
    probe = LoopLagProbe()
    probe_task = asyncio.create_task(probe.run())
    async with processor:
        await _all_done(processor, warm_up)  # thread pool started, statements compiled: the steady state
        probe.reset()
        await _all_done(processor, events)
        lag = probe.snapshot()
    probe_task.cancel()

    manager = processor._root_context.state_manager  # type: ignore[union-attr]
    tokens = []
    for tab in login_tabs:
        async with manager.modify_state(_token(tab)) as root:
            tokens.append((await root.get_state(LoginState)).auth_token)
    return {"lag": lag, "tokens": tokens}


async def _all_done(processor: BaseStateEventProcessor, events: list[tuple[str, Event]]) -> None:
    futures = [await processor.enqueue(token, event) for token, event in events]
    await asyncio.wait_for(asyncio.gather(*futures), timeout=120)


def _figure(snapshot: Any, name: str) -> float:
    return snapshot[name] if isinstance(snapshot, dict) else getattr(snapshot, name)


@pytest.mark.timing
def test_sign_ins_and_saves_at_once_keep_the_loop_under_50_ms(processor, db, sign_in_users, savers) -> None:
    outcome = asyncio.run(_run_load(processor, sign_in_users, savers))

    issued = [decode_access_token(token).user_id for token in outcome["tokens"] if token]
    assert sorted(issued) == sorted(user.id for user in sign_in_users)  # 20 tokens (+1 warm-up), one per user
    db.expire_all()
    for saver in savers:  # 20 evaluations (+1 warm-up) with the values sent
        evaluation = db.exec(select(Evaluation).where(Evaluation.interview_id == uuid.UUID(saver.interview_id))).one()
        assert (str(evaluation.appearance), str(evaluation.knowledge)) == (
            saver.ratings["appearance"],
            saver.ratings["knowledge"],
        )
    lag = outcome["lag"]
    assert _figure(lag, "samples") > 0
    assert _figure(lag, "max_ms") < MAX_LAG_MS, f"the event loop stalled: {lag}"
