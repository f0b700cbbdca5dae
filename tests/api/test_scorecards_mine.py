"""Issue 18 beyond the spec: GET .../scorecards/, the caller's own scorecard (PUT mine, submit, reopen) and
PUT .../interviewers/, with three interviewers and an hr user."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from hr_app.models import AuditEntry, InterviewInterviewer, Role, ScorecardCriterion, UserCvData
from tests.api.interview_support import IM, make_team_interview, validation_error
from tests.factories import auth_header, create_user, row_counts

FIVE = ("appearance", "knowledge", "confidence", "attitude", "communication")
INVALID = "Invalid scorecard data"


def full_draft(rating: int = 7, recommendation: str = "yes") -> dict:
    return {"ratings": {key: {"rating": rating} for key in FIVE}, "recommendation": recommendation}


@pytest.fixture
def team(db: Session, org):
    """Ann leads, Ben and Cat interview too, Dan is an interviewer of the organization who is not on this one."""
    return make_team_interview(db, org, "Ann", "Ben", "Cat", "Dan")


def put_mine(client, interview, user, body):
    return client.put(f"{IM}/{interview.id}/scorecards/mine/", headers=auth_header(user), json=body)


def submit(client, interview, user, body=None):
    return client.post(f"{IM}/{interview.id}/scorecards/mine/submit/", headers=auth_header(user), json=body or {})


def reopen(client, interview, user, body):
    return client.post(f"{IM}/{interview.id}/scorecards/mine/reopen/", headers=auth_header(user), json=body)


def scorecards_seen(client, interview, user) -> dict:
    response = client.get(f"{IM}/{interview.id}/scorecards/", headers=auth_header(user))
    assert response.status_code == 200, response.text
    return response.json()["data"]


def authors(data: dict) -> list[str]:
    return [card["interviewer"]["name"] for card in data["scorecards"]]


def trail(db: Session, interview) -> list[AuditEntry]:
    db.expire_all()
    return list(db.exec(select(AuditEntry).where(AuditEntry.object_id == str(interview.id)).order_by(AuditEntry.id)))


def test_save_submit_and_read_back(client, db, team):
    interview, ann, *_ = team
    draft = full_draft(8)
    draft["ratings"]["attitude"] = {"rating": 6.0}  # a JSON integer, as JSON Schema counts them
    saved = put_mine(client, interview, ann, {**draft, "strengths": "Clear", "concerns": None})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["message"] == "Scorecard saved" and body["data"]["status"] == "draft"
    assert body["data"]["ratings"]["knowledge"] == {"rating": 8, "note": None}
    assert body["data"]["ratings"]["attitude"] == {"rating": 6, "note": None}
    submitted = submit(client, interview, ann)
    assert submitted.status_code == 200 and submitted.json()["data"]["status"] == "submitted"
    assert submitted.json()["data"]["submitted_at"].endswith("Z")
    data = scorecards_seen(client, interview, ann)
    assert [c["key"] for c in data["criteria"]] == list(FIVE)
    assert authors(data) == ["Ann Smith"]
    assert [(m["name"], m["lead"], m["scorecard"]) for m in data["interviewers"]] == [
        ("Ann Smith", True, "submitted"),
        ("Ben Smith", False, "none"),
        ("Cat Smith", False, "none"),
    ]


def test_a_member_not_interviewing_is_refused(client, db, team):
    interview, *_, dan = team
    before = row_counts(db)
    response = put_mine(client, interview, dan, full_draft())
    assert response.status_code == 403
    assert response.json() == {
        "success": False,
        "message": "You do not have permission to perform this action.",
        "error": "FORBIDDEN",
        "details": "Only the interview's interviewers have a scorecard of it.",
    }
    assert row_counts(db) == before


def test_not_before_the_start(client, db, team):
    interview, ann, *_ = team
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=2)
    db.add(interview)
    db.commit()
    before = row_counts(db)
    response = put_mine(client, interview, ann, full_draft())
    assert response.status_code == 400
    assert response.json() == validation_error(
        {"non_field_errors": ["The interview has not started yet: scorecards open at its scheduled start."]}, INVALID
    )
    assert row_counts(db) == before


# --- the blind rule through GET .../scorecards/ ---------------------------------------------------------------


def test_blind_until_submitted(client, db, org, team, hr_user):
    interview, ann, ben, cat, dan = team
    assert put_mine(client, interview, ann, full_draft(8)).status_code == 200
    assert put_mine(client, interview, ben, full_draft(3, "no")).status_code == 200
    assert authors(scorecards_seen(client, interview, ann)) == ["Ann Smith"]
    assert authors(scorecards_seen(client, interview, ben)) == ["Ben Smith"]
    assert [authors(scorecards_seen(client, interview, user)) for user in (cat, dan)] == [[], []]
    assert authors(scorecards_seen(client, interview, hr_user)) == ["Ann Smith", "Ben Smith"]
    progress = [m["scorecard"] for m in scorecards_seen(client, interview, dan)["interviewers"]]
    assert progress == ["draft", "draft", "none"]  # who has scored is no secret, what they scored is
    assert submit(client, interview, ben).status_code == 200
    seen_by_ben = scorecards_seen(client, interview, ben)["scorecards"]
    assert [(card["interviewer"]["name"], card["ratings"]["knowledge"]["rating"]) for card in seen_by_ben] == [
        ("Ann Smith", 8),
        ("Ben Smith", 3),
    ]
    assert authors(scorecards_seen(client, interview, ann)) == ["Ann Smith"]  # Ann has not submitted yet
    org.blind_scorecards = False
    db.add(org)
    db.commit()
    assert [authors(scorecards_seen(client, interview, user)) for user in (cat, dan)] == [
        ["Ann Smith", "Ben Smith"]
    ] * 2


def test_the_spec_evaluation_is_the_leads_scorecard(client, db, team, hr_user):
    interview, ann, ben, *_ = team
    put_mine(client, interview, ann, full_draft(8))
    put_mine(client, interview, ben, full_draft(2))
    response = client.get(f"{IM}/{interview.id}/", headers=auth_header(hr_user))
    evaluation = response.json()["data"]["evaluation"]
    assert [evaluation[key] for key in FIVE] == [8] * 5 and evaluation["average_rating"] == 8.0


# --- the time rule ------------------------------------------------------------------------------------------


@pytest.fixture
def later(db: Session, org, team, hr_user):
    """The team's interview, starting in two hours, with the hr user interviewing too."""
    interview = team[0]
    interview.scheduled_at = datetime.now(UTC) + timedelta(hours=2)
    db.add_all([interview, InterviewInterviewer(interview_id=interview.id, user_id=hr_user.id)])
    db.commit()
    return interview


