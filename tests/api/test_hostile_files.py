"""Hostile CSV files to the two imports (issue 15): each one a 400 in its route's envelope, nothing imported."""

from __future__ import annotations

import io

from hr_app.kit.limits import IMPORT_MAX_ROWS
from tests.api.interview_support import validation_error
from tests.factories import row_counts

CV_IMPORT = "/api/cvs/import/"
QUESTION_IMPORT = "/api/question-bank/import/"
QUESTION_HEADER = "category,topic,subtopic,text,difficulty,option_1,option_2,correct_option\n"


def _post_cv_csv(client, headers, content: bytes):
    return client.post(CV_IMPORT, headers=headers, files={"file": ("cvs.csv", io.BytesIO(content), "text/csv")})


def _post_question_csv(client, headers, content: bytes):
    return client.post(QUESTION_IMPORT, headers={**headers, "content-type": "text/csv"}, content=content)


def test_a_cv_row_with_blank_leading_cells_and_an_extra_field(client, db, auth_headers_hr):
    before = row_counts(db)
    response = _post_cv_csv(client, auth_headers_hr, b"name,email\nAnn,ann@example.com\n,,surplus\n")
    assert response.status_code == 400, response.text
    assert response.json() == validation_error({"rows.3": ["This row has 3 fields; the header has 2."]})
    assert row_counts(db) == before


def test_blank_extra_cells_lose_nothing_and_pass(client, db, auth_headers_hr):
    response = _post_cv_csv(client, auth_headers_hr, b"name,email\nAnn,ann@example.com,,\n")
    assert response.status_code == 201, response.text
    assert [cv["email"] for cv in response.json()["data"]] == ["ann@example.com"]


def test_a_cv_import_over_the_row_cap(client, db, auth_headers_hr):
    before = row_counts(db)
    lines = "".join(f"C{n},c{n}@example.com\n" for n in range(IMPORT_MAX_ROWS + 1))
    response = _post_cv_csv(client, auth_headers_hr, ("name,email\n" + lines).encode())
    assert response.status_code == 400, response.text
    assert response.json() == validation_error({"file": ["Import at most 2000 CVs at a time."]})
    assert row_counts(db) == before


def test_a_question_csv_field_over_128_kb(client, db, auth_headers_hr):
    before = row_counts(db)
    row = f'Python,Lists,Append,"{"x" * 200_000}",easy,a,b,0\n'
    response = _post_question_csv(client, auth_headers_hr, (QUESTION_HEADER + row).encode())
    assert response.status_code == 400, response.text
    assert response.json() == {
        "success": False,
        "message": "Invalid data provided",
        "errors": {"file": ["The file is not a valid CSV file: field larger than field limit (131072)."]},
    }
    assert row_counts(db) == before


def test_a_question_csv_row_with_extra_fields_is_refused_by_number(client, db, auth_headers_hr):
    before = row_counts(db)
    rows = "Python,Lists,Append,Which appends?,easy,append,push,0\nPython,Lists,Pop,Which pops?,easy,pop,push,0,1,x\n"
    response = _post_question_csv(client, auth_headers_hr, (QUESTION_HEADER + rows).encode())
    assert response.status_code == 400, response.text
    assert response.json() == {
        "success": False,
        "message": "Import failed: no question was imported",
        "errors": {"rows.2": ["This row has 10 fields; the header has 8."]},
    }
    assert row_counts(db) == before


def test_a_question_csv_over_the_row_cap(client, db, auth_headers_hr):
    before = row_counts(db)
    rows = "".join(f"P,L,A,Q{n}?,easy,a,b,0\n" for n in range(IMPORT_MAX_ROWS + 1))
    response = _post_question_csv(client, auth_headers_hr, (QUESTION_HEADER + rows).encode())
    assert response.status_code == 400, response.text
    assert response.json() == {
        "success": False,
        "message": "Invalid data provided",
        "errors": {"rows": ["Import at most 2000 questions at a time."]},
    }
    assert row_counts(db) == before
