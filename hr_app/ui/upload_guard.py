"""Reflex's own `POST /_upload` (the UI's CSV imports, voice notes and CV documents), refused before a byte is
spooled (issue 15).

Reflex reads the whole multipart body into temporary files and only then runs the upload handler, which is the
first place that knows who is asking. This middleware answers first, from the headers alone:

- the handler must be one of the app's upload handlers (404 otherwise);
- `Content-Length` is required (411) and at most the handler's cap: `MAX_UPLOAD_MB` plus the form's own bytes
  (413, the same sentence as the API's);
- the tab (`reflex-client-token`) must have an open socket and a signed-in user (401).

A body that passes must then arrive in time (`BODY_TIMEOUT_SECONDS` plus `BODY_MIN_BYTES_PER_SECOND`, as the
API's guard): a trickling client is cut off and Reflex drops the half-read upload.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import reflex as rx
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hr_app.config import get_settings
from hr_app.kit.errors import Unauthorized
from hr_app.kit.limits import BODY_MIN_BYTES_PER_SECOND, JSON_BODY_MAX_BYTES
from hr_app.services import auth
from hr_app.ui.components.cv_add import AddCvDialogState
from hr_app.ui.components.cv_import import ImportCvsDialogState
from hr_app.ui.components.cv_import_documents import ImportDocumentsDialogState
from hr_app.ui.components.cv_profile_upload import CvDocumentUploadState
from hr_app.ui.components.interview_voice import VoiceNoteState
from hr_app.ui.components.question_import import QuestionImportState
from hr_app.ui.live import reflex_adapter
from hr_app.ui.offloop import in_unit_of_work
from hr_app.ui.states.auth import AuthState

UPLOAD_PATH = "/_upload"


BYTES_PER_MB = 1024 * 1024


def upload_caps() -> dict[str, int]:
    """Each upload handler's full name (the `reflex-event-handler` header) and the most bytes its body may carry."""
    file_and_fields = get_settings().max_upload_bytes + JSON_BODY_MAX_BYTES
    cv_document_and_fields = get_settings().max_cv_bytes + JSON_BODY_MAX_BYTES
    handlers = [
        (VoiceNoteState, VoiceNoteState.upload_voice, file_and_fields),
        (ImportCvsDialogState, ImportCvsDialogState.import_csv, file_and_fields),
        (ImportDocumentsDialogState, ImportDocumentsDialogState.import_zip, file_and_fields),
        (QuestionImportState, QuestionImportState.import_csv, file_and_fields),
        (CvDocumentUploadState, CvDocumentUploadState.upload_cv_document, cv_document_and_fields),
        (AddCvDialogState, AddCvDialogState.add_cv_with_document, cv_document_and_fields),
    ]
    return {f"{state.get_full_name()}.{handler.fn.__name__}": cap for state, handler, cap in handlers}


async def _refusal(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    # Reflex's own refusals of this endpoint are `{"detail": ...}`; the unread body is not worth reading.
    await JSONResponse({"detail": detail}, status_code=status, headers={"Connection": "close"})(scope, receive, send)


async def _signed_in(app: rx.App, client_token: str) -> bool:
    if not client_token or not await reflex_adapter.is_connected(app, client_token):
        return False  # not an open tab of this app: nothing to load, no state created for it
    bearer = (await reflex_adapter.read_substate(app, client_token, AuthState)).auth_token
    try:
        await in_unit_of_work(lambda session: auth.user_from_token(session, bearer))
    except Unauthorized:
        return False
    return True


class _Deadline:
    """The body must arrive by a deadline; past it, Reflex reads the client as gone and the client hears 408."""

    def __init__(self, scope: Scope, receive: Receive, send: Send, declared_bytes: int) -> None:
        allowance = get_settings().body_timeout_seconds + declared_bytes / BODY_MIN_BYTES_PER_SECOND
        self.deadline = anyio.current_time() + allowance
        self.scope, self.receive, self.send = scope, receive, send
        self.missed = False

    async def timed_receive(self) -> Message:
        with anyio.move_on_after(self.deadline - anyio.current_time()):
            return await self.receive()
        self.missed = True
        return {"type": "http.disconnect"}

    async def answer(self, message: Message) -> None:
        if not self.missed:
            await self.send(message)
        elif message["type"] == "http.response.start":  # Reflex's empty answer to a gone client becomes ours
            await _refusal(self.scope, self.receive, self.send, 408, "The upload did not arrive in time.")


class UploadGuard:
    """ASGI middleware in front of the whole port; only `POST /_upload` is looked at."""

    def __init__(self, app: ASGIApp, *, reflex_app: Callable[[], rx.App]) -> None:
        self.app = app
        self.reflex_app = reflex_app
        self.caps: dict[str, int] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != UPLOAD_PATH:
            await self.app(scope, receive, send)
            return
        if self.caps is None:
            self.caps = upload_caps()
        headers = Headers(scope=scope)
        cap = self.caps.get(headers.get("reflex-event-handler", ""))
        declared = headers.get("content-length", "")
        if cap is None:
            await _refusal(scope, receive, send, 404, "No such upload handler.")
        elif not declared.isdigit():
            await _refusal(scope, receive, send, 411, "An upload must declare its Content-Length.")
        elif int(declared) > cap:
            megabytes = (cap - JSON_BODY_MAX_BYTES) // BYTES_PER_MB  # this handler's own cap (voice notes, CVs)
            await _refusal(scope, receive, send, 413, f"File too large. Maximum size is {megabytes} MB.")
        elif not await _signed_in(self.reflex_app(), headers.get("reflex-client-token", "")):
            await _refusal(scope, receive, send, 401, "Sign in to upload files.")
        else:
            deadline = _Deadline(scope, receive, send, int(declared))
            await self.app(scope, deadline.timed_receive, deadline.answer)
