"""POST /api/cvs/import/ with bytes the csv module refuses: 400 on `file`, never 500 (found by the fuzz test)."""

from __future__ import annotations

import io

import pytest

from tests.api.interview_support import validation_error
from tests.factories import row_counts


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b'name,email\n"' + b"x" * 200_000 + b'",a@example.com\n',
            "The file is not a valid CSV file: field larger than field limit (131072).",
        ),
        (b"name,email\nA\x00nn,ann@example.com\n", "The file contains a NUL character; it is not a text CSV file."),
    ],
)
def test_malformed_csv_is_a_400(client, db, auth_headers_hr, content, problem):
    before = row_counts(db)
    response = client.post(
        "/api/cvs/import/", headers=auth_headers_hr, files={"file": ("cvs.csv", io.BytesIO(content), "text/csv")}
    )
    assert response.status_code == 400, response.text
    assert response.json() == validation_error({"file": [problem]})
    assert row_counts(db) == before


def test_carriage_returns_end_lines(client, db, auth_headers_hr):
    content = b"name,email\rAnn,ann@example.com\r\nBo,bo@example.com\r"
    response = client.post(
        "/api/cvs/import/", headers=auth_headers_hr, files={"file": ("cvs.csv", io.BytesIO(content), "text/csv")}
    )
    assert response.status_code == 201, response.text
    assert [cv["name"] for cv in response.json()["data"]] == ["Ann", "Bo"]
