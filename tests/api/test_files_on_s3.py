"""The voice-note and CV-document API suites again, with every file in S3-compatible storage (moto in server mode,
a real HTTP server of its own): upload, Range, replacement, delete and the clean-up after a rolled-back upload."""

from __future__ import annotations

import pytest

from tests.api.test_cv_documents import *  # noqa: F403  (each test class runs here a second time)
from tests.api.test_voice_note import *  # noqa: F403


@pytest.fixture(autouse=True)
def _files_on_s3(s3_storage):
    return s3_storage
