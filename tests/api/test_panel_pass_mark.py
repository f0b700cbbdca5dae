"""A pass mark per panel (issue 19, beyond the spec): `pass_mark` on create (default: the organization's
`panel_pass_mark`) and update, used by the dashboard's pass rates and the results CSV instead of a fixed 60%."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

import pytest

from hr_app.kit.time import utcnow
from hr_app.models import InterviewPanel, Organization
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel, panel_payload


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=4, medium=4, hard=4)


def _stored(db, panel_id: str) -> InterviewPanel:
    db.expire_all()
    return db.get(InterviewPanel, uuid.UUID(panel_id))


def test_create_takes_the_organizations_default_or_the_given_mark(client, db, org, bank, auth_headers_hr):
    stored_org = db.get(Organization, org.id)
    stored_org.panel_pass_mark = 75
    db.commit()
    default = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank))
    assert "pass_mark" not in default.json()["data"]  # the spec's panel object stays exact
    assert _stored(db, default.json()["data"]["uuid"]).pass_mark == 75
    given = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, pass_mark=40))
    assert _stored(db, given.json()["data"]["uuid"]).pass_mark == 40


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "Ensure this value is greater than or equal to 0."),
        (101, "Ensure this value is less than or equal to 100."),
        (False, "A valid integer is required."),
    ],
)
def test_a_bad_mark_is_refused_on_create_and_update_and_changes_nothing(
    client, db, org, bank, auth_headers_hr, value, message
):
    panel, _ = create_panel(db, org, bank)
    before = row_counts(db)
    refused = {"success": False, "message": "Invalid data provided", "errors": {"pass_mark": [message]}}
    created = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, pass_mark=value))
    updated = client.put(f"/api/panel/update/{panel.id}/", headers=auth_headers_hr, json={"pass_mark": value})
    assert (created.status_code, created.json()) == (400, refused)
    assert (updated.status_code, updated.json()) == (400, refused)
    assert row_counts(db) == before and _stored(db, str(panel.id)).pass_mark == 60


def test_update_changes_the_mark_and_refuses_null(client, db, org, bank, auth_headers_hr):
    panel, _ = create_panel(db, org, bank)
    path = f"/api/panel/update/{panel.id}/"
    assert client.put(path, headers=auth_headers_hr, json={"pass_mark": 80}).status_code == 200
    assert _stored(db, str(panel.id)).pass_mark == 80
    refused = client.put(path, headers=auth_headers_hr, json={"pass_mark": None})
    assert refused.json()["errors"] == {"pass_mark": ["This field may not be null."]}


def test_the_dashboard_and_the_csv_judge_by_the_panels_mark(client, db, org, bank, auth_headers_hr):
    """Scores 2, 3 and 4 of 5: at 60% two pass; at a pass mark of 80 only the 4 does."""
    panel, candidates = create_panel(
        db, org, bank, candidates=[create_cv(db, org, name=f"C{n}") for n in range(3)], easy=2, medium=2, hard=1
    )
    for candidate, score in zip(candidates, (2, 3, 4), strict=True):
        candidate.score, candidate.opened_at, candidate.submitted_at = score, utcnow(), utcnow()
        candidate.points = Decimal(score)  # grading sets both; the pass rule reads the points (decision 117)
    db.commit()

    def figures() -> tuple[int, list[str]]:
        rates = client.get("/api/dashboard/", headers=auth_headers_hr).json()["data"]["panel_pass_rates"]
        rows = list(
            csv.DictReader(
                io.StringIO(
                    client.get(f"/api/panel/get/{panel.id}/results.csv", headers=auth_headers_hr).text.lstrip("\ufeff")
                )
            )
        )
        return rates[0]["passed"], sorted(row["passed"] for row in rows)

    assert figures() == (2, ["no", "yes", "yes"])
    client.put(f"/api/panel/update/{panel.id}/", headers=auth_headers_hr, json={"pass_mark": 80})
    assert figures() == (1, ["no", "no", "yes"])
