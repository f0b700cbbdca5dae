"""Drawing a candidate's question set: exposure control and the per-candidate shuffle (issue 19).

Inside each distribution cell (subtopic x difficulty) the questions the organization has shown least often (drawn
into any candidate's set) come first, ties broken at random, so popular questions stop leaking; a cell never gives
the same question twice. With the panel's `shuffle`, the candidate's stored seed orders the whole set and, per
question, its options; the order is a pure function of (seed, question), so it is frozen across reloads without
storing it (a drawn question is never edited in place: an edit makes a new version).
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from hr_app.models import Answer, Difficulty, InterviewPanel, Question, QuestionDistribution

SEED_BITS = 62  # fits a signed BIGINT on both databases

_random = random.SystemRandom()


def new_seed() -> int:
    return _random.getrandbits(SEED_BITS)


def pick_least_shown(
    available: Sequence[uuid.UUID], shown: Mapping[uuid.UUID, int], count: int, rng: random.Random
) -> list[uuid.UUID]:
    """`count` distinct questions of `available`, the least shown first, ties at random."""
    ranked = sorted(available, key=lambda question_id: (shown.get(question_id, 0), rng.random()))
    return ranked[: min(count, len(ranked))]


def option_order(seed: int | None, question_id: uuid.UUID, size: int) -> tuple[int, ...]:
    """The candidate's order of a question's options: entry i is the original index shown at place i."""
    order = list(range(size))
    if seed is not None:
        random.Random(f"{seed}:{question_id}").shuffle(order)
    return tuple(order)


def draw_questions(session: Session, panel: InterviewPanel, seed: int | None = None) -> list[uuid.UUID]:
    """Per distribution row (in order) and difficulty (easy, medium, hard): the least-shown current questions of
    the subtopic. A bank that shrank since the panel was created gives what it has. With a seed, the set is
    shuffled by it (the candidate's question order)."""
    rows = session.exec(
        select(QuestionDistribution)
        .where(QuestionDistribution.panel_id == panel.id)
        .order_by(QuestionDistribution.position)
    ).all()
    pool: dict[tuple[uuid.UUID, str], list[uuid.UUID]] = defaultdict(list)
    for question_id, subtopic_id, difficulty in session.exec(
        select(Question.id, Question.subtopic_id, Question.difficulty)
        .where(
            Question.organization_id == panel.organization_id,
            col(Question.subtopic_id).in_([row.subtopic_id for row in rows]),
            col(Question.is_archived).is_(False),
        )
        .order_by(Question.id)
    ):
        pool[(subtopic_id, difficulty)].append(question_id)
    shown = _showings(session, [question_id for ids in pool.values() for question_id in ids])
    picked: list[uuid.UUID] = []
    for row in rows:
        for level in Difficulty:
            picked += pick_least_shown(pool[(row.subtopic_id, level)], shown, getattr(row, level), _random)
    if seed is not None:
        random.Random(seed).shuffle(picked)
    return picked


def _showings(session: Session, question_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many candidates' sets each question is in (one grouped count over the pool)."""
    if not question_ids:
        return {}
    return dict(
        session.exec(
            select(Answer.question_id, func.count())
            .where(col(Answer.question_id).in_(question_ids))
            .group_by(Answer.question_id)
        ).all()
    )
