"""CVs and job titles: the spec's CV object, and the bodies of the CV and job-title doors."""

from __future__ import annotations

from pydantic import BaseModel

from hr_app.models import JobTitle
from hr_app.schemas.common import DbId, StrictInput
from hr_app.schemas.records import CvRecord


class CvOut(BaseModel):
    """The spec's CV (candidate) object."""

    id: str
    name: str
    job_title: int | None
    job_title_name: str | None
    place: str
    email: str
    phone_number: str
    interview_status: str

    @classmethod
    def of(cls, record: CvRecord) -> CvOut:
        cv = record.cv
        return cls(
            id=str(cv.id),
            name=cv.name,
            job_title=cv.job_title_id,
            job_title_name=record.job_title_name,
            place=cv.place,
            email=cv.email,
            phone_number=cv.phone_number,
            interview_status=cv.status,
        )


class CvDetailOut(CvOut):
    """The CV object of the /api/cvs/ door: the spec's fields plus district."""

    district: str

    @classmethod
    def of(cls, record: CvRecord) -> CvDetailOut:
        return cls(**CvOut.of(record).model_dump(), district=record.cv.district)


class CvCreate(StrictInput):
    name: str
    email: str
    phone_number: str | None = None
    job_title: DbId | None = None
    place: str | None = None
    district: str | None = None


class CvUpdate(StrictInput):
    name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    job_title: DbId | None = None
    place: str | None = None
    district: str | None = None


class JobTitleOut(BaseModel):
    id: int
    name: str

    @classmethod
    def of(cls, job_title: JobTitle) -> JobTitleOut:
        return cls(id=job_title.id or 0, name=job_title.name)


class JobTitleCreate(StrictInput):
    name: str