def test_before_the_start_admin_and_hr_write_with_a_reason_which_is_audited(client, db, team, hr_user, later):
    before = row_counts(db)
    refused = put_mine(client, later, hr_user, full_draft())
    assert refused.status_code == 400
    assert refused.json() == validation_error(
        {
            "reason": [
                "The interview has not started yet: admin and hr may write before its scheduled start with a reason."
            ]
        },
        INVALID,
    )
    assert submit(client, later, team[1]).json()["details"] == {
        "non_field_errors": ["The interview has not started yet: scorecards open at its scheduled start."]
    }
    assert row_counts(db) == before
    reason = "The candidate flies out tonight; we met at the airport"
    assert put_mine(client, later, hr_user, {**full_draft(), "reason": reason}).status_code == 200
    assert submit(client, later, hr_user, {"reason": reason}).status_code == 200
    entries = trail(db, later)
    assert [(entry.action, entry.after["reason"], entry.after["interviewer_id"]) for entry in entries] == [
        ("scorecard_saved", reason, hr_user.id),
        ("scorecard_submitted", reason, hr_user.id),
    ]


# --- every bad input: the exact answer, and nothing changed -----------------------------------------------------

TOO_LONG = "x" * 5001
BAD_DRAFTS = [
    ({"colour": "blue"}, {"colour": ["Unknown field."]}),
    ({"ratings": {"knowledge": {"rating": 5, "score": 1}}}, {"ratings.knowledge.score": ["Unknown field."]}),
    (
        {"ratings": {"charm": {"rating": 5}, "knowledge": {"rating": 5}}},
        {
            "ratings": [
                'Unknown criteria: "charm". This job title\'s criteria are: '
                "appearance, knowledge, confidence, attitude, communication."
            ]
        },
    ),
    ({"ratings": {"knowledge": {"rating": "8"}}}, {"ratings.knowledge.rating": ["A valid integer is required."]}),
    ({"ratings": {"knowledge": {"rating": 8.5}}}, {"ratings.knowledge.rating": ["A valid integer is required."]}),
    ({"ratings": {"knowledge": {"rating": True}}}, {"ratings.knowledge.rating": ["A valid integer is required."]}),
    (
        {"ratings": {"knowledge": {"rating": 11}}},
        {"ratings.knowledge.rating": ["Ensure this value is less than or equal to 10."]},
    ),
    (
        {"ratings": {"knowledge": {"rating": -1}}},
        {"ratings.knowledge.rating": ["Ensure this value is greater than or equal to 0."]},
    ),
    ({"ratings": [8, 9]}, {"ratings": ["Invalid data. Expected a dictionary."]}),
    ({"ratings": {"knowledge": 8}}, {"ratings.knowledge": ["Invalid data. Expected a dictionary."]}),
    ({"recommendation": "maybe"}, {"recommendation": ['"maybe" is not a valid choice.']}),
    ({"strengths": TOO_LONG}, {"strengths": ["Ensure this field has no more than 5000 characters."]}),
    (
        {"ratings": {"knowledge": {"note": TOO_LONG}}},
        {"ratings.knowledge.note": ["Ensure this field has no more than 5000 characters."]},
    ),
    ({"concerns": 5}, {"concerns": ["Not a valid string."]}),
    ({"reason": "r" * 501}, {"reason": ["Ensure this field has no more than 500 characters."]}),
]


