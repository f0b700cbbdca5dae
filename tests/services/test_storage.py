"""The one storage module, on both backends (the local directory, and S3-compatible storage on a real moto
server): save under a generated name, read byte ranges, size, delete; files of earlier releases keep working (a
voice note written before the storage module existed still plays)."""

from __future__ import annotations

import io
import uuid

import pytest

from hr_app import storage
from hr_app.config import get_settings
from hr_app.storage import s3
from tests.api.interview_support import IM, make_interview, wav_bytes
from tests.object_storage import stored_files

CONTENT = bytes(range(256)) * 1000  # 256,000 bytes: several chunks


@pytest.fixture(params=["local", "s3"])
def backend(request) -> storage.Storage:
    if request.param == "s3":
        return request.getfixturevalue("s3_storage")
    return storage.get_storage()


def _files() -> list[str]:
    return [item.key for item in stored_files()]


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


def test_the_local_backend_is_the_default():
    assert isinstance(storage.get_storage(), storage.LocalStorage)


def test_an_s3_url_picks_object_storage_with_its_prefix(s3_storage):
    assert isinstance(s3_storage, s3.S3Storage) and s3_storage.bucket == "hr-app-test"
    assert s3_storage.prefix.startswith("test-") and s3_storage.prefix.endswith("/")
    assert storage.get_storage() is s3_storage  # one client per process and configuration


def test_a_file_of_several_parts_is_one_object_and_no_unfinished_upload(s3_storage, monkeypatch):
    monkeypatch.setattr(s3, "PART_BYTES", 5 * 1024 * 1024)  # S3's smallest part
    content = bytes(range(251)) * 50_000  # 12.5 MB: three parts, the last one short
    stored = s3_storage.save(storage.chunks_of(io.BytesIO(content)), folder="big", suffix=".bin", max_bytes=10**8)
    assert stored.size == len(content) and _files() == [stored.name]
    assert b"".join(s3_storage.read(stored.name, 5_242_000, 5_243_000)) == content[5_242_000:5_243_001]
    head = s3_storage.client.head_object(Bucket=s3_storage.bucket, Key=s3_storage.key_of(stored.name))
    assert head["ETag"].endswith('-3"')  # the multipart ETag: md5-of-parts, dash, number of parts


def test_past_the_limit_in_a_later_part_the_upload_is_aborted(s3_storage, monkeypatch):
    monkeypatch.setattr(s3, "PART_BYTES", 5 * 1024 * 1024)
    content = bytes(11 * 1024 * 1024)
    with pytest.raises(storage.TooLarge):
        s3_storage.save(storage.chunks_of(io.BytesIO(content)), folder="big", suffix=".bin", max_bytes=10**7)
    assert _files() == []  # neither an object nor an unfinished multipart upload


@pytest.mark.parametrize(("start", "end"), [(0, None), (10, 10), (255_999, None), (300_000, None), (5, 4)])
def test_ranges_read_the_same_on_both_backends(backend, start, end):
    stored = backend.save([CONTENT], folder="things", suffix=".bin", max_bytes=10**6)
    expected = CONTENT[start : None if end is None else end + 1] if start <= (end or start) else b""
    assert b"".join(backend.read(stored.name, start, end)) == expected


def test_an_unreachable_server_is_a_storage_error(monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "storage_url", "s3://nowhere/prefix")
    monkeypatch.setattr(settings, "aws_endpoint_url", "http://127.0.0.1:9")  # nothing listens on port 9
    for field, value in {"aws_access_key_id": "k", "aws_secret_access_key": "s", "aws_region": "us-east-1"}.items():
        monkeypatch.setattr(settings, field, value)
    backend = storage.get_storage()
    with pytest.raises(storage.StorageError):
        backend.size("things/abc.bin")
    storage.delete_now("things/abc.bin")  # logged, never raised


@pytest.mark.parametrize("url", ["s3://", "http://bucket/x", "s3://bucket/x?versionId=1", "bucket/prefix"])
def test_a_storage_url_that_is_not_s3_is_refused_at_start(url, monkeypatch):
    from pydantic import ValidationError

    from hr_app.config import Settings

    monkeypatch.setenv("STORAGE_URL", url)
    with pytest.raises(ValidationError, match="STORAGE_URL must look like s3://bucket"):
        Settings()
