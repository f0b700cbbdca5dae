"""Blind until submitted holds on an interview's audit trail (issue 18, decision 103): an interviewer who has not
submitted sees that the others saved and submitted, not their ratings; once theirs is in, or for hr, all of it."""

from __future__ import annotations

from tests.api.test_audit import AUDIT
from tests.api.test_scorecards_mine import full_draft, put_mine, submit, team  # noqa: F401  (team: a fixture)
from tests.factories import auth_header


def _trail(client, interview, user) -> list[dict]:
    response = client.get(AUDIT, headers=auth_header(user), params={"object": f"interview:{interview.id}"})
    assert response.status_code == 200, response.text
    return response.json()["data"]["entries"]


def _by(entries: list[dict], name: str) -> list[tuple[str, dict | None]]:
    return [(entry["action"], entry["after"]) for entry in entries if entry["actor"].startswith(name)]


def test_the_others_scorecard_entries_show_who_and_when_not_what(client, db, org, hr_user, team):  # noqa: F811
    interview, ann, ben, cat, _dan = team
    assert put_mine(client, interview, ben, full_draft(3, "no")).status_code == 200
    assert submit(client, interview, ben).status_code == 200
    assert put_mine(client, interview, ann, full_draft(8)).status_code == 200

    seen_by_ann = _trail(client, interview, ann)
    assert _by(seen_by_ann, "Ben") == [("scorecard_submitted", None), ("scorecard_saved", None)]
    assert _by(seen_by_ann, "Ann")[0][1]["ratings.knowledge"] == 8  # her own stays whole
    assert _by(_trail(client, interview, hr_user), "Ben")[1][1]["ratings.knowledge"] == 3

    assert submit(client, interview, ann).status_code == 200  # hers in: she sees Ben's
    assert _by(_trail(client, interview, ann), "Ben")[1][1]["ratings.knowledge"] == 3

    org.blind_scorecards = False
    db.add(org)
    db.commit()
    assert _by(_trail(client, interview, cat), "Ben")[1][1]["ratings.knowledge"] == 3  # blind off: as before
