"""Data migrations on PostgreSQL: what they do to rows already in the register."""

from datetime import date

import pytest

from foi_cases import services
from foi_cases.tests.factories import make_case
from foi_cases.tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 - an autouse fixture

BEFORE_RESPONDED = ("foi_cases", "0005_running_cases_by_due_date")
RESPONDED = ("foi_cases", "0006_responded_status_and_letter_images")


@pytest.mark.django_db(transaction=True)
def test_0006_moves_answered_cases_to_responded_and_leaves_unanswered_ones_closed(officer):
    answered, withdrawn, running = (make_case(actor=officer) for _ in range(3))
    services.case_close(case=answered, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    services.case_withdraw(case=withdrawn, actor=officer, on=date(2020, 1, 10))
    old = migrate_to(BEFORE_RESPONDED).get_model("foi_cases", "Case")  # every finished case "closed"
    assert set(old.objects.values_list("status", flat=True)) == {"closed", "open"}
    new = migrate_to(RESPONDED).get_model("foi_cases", "Case")
    statuses = {case.pk: case.status for case in new.objects.all()}
    assert (statuses[answered.pk], statuses[withdrawn.pk], statuses[running.pk]) == ("responded", "closed", "open")


BEFORE_WORKING_DAYS = ("foi_cases", "0008_reminders_reviews_complaints_retention")
WORKING_DAYS = ("foi_cases", "0009_backfill_working_days_taken")


@pytest.mark.django_db(transaction=True)
def test_0009_counts_the_working_days_answered_cases_took_on_their_clock(officer):
    answered, clarified, withdrawn = (make_case(actor=officer, received_on=date(2025, 9, 1)) for _ in range(3))
    services.case_close(case=answered, actor=officer, outcome="granted", responded_on=date(2025, 9, 29))
    services.clock_event_record(case=clarified, actor=officer, kind="clarification_requested", on=date(2025, 9, 2))
    services.clock_event_record(case=clarified, actor=officer, kind="clarification_received", on=date(2025, 9, 15))
    services.case_close(case=clarified, actor=officer, outcome="granted", responded_on=date(2025, 9, 22))
    services.case_withdraw(case=withdrawn, actor=officer, on=date(2025, 9, 10))
    old = migrate_to(BEFORE_WORKING_DAYS).get_model("foi_cases", "Case")
    old.objects.update(working_days_taken=None)  # as the rows were before the field was filled in
    new = migrate_to(WORKING_DAYS).get_model("foi_cases", "Case")
    taken = dict(new.objects.values_list("pk", "working_days_taken"))
    assert (taken[answered.pk], taken[clarified.pk], taken[withdrawn.pk]) == (20, 5, None)
