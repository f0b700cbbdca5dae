"""Voice notes: upload (checked by extension, content and size), stream back with Range, clean-up."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from hr_app.config import get_settings
from tests.api.interview_support import (
    IM,
    NOT_FOUND_INTERVIEW,
    UNAUTHORIZED,
    evaluation_row,
    m4a_bytes,
    make_interview,
    mp3_bytes,
    validation_error,
    wav_bytes,
)
from tests.factories import row_counts
from tests.object_storage import stored_files

INVALID = "Invalid evaluation data"
VOICE_NOT_FOUND = {
    "success": False,
    "message": "Voice note not found",
    "error": "NOT_FOUND",
    "details": "This interview has no voice note",
}


def _upload(client, interview_id, headers, name, content, method="POST", **fields):
    files = {"voice_note": (name, content, "application/octet-stream")}
    return client.request(method, f"{IM}/{interview_id}/evaluation/", headers=headers, files=files, data=fields)


def _voice_url(interview_id) -> str:
    return f"{IM}/{interview_id}/voice-note/"


class TestUpload:
    @pytest.mark.parametrize(
        ("name", "content", "content_type"),
        [
            ("note.wav", wav_bytes(), "audio/wav"),
            ("note.MP3", mp3_bytes(), "audio/mpeg"),
            ("n.m4a", m4a_bytes(), "audio/mp4"),
        ],
    )
    def test_audio_is_stored_and_streamed_back(self, client, db, org, auth_headers_hr, name, content, content_type):
        interview = make_interview(db, org)
        response = _upload(client, interview.id, auth_headers_hr, name, content, appearance="8")
        assert response.status_code == 201
        data = response.json()["data"]
        assert data["voice_note"] == _voice_url(interview.id) and data["appearance"] == 8
        row = evaluation_row(db, interview.id)
        assert row.voice_note_content_type == content_type
        [stored] = stored_files()
        assert stored.read_bytes() == content
        assert Path(name).stem not in stored.name  # a generated name, never the client's
        played = client.get(data["voice_note"], headers=auth_headers_hr)
        assert played.status_code == 200
        assert played.headers["content-type"] == content_type
        assert played.headers["accept-ranges"] == "bytes"
        assert played.content == content

    def test_a_voice_note_alone_counts_as_evaluation_data(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        assert _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes()).status_code == 201
        detail = client.get(f"{IM}/{interview.id}/", headers=auth_headers_hr).json()["data"]
        assert detail["evaluation"]["voice_note"] == _voice_url(interview.id)

    def test_range_request_gives_206_partial_content(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        content = wav_bytes()
        _upload(client, interview.id, auth_headers_hr, "a.wav", content)
        response = client.get(_voice_url(interview.id), headers={**auth_headers_hr, "Range": "bytes=100-199"})
        assert response.status_code == 206
        assert response.headers["content-range"] == f"bytes 100-199/{len(content)}"
        assert response.content == content[100:200]

    def test_replacing_deletes_the_old_file(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        [first] = stored_files()
        response = _upload(client, interview.id, auth_headers_hr, "b.mp3", mp3_bytes(), method="PATCH")
        assert response.status_code == 200
        assert response.json()["message"] == "Interview evaluation updated successfully"
        [second] = stored_files()
        assert second.key != first.key and second.key.endswith(".mp3")

    def test_null_voice_note_removes_it(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org, appearance=5)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        response = client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"voice_note": None})
        assert response.status_code == 200 and response.json()["data"]["voice_note"] is None
        assert stored_files() == [] and evaluation_row(db, interview.id).voice_note_file is None

    def test_put_without_a_file_removes_it(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        response = client.put(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"appearance": 4})
        assert response.json()["data"]["voice_note"] is None and stored_files() == []

    def test_deleting_the_interview_deletes_the_file(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        assert len(stored_files()) == 1
        assert client.delete(f"{IM}/{interview.id}/", headers=auth_headers_hr).status_code == 200
        assert stored_files() == []


class TestRefusedUploads:
    def _refused(self, client, db, org, headers, name, content, problem):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _upload(client, interview.id, headers, name, content, appearance="9")
        assert response.status_code == 400
        assert response.json() == validation_error({"voice_note": [problem]}, INVALID)
        assert row_counts(db) == before
        row = evaluation_row(db, interview.id)
        assert row.appearance is None and row.voice_note_file is None
        assert stored_files() == []

    def test_renamed_text_file(self, client, db, org, auth_headers_hr):
        self._refused(
            client,
            db,
            org,
            auth_headers_hr,
            "notes.mp3",
            b"just some text, honest",
            "The file content is not a valid mp3 audio file.",
        )

    def test_wav_content_under_an_m4a_name(self, client, db, org, auth_headers_hr):
        self._refused(
            client, db, org, auth_headers_hr, "a.m4a", wav_bytes(), "The file content is not a valid m4a audio file."
        )

    def test_other_extension(self, client, db, org, auth_headers_hr):
        self._refused(
            client,
            db,
            org,
            auth_headers_hr,
            "voice.ogg",
            b"OggS\x00",
            "Unsupported file type. Allowed types: mp3, wav, m4a.",
        )

    def test_empty_file(self, client, db, org, auth_headers_hr):
        self._refused(client, db, org, auth_headers_hr, "a.wav", b"", "The submitted file is empty.")

    def test_oversized_file_leaves_nothing_on_disk(self, client, db, org, auth_headers_hr, monkeypatch):
        monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
        too_big = wav_bytes(frames=(1024 * 1024) // 2 + 64)
        assert len(too_big) > 1024 * 1024
        self._refused(client, db, org, auth_headers_hr, "big.wav", too_big, "File too large. Maximum size is 1 MB.")

    def test_declared_length_far_over_the_limit_is_refused_before_reading(
        self, client, db, org, auth_headers_hr, monkeypatch
    ):
        monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
        too_big = wav_bytes(frames=1024 * 1024 + 64)  # about 2 MB: over the limit plus the form allowance
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _upload(client, interview.id, auth_headers_hr, "big.wav", too_big, appearance="9")
        assert response.status_code == 413  # by the body guard, before any of the body is read (issue 15)
        assert response.json() == {
            "success": False,
            "message": "Request body too large",
            "error": "PAYLOAD_TOO_LARGE",
            "details": "File too large. Maximum size is 1 MB.",
        }
        assert row_counts(db) == before
        assert evaluation_row(db, interview.id).voice_note_file is None and stored_files() == []

    def test_a_bad_field_stores_no_file(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        response = _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes(), appearance="11")
        assert response.json() == validation_error({"appearance": ["Rating must be between 0 and 10"]}, INVALID)
        assert stored_files() == []

    def test_a_failed_transaction_removes_the_new_file_and_keeps_the_old(
        self, client, db, org, auth_headers_hr, monkeypatch
    ):
        from hr_app.services import evaluations

        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        [kept] = stored_files()

        def fail(*_args, **_kwargs):
            raise RuntimeError("boom after the file was written")

        monkeypatch.setattr(evaluations, "_touch", fail)
        response = _upload(client, interview.id, auth_headers_hr, "b.wav", wav_bytes())
        assert response.status_code == 500 and response.json()["error"] == "INTERNAL_ERROR"
        assert stored_files() == [kept]


class TestStreamingAccess:
    def test_another_organization_gets_404(self, client, db, org, auth_headers_hr, auth_headers_outsider):
        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        response = client.get(_voice_url(interview.id), headers=auth_headers_outsider)
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    def test_without_token_is_401(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        response = client.get(_voice_url(interview.id))
        assert response.status_code == 401 and response.json() == UNAUTHORIZED

    def test_no_voice_note_is_404(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        response = client.get(_voice_url(interview.id), headers=auth_headers_hr)
        assert response.status_code == 404 and response.json() == VOICE_NOT_FOUND

    def test_unknown_interview_is_404(self, client, auth_headers_hr):
        response = client.get(_voice_url(uuid.uuid4()), headers=auth_headers_hr)
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    def test_upload_to_another_organizations_interview_is_404_and_stores_nothing(
        self, client, db, other_org, auth_headers_hr
    ):
        interview = make_interview(db, other_org)
        response = _upload(client, interview.id, auth_headers_hr, "a.wav", wav_bytes())
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
        assert stored_files() == []
