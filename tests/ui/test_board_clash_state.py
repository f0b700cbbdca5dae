"""The Ongoing board marks cards whose interviewer has another interview within the clash window."""

from __future__ import annotations

from datetime import UTC, datetime

from hr_app.db import session_scope
from hr_app.services import scheduling
from hr_app.ui.states.live import LiveState, _board_and_organization, ongoing_records
from tests.api.interview_support import make_interview
from tests.factories import create_cv
from tests.ui.conftest import push_to


def _at(db, interview, hour: int, minute: int) -> None:
    interview.scheduled_at = datetime(2030, 1, 15, hour, minute, tzinfo=UTC)
    db.add(interview)
    db.commit()


def test_board_cards_name_the_nearest_clash_in_the_tabs_zone(make_state, db, org, hr_user, interviewer, admin):
    ana = make_interview(db, org, cv=create_cv(db, org, name="Ana Early"), interviewer=interviewer)
    ben = make_interview(db, org, cv=create_cv(db, org, name="Ben Near"), interviewer=interviewer)
    cal = make_interview(db, org, cv=create_cv(db, org, name="Cal Far"), interviewer=interviewer)
    dee = make_interview(db, org, cv=create_cv(db, org, name="Dee Other"), interviewer=admin)
    nobody = make_interview(db, org, cv=create_cv(db, org, name="Nia Nobody"))
    _at(db, ana, 10, 0)
    _at(db, ben, 10, 40)
    _at(db, cal, 13, 0)  # the same interviewer, hours away: no clash
    _at(db, dee, 10, 10)  # another interviewer at a close time: no clash
    _at(db, nobody, 10, 5)  # no interviewer: never a clash

    state = make_state(LiveState, hr_user, tz_offset=-330)  # IST
    state._organization_id = str(org.id)
    assert push_to(state, str(org.id))
    clashes = {card.candidate_name: card.clash_text for card in state.cards}
    assert clashes == {
        "Ana Early": "Clash: Ben Near at 15 Jan 2030, 16:10",
        "Nia Nobody": "",
        "Dee Other": "",
        "Ben Near": "Clash: Ana Early at 15 Jan 2030, 15:30",
        "Cal Far": "",
    }
    state.apply_timezone(0)  # the tab learns its zone: the clash time is re-worded too
    assert {card.candidate_name: card.clash_text for card in state.cards}["Ana Early"] == (
        "Clash: Ben Near at 15 Jan 2030, 10:40"
    )


def test_board_clashes_uses_the_list_in_hand(db, org, hr_user, interviewer):
    from hr_app.db import session_scope

    ana = make_interview(db, org, cv=create_cv(db, org, name="Ana"), interviewer=interviewer)
    ben = make_interview(db, org, cv=create_cv(db, org, name="Ben"), interviewer=interviewer)
    _at(db, ana, 10, 0)
    _at(db, ben, 10, 59)
    with session_scope() as session:
        records = ongoing_records(session, hr_user)
    found = scheduling.board_clashes(records)
    assert found[ana.id].other_candidate == "Ben" and found[ana.id].minutes_apart == 59
    assert found[ben.id].other_candidate == "Ana"
    assert scheduling.board_clashes(records, window_minutes=59) == {}  # start to start, strictly closer
    assert scheduling.board_clashes(records, window_minutes=0) == {}


def test_the_board_follows_the_organizations_clash_window(make_state, db, org, hr_user, interviewer):
    ana = make_interview(db, org, cv=create_cv(db, org, name="Ana Early"), interviewer=interviewer)
    ben = make_interview(db, org, cv=create_cv(db, org, name="Ben Near"), interviewer=interviewer)
    _at(db, ana, 10, 0)
    _at(db, ben, 10, 40)  # 40 minutes apart: a clash under the default 60, none under 30
    org.clash_window_minutes = 30
    db.add(org)
    db.commit()

    with session_scope() as session:
        board, _organization_id, window = _board_and_organization(session, hr_user)
    assert window == 30
    state = make_state(LiveState, hr_user)
    state._clash_window = window
    state._show(board)
    assert {card.candidate_name: card.clash_text for card in state.cards} == {"Ana Early": "", "Ben Near": ""}
