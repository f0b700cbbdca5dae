"""Renders an e-mail from `hr_app/templates/email/<template>.{subject,txt,html}.j2` (Jinja2).

Every template sees `organization` (name, time zone, sender name), `local(dt)` to write a UTC datetime in the
organization's time zone, and the caller's context. HTML is autoescaped; the text alternative and subject are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from hr_app.kit.time import as_utc
from hr_app.models import Organization

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "email"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment


def local_time(moment: datetime, time_zone: str) -> str:
    """`moment` written in `time_zone`, e.g. "Mon 7 Dec 2026, 14:30 (Europe/Berlin)"."""
    shown = as_utc(moment).astimezone(ZoneInfo(time_zone))
    return f"{shown:%a} {shown.day} {shown:%b %Y, %H:%M} ({time_zone})"


def _variables(organization: Organization, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "organization": {
            "name": organization.name,
            "time_zone": organization.time_zone,
            "sender_name": organization.sender_name or organization.name,
        },
        "local": lambda moment: local_time(moment, organization.time_zone),
        **context,
    }


def render_text(template: str, organization: Organization, context: dict[str, Any]) -> str:
    """Only `<template>.txt.j2`: a text a person edits before it becomes a message (the decision message)."""
    return _environment().get_template(f"{template}.txt.j2").render(_variables(organization, context))


def render(template: str, organization: Organization, context: dict[str, Any]) -> RenderedEmail:
    environment = _environment()
    variables = _variables(organization, context)
    subject = environment.get_template(f"{template}.subject.j2").render(variables)
    return RenderedEmail(
        subject=" ".join(subject.split()),
        text=environment.get_template(f"{template}.txt.j2").render(variables),
        html=environment.get_template(f"{template}.html.j2").render(variables),
    )
