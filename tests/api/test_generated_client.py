"""The OpenAPI document is usable by a real client (issue 15): openapi-python-client generates a Python package
from it, and the spec's interview workflow runs through that package's typed functions against the ASGI app:
sign in, start an interview, read it, evaluate it, decide it; a refusal comes back as the typed error envelope."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from tests.factories import PASSWORD, create_cv

PACKAGE = "hr_client"
WHEN = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)  # begun: scorecards open at the scheduled start (issue 18)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    from fastapi.testclient import TestClient

    from hr_app.api.app import create_api

    folder = tmp_path_factory.mktemp("generated")
    with TestClient(create_api()) as client:
        (folder / "openapi.json").write_bytes(client.get("/api/openapi.json").content)
    (folder / "config.yaml").write_text(f"post_hooks: []\npackage_name_override: {PACKAGE}\n")
    generator = Path(sys.executable).with_name("openapi-python-client")
    command = [str(generator if generator.exists() else shutil.which("openapi-python-client"))]
    command += ["generate", "--path", "openapi.json", "--config", "config.yaml", "--meta", "none"]
    subprocess.run([*command, "--output-path", PACKAGE], cwd=folder, check=True, capture_output=True, timeout=120)
    _import_unset_where_used(folder / PACKAGE)
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _import_unset_where_used(package: Path) -> None:
    """openapi-python-client 0.28 and 0.29 write `| Unset` for an optional body with two content types (a PATCH
    taking JSON or a form) without importing `Unset`; the one line it forgot, nothing else, is added."""
    for module in package.glob("api/*/*.py"):
        source = module.read_text()
        if "| Unset" in source and "import Response, UNSET\n" in source:
            module.write_text(source.replace("import Response, UNSET\n", "import Response, UNSET, Unset\n", 1))


def _api(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.api.{name}")


def _models() -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.models")


def test_the_spec_workflow_through_the_generated_client(generated, client, db, org, hr_user, interviewer):
    cv = create_cv(db, org, name="Gene Rated", email="gene@example.com")
    models = _models()
    anonymous = generated.Client(base_url="http://testserver").set_httpx_client(client)
    token = _api("auth.obtain_token_api_auth_token_post").sync(
        client=anonymous,
        body=models.ObtainTokenApiAuthTokenPostJsonTokenRequest(email=hr_user.email, password=PASSWORD),
    )
    assert isinstance(token, models.TokenOut) and token.token_type == "bearer"
    client.headers["Authorization"] = f"Bearer {token.access_token}"
    signed_in = generated.AuthenticatedClient(base_url="http://testserver", token=token.access_token)
    signed_in.set_httpx_client(client)
    management = "interview_management."

    started = _api(f"{management}start_interview_api_interview_management_start_interview_post").sync_detailed(
        client=signed_in,
        body=models.StartInterviewIn(candidate_id=str(cv.id), scheduled_at=WHEN, interviewer_id=interviewer.id),
    )
    assert started.status_code == 201
    interview = started.parsed.data
    assert (interview.candidate.name, interview.status) == ("Gene Rated", models.InterviewStatus.PENDING)
    assert started.headers["location"] == f"/api/interview-management/{interview.id}/"

    read = _api(f"{management}get_interview_api_interview_management_interview_id_get").sync(
        str(interview.id), client=signed_in
    )
    assert read.data.id == interview.id and read.data.evaluation is None

    ratings = {"appearance": 8, "knowledge": 7, "confidence": 9, "attitude": 8, "communication": 7}
    evaluated = _api(f"{management}post_interview_evaluation").sync(
        str(interview.id),
        client=signed_in,
        body=models.PostInterviewEvaluationJsonEvaluationIn(**ratings, expected_salary="55000.00"),
    )
    assert (evaluated.data.average_rating, evaluated.data.expected_salary) == (7.8, "55000.00")

    decided = _api(f"{management}update_status_api_interview_management_interview_id_update_status_patch").sync(
        str(interview.id), client=signed_in, body=models.StatusUpdateIn(status=models.InterviewStatus.SELECTED)
    )
    assert decided.message == "Interview status updated to 'selected' successfully"
    assert decided.data.status == models.InterviewStatus.SELECTED


def test_a_refusal_is_the_typed_error_envelope(generated, client, db, org, hr_user):
    models = _models()
    anonymous = generated.Client(base_url="http://testserver").set_httpx_client(client)
    refused = _api("auth.obtain_token_api_auth_token_post").sync_detailed(
        client=anonymous,
        body=models.ObtainTokenApiAuthTokenPostJsonTokenRequest(email=hr_user.email, password="not-the-password"),
    )
    assert refused.status_code == 401
    assert isinstance(refused.parsed, models.ErrorEnvelope)
    assert (refused.parsed.message, refused.parsed.error) == ("Invalid email or password", "UNAUTHORIZED")
