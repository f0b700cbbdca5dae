"""Each interviewer's own voice note on the interview page (issue 18, decision 128): the voice-note card records,
uploads, plays and removes the caller's own scorecard's note (the lead's for admin and hr who do not interview),
and the decision view plays each visible scorecard's note."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from hr_app.db import session_scope
from hr_app.models import AppUser, Recommendation, Role
from hr_app.schemas.interviews import scorecard_voice_note_url, voice_note_url
from hr_app.services import evaluations, interview_team
from hr_app.ui.components.interview_voice import VoiceNoteState
from tests.api.interview_support import mp3_bytes, wav_bytes
from tests.factories import create_user, row_counts
from tests.object_storage import stored_files
from tests.ui.conftest import drain
from tests.ui.test_decision_view_state import _score
from tests.ui.test_scorecard_form_state import _card, _open
from tests.ui.test_scorecard_page_state import _interview


class rx_file:  # lower case: it reads as the call it stands for
    """What the upload handler reads of an rx.UploadFile: a seekable file and the browser's file name."""

    def __init__(self, name: str, content: bytes) -> None:
        self.file, self.filename = io.BytesIO(content), name


def _team(db, org, hr_user, lead) -> tuple[str, AppUser]:
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    interview_id = _interview(db, org, hr_user, lead, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        interview_team.set_interviewers(
            session, actor=session.get(AppUser, hr_user.id), interview_id=interview_id, interviewer_ids=[ben.id]
        )
    return interview_id, ben


def _page(make_state, user, interview_id) -> VoiceNoteState:
    state = make_state(VoiceNoteState, user)
    state.interview_id = interview_id
    drain(state._read())
    return state


def _record(interview_id: str, user: AppUser, name: str, content: bytes) -> None:
    upload = evaluations.AudioUpload(file=io.BytesIO(content), filename=name)
    with session_scope() as session:
        actor = session.get(AppUser, user.id)
        evaluations.save_evaluation(session, actor=actor, interview_id=interview_id, data={}, voice_note=upload)


def test_a_co_interviewer_uploads_hears_and_removes_their_own(make_state, db, org, hr_user, interviewer):
    interview_id, ben = _team(db, org, hr_user, interviewer)
    _record(interview_id, interviewer, "lead.wav", wav_bytes())
    page = _page(make_state, ben, interview_id)
    assert not page.has_voice_note and page.voice_url == ""  # the lead's note is not Ben's
    drain(page.upload_voice([rx_file("ben.mp3", mp3_bytes())]))
    ben_card = _card(interview_id, ben)
    assert ben_card is not None and ben_card.voice_note_file
    assert page.voice_error == "" and page.has_voice_note
    assert page.voice_url == scorecard_voice_note_url(uuid.UUID(interview_id), ben_card.id)
    lead_card = _card(interview_id, interviewer)
    assert lead_card is not None and lead_card.voice_note_file and lead_card.voice_note_file != ben_card.voice_note_file
    drain(page.remove_voice_note())
    assert not page.has_voice_note and page.voice_url == ""
    left = _card(interview_id, ben)
    assert left is None or left.voice_note_file is None
    assert [stored.key for stored in stored_files()] == [lead_card.voice_note_file]  # the lead's stays


def test_the_lead_and_hr_hear_the_leads_from_the_spec_route(make_state, db, org, hr_user, interviewer):
    interview_id, ben = _team(db, org, hr_user, interviewer)
    _record(interview_id, interviewer, "lead.wav", wav_bytes())
    _record(interview_id, ben, "ben.mp3", mp3_bytes())
    for user in (interviewer, hr_user):
        page = _page(make_state, user, interview_id)
        assert page.has_voice_note and page.voice_url == voice_note_url(uuid.UUID(interview_id))
    ben_page = _page(make_state, ben, interview_id)
    ben_card = _card(interview_id, ben)
    assert ben_card is not None and ben_page.voice_url == scorecard_voice_note_url(uuid.UUID(interview_id), ben_card.id)


def test_a_refused_upload_changes_nothing(make_state, db, org, hr_user, interviewer):
    interview_id, _ = _team(db, org, hr_user, interviewer)
    outsider = create_user(db, org, role=Role.INTERVIEWER, first_name="Cat")
    page = _page(make_state, outsider, interview_id)
    before = row_counts(db)
    drain(page.upload_voice([rx_file("cat.wav", wav_bytes())]))
    assert row_counts(db) == before and stored_files() == [] and not page.has_voice_note


def test_the_decision_view_plays_each_visible_scorecards_note(make_state, db, org, hr_user, interviewer):
    interview_id, ben = _team(db, org, hr_user, interviewer)
    _record(interview_id, interviewer, "lead.wav", wav_bytes())
    _record(interview_id, ben, "ben.mp3", mp3_bytes())
    _score(interview_id, interviewer, 8, Recommendation.YES)
    blind = _open(make_state, ben, interview_id)  # Ben has not submitted: no column, no player
    assert blind.dc_columns == [] and not blind.dc_has_voice
    _score(interview_id, ben, 7, Recommendation.YES)
    page = _open(make_state, hr_user, interview_id)
    cards = [_card(interview_id, user) for user in (interviewer, ben)]
    urls = [scorecard_voice_note_url(uuid.UUID(interview_id), card.id) for card in cards if card]
    assert page.dc_has_voice and [column.voice_url for column in page.dc_columns] == urls
    column = page.dc_columns[1]
    [script] = drain(page.load_decision_voice(column.voice_url, column.voice_player))
    assert urls[1] in str(script) and column.voice_player in str(script)
    assert drain(page.load_decision_voice("/api/elsewhere/", column.voice_player)) == []  # only its own URLs
