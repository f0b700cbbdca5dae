"""Blind until submitted (issue 18, decision 63), the rule alone: who may see the other interviewers' scorecards of
an interview. Below the services that apply it (scorecards, audit), so both read one rule."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from hr_app.kit.access import STAFF_ROLES
from hr_app.models import AppUser, Evaluation, Organization, ScorecardStatus


def sees_others(session: Session, actor: AppUser, organization_id: uuid.UUID, interview_id: uuid.UUID) -> bool:
    """Admin and hr see every scorecard; with the organization's blind setting on, anyone else sees the others'
    only once their own is submitted."""
    if actor.role in STAFF_ROLES:
        return True
    organization = session.get(Organization, organization_id)
    if organization is None or not organization.blind_scorecards:
        return True
    status = session.exec(
        select(Evaluation.status).where(Evaluation.interview_id == interview_id, Evaluation.interviewer_id == actor.id)
    ).first()
    return status == ScorecardStatus.SUBMITTED
