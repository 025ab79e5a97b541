"""What the reminder tests share: a fixed working Monday, cases due a given number of working days
from it, and the emails the sweep sent to one address. (No tests here.)"""

from datetime import date

from django.core import mail

from foi_cases import services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.models import Unit
from foi_cases.tests.factories import make_case

MONDAY = date(2026, 3, 9)
TUESDAY = date(2026, 3, 10)
SATURDAY = date(2026, 3, 7)
GOOD_FRIDAY = date(2026, 4, 3)
CALENDAR = WorkingCalendar.for_regime("foia")


def working_days_from(day: date, n: int) -> date:
    return CALENDAR.add_working_days(day, n)


def case_due(*, officer, body, in_working_days: int, on: date = MONDAY, subject: str = "Facial recognition", **kw):
    """A FOIA case whose deadline is exactly `in_working_days` working days after `on` (negative: overdue)."""
    due = working_days_from(on, in_working_days)
    case = make_case(
        actor=officer, body=body, assigned_to=officer, received_on=working_days_from(due, -20), subject=subject, **kw
    )
    assert case.due_on == due
    return case


def emails_to(address: str) -> list:
    return [email for email in mail.outbox if email.to == [address]]


def set_unit(**fields) -> Unit:
    unit = services.unit_get()
    Unit.objects.filter(pk=unit.pk).update(**fields)
    return services.unit_get()
