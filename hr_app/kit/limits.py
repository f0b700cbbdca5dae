"""Every limit the domain enforces, written once: models, schemas, services and the UI read them from here."""

from __future__ import annotations

REMARK_MAX_LENGTH = 500  # a status change's remark (one interview or a bulk rejection)
LANGUAGES_MAX_LENGTH = 500  # an evaluation's "languages" note
RATING_MIN, RATING_MAX = 0, 10  # each of an evaluation's five ratings

BULK_STEP_DEFAULT_MINUTES = 15  # bulk start: minutes between one interview and the next
BULK_STEP_MIN_MINUTES, BULK_STEP_MAX_MINUTES = 5, 24 * 60
