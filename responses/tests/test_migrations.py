"""Data migrations on PostgreSQL: what they do to letters already sent."""

from datetime import date

import pytest

from foi_cases import services as case_services
from foi_cases.tests.factories import make_case
from foi_cases.tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 - an autouse fixture
from responses import issuing

BEFORE_DISPATCH_CASES = ("responses", "0003_signed_pdfs_and_dispatches")
DISPATCH_CASES = ("responses", "0004_dispatch_cases_and_disclosure_log")


@pytest.mark.django_db(transaction=True)
def test_0004_records_the_letters_own_case_as_reached_and_not_a_linked_case_of_another_requester(
    issued, officer, monkeypatch
):
    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 10))
    case = issued.case
    sent = issuing.letter_send(letter=issued, actor=officer, method="email")
    other = make_case(actor=officer, email="someone.else@example.org", name="Someone else")
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")

    migrate_to(BEFORE_DISPATCH_CASES)
    reached = migrate_to(DISPATCH_CASES).get_model("responses", "Dispatch").objects.get(pk=sent.dispatch.pk)

    assert list(reached.cases.values_list("pk", flat=True)) == [case.pk]


@pytest.mark.django_db(transaction=True)
def test_0004_records_a_posted_letter_as_reaching_every_case_answered_with_it(issued, officer, monkeypatch):
    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 10))
    case = issued.case
    sent = issuing.letter_send(letter=issued, actor=officer, method="post", sent_on=date(2020, 1, 10))
    other = make_case(actor=officer, email="someone.else@example.org", name="Someone else")
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")

    migrate_to(BEFORE_DISPATCH_CASES)
    reached = migrate_to(DISPATCH_CASES).get_model("responses", "Dispatch").objects.get(pk=sent.dispatch.pk)

    assert set(reached.cases.values_list("pk", flat=True)) == {case.pk, other.pk}
