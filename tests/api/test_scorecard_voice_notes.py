"""Issue 18: each interviewer's own voice note. Beyond the spec, every scorecard in `GET .../scorecards/` carries
its own voice-note URL, served by `GET .../scorecards/{scorecard_id}/voice-note/` under the blind rule; the spec's
`GET .../voice-note/` stays the lead's scorecard's."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session, select

from hr_app.models import Evaluation, ScorecardStatus
from tests.api.interview_support import (
    IM,
    NOT_FOUND_INTERVIEW,
    make_interview,
    make_team_interview,
    mp3_bytes,
    wav_bytes,
)
from tests.factories import auth_header, row_counts
from tests.object_storage import stored_files

SCORECARD_NOT_FOUND = {
    "success": False,
    "message": "Scorecard not found",
    "error": "NOT_FOUND",
    "details": "This interview has no such scorecard",
}
NO_SCORECARD_NOTE = {
    "success": False,
    "message": "Voice note not found",
    "error": "NOT_FOUND",
    "details": "This scorecard has no voice note",
}
NO_SPEC_NOTE = {
    "success": False,
    "message": "Voice note not found",
    "error": "NOT_FOUND",
    "details": "This interview has no voice note",
}
ANN_NOTE, BEN_NOTE = wav_bytes(4000), mp3_bytes()


@pytest.fixture
def team(db: Session, org):
    """Ann leads, Ben interviews too, Cat is an interviewer of the organization who is not on this one."""
    return make_team_interview(db, org, "Ann", "Ben", "Cat")


def _upload(client, interview, user, name: str, content: bytes):
    files = {"voice_note": (name, content, "application/octet-stream")}
    return client.post(f"{IM}/{interview.id}/evaluation/", headers=auth_header(user), files=files)


def _card(db: Session, interview, user) -> Evaluation:
    db.expire_all()
    return db.exec(
        select(Evaluation).where(Evaluation.interview_id == interview.id, Evaluation.interviewer_id == user.id)
    ).one()


def _submit(db: Session, interview, user) -> None:
    card = _card(db, interview, user)
    card.status = ScorecardStatus.SUBMITTED
    db.add(card)
    db.commit()


def _url(interview, card: Evaluation) -> str:
    return f"{IM}/{interview.id}/scorecards/{card.id}/voice-note/"


def _listed(client, interview, user) -> dict[str, str | None]:
    """Author's first name -> the voice-note URL of each scorecard the caller sees."""
    response = client.get(f"{IM}/{interview.id}/scorecards/", headers=auth_header(user))
    assert response.status_code == 200, response.text
    return {
        card["interviewer"]["name"].split()[0]: card["voice_note"] for card in response.json()["data"]["scorecards"]
    }


@pytest.fixture
def both_recorded(client, db, team):
    interview, ann, ben, _ = team
    assert _upload(client, interview, ann, "ann.wav", ANN_NOTE).status_code == 201
    answer = _upload(client, interview, ben, "ben.mp3", BEN_NOTE)
    assert answer.status_code == 201, answer.text
    # The spec's answer shows the scorecard written (Ben's own), with the spec's URL as before.
    assert answer.json()["data"]["voice_note"] == f"{IM}/{interview.id}/voice-note/"
    return _card(db, interview, ann), _card(db, interview, ben)


def test_a_co_interviewers_note_is_their_own(client, db, team, both_recorded, hr_user):
    interview, _, ben, _ = team
    ann_card, ben_card = both_recorded
    assert ann_card.voice_note_file != ben_card.voice_note_file and len(stored_files()) == 2
    assert _listed(client, interview, ben) == {"Ben": _url(interview, ben_card)}  # blind: Ann's hidden
    played = client.get(_url(interview, ben_card), headers=auth_header(ben))
    assert played.status_code == 200 and played.content == BEN_NOTE
    assert played.headers["content-type"] == "audio/mpeg"
    # hr sees both, each with its own note
    assert _listed(client, interview, hr_user) == {"Ann": _url(interview, ann_card), "Ben": _url(interview, ben_card)}
    assert client.get(_url(interview, ann_card), headers=auth_header(hr_user)).content == ANN_NOTE
    assert client.get(_url(interview, ben_card), headers=auth_header(hr_user)).content == BEN_NOTE


def test_the_spec_route_stays_the_leads(client, db, team, both_recorded, hr_user):
    interview, ann, ben, _ = team
    for user in (ann, hr_user):
        played = client.get(f"{IM}/{interview.id}/voice-note/", headers=auth_header(user))
        assert played.status_code == 200 and played.content == ANN_NOTE
    # Ben may not see the lead's scorecard yet (blind), so the spec's route has no note for him, as GET /{id}/ says.
    refused = client.get(f"{IM}/{interview.id}/voice-note/", headers=auth_header(ben))
    assert refused.status_code == 404 and refused.json() == NO_SPEC_NOTE
    detail = client.get(f"{IM}/{interview.id}/", headers=auth_header(hr_user)).json()["data"]
    assert detail["evaluation"]["voice_note"] == f"{IM}/{interview.id}/voice-note/"


