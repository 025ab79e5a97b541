"""How the staff screens word a case's clock: "3 working days left", "Overdue by 2 working days".

Presentation only: the dates themselves come from the deadline engine and the stored
`Case.due_on`, so the screens and the API cannot disagree about them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from foi_cases.deadlines import Deadline, ExtraHoliday, Regime, WorkingCalendar, long_date
from foi_cases.models import Case

REGIME_SHORT = {
    Regime.FOIA: "FOIA",
    Regime.EIR: "EIR",
    Regime.FOISA: "FOISA",
    Regime.EISR: "EIR (Scotland)",
    Regime.SAR: "SAR",
}
REGIME_FORM_CHOICES = [(regime.value, f"{REGIME_SHORT[regime]}: {regime.label}") for regime in Regime]


@dataclass(frozen=True)
class TimeLeft:
    """Working days from today to the due date; negative once the due date has passed."""

    days: int
    overdue: bool

    def __str__(self) -> str:
        if self.overdue:
            late = -self.days
            # Late on a weekend after a Friday deadline: no working day has passed yet.
            return f"Overdue by {_working_days(late)}" if late else "Overdue"
        if self.days == 0:
            return "Due today"
        return f"{_working_days(self.days)} left"


def _working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def time_left(calendar: WorkingCalendar, today: date, due: date) -> TimeLeft:
    return TimeLeft(days=calendar.working_days_between(today, due), overdue=due < today)


def time_left_by_case(cases: Iterable[Case], today: date, holidays: list[ExtraHoliday]) -> dict[int, TimeLeft]:
    """Time left for each running case of a page, with one calendar per regime (no queries)."""
    calendars: dict[str, WorkingCalendar] = {}
    result = {}
    for case in cases:
        if case.status not in Case.RUNNING or case.due_on is None:
            continue
        if case.regime not in calendars:
            calendars[case.regime] = WorkingCalendar.for_regime(case.regime, holidays)
        result[case.pk] = time_left(calendars[case.regime], today, case.due_on)
    return result


def deadline_time_left(deadline: Deadline, today: date) -> TimeLeft | None:
    if deadline.due is None:
        return None
    return TimeLeft(days=deadline.working_days_left(today), overdue=deadline.due < today)


CLOCK_STOPPED = {
    Deadline.AWAITING_CLARIFICATION: "awaiting clarification",
    Deadline.AWAITING_FEE: "awaiting the fee",
}


def clock_stopped_text(deadline: Deadline) -> str:
    """'Clock stopped: awaiting clarification (3 working days used)', or '' while it runs."""
    reason = CLOCK_STOPPED.get(deadline.state)
    if reason is None:
        return ""
    if deadline.regime is Regime.SAR:
        return f"Clock stopped: {reason}"
    return f"Clock stopped: {reason} ({_working_days(deadline.days_used)} used)"


def closing_text(case: Case) -> str:
    """'Answered in time', 'Answered late (deadline was ...)', or how a case ended unanswered."""
    if not case.is_closed:
        return ""
    if case.answered_in_time is None:
        return f"{case.get_outcome_display()} on {long_date(case.responded_on)}" if case.responded_on else ""
    if case.answered_in_time:
        return "Answered in time"
    return f"Answered late (deadline was {long_date(case.due_on)})"
