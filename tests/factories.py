"""Small row factories and client fixtures shared by every test module."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func
from sqlmodel import Session, SQLModel, select

from hr_app.db import get_engine
from hr_app.models import AppUser, JobTitle, Organization, Role, UserCvData
from hr_app.services.security import hash_password, issue_access_token

PASSWORD = "Correct-Horse-9"
_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_sequence)}"


@pytest.fixture
def db() -> Iterator[Session]:
    """A session for arranging and asserting. Arrange with `db.add(...)` then `db.commit()`."""
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


def create_org(db: Session, name: str | None = None) -> Organization:
    org = Organization(name=name or unique("Org "))
    db.add(org)
    db.commit()
    return org


def create_user(
    db: Session,
    org: Organization | None,
    *,
    role: str = Role.HR,
    email: str | None = None,
    password: str = PASSWORD,
    first_name: str = "Jane",
    last_name: str = "Smith",
    job_role: str = "HR Manager",
    is_active: bool = True,
) -> AppUser:
    user = AppUser(
        organization_id=org.id if org else None,
        email=email or f"{unique('user')}@example.com",
        password_hash=hash_password(password),
        role=role,
        first_name=first_name,
        last_name=last_name,
        job_role=job_role,
        is_active=is_active,
    )
    db.add(user)
    db.commit()
    return user


def create_job_title(db: Session, org: Organization, name: str | None = None) -> JobTitle:
    job_title = JobTitle(organization_id=org.id, name=name or unique("Software Developer "))
    db.add(job_title)
    db.commit()
    return job_title


def create_cv(db: Session, org: Organization, *, job_title: JobTitle | None = None, **fields: Any) -> UserCvData:
    job_title = job_title or create_job_title(db, org)
    values = {
        "name": "John Doe",
        "email": f"{unique('john')}@example.com",
        "phone_number": "+91 9876543210",
        "place": "Kochi",
        "district": "Ernakulam",
        **fields,
    }
    cv = UserCvData(organization_id=org.id, job_title_id=job_title.id, **values)
    db.add(cv)
    db.commit()
    return cv


def auth_header(user: AppUser) -> dict[str, str]:
    token = issue_access_token(user.id, user.organization_id, user.token_version).access_token
    return {"Authorization": f"Bearer {token}"}


def row_counts(db: Session) -> dict[str, int]:
    """Rows per table: compare before and after a refused request to prove nothing changed."""
    db.expire_all()
    return {
        table.name: db.exec(select(func.count()).select_from(table)).one() for table in SQLModel.metadata.sorted_tables
    }


class QueryCounter:
    """Counts SQL statements sent by the app's engine while active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __enter__(self) -> QueryCounter:
        event.listen(get_engine(), "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(get_engine(), "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, *_args) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture(scope="session")
def api_app() -> FastAPI:
    from hr_app.api.app import create_api

    return create_api()


@pytest.fixture
def client(api_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(api_app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def org(db: Session) -> Organization:
    return create_org(db, "Acme Corp")


@pytest.fixture
def other_org(db: Session) -> Organization:
    return create_org(db, "Globex Inc")


@pytest.fixture
def admin(db: Session, org: Organization) -> AppUser:
    return create_user(db, org, role=Role.ADMIN, email="admin@acme.test", first_name="Asha", last_name="Admin")


@pytest.fixture
def hr_user(db: Session, org: Organization) -> AppUser:
    return create_user(db, org, role=Role.HR, email="hr@acme.test")


@pytest.fixture
def interviewer(db: Session, org: Organization) -> AppUser:
    return create_user(
        db, org, role=Role.INTERVIEWER, email="ivy@acme.test", first_name="Ivy", last_name="Iyer", job_role="Tech Lead"
    )


@pytest.fixture
def outsider(db: Session, other_org: Organization) -> AppUser:
    return create_user(db, other_org, role=Role.ADMIN, email="boss@globex.test", first_name="Gus", last_name="Globex")


__all__ = [
    "PASSWORD",
    "QueryCounter",
    "admin",
    "api_app",
    "auth_header",
    "client",
    "create_cv",
    "create_job_title",
    "create_org",
    "create_user",
    "db",
    "hr_user",
    "interviewer",
    "org",
    "other_org",
    "outsider",
    "row_counts",
    "unique",
]


@pytest.fixture
def auth_headers_admin(admin: AppUser) -> dict[str, str]:
    return auth_header(admin)


@pytest.fixture
def auth_headers_hr(hr_user: AppUser) -> dict[str, str]:
    return auth_header(hr_user)


@pytest.fixture
def auth_headers_interviewer(interviewer: AppUser) -> dict[str, str]:
    return auth_header(interviewer)


@pytest.fixture
def auth_headers_outsider(outsider: AppUser) -> dict[str, str]:
    return auth_header(outsider)


__all__ += ["auth_headers_admin", "auth_headers_hr", "auth_headers_interviewer", "auth_headers_outsider"]