@pytest.mark.parametrize(("body", "details"), BAD_DRAFTS, ids=[str(i) for i in range(len(BAD_DRAFTS))])
def test_a_bad_draft_is_refused_and_changes_nothing(client, db, team, body, details):
    interview, ann, *_ = team
    put_mine(client, interview, ann, {**full_draft(6), "strengths": "Kept"})
    before, seen = row_counts(db), scorecards_seen(client, interview, ann)
    response = put_mine(client, interview, ann, body)
    assert (response.status_code, response.json()) == (400, validation_error(details, INVALID))
    assert row_counts(db) == before and scorecards_seen(client, interview, ann) == seen


def test_a_submitted_scorecard_is_not_saved_and_submit_names_what_is_missing(client, db, team):
    interview, ann, ben, *_ = team
    put_mine(client, interview, ben, {"ratings": {"knowledge": {"rating": 4}, "attitude": {"note": "Calm"}}})
    before = row_counts(db)
    incomplete = submit(client, interview, ben)
    missing = "Rate this criterion to submit the scorecard."
    assert (incomplete.status_code, incomplete.json()) == (
        400,
        validation_error(
            {
                **{f"ratings.{key}": [missing] for key in ("appearance", "confidence", "attitude", "communication")},
                "recommendation": ["Give a recommendation to submit the scorecard."],
            },
            INVALID,
        ),
    )
    assert row_counts(db) == before
    put_mine(client, interview, ann, full_draft())
    submit(client, interview, ann)
    before, seen = row_counts(db), scorecards_seen(client, interview, ann)
    closed = {"non_field_errors": ["This scorecard is submitted: its author reopens it (with a reason) to change it."]}
    for response in (put_mine(client, interview, ann, full_draft(1)), submit(client, interview, ann)):
        assert (response.status_code, response.json()) == (400, validation_error(closed, INVALID))
    assert row_counts(db) == before and scorecards_seen(client, interview, ann) == seen


