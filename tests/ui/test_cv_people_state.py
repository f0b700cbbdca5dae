"""The profile's tags, source and notes as the state drives them: every change goes through the services and
re-reads the profile; a refusal shows next to its field and changes nothing; only the author edits a note."""

from __future__ import annotations

from hr_app.ui.components.cv_people import CvPeopleState
from tests.factories import create_cv
from tests.ui.conftest import drain


def _people(make_state, user, cv) -> CvPeopleState:
    state = make_state(CvPeopleState, user)
    state.cv_id = str(cv.id)
    drain(state._read())
    return state


def test_tags_and_source_are_changed_and_a_bad_tag_is_shown_next_to_its_field(make_state, db, org, hr_user):
    cv = create_cv(db, org)
    state = _people(make_state, hr_user, cv)
    assert (state.tags, state.source, state.notes) == ([], "", [])
    drain(state.add_tag({"tag": "  Python "}))
    drain(state.add_tag({"tag": "remote"}))
    assert (state.tags, state.tag_error, state.tag_choices) == (["Python", "remote"], "", ["Python", "remote"])
    drain(state.add_tag({"tag": "x" * 41}))
    assert state.tag_error == "Ensure this field has no more than 40 characters."
    assert state.tags == ["Python", "remote"]
    drain(state.remove_tag("Python"))
    drain(state.choose_source("agency"))
    assert (state.tags, state.source, state.tag_error) == (["remote"], "agency", "")
    drain(state.choose_source("unknown"))
    assert state.source == ""
    assert [row.action for row in state.activity][:2] == ["updated", "updated"]


def test_notes_are_added_edited_by_their_author_and_deleted(make_state, db, org, hr_user, interviewer, admin):
    cv = create_cv(db, org)
    mine = _people(make_state, interviewer, cv)
    drain(mine.add_note({"text": "   "}))
    assert (mine.note_error, mine.notes) == ("This field may not be blank.", [])
    drain(mine.add_note({"text": "Calm and precise"}))
    [row] = mine.notes
    assert (row.text, row.author, row.mine, row.deletable, mine.note_error) == (
        "Calm and precise",
        "Ivy Iyer",
        True,
        True,
        "",
    )
    drain(mine.start_edit(row.id))
    drain(mine.save_edit({"text": "Very calm"}))
    assert (mine.notes[0].text, mine.notes[0].edited, mine.editing_note_id) == ("Very calm", True, "")

    hr_view, admin_view = _people(make_state, hr_user, cv), _people(make_state, admin, cv)
    assert (hr_view.notes[0].mine, hr_view.notes[0].deletable) == (False, False)
    assert (admin_view.notes[0].mine, admin_view.notes[0].deletable) == (False, True)
    drain(admin_view.ask_delete(row.id))
    assert admin_view.delete_open
    drain(admin_view.delete_note())
    assert (admin_view.notes, admin_view.delete_open) == ([], False)
    assert admin_view.activity[0].action == "note deleted"
