"""The CVs page's "Search inside CVs": the service's ranked hits with their snippets, plain-words problems."""

from __future__ import annotations

from hr_app.ui.components.cv_text_search import CvTextSearchState
from tests.factories import create_cv, create_job_title
from tests.ui.conftest import drain


def test_ranked_hits_with_snippets_link_to_the_profiles(make_state, db, org, other_org, interviewer):
    nurse = create_job_title(db, org, "Nurse")
    anna = create_cv(db, org, name="Anna Python", place="Kochi", job_title=nurse)
    create_cv(db, org, name="Bob Stone", place="Kochi")
    create_cv(db, other_org, name="Anna Python", place="Kochi")
    state = make_state(CvTextSearchState, interviewer)
    state.set_text_query("anna kochi")
    drain(state.search_text())
    assert state.text_searched == "anna kochi" and state.text_error == ""
    assert [(hit.name, hit.job_title, hit.url) for hit in state.text_hits] == [
        ("Anna Python", "Nurse", f"/cvs/{anna.id}")
    ]
    assert "<mark>" in state.text_hits[0].snippet


def test_problems_are_said_in_plain_words(make_state, hr_user):
    state = make_state(CvTextSearchState, hr_user)
    state.set_text_query("--")
    drain(state.search_text())
    assert (state.text_error, state.text_hits, state.text_searched) == (
        "Type a word (letters or digits) to search for.",
        [],
        "",
    )
    state.set_text_query("a" * 201)
    drain(state.search_text())
    assert state.text_error == "Ensure this field has no more than 200 characters."
    state.set_text_query("nobody-has-this")
    drain(state.search_text())
    assert state.text_searched == "nobody-has-this" and state.text_hits == []
