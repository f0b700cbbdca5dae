"""The one storage module: save under a generated name, read byte ranges, size, delete; files of earlier
releases keep working (a voice note written before the storage module existed still plays)."""

from __future__ import annotations

import io
import uuid

import pytest

from hr_app import storage
from hr_app.config import get_settings
from hr_app.storage import LocalStorage
from tests.api.interview_support import IM, make_interview, wav_bytes

CONTENT = bytes(range(256)) * 1000  # 256,000 bytes: several chunks


@pytest.fixture
def backend() -> LocalStorage:
    return LocalStorage(get_settings().upload_dir)


def _files() -> list[str]:
    root = get_settings().upload_dir
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_save_read_size_delete(backend):
    stored = backend.save(storage.chunks_of(io.BytesIO(CONTENT)), folder="things", suffix=".bin", max_bytes=10**6)
    assert stored.size == len(CONTENT)
    assert stored.name.startswith("things/") and stored.name.endswith(".bin")
    assert _files() == [stored.name]
    assert backend.size(stored.name) == len(CONTENT)
    assert b"".join(backend.read(stored.name)) == CONTENT
    assert b"".join(backend.read(stored.name, 70_000, 140_000)) == CONTENT[70_000:140_001]
    assert b"".join(backend.read(stored.name, len(CONTENT) - 1)) == CONTENT[-1:]
    backend.delete(stored.name)
    backend.delete(stored.name)  # a second delete is no error
    assert _files() == [] and not backend.exists(stored.name)


def test_each_save_gets_a_new_name(backend):
    names = {backend.save([b"x"], folder="things", suffix=".txt", max_bytes=10).name for _ in range(3)}
    assert len(names) == 3


def test_past_the_limit_nothing_is_kept(backend):
    chunks = storage.chunks_of(io.BytesIO(CONTENT), head=b"head")
    with pytest.raises(storage.TooLarge):
        backend.save(chunks, folder="things", suffix=".bin", max_bytes=len(CONTENT))
    assert _files() == []


def test_a_failing_source_keeps_nothing(backend):
    def broken():
        yield b"first part"
        raise OSError("client went away")

    with pytest.raises(OSError):
        backend.save(broken(), folder="things", suffix=".bin", max_bytes=100)
    assert _files() == []


@pytest.mark.parametrize(
    "name", ["../escape.txt", "/etc/passwd", "things/../../x", "things\\x", ".hidden", "things/.x", "a\x00b", ""]
)
def test_names_it_would_never_generate_are_missing(backend, name):
    with pytest.raises(storage.Missing):
        backend.size(name)
    with pytest.raises(storage.Missing):
        backend.read(name)
    backend.delete(name)  # nothing happens


def test_unknown_name_is_missing(backend):
    with pytest.raises(storage.Missing):
        backend.read(f"things/{uuid.uuid4().hex}.bin")
    assert not backend.exists(f"things/{uuid.uuid4().hex}.bin")


def test_a_voice_note_written_by_an_earlier_release_still_plays(client, db, org, auth_headers_hr):
    """Before the storage module, voice notes were written straight to UPLOAD_DIR/voice_notes/<hex>.<ext>."""
    content = wav_bytes()
    name = f"voice_notes/{uuid.uuid4().hex}.wav"
    path = get_settings().upload_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    interview = make_interview(db, org, voice_note_file=name, voice_note_content_type="audio/wav")

    played = client.get(f"{IM}/{interview.id}/voice-note/", headers=auth_headers_hr)
    assert played.status_code == 200 and played.content == content
    assert played.headers["content-type"] == "audio/wav"
    assert played.headers["content-disposition"] == 'inline; filename="voice-note.wav"'
    part = client.get(f"{IM}/{interview.id}/voice-note/", headers={**auth_headers_hr, "Range": "bytes=-10"})
    assert part.status_code == 206 and part.content == content[-10:]
    assert part.headers["content-range"] == f"bytes {len(content) - 10}-{len(content) - 1}/{len(content)}"
    beyond = client.get(f"{IM}/{interview.id}/voice-note/", headers={**auth_headers_hr, "Range": "bytes=999999-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(content)}"

    removed = client.patch(f"{IM}/{interview.id}/evaluation/", headers=auth_headers_hr, json={"voice_note": None})
    assert removed.status_code == 200 and not path.exists()
