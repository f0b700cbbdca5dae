"""The interview page's voice note (record in the browser, or upload a file) and its state.

VoiceNoteState is a substate of InterviewState: it shows the voice note of the scorecard the page's spec form writes
(the caller's own when they interview, else the lead's; decision 128) and re-reads the page after a change.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.services import evaluations
from hr_app.ui.components.widgets import field_error
from hr_app.ui.states.interview import InterviewState, PageData, read_page, save_and_read

RECORD_SHORTCUT = "Alt+Shift+R"  # assets/voice.js listens for it anywhere on the page

VOICE_UPLOAD_ID = "voice-upload"


class VoiceNoteState(InterviewState):
    uploading: bool = False
    upload_progress: int = 0
    voice_error: str = ""
    recording: bool = False

    def _close(self) -> None:
        self.voice_error, self.recording = "", False

    @rx.event
    def load_voice_player(self):
        """on_mount of the <audio>: fetch the voice note with the token and play it from a blob: URL."""
        if not self.voice_url:
            return None
        return rx.call_script(f"window.hrVoiceLoad && window.hrVoiceLoad({self.voice_url!r}, 'voice-player')")

    @rx.event
    def on_upload_progress(self, progress: dict) -> None:
        self.uploading = True
        self.upload_progress = round(float(progress.get("progress", 0)) * 100)

    @rx.event
    async def upload_voice(self, files: list[rx.UploadFile]):
        self.voice_error = ""
        if not files:
            self.voice_error = "Choose an audio file (mp3, wav or m4a) first."
            return
        voice_note = evaluations.AudioUpload(file=files[0].file, filename=files[0].filename)
        interview_id = self.interview_id

        def store(session: Session, actor: AppUser) -> PageData:
            evaluations.save_evaluation(session, actor=actor, interview_id=interview_id, data={}, voice_note=voice_note)
            return read_page(session, actor, interview_id)

        try:
            page = await self._as_actor(store)
        except Invalid as error:
            self.uploading = False
            self.voice_error = " ".join(error.field_errors.get("voice_note", [error.message]))
            return
        except DomainError as error:
            self.uploading = False
            yield self._handle_domain_error(error)
            return
        self.uploading, self.upload_progress = False, 100
        self._show(page, keep_form=True)
        yield rx.clear_selected_files(VOICE_UPLOAD_ID)
        yield rx.toast.success("Voice note saved")

    @rx.event
    def start_recording(self):
        self.voice_error = ""
        self.recording = True
        return rx.call_script("window.hrRecorder.start()", callback=VoiceNoteState.recording_started)

    @rx.event
    def recording_started(self, problem: str) -> None:
        if problem:
            self.recording = False
            self.voice_error = problem

    @rx.event
    def stop_recording(self):
        self.recording = False
        self.uploading = True
        target = f"/api/interview-management/{self.interview_id}/evaluation/"
        return rx.call_script(f"window.hrRecorder.stopAndUpload({target!r})", callback=VoiceNoteState.recording_saved)

    @rx.event
    async def recording_saved(self, problem: str):
        self.uploading = False
        if problem:
            self.voice_error = problem
            return None
        try:
            await self._read(keep_form=True)
        except DomainError as error:
            return self._handle_domain_error(error)
        return rx.toast.success("Recording saved")

    @rx.event
    async def remove_voice_note(self):
        interview_id, data = self.interview_id, {"voice_note": None}
        try:
            page = await self._as_actor(lambda session, actor: save_and_read(session, actor, interview_id, data))
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(page, keep_form=True)
        return rx.toast.success("Voice note removed")


def voice_note() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(rx.cond(InterviewState.rates_in_scorecard, "My voice note", "Voice note"), size="4"),
                rx.text(
                    rx.cond(InterviewState.rates_in_scorecard, "on your own scorecard", "on the lead's scorecard"),
                    size="1",
                    color_scheme="gray",
                    id="voice-whose",
                ),
                rx.spacer(),
                rx.cond(
                    InterviewState.has_voice_note,
                    rx.badge("Saved", color_scheme="green", id="voice-saved"),
                    rx.badge("None yet", color_scheme="gray"),
                ),
                width="100%",
                align="center",
            ),
            rx.cond(
                InterviewState.has_voice_note,
                rx.hstack(
                    rx.el.audio(
                        id="voice-player",
                        key=InterviewState.voice_version,  # a new voice note remounts it, on_mount loads it
                        on_mount=VoiceNoteState.load_voice_player,
                        controls=True,
                        preload="metadata",
                        style={"width": "100%"},
                    ),
                    rx.tooltip(
                        rx.icon_button(
                            rx.icon("trash-2", size=14),
                            variant="ghost",
                            color_scheme="red",
                            on_click=VoiceNoteState.remove_voice_note,
                            id="voice-remove",
                            aria_label="Remove the voice note",
                        ),
                        content="Remove the voice note",
                    ),
                    align="center",
                    width="100%",
                ),
            ),
            rx.grid(
                rx.vstack(
                    rx.text("Record (Alt+Shift+R starts and stops)", size="2", weight="medium"),
                    rx.hstack(
                        rx.cond(
                            VoiceNoteState.recording,
                            rx.button(
                                rx.icon("square", size=14),
                                "Stop and save",
                                color_scheme="red",
                                on_click=VoiceNoteState.stop_recording,
                                id="record-stop",
                                aria_keyshortcuts=RECORD_SHORTCUT,
                            ),
                            rx.button(
                                rx.icon("mic", size=14),
                                "Record",
                                variant="soft",
                                on_click=VoiceNoteState.start_recording,
                                id="record-start",
                                aria_keyshortcuts=RECORD_SHORTCUT,
                                disabled=VoiceNoteState.uploading | (VoiceNoteState.scorecard_closed != ""),
                            ),
                        ),
                        rx.text("0:00", id="record-timer", size="2", font_family="monospace"),
                        align="center",
                        spacing="3",
                    ),
                    rx.box(
                        rx.box(
                            id="record-level",
                            height="100%",
                            width="0%",
                            background=rx.color("green", 9),
                            border_radius="var(--radius-2)",
                            transition="width 80ms linear",
                        ),
                        height="6px",
                        width="100%",
                        background=rx.color("gray", 4),
                        border_radius="var(--radius-2)",
                        role="img",  # a picture of the microphone's level; the name says what it shows
                        aria_label="Input level",
                    ),
                    spacing="2",
                    width="100%",
                ),
                rx.vstack(
                    rx.text("Or upload a file (mp3, wav, m4a)", size="2", weight="medium"),
                    rx.hstack(
                        rx.upload.root(
                            rx.button(rx.icon("paperclip", size=14), "Choose file", variant="soft", type="button"),
                            id=VOICE_UPLOAD_ID,
                            accept={"audio/*": [".mp3", ".wav", ".m4a"]},
                            max_files=1,
                            multiple=False,
                            no_drag=True,
                        ),
                        rx.button(
                            rx.cond(VoiceNoteState.uploading, rx.spinner(size="1"), rx.icon("upload", size=14)),
                            "Upload",
                            on_click=VoiceNoteState.upload_voice(
                                rx.upload_files(
                                    upload_id=VOICE_UPLOAD_ID, on_upload_progress=VoiceNoteState.on_upload_progress
                                )
                            ),
                            # nothing to send before a file is chosen (as in the CSV import dialogs)
                            disabled=VoiceNoteState.uploading
                            | (VoiceNoteState.scorecard_closed != "")
                            | (rx.selected_files(VOICE_UPLOAD_ID).length() == 0),
                            id="voice-upload-submit",
                        ),
                        spacing="2",
                    ),
                    rx.foreach(
                        rx.selected_files(VOICE_UPLOAD_ID),
                        lambda name: rx.text(name, size="1", color_scheme="gray", class_name="selected-file"),
                    ),
                    rx.cond(
                        VoiceNoteState.uploading,
                        rx.progress(
                            value=VoiceNoteState.upload_progress,
                            width="100%",
                            id="voice-progress",
                            aria_label="Upload progress",
                        ),
                    ),
                    spacing="2",
                    width="100%",
                ),
                columns="2",
                spacing="4",
                width="100%",
            ),
            field_error(VoiceNoteState.voice_error, "voice-error"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