def test_the_mine_routes_refuse_a_member_who_is_not_interviewing(client, db, team, hr_user):
    interview, *_, dan = team
    before = row_counts(db)
    refused = (
        submit(client, interview, dan),
        reopen(client, interview, dan, {"reason": "Typo"}),
        put_mine(client, interview, hr_user, full_draft()),  # hr writes the lead's only through the spec's routes
    )
    for response in refused:
        assert response.status_code == 403
        assert response.json()["details"] == "Only the interview's interviewers have a scorecard of it."
    assert row_counts(db) == before


# --- a job title's template -----------------------------------------------------------------------------------

SEVEN = ("python", "sql", "system_design", "testing", "knowledge", "communication", "ownership")


def test_a_template_of_seven_criteria_is_saved_and_submitted(client, db, org, team, hr_user):
    interview, ann, *_ = team
    job_title_id = db.get(UserCvData, interview.candidate_id).job_title_id
    db.add_all(
        ScorecardCriterion(
            organization_id=org.id, job_title_id=job_title_id, position=position, key=key, name=key.title()
        )
        for position, key in enumerate(SEVEN)
    )
    db.commit()
    assert (
        put_mine(client, interview, ann, full_draft())
        .json()["details"]["ratings"][0]
        .startswith('Unknown criteria: "appearance", "attitude", "confidence".')
    )
    ratings = {key: {"rating": rating, "note": f"on {key}"} for rating, key in enumerate(SEVEN, start=2)}
    saved = put_mine(client, interview, ann, {"ratings": ratings, "recommendation": "strong_yes"})
    assert saved.status_code == 200, saved.text
    assert submit(client, interview, ann).status_code == 200
    data = scorecards_seen(client, interview, hr_user)
    assert [criterion["key"] for criterion in data["criteria"]] == list(SEVEN)
    card = data["scorecards"][0]
    assert list(card["ratings"]) == list(SEVEN) and card["status"] == "submitted"
    assert card["ratings"] == {key: {"rating": r, "note": f"on {key}"} for r, key in enumerate(SEVEN, start=2)}
    spec = client.get(f"{IM}/{interview.id}/", headers=auth_header(hr_user)).json()["data"]["evaluation"]
    assert (spec["knowledge"], spec["communication"], spec["appearance"]) == (6, 7, None)  # the five keep columns


# --- reopening ---------------------------------------------------------------------------------------------


def test_the_author_reopens_with_a_reason_which_is_audited(client, db, team):
    interview, ann, ben, *_ = team
    put_mine(client, interview, ann, full_draft())
    put_mine(client, interview, ben, full_draft())
    submit(client, interview, ann)
    before = row_counts(db)
    bad = [
        ({}, {"reason": ["This field is required."]}),
        ({"reason": "   "}, {"reason": ["This field may not be blank."]}),
        ({"reason": "r" * 501}, {"reason": ["Ensure this field has no more than 500 characters."]}),
    ]
    for body, details in bad:
        response = reopen(client, interview, ann, body)
        assert (response.status_code, response.json()) == (400, validation_error(details, INVALID))
    draft = reopen(client, interview, ben, {"reason": "Typo"})  # Ben's own is a draft: nothing to reopen
    not_submitted = {"non_field_errors": ["This scorecard is not submitted: there is nothing to reopen."]}
    assert (draft.status_code, draft.json()) == (400, validation_error(not_submitted, INVALID))
    assert row_counts(db) == before
    reopened = reopen(client, interview, ann, {"reason": "Mixed up two candidates"})
    assert reopened.status_code == 200 and reopened.json()["message"] == "Scorecard reopened"
    assert (reopened.json()["data"]["status"], reopened.json()["data"]["submitted_at"]) == ("draft", None)
    entry = trail(db, interview)[-1]
    assert (entry.action, entry.object_type, entry.actor_id) == ("scorecard_reopened", "evaluation", ann.id)
    assert entry.before == {"status": "submitted"}
    assert entry.after == {"interviewer_id": ann.id, "status": "draft", "reason": "Mixed up two candidates"}
    assert put_mine(client, interview, ann, full_draft(9)).status_code == 200


