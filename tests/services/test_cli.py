"""python -m hr_app.cli: create-org, create-user, seed-demo."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from hr_app.cli import main
from hr_app.demo import data
from hr_app.models import AppUser, Organization
from hr_app.services.security import verify_password
from tests.factories import row_counts


def test_create_org_and_user(db, capsys):
    assert main(["create-org", "Initech"]) == 0
    assert "Created organization 'Initech'" in capsys.readouterr().out
    assert (
        main(
            [
                "create-user",
                "--org",
                "Initech",
                "--email",
                "Peter@Initech.example",
                "--password",
                "tps-reports-1",
                "--role",
                "hr",
                "--first-name",
                "Peter",
                "--last-name",
                "Gibbons",
                "--job-role",
                "Recruiter",
            ]
        )
        == 0
    )
    user = db.exec(select(AppUser).where(AppUser.email == "peter@initech.example")).one()
    organization = db.exec(select(Organization).where(Organization.name == "Initech")).one()
    assert (user.organization_id, user.role, user.full_name, user.job_role) == (
        organization.id,
        "hr",
        "Peter Gibbons",
        "Recruiter",
    )
    assert verify_password("tps-reports-1", user.password_hash)


def _create_user(email: str, org: str = "Initech") -> int:
    return main(
        [
            "create-user",
            "--org",
            org,
            "--email",
            email,
            "--password",
            "long-enough-1",
            "--role",
            "admin",
            "--first-name",
            "Bill",
        ]
    )


def test_duplicate_email_is_a_clear_error(db, capsys):
    main(["create-org", "Initech"])
    assert _create_user("bill@initech.example") == 0
    before = row_counts(db)
    assert _create_user("BILL@initech.example") == 1
    assert "email: A user with this email already exists." in capsys.readouterr().err
    assert row_counts(db) == before


def test_duplicate_organization_is_a_clear_error(db, capsys):
    assert main(["create-org", "Initech"]) == 0
    assert main(["create-org", "Initech"]) == 1
    assert "Organization 'Initech' already exists." in capsys.readouterr().err


def test_unknown_org_is_a_clear_error(db, capsys):
    before = row_counts(db)
    assert _create_user("bill@initech.example", org="Nowhere") == 1
    assert "error: Organization not found: No organization named 'Nowhere'." in capsys.readouterr().err
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short", "at least 8 characters"), ("x" * 73, "no more than 72 bytes")],
)
def test_password_rules(db, capsys, password, problem):
    main(["create-org", "Initech"])
    code = main(
        [
            "create-user",
            "--org",
            "Initech",
            "--email",
            "a@initech.example",
            "--password",
            password,
            "--role",
            "hr",
            "--first-name",
            "A",
        ]
    )
    assert code == 1
    assert problem in capsys.readouterr().err


def test_seed_demo_is_idempotent(db, capsys):
    assert main(["seed-demo", "--password", "demo-pass-123"]) == 0
    first = capsys.readouterr().out
    assert "admin        admin@demo.example" in first
    assert "password: demo-pass-123" in first
    counts = row_counts(db)
    assert counts["organization"] == 1
    assert counts["app_user"] == len(data.USERS) == 4
    assert counts["job_title"] == 3
    assert counts["user_cv_data"] == 12
    assert counts["category"] == 2
    assert counts["question"] >= 40

    assert main(["seed-demo"]) == 0
    assert "already exists; nothing changed" in capsys.readouterr().out
    assert row_counts(db) == counts
    admin = db.exec(select(AppUser).where(AppUser.email == "admin@demo.example")).one()
    assert verify_password("demo-pass-123", admin.password_hash)


def test_seed_demo_gives_each_user_a_different_password(db, capsys):
    assert main(["seed-demo"]) == 0
    printed = re.findall(r"^\s+\S+\s+(\S+@demo\.example)\s+password: (\S+)$", capsys.readouterr().out, re.MULTILINE)
    assert len(printed) == len(data.USERS) == 4
    passwords = [password for _, password in printed]
    assert len(set(passwords)) == 4
    for email, password in printed:
        user = db.exec(select(AppUser).where(AppUser.email == email)).one()
        assert verify_password(password, user.password_hash)
        for other in set(passwords) - {password}:
            assert not verify_password(other, user.password_hash)
