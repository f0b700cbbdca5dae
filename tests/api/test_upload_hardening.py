"""Hostile voice-note uploads: path tricks in the name, every refusal keeps the old voice note intact."""

from __future__ import annotations

import pytest

from tests.api.interview_support import IM, evaluation_row, make_interview, mp3_bytes, validation_error, wav_bytes
from tests.api.test_voice_note import _upload
from tests.factories import row_counts
from tests.object_storage import stored_files

INVALID = "Invalid evaluation data"


@pytest.fixture
def interview_with_note(client, db, org, auth_headers_hr):
    interview = make_interview(db, org)
    saved = _upload(client, interview.id, auth_headers_hr, "first.wav", wav_bytes(), appearance="7")
    assert saved.status_code == 201
    return interview


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("../../etc/evil.wav", wav_bytes(), "Invalid file name."),
        ("..\\evil.wav", wav_bytes(), "Invalid file name."),
        ("evil\x00.wav", wav_bytes(), "Invalid file name."),  # httpx sends it as evil%00.wav
        (".hidden.wav", wav_bytes(), "Invalid file name."),
        ("notes.txt", b"plain text", "Unsupported file type. Allowed types: mp3, wav, m4a."),
        ("fake.mp3", b"<?php echo 1; ?>", "The file content is not a valid mp3 audio file."),
        ("empty.wav", b"", "The submitted file is empty."),
    ],
)
def test_refused_upload_keeps_the_previous_voice_note(
    client, db, org, auth_headers_hr, interview_with_note, name, content, problem
):
    interview = interview_with_note
    old_row = evaluation_row(db, interview.id)
    old_file, old_bytes = old_row.voice_note_file, wav_bytes()
    files_before, rows_before = stored_files(), row_counts(db)

    response = _upload(client, interview.id, auth_headers_hr, name, content, appearance="1")

    assert response.status_code == 400
    assert response.json() == validation_error({"voice_note": [problem]}, INVALID)
    assert stored_files() == files_before
    assert row_counts(db) == rows_before
    row = evaluation_row(db, interview.id)
    assert (row.voice_note_file, row.appearance) == (old_file, 7)
    played = client.get(f"{IM}/{interview.id}/voice-note/", headers=auth_headers_hr)
    assert played.status_code == 200
    assert played.content == old_bytes


def test_oversized_upload_stops_reading_past_the_limit(client, db, org, auth_headers_hr, interview_with_note):
    from hr_app.config import get_settings

    limit = get_settings().max_upload_bytes
    files_before = stored_files()
    response = _upload(client, interview_with_note.id, auth_headers_hr, "big.mp3", mp3_bytes() + b"\x00" * (limit + 1))
    assert response.status_code == 400
    assert response.json()["details"] == {"voice_note": [f"File too large. Maximum size is {limit // 1048576} MB."]}
    assert stored_files() == files_before


def test_raw_nul_byte_in_the_multipart_file_name(client, db, org, auth_headers_hr, interview_with_note):
    boundary = "hr-app-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="voice_note"; filename="evil\x00.wav"\r\n'
            f"Content-Type: audio/wav\r\n\r\n"
        ).encode()
        + wav_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    files_before = stored_files()
    response = client.post(
        f"{IM}/{interview_with_note.id}/evaluation/",
        content=body,
        headers={**auth_headers_hr, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"voice_note": ["Invalid file name."]}
    assert stored_files() == files_before
