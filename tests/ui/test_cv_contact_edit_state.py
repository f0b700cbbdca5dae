"""The profile's contact fields edited in place, as the state drives them: each save is the API's PATCH of the CV
(`cvs.update_cv`), a refusal is shown under the field and changes nothing, interviewers cannot edit, and another
open tab of the profile follows the change through its live push."""

from __future__ import annotations

from hr_app.models import UserCvData
from hr_app.ui.components.cv_contact_edit import CvContactEditState
from tests.factories import create_cv, create_job_title
from tests.ui.conftest import drain, push_to
from tests.ui.test_cv_profile_state import _upload


def _editor(make_state, user, cv) -> CvContactEditState:
    state = make_state(CvContactEditState, user)
    state.cv_id = str(cv.id)
    drain(state._read())
    return state


def _saved(db, cv) -> tuple[str, str, str, str, str, int | None]:
    db.expire_all()
    row = db.get(UserCvData, cv.id)
    return row.name, row.email, row.phone_number, row.place, row.district, row.job_title_id


def test_each_field_is_saved_with_the_apis_rules_and_a_refusal_changes_nothing(make_state, db, org, hr_user):
    first, title = create_job_title(db, org, name="Analyst"), create_job_title(db, org, name="Data engineer")
    create_cv(db, org, job_title=first, email="taken@example.org")
    cv = create_cv(
        db, org, job_title=first, name="Eda Edit", email="eda@example.org", phone_number="", place="Oulu", district=""
    )
    state = _editor(make_state, hr_user, cv)
    other_tab = _editor(make_state, hr_user, cv)

    drain(state.start_contact_edit("email"))
    assert state.editing_field == "email"
    for bad, problem in (
        ("not an address", "Enter a valid email address."),
        (" Taken@Example.org ", "A CV with this email already exists."),
        ("   ", "This field may not be blank."),
    ):
        drain(state.save_contact({"value": bad}))
        assert (state.contact_error, state.editing_field) == (problem, "email")
    assert _saved(db, cv) == ("Eda Edit", "eda@example.org", "", "Oulu", "", first.id)

    drain(state.save_contact({"value": "  Eda.New@Example.org "}))
    assert (state.contact_error, state.editing_field, state.contact["email"]) == ("", "", "eda.new@example.org")
    for field, value in (("phone_number", "+358 40 111 2222"), ("district", "Keskusta"), ("name", "Eda Edited")):
        drain(state.start_contact_edit(field))
        drain(state.save_contact({"value": value}))
    drain(state.start_contact_edit("job_title"))
    assert [(o.value, o.label) for o in state.job_title_options] == [
        (str(first.id), "Analyst"),
        (str(title.id), "Data engineer"),
    ]
    drain(state.choose_job_title(str(title.id)))
    assert (state.contact["job_title"], state.contact["location"], state.editing_field) == (
        "Data engineer",
        "Oulu, Keskusta",
        "",
    )
    assert _saved(db, cv) == ("Eda Edited", "eda.new@example.org", "+358 40 111 2222", "Oulu", "Keskusta", title.id)
    assert [row.action for row in state.activity] == ["updated"] * 5

    drain(state.start_contact_edit("place"))
    drain(state.save_contact({"value": " Oulu "}))  # unchanged: no write, no history line
    assert state.editing_field == "" and len(state.activity) == 5

    assert push_to(other_tab, str(org.id))  # the CVS push another tab of the profile gets
    assert (other_tab.contact["name"], other_tab.contact["job_title"]) == ("Eda Edited", "Data engineer")
    drain(state.start_contact_edit("job_title"))
    drain(state.choose_job_title("none"))
    assert state.contact["job_title"] == "" and _saved(db, cv)[5] is None


def test_interviewers_cannot_edit_and_a_forced_save_is_refused(make_state, db, org, interviewer):
    cv = create_cv(db, org, name="Ivo Intact", email="ivo@example.org")
    state = _editor(make_state, interviewer, cv)
    drain(state.start_contact_edit("name"))
    assert state.editing_field == ""
    drain(state.start_contact_edit("status"))  # not a contact field, whoever asks
    assert state.editing_field == ""
    state.editing_field = "name"
    [toast] = drain(state.save_contact({"value": "Someone Else"}))
    assert "permission" in str(toast).lower()
    assert state.contact["name"] == "Ivo Intact"
    assert _saved(db, cv)[:2] == ("Ivo Intact", "ivo@example.org")


def test_hr_confirms_the_email_and_phone_the_document_suggests(make_state, db, org, hr_user):
    taken = create_cv(db, org, email="ida.taken@example.org")
    cv = create_cv(db, org, name="Ida Imported", email="", phone_number="")  # as the ZIP import leaves it
    _upload(hr_user, cv.id, "ida.txt", b"Ida Imported\nida@example.org\nPhone +358 40 222 3333")
    state = _editor(make_state, hr_user, cv)
    assert (state.document["suggested_email"], state.document["suggested_phone"]) == (
        "ida@example.org",
        "+358 40 222 3333",
    )
    drain(state.use_suggestion("phone_number"))
    drain(state.use_suggestion("email"))
    assert (state.contact["email"], state.contact["phone_number"]) == ("ida@example.org", "+358 40 222 3333")
    assert (state.document["suggested_email"], state.document["suggested_phone"], state.editing_field) == ("", "", "")
    assert _saved(db, cv)[1:3] == ("ida@example.org", "+358 40 222 3333")

    other = create_cv(db, org, name="Ola Other", email="", phone_number="")
    _upload(hr_user, other.id, "ola.txt", taken.email.encode())
    state = _editor(make_state, hr_user, other)
    [toast] = drain(state.use_suggestion("email"))
    assert "A CV with this email already exists." in str(toast)
    assert (state.editing_field, state.contact_error, _saved(db, other)[1]) == ("", "", "")
