"""Schemathesis against /api/openapi.json on the ASGI app, signed in as an admin of a seeded organization.

Bounded: a few examples per operation (the whole module runs in well under 3 minutes). Checks: no 5xx, and
every documented response matches its documented schema.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from sqlmodel import select

from hr_app.api.app import create_api
from hr_app.db import session_scope
from hr_app.demo.seed import seed_demo
from hr_app.models import AppUser
from hr_app.services.security import issue_access_token

FUZZ_APP = create_api()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", FUZZ_APP)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


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
    case.call_and_validate(headers=admin_headers, checks=CHECKS)
