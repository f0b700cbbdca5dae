"""Schemathesis against /api/openapi.json on the ASGI app, signed in as an admin of a seeded organization.

Every check Schemathesis has (issue 15): no 5xx, every answer's status, content type, headers and body as the
document declares, schema-violating requests refused, schema-valid ones accepted, undeclared methods answered 405
with an exact `Allow`. Bounded: a few examples per operation (the module runs in about a minute).

One check is left out for a few operations, each for a reason a JSON Schema cannot carry (docs/api/openapi.md):
`positive_data_acceptance` expects every schema-valid request to succeed, but these refuse well-formed data on
rules of content or state.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlmodel import select

from hr_app.api.app import create_api
from hr_app.db import session_scope
from hr_app.demo.seed import seed_demo
from hr_app.models import AppUser
from hr_app.services.security import issue_access_token

FUZZ_APP = create_api()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", FUZZ_APP)
# (method, path) -> why a schema-valid request may still be refused with 400
REFUSED_ON_CONTENT_OR_STATE = {
    ("POST", "/api/auth/accept-invite/"): "the link token must be a live one",
    ("POST", "/api/auth/password/reset/confirm/"): "the link token must be a live one",
    ("POST", "/api/auth/password/change/"): "the current password must be right; the new one strong (zxcvbn)",
    ("POST", "/api/users/"): "the password's strength and the e-mail's validity are the server's judgement",
    ("POST", "/api/users/invite/"): "the e-mail's validity; an address already in use",
    ("DELETE", "/api/users/{user_id}/invite/"): "only a pending invitation can be revoked (the demo's users accepted)",
    ("POST", "/api/cvs/"): "the e-mail's validity; a CV with this e-mail already exists",
    ("PATCH", "/api/cvs/{cv_id}/"): "the e-mail's validity; a CV with this e-mail already exists",
    ("POST", "/api/cvs/import/"): "the CSV file's columns and rows",
    ("POST", "/api/cvs/import-documents/"): "the file must be a ZIP of accepted documents",
    ("POST", "/api/question-bank/import/"): "the CSV file's encoding, columns and rows",
    ("PATCH", "/api/organization/"): "the time zone must be an IANA name",
    ("POST", "/api/panel/create/"): "the end after the start; enough questions in each cell",
    ("PUT", "/api/panel/update/{interview_panel_uuid}/"): "the end after the start; enough questions in each cell",
    ("POST", "/api/interview-management/bulk-start/"): "each listed CV must exist and be pending (per row)",
    ("POST", "/api/interview-management/bulk-reject/"): "each listed CV must exist and be rejectable (per row)",
    ("POST", "/api/job-titles/"): "names are unique in the organization",
    ("PATCH", "/api/job-titles/{job_title_id}/"): "names are unique in the organization",
    ("POST", "/api/question-bank/categories/"): "names are unique in the organization",
    ("PATCH", "/api/question-bank/categories/{category_uuid}/"): "names are unique in the organization",
    ("POST", "/api/question-bank/topics/"): "names are unique in their category",
    ("PATCH", "/api/question-bank/topics/{topic_uuid}/"): "names are unique in their category",
    ("POST", "/api/question-bank/subtopics/"): "names are unique in their topic",
    ("PATCH", "/api/question-bank/subtopics/{subtopic_uuid}/"): "names are unique in their topic",
    ("PUT", "/api/job-titles/{job_title_id}/scorecard-template/"): "each criterion's key, given or made from its "
    "name, is unique in the template; the name must make one (a rule across the items)",
    **{
        (method, "/api/interview-management/{interview_id}/evaluation/"): "a multipart form is at most 10 parts; "
        "a JSON Schema bounds an object's properties, not a form's repeated parts"
        for method in ("POST", "PUT", "PATCH")
    },
}


@pytest.fixture
def admin_headers() -> Iterator[dict[str, str]]:
    with session_scope() as session:
        seed_demo(session, password="fuzz-password-1")
        admin = session.exec(select(AppUser).where(AppUser.email == "admin@demo.example")).one()
        token = issue_access_token(admin.id, admin.organization_id).access_token
    yield {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_holds_its_contract(case, admin_headers):
    excluded = [positive_data_acceptance] if (case.method.upper(), case.path) in REFUSED_ON_CONTENT_OR_STATE else []
    case.call_and_validate(headers=admin_headers, excluded_checks=excluded)


def test_every_exception_names_a_real_operation():
    operations = {(result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()}
    assert set(REFUSED_ON_CONTENT_OR_STATE) <= operations
