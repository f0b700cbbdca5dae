"""What the API wrote is still there after the server stops and starts again."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.api.interview_support import wav_bytes
from tests.e2e.conftest import _free_port, launch_server, start_server, stop_server
from tests.factories import auth_header, create_cv

pytestmark = pytest.mark.e2e

IM = "/api/interview-management"


def test_data_survives_a_restart(database, db, org, hr_user):
    workdir = Path(tempfile.mkdtemp(prefix="hr_app_restart_"))
    port = _free_port()
    headers = auth_header(hr_user)
    cv = create_cv(db, org, name="Durable Dora")
    server = start_server(workdir, port)
    try:
        with httpx.Client(base_url=server.url, headers=headers, timeout=20) as client:
            started = client.post(
                f"{IM}/start-interview/", json={"candidate_id": str(cv.id), "scheduled_at": "2025-11-15T10:00:00Z"}
            )
            interview_id = started.json()["data"]["id"]
            saved = client.post(
                f"{IM}/{interview_id}/evaluation/",
                data={"appearance": "8", "knowledge": "9", "remark": "Keeps her notes"},
                files={"voice_note": ("dora.wav", wav_bytes(), "audio/wav")},
            )
            assert saved.status_code == 201, saved.text
            before = client.get(f"{IM}/{interview_id}/").json()
        stop_server(server)

        server = launch_server(workdir, port)
        with httpx.Client(base_url=server.url, headers=headers, timeout=20) as client:
            after = client.get(f"{IM}/{interview_id}/").json()
            played = client.get(f"{IM}/{interview_id}/voice-note/")
        assert after == before
        assert after["data"]["evaluation"]["remark"] == "Keeps her notes"
        assert after["data"]["candidate"]["interview_status"] == "ongoing"
        assert played.status_code == 200
        assert played.content == wav_bytes()
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
