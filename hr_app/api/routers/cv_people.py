"""/api/cvs/{cv_id}/tags/, source/ and notes/: what the team keeps about a candidate (beyond the spec, issue 17)."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.cv_people import CvLabelsOut, CvNoteIn, CvNoteOut, CvSourceIn, CvTagsIn
from hr_app.services import cv_people

router = APIRouter(prefix="/api/cvs/{cv_id}", tags=["cvs"], route_class=UnitOfWorkRoute)


@router.get("/tags/", response_model=Envelope[CvLabelsOut], summary="A CV's tags and source")
def read_labels(session: SessionDep, user: CurrentUser, cv_id: str) -> Envelope[CvLabelsOut]:
    labels = cv_people.labels(session, actor=user, cv_id=cv_id)
    return Envelope(message="CV tags retrieved successfully", data=CvLabelsOut.of(labels))


@router.put(
    "/tags/",
    response_model=Envelope[CvLabelsOut],
    summary="Replace a CV's tags (admin or hr; missing tags are created, existing ones reused whatever their case)",
)
def set_tags(session: SessionDep, user: CurrentUser, cv_id: str, body: CvTagsIn) -> Envelope[CvLabelsOut]:
    labels = cv_people.set_tags(session, actor=user, cv_id=cv_id, tags=body.tags)
    return Envelope(message="CV tags updated successfully", data=CvLabelsOut.of(labels))


@router.put("/source/", response_model=Envelope[CvLabelsOut], summary="Set or clear where a candidate came from")
def set_source(session: SessionDep, user: CurrentUser, cv_id: str, body: CvSourceIn) -> Envelope[CvLabelsOut]:
    labels = cv_people.set_source(session, actor=user, cv_id=cv_id, source=body.source)
    return Envelope(message="CV source updated successfully", data=CvLabelsOut.of(labels))


@router.get("/notes/", response_model=Envelope[list[CvNoteOut]], summary="A CV's private notes, newest first")
def list_notes(session: SessionDep, user: CurrentUser, cv_id: str) -> Envelope[list[CvNoteOut]]:
    notes = cv_people.list_notes(session, actor=user, cv_id=cv_id)
    return Envelope(message=f"Found {len(notes)} note(s)", data=[CvNoteOut.of(note) for note in notes])


@router.post("/notes/", status_code=201, response_model=Envelope[CvNoteOut], summary="Add a private note to a CV")
def add_note(session: SessionDep, user: CurrentUser, cv_id: str, body: CvNoteIn) -> Envelope[CvNoteOut]:
    note = cv_people.add_note(session, actor=user, cv_id=cv_id, text=body.text)
    return Envelope(message="Note added successfully", data=CvNoteOut.of(note))


@router.patch("/notes/{note_id}/", response_model=Envelope[CvNoteOut], summary="Edit your own note")
def edit_note(session: SessionDep, user: CurrentUser, cv_id: str, note_id: str, body: CvNoteIn) -> Envelope[CvNoteOut]:
    note = cv_people.edit_note(session, actor=user, cv_id=cv_id, note_id=note_id, text=body.text)
    return Envelope(message="Note updated successfully", data=CvNoteOut.of(note))


@router.delete("/notes/{note_id}/", response_model=MessageEnvelope, summary="Delete your own note (admins: any)")
def delete_note(session: SessionDep, user: CurrentUser, cv_id: str, note_id: str) -> MessageEnvelope:
    cv_people.delete_note(session, actor=user, cv_id=cv_id, note_id=note_id)
    return MessageEnvelope(message="Note deleted successfully")
