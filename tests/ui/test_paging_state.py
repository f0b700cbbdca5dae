"""Long lists: /cvs and /interviews read one page of 50 in SQL and hold only it (decision 105); search, filters,
sort, counts, the CSV export and bulk selection (by filter: decision 106) still work over all the rows."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime, timedelta

from hr_app.models import CvStatus, Interview, UserCvData
from hr_app.ui.paging import PAGE_SIZE, page_label
from tests.factories import create_job_title, create_user
from tests.ui.conftest import drain, push_to

ROWS = 120


def _cvs(db, org, count: int = ROWS) -> list[UserCvData]:
    title = create_job_title(db, org, "Backend")
    cvs = [
        UserCvData(
            organization_id=org.id,
            job_title_id=title.id,
            name=f"Person {number:03d}",
            email=f"person{number:03d}@example.com",
            phone_number="+91 9876543210",
            place="Thrissur" if number == 117 else "Kochi",
            district="Ernakulam",
            status=CvStatus.SELECTED.value if number % 10 == 0 else CvStatus.PENDING.value,
        )
        for number in range(count)
    ]
    db.add_all(cvs)
    db.commit()
    return cvs


def _client_vars(state) -> dict:
    """What Reflex would send to the browser for this state (its names carry a `_rx_state_` suffix)."""
    return {name.removesuffix("_rx_state_"): value for name, value in state.dict()[state.get_full_name()].items()}


def test_page_label_words() -> None:
    assert page_label(0, 10_000) == "1\u201350 of 10,000"
    assert page_label(199, 10_000) == "9,951\u201310,000 of 10,000"
    assert page_label(0, 3) == "1\u20133 of 3"
    assert page_label(0, 0) == "0 of 0"


def test_cvs_page_holds_one_page_read_in_sql(make_state, db, org, hr_user):
    from hr_app.ui.states.cvs import CvsState

    _cvs(db, org)
    state = make_state(CvsState, hr_user)
    drain(state.load())
    sent = _client_vars(state)
    assert not {"_rows", "_shown", "rows"} & set(sent) and not hasattr(state, "_rows")  # no tab holds every row
    assert len(sent["page_rows"]) == PAGE_SIZE and state.shown_total == ROWS
    assert state.total_count == ROWS and state.status_counts["selected"] == 12  # counts over all rows
    assert (state.page_label, state.has_previous_page, state.has_next_page) == ("1\u201350 of 120", False, True)
    assert state.page_rows[0].name == "Person 000"

    drain(state.next_page())
    drain(state.next_page())
    assert state.page_label == "101\u2013120 of 120" and len(state.page_rows) == 20 and not state.has_next_page
    assert state.page_rows[-1].name == "Person 119"
    drain(state.next_page())  # past the end: stays on the last page
    assert state.page == 2

    drain(state.set_search("thrissur"))  # a row of the last page, found from anywhere; the page starts over
    assert (state.page, state.shown_total, [row.name for row in state.page_rows]) == (0, 1, ["Person 117"])
    drain(state.set_search("%"))  # LIKE's wildcards are searched for as themselves
    assert state.shown_total == 0
    drain(state.set_search(""))
    drain(state.set_status_filter("selected"))
    assert state.shown_total == 12 and state.page_label == "1\u201312 of 12" and not state.has_next_page
    drain(state.set_sort("name_desc"))
    assert state.page_rows[0].name == "Person 110"

    drain(state.clear_filters())  # the sort is not a filter: it stays
    assert state.page_rows[0].name == "Person 119"
    drain(state.set_sort("name"))
    state.toggle_select_all(True)  # ticks the page shown
    assert state.selected_count == PAGE_SIZE and state.all_visible_selected and state.can_select_all_matching
    drain(state.next_page())
    assert not state.all_visible_selected
    state.toggle_select(state.page_rows[0].id, True)  # the selection spans pages
    assert state.selected_count == PAGE_SIZE + 1
    assert state._selected_names()[-1] == "Person 050"


def test_select_all_matching_holds_the_filter_not_the_ids(make_state, db, org, hr_user):
    from hr_app.ui.components.cv_bulk import BulkRejectDialogState

    cvs = _cvs(db, org)
    state = make_state(BulkRejectDialogState, hr_user)
    page = state.parent_state
    drain(page.load())
    drain(page.set_search("kochi"))  # every CV but Person 117
    page.toggle_select_all(True)
    assert page.select_all_label == "Select all 119 matching"
    page.select_all_matching()
    assert (page.selected_count, page.selected_ids, page.all_visible_selected) == (119, [], True)
    state.open_bulk_reject()
    drain(state.bulk_reject_cvs())  # 12 of them are selected already: the batch names them, nothing changes
    assert state.bulk_errors[0] == "Person 000: Candidate status is 'selected'. Cannot reject."
    assert len(state.bulk_errors) == 12

    drain(page.set_status_filter("pending"))  # a filter change ends "all matching"
    assert page.selected_count == 0
    page.select_all_matching()
    drain(state.bulk_reject_cvs())
    assert state.bulk_errors == [] and page.selected_count == 0
    db.expire_all()
    statuses = {cv.name: db.get(UserCvData, cv.id).status for cv in cvs}
    assert statuses["Person 010"] == CvStatus.SELECTED.value
    assert sum(status == CvStatus.REJECTED.value for status in statuses.values()) == 107
    assert statuses["Person 117"] == CvStatus.PENDING.value and page.status_counts["rejected"] == 107


def test_cvs_push_keeps_search_page_and_selection(make_state, db, org, hr_user):
    from hr_app.ui.states.cvs import CvsState

    cvs = _cvs(db, org)
    state = make_state(CvsState, hr_user)
    drain(state.load())
    drain(state.next_page())
    kept = state.page_rows[0].id
    state.toggle_select(kept, True)
    state.toggle_select(str(cvs[1].id), True)  # ticked on the first page, then deleted elsewhere
    cvs[60].status = CvStatus.REJECTED.value
    db.add(cvs[60])
    db.delete(cvs[1])
    db.commit()
    assert push_to(state, str(org.id))
    assert state.page == 1 and state.selected_ids == [kept]
    assert state.status_counts["rejected"] == 1 and state.total_count == ROWS - 1
    assert {row.name: row.status for row in state.page_rows}["Person 060"] == "rejected"


def test_interviews_page_filters_sorts_and_exports_every_row(make_state, db, org, hr_user):
    from hr_app.ui.states.interviews import InterviewsState

    ivy = create_user(db, org, role="interviewer", first_name="Ivy", last_name="Iyer")
    cvs = _cvs(db, org)
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    db.add_all(
        Interview(
            organization_id=org.id,
            candidate_id=cv.id,
            interviewer_id=ivy.id if number % 3 == 0 else None,
            scheduled_at=start + timedelta(hours=number),
            status="selected" if number % 10 == 0 else "pending",
        )
        for number, cv in enumerate(cvs)
    )
    db.commit()
    state = make_state(InterviewsState, hr_user)
    drain(state.load())
    sent = _client_vars(state)
    assert not {"_rows", "_shown"} & set(sent) and not hasattr(state, "_rows")  # no tab holds every row
    assert len(sent["page_rows"]) == PAGE_SIZE and state.row_total == ROWS
    assert state.page_rows[0].candidate_name == "Person 119"  # latest date first
    assert [(person.value, person.label) for person in state.interviewers] == [(str(ivy.id), "Ivy Iyer")]

    drain(state.toggle_sort())
    assert state.page_rows[0].candidate_name == "Person 000"
    drain(state.next_page())
    drain(state.next_page())
    assert state.page_label == "101\u2013120 of 120" and state.page_rows[-1].candidate_name == "Person 119"
    drain(state.next_page())  # past the end: stays on the last page
    assert state.page == 2

    drain(state.set_interviewer_filter(str(ivy.id)))
    assert (state.page, state.shown_total, len(state.page_rows)) == (0, 40, 40)
    drain(state.set_interviewer_filter("unassigned"))
    assert state.shown_total == 80
    drain(state.set_search("thrissur"))  # Person 117 is Ivy's
    assert state.page_rows == []
    drain(state.set_interviewer_filter("all"))
    assert [row.candidate_name for row in state.page_rows] == ["Person 117"]
    drain(state.set_search(""))
    drain(state.set_status_filter("pending"))
    assert state.shown_total == 108 and state.has_next_page

    download = str(drain(state.export_csv())[0])
    encoded = download.split("data:text/csv;base64,")[1].split('"')[0]
    lines = list(csv.reader(io.StringIO(base64.b64decode(encoded).decode())))
    assert len(lines) == 1 + 108  # the header and every filtered row, not just the page
    assert {line[6] for line in lines[1:]} == {"pending"}


def test_interviews_push_keeps_filters_sort_and_page(make_state, db, org, hr_user):
    from hr_app.ui.states.interviews import InterviewsState

    cvs = _cvs(db, org, 60)
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    interviews = [
        Interview(organization_id=org.id, candidate_id=cv.id, scheduled_at=start + timedelta(hours=n), status="pending")
        for n, cv in enumerate(cvs)
    ]
    db.add_all(interviews)
    db.commit()
    state = make_state(InterviewsState, hr_user)
    drain(state.load())
    drain(state.toggle_sort())
    drain(state.next_page())
    assert [row.candidate_name for row in state.page_rows][:1] == ["Person 050"]

    interviews[55].status = "selected"
    db.add(interviews[55])
    db.commit()
    assert push_to(state, str(org.id))
    assert (state.newest_first, state.page) == (False, 1)
    assert {row.candidate_name: row.status for row in state.page_rows}["Person 055"] == "selected"
    drain(state.set_status_filter("selected"))
    assert [row.candidate_name for row in state.page_rows] == ["Person 055"]


def test_interview_rows_carry_the_average_and_the_interviewer(make_state, db, org, hr_user, interviewer):
    from hr_app.ui.states.interviews import InterviewsState
    from tests.api.interview_support import make_interview
    from tests.factories import create_cv

    make_interview(db, org, cv=create_cv(db, org, name="Rated One"), interviewer=interviewer, appearance=8, knowledge=9)
    make_interview(db, org, cv=create_cv(db, org, name="Not Rated"))
    state = make_state(InterviewsState, hr_user)
    drain(state.load())
    rows = {row.candidate_name: row for row in state.page_rows}
    assert (rows["Rated One"].average, rows["Rated One"].has_evaluation) == ("8.5", True)
    assert rows["Rated One"].interviewer_name == interviewer.full_name
    assert (rows["Not Rated"].average, rows["Not Rated"].has_evaluation, rows["Not Rated"].interviewer_name) == (
        "",
        False,
        "",
    )
