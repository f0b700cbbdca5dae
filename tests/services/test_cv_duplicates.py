"""Possible duplicates: the same e-mail (trimmed, any case) or the same phone by its digits (decision 90),
in one query over the organization, never another organization's CVs."""

from __future__ import annotations

import pytest

from hr_app.services.cv_duplicates import phone_key, possible_duplicates
from tests.factories import QueryCounter, create_cv, create_org

LONDON = "+44 20 7946 0958"
SAME_AS_LONDON = [
    "+44 20 7946 0958",
    "+442079460958",
    "0044 20 7946 0958",
    "+44 (0)20 7946 0958",
    "020 7946 0958",
    "020-7946-0958",
    "(020) 7946.0958",
    "020/7946 0958",
    "44 20 7946 0958",
    "\u00a0020\u00a07946\u00a00958 ",
]
NOT_LONDON = [
    "+44 20 7946 0959",  # one digit off
    "946 0958",  # seven digits: too short to say
    "+1 20 7946 0958 ext 12",  # an extension: not compared
    "020 7946 0958 x",
    "+9999 20 7946 0958",  # four digits in front: no country code is that long
    "",
    "n/a",
]


def _phones(db, org, phones: list[str]) -> dict[str, str]:
    return {
        str(create_cv(db, org, name=f"CV {index}", phone_number=phone).id): phone for index, phone in enumerate(phones)
    }


def test_phone_key_of_real_world_formats() -> None:
    assert {phone_key(phone) for phone in SAME_AS_LONDON} == {"442079460958", "2079460958"}
    assert phone_key("+1 (555) 123-4567") == "15551234567"
    assert phone_key("555.123.4567") == "5551234567"
    assert phone_key("+91 98765 43210") == "919876543210"
    assert [phone_key(phone) for phone in ("", None, "123 4567", "+1 555 123 4567 ext. 9", "٠٢٠٧٩٤٦٠٩٥٨")] == [None] * 5


@pytest.mark.parametrize("given", SAME_AS_LONDON)
def test_every_way_of_writing_a_number_finds_the_others(db, org, given) -> None:
    written = _phones(db, org, SAME_AS_LONDON + NOT_LONDON)
    found = possible_duplicates(db, org.id, "nobody@example.com", given)
    assert sorted(written[str(match.id)] for match in found) == sorted(SAME_AS_LONDON)
    assert {match.matched_on for match in found} == {("phone",)}


@pytest.mark.parametrize(
    ("stored", "given"),
    [
        ("+1 (555) 123-4567", "555-123-4567"),
        ("(555) 123 4567", "+1 555 123 4567"),
        ("+49 30 12345678", "030 12345678"),
        ("+47 22 12 34 56", "22 12 34 56"),
        ("+39 06 1234 5678", "06 1234 5678"),
        ("+39 06 1234 5678", "0039 06 1234 5678"),
        ("+91 9876543210", "09876543210"),
    ],
)
def test_national_and_international_forms_match(db, org, stored, given) -> None:
    cv = create_cv(db, org, phone_number=stored)
    assert [match.id for match in possible_duplicates(db, org.id, None, given)] == [cv.id]


def test_email_matches_trimmed_in_any_case_and_both_reasons_are_named(db, org) -> None:
    by_email = create_cv(db, org, name="Anna Bell", email="anna.bell@example.org", phone_number="")
    by_both = create_cv(db, org, name="Anna B.", email=" ANNA.Bell@Example.org", phone_number="+358 40 123 4567")
    by_phone = create_cv(db, org, name="A. Bell", email="ab@example.org", phone_number="040 123 4567")
    create_cv(db, org, name="Other", email="anna.bell@example.com", phone_number="+358 40 123 4568")
    found = possible_duplicates(db, org.id, "  Anna.Bell@EXAMPLE.org ", "+358 (0)40-123-4567")
    assert [(match.id, match.matched_on) for match in found] == [
        (by_both.id, ("email", "phone")),
        (by_email.id, ("email",)),
        (by_phone.id, ("phone",)),
    ]
    assert (found[1].name, found[1].email, found[1].phone) == ("Anna Bell", "anna.bell@example.org", "")


def test_the_cv_itself_and_other_organizations_are_left_out(db, org) -> None:
    cv = create_cv(db, org, email="same@example.org", phone_number=LONDON)
    create_cv(db, create_org(db), email="same@example.org", phone_number=LONDON)
    assert possible_duplicates(db, org.id, "same@example.org", LONDON, exclude_cv_id=cv.id) == []
    assert [match.id for match in possible_duplicates(db, org.id, "same@example.org", LONDON)] == [cv.id]


def test_nothing_to_compare_finds_nothing(db, org) -> None:
    create_cv(db, org, email="x@example.org", phone_number="")
    assert possible_duplicates(db, org.id, "", "") == []
    assert possible_duplicates(db, org.id, None, "%") == []


def test_one_query_whatever_the_number_of_cvs(db, org) -> None:
    for index in range(30):
        create_cv(db, org, email=f"p{index}@example.org", phone_number=f"+44 20 7946 {index:04d}")
    with QueryCounter() as queries:
        found = possible_duplicates(db, org.id, "p1@example.org", "020 7946 0002")
    assert queries.count == 1
    assert len(found) == 2