def test_only_a_co_interviewer_recorded_the_spec_route_has_none(client, db, team, hr_user):
    interview, _, ben, _ = team
    assert _upload(client, interview, ben, "ben.mp3", BEN_NOTE).status_code == 201
    refused = client.get(f"{IM}/{interview.id}/voice-note/", headers=auth_header(hr_user))
    assert refused.status_code == 404 and refused.json() == NO_SPEC_NOTE
    played = client.get(_url(interview, _card(db, interview, ben)), headers=auth_header(hr_user))
    assert played.status_code == 200 and played.content == BEN_NOTE


def test_blind_until_the_caller_submitted(client, db, org, team, both_recorded):
    interview, ann, ben, cat = team
    ann_card, ben_card = both_recorded
    before, files = row_counts(db), stored_files()
    for user, card in ((ann, ben_card), (ben, ann_card), (cat, ann_card), (cat, ben_card)):
        refused = client.get(_url(interview, card), headers=auth_header(user))
        assert refused.status_code == 404 and refused.json() == SCORECARD_NOT_FOUND, user.first_name
    assert _listed(client, interview, cat) == {}
    assert row_counts(db) == before and stored_files() == files  # a refused read changes nothing
    _submit(db, interview, ann)
    assert client.get(_url(interview, ben_card), headers=auth_header(ann)).content == BEN_NOTE
    assert set(_listed(client, interview, ann)) == {"Ann", "Ben"}
    assert client.get(_url(interview, ann_card), headers=auth_header(ben)).status_code == 404  # Ben has not
    org.blind_scorecards = False
    db.add(org)
    db.commit()
    assert client.get(_url(interview, ann_card), headers=auth_header(cat)).content == ANN_NOTE


def test_admin_sees_every_note(client, db, team, both_recorded, admin):
    interview, *_ = team
    for card, content in zip(both_recorded, (ANN_NOTE, BEN_NOTE), strict=True):
        assert client.get(_url(interview, card), headers=auth_header(admin)).content == content


def test_range_and_headers_as_the_spec_route(client, db, team, both_recorded, hr_user):
    interview, *_ = team
    _, ben_card = both_recorded
    response = client.get(_url(interview, ben_card), headers={**auth_header(hr_user), "Range": "bytes=10-19"})
    assert response.status_code == 206 and response.content == BEN_NOTE[10:20]
    assert response.headers["content-range"] == f"bytes 10-19/{len(BEN_NOTE)}"
    spec = client.get(f"{IM}/{interview.id}/voice-note/", headers={**auth_header(hr_user), "Range": "bytes=10-19"})
    for header in ("accept-ranges", "cache-control", "x-content-type-options"):
        assert response.headers[header] == spec.headers[header], header
    assert response.headers["content-disposition"] == 'inline; filename="voice-note.mp3"'
    past_end = client.get(_url(interview, ben_card), headers={**auth_header(hr_user), "Range": "bytes=99999-"})
    assert past_end.status_code == 416 and past_end.headers["content-range"] == f"bytes */{len(BEN_NOTE)}"


def test_unknown_other_interviews_and_other_organizations_are_404(
    client, db, org, team, both_recorded, hr_user, auth_headers_outsider
):
    interview, ann, *_ = team
    ann_card, _ = both_recorded
    other = make_interview(db, org, interviewer=ann)
    for wrong in (str(uuid.uuid4()), "not-a-uuid", "mine"):
        refused = client.get(f"{IM}/{interview.id}/scorecards/{wrong}/voice-note/", headers=auth_header(hr_user))
        assert refused.status_code == 404 and refused.json() == SCORECARD_NOT_FOUND, wrong
    crossed = client.get(f"{IM}/{other.id}/scorecards/{ann_card.id}/voice-note/", headers=auth_header(hr_user))
    assert crossed.status_code == 404 and crossed.json() == SCORECARD_NOT_FOUND
    outsider = client.get(_url(interview, ann_card), headers=auth_headers_outsider)
    assert outsider.status_code == 404 and outsider.json() == NOT_FOUND_INTERVIEW


def test_a_scorecard_without_a_note(client, db, team, hr_user):
    interview, ann, *_ = team
    assert client.post(f"{IM}/{interview.id}/evaluation/", headers=auth_header(ann), json={"knowledge": 7}).is_success
    card = _card(db, interview, ann)
    assert _listed(client, interview, hr_user) == {"Ann": None}
    refused = client.get(_url(interview, card), headers=auth_header(hr_user))
    assert refused.status_code == 404 and refused.json() == NO_SCORECARD_NOTE


def test_removing_ones_own_note_leaves_the_others(client, db, team, both_recorded, hr_user):
    interview, _, ben, _ = team
    ann_card, _ = both_recorded
    removed = client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_header(ben), json={"voice_note": None})
    assert removed.status_code == 200 and removed.json()["data"]["voice_note"] is None
    assert _card(db, interview, ben).voice_note_file is None
    assert [stored.key for stored in stored_files()] == [ann_card.voice_note_file]
    assert _listed(client, interview, hr_user) == {"Ann": _url(interview, ann_card)}  # nothing left on Ben's


def test_a_refused_upload_changes_nobodys_note(client, db, team, both_recorded):
    interview, _, _, cat = team
    before, files = row_counts(db), stored_files()
    refused = _upload(client, interview, cat, "cat.wav", wav_bytes())
    assert refused.status_code == 403
    assert row_counts(db) == before and stored_files() == files
