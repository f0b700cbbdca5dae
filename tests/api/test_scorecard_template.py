"""A job title's scorecard template (issue 18, beyond the spec): GET|PUT /api/job-titles/{id}/scorecard-template/,
admin and hr only; every refusal with its exact answer and nothing changed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from hr_app.models import InterviewInterviewer, Role, ScorecardCriterion
from tests.api.interview_support import IM, make_interview, validation_error
from tests.factories import auth_header, create_cv, create_job_title, create_user, row_counts

INVALID = "Invalid scorecard template"
FIVE = ["appearance", "knowledge", "confidence", "attitude", "communication"]
SEVEN = [
    {"name": "Python", "guide_2": "Reads it", "guide_5": "Writes it", "guide_8": "Teaches it"},
    {"name": "SQL"},
    {"name": "System design"},
    {"name": "Testing"},
    {"key": "knowledge", "name": "Domain knowledge"},
    {"name": "Communication"},
    {"name": "Ownership"},
]


def url(job_title) -> str:
    return f"/api/job-titles/{job_title.id}/scorecard-template/"


def put(client, job_title, user, body):
    return client.put(url(job_title), headers=auth_header(user), json=body)


def keys(response) -> list[str]:
    return [criterion["key"] for criterion in response.json()["data"]["criteria"]]


@pytest.fixture
def title(db: Session, org):
    return create_job_title(db, org, "Backend Developer")


def test_the_default_is_the_spec_five(client, title, hr_user):
    response = client.get(url(title), headers=auth_header(hr_user))
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Scorecard template retrieved successfully"
    assert body["data"]["job_title"] == {"id": title.id, "name": "Backend Developer"}
    assert body["data"]["is_default"] is True and keys(response) == FIVE
    assert body["data"]["criteria"][0] == {
        "key": "appearance",
        "name": "Appearance",
        "guide_2": "",
        "guide_5": "",
        "guide_8": "",
    }


def test_admin_and_hr_replace_it_and_an_empty_one_is_the_default_again(client, title, hr_user, admin):
    saved = put(client, title, hr_user, {"criteria": SEVEN})
    assert saved.status_code == 200, saved.text
    assert saved.json()["message"] == "Scorecard template saved successfully"
    expected = ["python", "sql", "system_design", "testing", "knowledge", "communication", "ownership"]
    assert keys(saved) == expected and saved.json()["data"]["is_default"] is False
    read = client.get(url(title), headers=auth_header(admin))
    assert keys(read) == expected
    assert read.json()["data"]["criteria"][0] == {
        "key": "python",
        "name": "Python",
        "guide_2": "Reads it",
        "guide_5": "Writes it",
        "guide_8": "Teaches it",
    }
    cleared = put(client, title, admin, {"criteria": []})
    assert keys(cleared) == FIVE and cleared.json()["data"]["is_default"] is True


def test_a_rename_that_keeps_the_key_keeps_the_ratings(client, db, org, title, hr_user):
    lead = create_user(db, org, role=Role.INTERVIEWER, first_name="Ann")
    interview = make_interview(db, org, cv=create_cv(db, org, job_title=title), interviewer=lead)
    db.add(InterviewInterviewer(interview_id=interview.id, user_id=hr_user.id))
    db.commit()
    put(client, title, hr_user, {"criteria": [{"name": "Python"}]})
    draft = {"ratings": {"python": {"rating": 7, "note": "Idiomatic"}}}
    assert client.put(f"{IM}/{interview.id}/scorecards/mine/", headers=auth_header(lead), json=draft).status_code == 200
    put(client, title, hr_user, {"criteria": [{"key": "python", "name": "Python 3"}, {"name": "SQL"}]})
    seen = client.get(f"{IM}/{interview.id}/scorecards/", headers=auth_header(hr_user)).json()["data"]
    assert [c["name"] for c in seen["criteria"]] == ["Python 3", "SQL"]
    assert seen["scorecards"][0]["ratings"] == {
        "python": {"rating": 7, "note": "Idiomatic"},
        "sql": {"rating": None, "note": None},
    }


BAD = [
    ({"criteria": [{"name": "  "}]}, {"criteria.0.name": ["This field may not be blank."]}),
    ({"criteria": [{"name": "!!!"}]}, {"criteria.0.name": ["Give a name with a letter or a digit in it, or a key."]}),
    (
        {"criteria": [{"name": "Python", "key": "Bad Key"}]},
        {"criteria.0.key": ["Use lower-case letters, digits and underscores only."]},
    ),
    (
        {"criteria": [{"name": "System design"}, {"name": "System  Design!"}]},
        {"criteria.1.key": ['Another criterion has the key "system_design".']},
    ),
    (
        {"criteria": [{"name": "SQL"}, {"name": "Sql"}]},
        {"criteria.1.key": ['Another criterion has the key "sql".']},
    ),
    (
        {"criteria": [{"name": f"Criterion {n}"} for n in range(21)]},
        {"criteria": ["A scorecard template has at most 20 criteria."]},
    ),
    ({"criteria": [{"name": "x" * 151}]}, {"criteria.0.name": ["Ensure this field has no more than 150 characters."]}),
    (
        {"criteria": [{"name": "Python", "guide_5": "g" * 501}]},
        {"criteria.0.guide_5": ["Ensure this field has no more than 500 characters."]},
    ),
    (
        {"criteria": [{"name": "Python", "key": "k" * 65}]},
        {"criteria.0.key": ["Ensure this field has no more than 64 characters."]},
    ),
    ({"criteria": [{"name": "Python", "weight": 2}]}, {"criteria.0.weight": ["Unknown field."]}),
    ({"criteria": [{"guide_2": "Reads it"}]}, {"criteria.0.name": ["This field is required."]}),
    ({"criteria": {"name": "Python"}}, {"criteria": ["Expected a list of items."]}),
    ({}, {"criteria": ["This field is required."]}),
    ({"criteria": [], "extra": 1}, {"extra": ["Unknown field."]}),
]


@pytest.mark.parametrize(("body", "details"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_a_bad_template_is_refused_and_changes_nothing(client, db, title, hr_user, body, details):
    put(client, title, hr_user, {"criteria": [{"name": "Kept"}]})
    before = row_counts(db)
    response = put(client, title, hr_user, body)
    assert (response.status_code, response.json()) == (400, validation_error(details, INVALID))
    assert row_counts(db) == before and keys(client.get(url(title), headers=auth_header(hr_user))) == ["kept"]


def test_interviewers_and_other_organizations_are_refused(client, db, title, interviewer, outsider):
    before = row_counts(db)
    for response in (
        client.get(url(title), headers=auth_header(interviewer)),
        put(client, title, interviewer, {"criteria": []}),
    ):
        assert response.status_code == 403
        assert response.json()["details"] == "Only admin or hr users can do this."
    for response in (
        client.get(url(title), headers=auth_header(outsider)),
        put(client, title, outsider, {"criteria": []}),
    ):
        assert (response.status_code, response.json()) == (
            404,
            {
                "success": False,
                "message": "Job title not found",
                "error": "NOT_FOUND",
                "details": f"No job title with id {title.id} in your organization.",
            },
        )
    assert row_counts(db) == before


def test_two_saves_at_once_leave_one_whole_template(client, db, title, hr_user):
    bodies = [{"criteria": SEVEN}, {"criteria": [{"name": "Python"}, {"name": "SQL"}]}]
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda body: put(client, title, hr_user, body), bodies))
    assert [answer.status_code for answer in answers] == [200, 200]
    db.expire_all()
    stored = db.exec(select(ScorecardCriterion.key).where(ScorecardCriterion.job_title_id == title.id)).all()
    assert sorted(stored) in (sorted(keys(answers[0])), sorted(keys(answers[1])))
