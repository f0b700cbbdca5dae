"""At 10,000 CVs a /cvs tab stays small and a page costs the same statements as at 100 (issue 20, decision 105).

The size is what the Redis state manager stores for the tab: each state of its tree pickled on its own
(`BaseState._serialize`, the call `StateManagerRedis.set_state` makes), from the root down to CvsState and every
substate under it (its dialogs). `-s` prints the figures quoted in docs/performance.md.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert

from hr_app.kit.time import utcnow
from hr_app.models import CvStatus, UserCvData
from tests.factories import QueryCounter, create_job_title
from tests.ui.conftest import drain

FEW, MANY = 100, 10_000
MAX_TAB_BYTES = 50_000


def _seed(db, org, title_id: int, numbers: range) -> None:
    """CVs in one multi-row INSERT (the factories' one commit per CV would take a minute for 10,000)."""
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "organization_id": org.id,
            "name": f"Scale Person {number:05d}",
            "email": f"scale{number:05d}@example.com",
            "phone_number": "+91 9876543210",
            "job_title_id": title_id,
            "place": "Thrissur" if number % 7 == 0 else "Kochi",
            "district": "Ernakulam",
            "status": CvStatus.SELECTED if number % 5 == 0 else CvStatus.PENDING,
            "created_at": now,
            "updated_at": now,
        }
        for number in numbers
    ]
    db.execute(insert(UserCvData), rows)
    db.commit()


def tab_bytes(state: Any) -> int:
    """The bytes the Redis state manager would store for this tab's path to `state` and everything under it."""
    total, ancestor = 0, state.parent_state
    while ancestor is not None:
        total += len(ancestor._serialize())
        ancestor = ancestor.parent_state
    pending = [state]
    while pending:
        current = pending.pop()
        total += len(current._serialize())
        pending.extend(current.substates.values())
    return total


def _statements(action: Callable[[], Any]) -> tuple[int, float]:
    """How many SQL statements `action` sends, and its time in ms."""
    started = time.perf_counter()
    with QueryCounter() as counter:
        drain(action())
    return counter.count, 1000 * (time.perf_counter() - started)


def _page_costs(state: Any) -> dict[str, tuple[int, float]]:
    return {
        "load": _statements(state.load),
        "search": _statements(lambda: state.set_search("thrissur")),
        "next page": _statements(state.next_page),
        "status filter": _statements(lambda: state.set_status_filter("selected")),
    }


def test_a_cvs_tab_holds_one_page_and_its_statements_do_not_grow_with_the_rows(make_state, db, org, hr_user):
    from hr_app.ui.states.cvs import CvsState

    title = create_job_title(db, org, "Scale")
    _seed(db, org, title.id, range(FEW))
    state = make_state(CvsState, hr_user)
    few = _page_costs(state)
    _seed(db, org, title.id, range(FEW, MANY))
    drain(state.clear_filters())
    many = _page_costs(state)
    assert state.total_count == MANY and state.shown_total == MANY // 7 // 5 + 1  # Thrissur and selected: 0, 35, ...
    assert {step: count for step, (count, _ms) in many.items()} == {step: count for step, (count, _ms) in few.items()}

    drain(state.clear_filters())
    state.toggle_select_all(True)
    state.select_all_matching()  # "all 10,000" is a flag, not 10,000 ids
    assert state.selected_count == MANY and len(state.page_rows) == 50
    size = tab_bytes(state)
    timings = ", ".join(f"{step} {count} statements {ms:.0f} ms" for step, (count, ms) in many.items())
    print(f"\n/cvs tab at {MANY:,} CVs: {size:,} bytes of state; {timings}")
    assert size < MAX_TAB_BYTES
