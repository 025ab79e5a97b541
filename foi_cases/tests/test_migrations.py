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