# --- two submits at once ------------------------------------------------------------------------------------


def test_two_submits_at_once_submit_once(client, db, team):
    interview, ann, *_ = team
    put_mine(client, interview, ann, full_draft())
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: submit(client, interview, ann), range(2)))
    assert sorted(answer.status_code for answer in answers) == [200, 400]
    assert [entry.action for entry in trail(db, interview)] == ["scorecard_saved", "scorecard_submitted"]


# --- PUT .../interviewers/ ----------------------------------------------------------------------------------


WROTE = "Has written a scorecard of this interview, so stays on it:"
TOO_MANY = "An interview has at most 10 interviewers, the lead included."


def put_team(client, interview, user, body):
    return client.put(f"{IM}/{interview.id}/interviewers/", headers=auth_header(user), json=body)


def co_interviewers(db: Session, interview) -> list[int]:
    db.expire_all()
    rows = db.exec(select(InterviewInterviewer.user_id).where(InterviewInterviewer.interview_id == interview.id))
    return sorted(rows.all())


def test_hr_sets_the_interviewers_and_the_lead_stays(client, db, team, hr_user):
    interview, ann, ben, cat, dan = team
    response = put_team(client, interview, hr_user, {"interviewer_ids": [dan.id, ann.id, ben.id, dan.id]})
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Interviewers updated successfully"
    assert [(m["id"], m["lead"]) for m in response.json()["data"]["interviewers"]] == [
        (ann.id, True),
        (ben.id, False),
        (dan.id, False),
    ]
    assert co_interviewers(db, interview) == sorted([ben.id, dan.id])
    entry = trail(db, interview)[-1]
    assert (entry.action, entry.before, entry.after) == (
        "interviewers_changed",
        {"interviewer_ids": [ann.id, ben.id, cat.id]},
        {"interviewer_ids": [ann.id, ben.id, dan.id]},
    )


def test_bad_interviewer_lists_are_refused_and_change_nothing(client, db, org, other_org, team, hr_user):
    interview, ann, ben, cat, _ = team
    stranger = create_user(db, other_org, role=Role.INTERVIEWER)
    gone = create_user(db, org, role=Role.INTERVIEWER, is_active=False)
    put_mine(client, interview, ben, {"strengths": "Asked good questions"})
    before, team_before = row_counts(db), co_interviewers(db, interview)
    unknown = "Interviewer with this ID does not exist: {}."
    bad = [
        ({"interviewer_ids": [stranger.id]}, {"interviewer_ids": [unknown.format(stranger.id)]}),
        ({"interviewer_ids": [gone.id, 999999]}, {"interviewer_ids": [unknown.format(f"{gone.id}, 999999")]}),
        ({"interviewer_ids": [cat.id]}, {"interviewer_ids": [f"{WROTE} Ben Smith."]}),
        ({"interviewer_ids": ["x"]}, {"interviewer_ids.0": ["A valid integer is required."]}),
        ({"interviewer_ids": [True]}, {"interviewer_ids.0": ["A valid integer is required."]}),
        ({"interviewer_ids": 5}, {"interviewer_ids": ["Expected a list of items."]}),
        ({}, {"interviewer_ids": ["This field is required."]}),
        ({"interviewer_ids": list(range(1, 12))}, {"interviewer_ids": [TOO_MANY]}),
    ]
    for body, details in bad:
        response = put_team(client, interview, hr_user, body)
        assert (response.status_code, response.json()) == (400, validation_error(details)), body
    forbidden = put_team(client, interview, ann, {"interviewer_ids": []})
    assert (forbidden.status_code, forbidden.json()["details"]) == (403, "Only admin or hr users can do this.")
    assert row_counts(db) == before and co_interviewers(db, interview) == team_before
