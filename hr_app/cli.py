"""Command line: `python -m hr_app.cli <command>` (run it with the project's .venv)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from hr_app.db import session_scope
from hr_app.demo.seed import seed_demo
from hr_app.kit.errors import DomainError
from hr_app.models import Role
from hr_app.services import accounts


def _describe(error: DomainError) -> str:
    if isinstance(error.details, dict):
        problems = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.details.items())
        return f"{error.message} ({problems})"
    return f"{error.message}: {error.details}" if error.details else error.message


def cmd_create_org(args: argparse.Namespace) -> str:
    with session_scope() as session:
        organization = accounts.create_organization(session, name=args.name)
        return f"Created organization '{organization.name}' ({organization.id})"


def cmd_create_user(args: argparse.Namespace) -> str:
    with session_scope() as session:
        organization = accounts.get_organization_by_name(session, args.org)
        user = accounts.create_user(
            session,
            organization=organization,
            email=args.email,
            password=args.password,
            role=args.role,
            first_name=args.first_name,
            last_name=args.last_name,
            job_role=args.job_role,
        )
        return f"Created {user.role} {user.email} (id {user.id}) in '{organization.name}'"


def cmd_seed_demo(args: argparse.Namespace) -> str:
    with session_scope() as session:
        result = seed_demo(session, password=args.password)
    if not result.created:
        return "Demo organization already exists; nothing changed. Sign in with: " + ", ".join(
            email for email, *_ in result.logins
        )
    port = os.environ.get("PORT", "3000")
    lines = [f"Seeded the demo organization 'Demo Company'. Sign in at http://localhost:{port}/login with:"]
    lines += [f"  {role:<12} {email:<24} password: {password}" for email, role, password in result.logins]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hr_app.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    create_org = commands.add_parser("create-org", help="create an organization")
    create_org.add_argument("name")
    create_org.set_defaults(handler=cmd_create_org)

    create_user = commands.add_parser("create-user", help="create a user in an organization")
    create_user.add_argument("--org", required=True, help="organization name")
    create_user.add_argument("--email", required=True)
    create_user.add_argument("--password", required=True)
    create_user.add_argument("--role", required=True, choices=[role.value for role in Role])
    create_user.add_argument("--first-name", required=True)
    create_user.add_argument("--last-name", default="")
    create_user.add_argument("--job-role", default="")
    create_user.set_defaults(handler=cmd_create_user)

    seed = commands.add_parser("seed-demo", help="seed the demo organization (idempotent)")
    seed.add_argument(
        "--password",
        default=None,
        help="one password shared by the demo users (default: a different generated one each)",
    )
    seed.set_defaults(handler=cmd_seed_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], str] = args.handler
    try:
        print(handler(args))
    except DomainError as error:
        print(f"error: {_describe(error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
