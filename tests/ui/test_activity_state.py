"""The Activity panel's wording of audit entries."""

from __future__ import annotations

from datetime import UTC, datetime

from hr_app.models import AuditEntry
from hr_app.ui.states.activity import describe_changes, entry_of


def test_updates_show_old_and_new_values():
    assert describe_changes({"appearance": None, "remark": "ok"}, {"appearance": 8, "remark": None}) == [
        "appearance: — → 8",
        "remark: ok → —",
    ]


def test_creations_and_deletions_show_one_side_and_skip_ids():
    assert describe_changes(None, {"candidate_id": "x", "candidate": "Ann", "tags": ["a"]}) == [
        "candidate: Ann",
        'tags: ["a"]',
    ]
    assert describe_changes({"name": "Old", "job_title_id": 3}, None) == ["name: Old"]


def test_entry_wording_in_the_browsers_zone():
    entry = AuditEntry(
        id=7,
        organization_id="00000000-0000-0000-0000-000000000001",
        actor_label="candidate",
        object_type="evaluation",
        object_id="x",
        action="created",
        before=None,
        after={"knowledge": 9},
        created_at=datetime(2025, 11, 15, 10, 0, tzinfo=UTC),
    )
    shown = entry_of(entry, tz_offset=-330)  # India: UTC+5:30
    assert (shown.id, shown.who, shown.what, shown.when, shown.changes) == (
        "7",
        "candidate",
        "evaluation created",
        "15 Nov 2025, 15:30",
        ["knowledge: 9"],
    )
