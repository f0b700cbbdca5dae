"""Tags, source and private notes on a CV in the service layer (issue 17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.kit.limits import CV_TAGS_MAX
from hr_app.models import AuditEntry, CvNote, CvSource, CvTag, Role
from hr_app.services import cv_people
from tests.factories import create_cv, create_user, row_counts


def _tags(db: Session, org) -> list[tuple[str, str]]:
    db.expire_all()
    return sorted((tag.name, tag.key) for tag in db.exec(select(CvTag).where(CvTag.organization_id == org.id)))


def _trail(db: Session, cv) -> list[tuple[str, dict | None, dict | None]]:
    db.expire_all()
    entries = db.exec(select(AuditEntry).where(AuditEntry.object_id == str(cv.id)).order_by(AuditEntry.id)).all()
    return [(entry.action, entry.before, entry.after) for entry in entries]


def test_tags_are_trimmed_deduplicated_and_reused_whatever_their_case(db, org, hr_user):
    anna, bob = create_cv(db, org, name="Anna"), create_cv(db, org, name="Bob")
    first = cv_people.set_tags(db, actor=hr_user, cv_id=anna.id, tags=["  Python ", "remote   ok", "PYTHON"])
    db.commit()
    assert first.tags == ["Python", "remote ok"]
    second = cv_people.set_tags(db, actor=hr_user, cv_id=bob.id, tags=["python", "Senior"])
    db.commit()
    assert second.tags == ["Python", "Senior"]  # the organization's spelling is kept
    assert _tags(db, org) == [("Python", "python"), ("Senior", "senior"), ("remote ok", "remote ok")]
    cleared = cv_people.set_tags(db, actor=hr_user, cv_id=anna.id, tags=[])
    db.commit()
    assert cleared.tags == [] and cv_people.tags_of(db, [anna.id, bob.id]) == {bob.id: ["Python", "Senior"]}
    assert [action for action, *_ in _trail(db, anna)] == ["tags changed", "tags changed"]
    assert _trail(db, anna)[-1][1:] == ({"tags": ["Python", "remote ok"]}, {"tags": []})


@pytest.mark.parametrize(
    ("tags", "errors"),
    [
        ("python", {"tags": ["Expected a list of items."]}),
        (["ok", " "], {"tags.1": ["This field may not be blank."]}),
        (["ok", 7], {"tags.1": ["Not a valid string."]}),
        (["x" * 41], {"tags.0": ["Ensure this field has no more than 40 characters."]}),
        ([f"t{n}" for n in range(CV_TAGS_MAX + 1)], {"tags": ["Ensure this field has no more than 20 elements."]}),
    ],
)
def test_bad_tags_are_refused_and_nothing_changes(db, org, hr_user, tags, errors):
    cv = create_cv(db, org)
    cv_people.set_tags(db, actor=hr_user, cv_id=cv.id, tags=["kept"])
    db.commit()
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        cv_people.set_tags(db, actor=hr_user, cv_id=cv.id, tags=tags)
    db.rollback()
    assert refused.value.details == errors
    assert row_counts(db) == before and cv_people.tags_of(db, [cv.id]) == {cv.id: ["kept"]}


def test_twenty_tags_are_allowed_when_duplicates_fold_into_them(db, org, hr_user):
    cv = create_cv(db, org)
    tags = [f"t{n}" for n in range(CV_TAGS_MAX)] + ["T0"]
    assert len(cv_people.set_tags(db, actor=hr_user, cv_id=cv.id, tags=tags).tags) == CV_TAGS_MAX


def test_source_is_set_cleared_and_checked(db, org, admin):
    cv = create_cv(db, org)
    assert cv_people.labels(db, actor=admin, cv_id=cv.id).source is None
    assert cv_people.set_source(db, actor=admin, cv_id=cv.id, source="referral").source is CvSource.REFERRAL
    db.commit()
    with pytest.raises(Invalid) as refused:
        cv_people.set_source(db, actor=admin, cv_id=cv.id, source="walk_in")
    assert refused.value.details == {"source": ['"walk_in" is not a valid choice.']}
    db.rollback()
    assert cv_people.set_source(db, actor=admin, cv_id=cv.id, source=None).source is None
    db.commit()
    assert [entry[1:] for entry in _trail(db, cv)] == [
        ({"source": None}, {"source": "referral"}),
        ({"source": "referral"}, {"source": None}),
    ]


def test_interviewers_read_labels_but_do_not_set_them_and_other_organizations_see_nothing(
    db, org, interviewer, outsider
):
    cv = create_cv(db, org)
    assert cv_people.labels(db, actor=interviewer, cv_id=cv.id).tags == []
    with pytest.raises(Forbidden):
        cv_people.set_tags(db, actor=interviewer, cv_id=cv.id, tags=["x"])
    with pytest.raises(Forbidden):
        cv_people.set_source(db, actor=interviewer, cv_id=cv.id, source="agency")
    for call in (
        lambda: cv_people.labels(db, actor=outsider, cv_id=cv.id),
        lambda: cv_people.set_tags(db, actor=outsider, cv_id=cv.id, tags=["x"]),
        lambda: cv_people.list_notes(db, actor=outsider, cv_id=cv.id),
        lambda: cv_people.add_note(db, actor=outsider, cv_id=cv.id, text="hello"),
    ):
        with pytest.raises(NotFound):
            call()


def test_notes_newest_first_only_the_author_edits_author_or_admin_deletes(db, org, hr_user, interviewer, admin):
    cv = create_cv(db, org)
    first = cv_people.add_note(db, actor=interviewer, cv_id=cv.id, text="  Calm under pressure  ")
    first.note.created_at -= timedelta(minutes=5)
    second = cv_people.add_note(db, actor=hr_user, cv_id=cv.id, text="Wants to relocate")
    db.commit()
    notes = cv_people.list_notes(db, actor=admin, cv_id=cv.id)
    assert [(r.note.body, r.author_name) for r in notes] == [
        ("Wants to relocate", "Jane Smith"),
        ("Calm under pressure", "Ivy Iyer"),
    ]
    for actor in (hr_user, admin):
        with pytest.raises(Forbidden, match="permission"):
            cv_people.edit_note(db, actor=actor, cv_id=cv.id, note_id=first.note.id, text="Rewritten")
    with pytest.raises(Forbidden):
        cv_people.delete_note(db, actor=hr_user, cv_id=cv.id, note_id=first.note.id)
    edited = cv_people.edit_note(db, actor=interviewer, cv_id=cv.id, note_id=first.note.id, text="Very calm")
    assert edited.note.body == "Very calm" and edited.note.updated_at > edited.note.created_at
    cv_people.delete_note(db, actor=admin, cv_id=cv.id, note_id=first.note.id)
    cv_people.delete_note(db, actor=hr_user, cv_id=cv.id, note_id=second.note.id)
    db.commit()
    assert db.exec(select(CvNote)).all() == []
    assert [(action, before["text"], after) for action, before, after in _trail(db, cv)] == [
        (
            "note edited",
            "Calm under pressure",
            {"note": str(first.note.id), "author_id": interviewer.id, "text": "Very calm"},
        ),
        ("note deleted", "Very calm", None),
        ("note deleted", "Wants to relocate", None),
    ]


def test_a_note_of_another_cv_or_an_unknown_id_is_not_found(db, org, hr_user):
    cv, other = create_cv(db, org), create_cv(db, org)
    note = cv_people.add_note(db, actor=hr_user, cv_id=other.id, text="On the other CV").note
    db.commit()
    for note_id in (note.id, "not-a-uuid"):
        with pytest.raises(NotFound):
            cv_people.edit_note(db, actor=hr_user, cv_id=cv.id, note_id=note_id, text="x")
        with pytest.raises(NotFound):
            cv_people.delete_note(db, actor=hr_user, cv_id=cv.id, note_id=note_id)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (None, "This field is required."),
        ("   ", "This field may not be blank."),
        (5, "Not a valid string."),
        ("x" * 5001, "Ensure this field has no more than 5000 characters."),
    ],
)
def test_a_bad_note_is_refused_and_nothing_changes(db, org, hr_user, body, problem):
    cv = create_cv(db, org)
    note = cv_people.add_note(db, actor=hr_user, cv_id=cv.id, text="kept").note
    db.commit()
    before = row_counts(db)
    for call in (
        lambda: cv_people.add_note(db, actor=hr_user, cv_id=cv.id, text=body),
        lambda: cv_people.edit_note(db, actor=hr_user, cv_id=cv.id, note_id=note.id, text=body),
    ):
        with pytest.raises(Invalid) as refused:
            call()
        assert refused.value.details == {"text": [problem]}
    db.rollback()
    assert row_counts(db) == before and db.get(CvNote, note.id).body == "kept"


def test_a_note_outlives_its_authors_account(db, org, hr_user):
    author = create_user(db, org, role=Role.HR)
    cv = create_cv(db, org)
    cv_people.add_note(db, actor=author, cv_id=cv.id, text="Left the company later")
    db.commit()
    db.delete(author)
    db.commit()
    assert [r.author_name for r in cv_people.list_notes(db, actor=hr_user, cv_id=cv.id)] == [None]


def test_a_tag_created_meanwhile_by_another_request_is_reused(db, org, hr_user, monkeypatch):
    """The race two first uses of a new name run: the lookup misses, the insert meets the unique key, and the
    savepoint's rollback leaves the rest of the change to go on with the tag the other request made."""
    anna, bob = create_cv(db, org, name="Anna"), create_cv(db, org, name="Bob")
    cv_people.set_tags(db, actor=hr_user, cv_id=anna.id, tags=["Kotlin"])
    db.commit()
    looked_up = cv_people._tags_by_key
    misses = iter([True])
    monkeypatch.setattr(
        cv_people,
        "_tags_by_key",
        lambda session, org_id, keys: {} if next(misses, False) else looked_up(session, org_id, keys),
    )
    assert cv_people.set_tags(db, actor=hr_user, cv_id=bob.id, tags=["kotlin", "Scala"]).tags == ["Kotlin", "Scala"]
    db.commit()
    assert _tags(db, org) == [("Kotlin", "kotlin"), ("Scala", "scala")]
