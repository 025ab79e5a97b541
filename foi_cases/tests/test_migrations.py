"""Data migrations on PostgreSQL: what they do to rows already in the register."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from foi_cases import services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case

BEFORE_RESPONDED = ("foi_cases", "0005_running_cases_by_due_date")
RESPONDED = ("foi_cases", "0006_responded_status_and_letter_images")


def migrate_to(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_0006_moves_answered_cases_to_responded_and_leaves_unanswered_ones_closed(officer):
    answered, withdrawn, running = (make_case(actor=officer) for _ in range(3))
    services.case_close(case=answered, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    services.case_withdraw(case=withdrawn, actor=officer, on=date(2020, 1, 10))
    migrate_to(BEFORE_RESPONDED)  # as the register was: every finished case "closed"
    assert set(Case.objects.values_list("status", flat=True)) == {"closed", "open"}
    migrate_to(RESPONDED)
    statuses = {case.pk: case.status for case in Case.objects.all()}
    assert (statuses[answered.pk], statuses[withdrawn.pk], statuses[running.pk]) == ("responded", "closed", "open")
