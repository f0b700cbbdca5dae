"""A job title's scorecard template: its criteria, read and replaced by admin and hr (issue 18, decision 82).

A job title without criteria uses the spec's five (`scorecards.DEFAULT_CRITERIA`). A criterion's key is what
scorecards store its rating and note under, so a rename that sends the key keeps what was written on it.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from sqlalchemy import delete, update
from sqlmodel import Session, select

from hr_app.kit.access import require_staff
from hr_app.kit.errors import FieldErrors, Invalid
from hr_app.kit.limits import CRITERIA_MAX, CRITERION_KEY_LENGTH
from hr_app.models import AppUser, JobTitle, ScorecardCriterion
from hr_app.schemas.records import CriterionRecord, ScorecardTemplate
from hr_app.schemas.scorecards import CriterionIn
from hr_app.services import cvs, events, scorecards
from hr_app.services.events import Topic

TEMPLATE_INVALID = "Invalid scorecard template"
KEY_PATTERN = re.compile(r"[a-z0-9_]+")
BAD_KEY = "Use lower-case letters, digits and underscores only."
NO_KEY = "Give a name with a letter or a digit in it, or a key."
TOO_MANY = f"A scorecard template has at most {CRITERIA_MAX} criteria."


def _template(session: Session, job_title: JobTitle) -> ScorecardTemplate:
    own = session.exec(select(ScorecardCriterion.id).where(ScorecardCriterion.job_title_id == job_title.id)).first()
    return ScorecardTemplate(job_title, scorecards.criteria_for(session, job_title.id), is_default=own is None)


def template_of(session: Session, *, actor: AppUser, job_title_id: int) -> ScorecardTemplate:
    """Admin and hr; another organization's job title is 404."""
    job_title = cvs.own_job_title(session, require_staff(actor), job_title_id)
    return _template(session, job_title)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:CRITERION_KEY_LENGTH]


def _checked(criteria: list[CriterionIn]) -> list[CriterionRecord]:
    if len(criteria) > CRITERIA_MAX:
        raise Invalid(TEMPLATE_INVALID, {"criteria": [TOO_MANY]})
    errors: FieldErrors = {}
    checked: list[CriterionRecord] = []
    seen: set[str] = set()
    for index, given in enumerate(criteria):
        at = f"criteria.{index}"
        name = given.name.strip()
        key = given.key.strip() if given.key else slug(name)
        if not name:
            errors[f"{at}.name"] = ["This field may not be blank."]
        elif not key:
            errors[f"{at}.name"] = [NO_KEY]
        elif not KEY_PATTERN.fullmatch(key):
            errors[f"{at}.key"] = [BAD_KEY]
        elif key in seen:
            errors[f"{at}.key"] = [f'Another criterion has the key "{key}".']
        seen.add(key)
        checked.append(CriterionRecord(key, name, given.guide_2.strip(), given.guide_5.strip(), given.guide_8.strip()))
    if errors:
        raise Invalid(TEMPLATE_INVALID, errors)
    return checked


def set_template(
    session: Session, *, actor: AppUser, job_title_id: int, criteria: list[CriterionIn]
) -> ScorecardTemplate:
    """Replace the job title's criteria with these, in this order (none: back to the spec's five). Scorecards keep
    what they hold; they show and require the criteria of the template as it is now."""
    organization_id = require_staff(actor)
    job_title = cvs.own_job_title(session, organization_id, job_title_id)
    checked = _checked(criteria)
    # One writer at a time per job title: the old rows go before the new ones take their keys.
    session.execute(update(JobTitle).where(JobTitle.id == job_title.id).values(name=JobTitle.name))
    session.execute(delete(ScorecardCriterion).where(ScorecardCriterion.job_title_id == job_title.id))
    session.add_all(
        ScorecardCriterion(organization_id=organization_id, job_title_id=job_title.id, position=position, **asdict(c))
        for position, c in enumerate(checked)
    )
    session.flush()
    events.publish(session, organization_id, Topic.INTERVIEWS, Topic.JOB_TITLES)
    return _template(session, job_title)
