"""The supervisors' workload view: open cases per officer, what falls due this week, and how old
the open cases are. Every figure is counted in the database in one grouped query; the dates that
divide the ageing bands are worked out once in Python from the working calendar."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from foi_cases import services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.models import Case
from foi_cases.selectors import caseworkers

# Working days since receipt: (label, fewest, most); None is open-ended.
AGE_BANDS = [("0-5", 0, 5), ("6-10", 6, 10), ("11-15", 11, 15), ("16-20", 16, 20), ("over 20", 21, None)]
OPEN_STATUSES = [status for status in Case.Status.values if status not in Case.FINISHED]


@dataclass(frozen=True)
class AgeBand:
    label: str
    received_from: date | None  # the earliest receipt date in the band (None: no limit)
    received_to: date | None  # the latest (None: no limit)

    @property
    def key(self) -> str:
        return "age_" + self.label.replace("-", "_").replace(" ", "_")


@dataclass(frozen=True)
class WorkloadDates:
    today: date
    week_ends_on: date  # "due this week": from today to this Friday (the coming Friday at a weekend)
    due_soon_until: date
    due_soon_working_days: int
    bands: list[AgeBand]


@dataclass
class WorkloadRow:
    officer: object | None  # a user, or None for the unassigned cases
    counts: dict = field(default_factory=dict)
    listed: bool = True  # False: an officer no longer a caseworker (the case list cannot filter by them)

    def __getitem__(self, key: str) -> int:
        return self.counts.get(key, 0)


@dataclass
class Workload:
    dates: WorkloadDates
    rows: list[WorkloadRow]
    unassigned: WorkloadRow
    totals: WorkloadRow


def received_by_age(calendar: WorkingCalendar, today: date, working_days: int) -> date:
    """The earliest receipt date with at most `working_days` working days since receipt (days after
    receipt up to and including today): the (n+1)-th working day counting back from today."""
    return calendar.add_working_days(today + timedelta(days=1), -(working_days + 1))


def end_of_working_week(today: date) -> date:
    """This week's Friday; on a Saturday or Sunday, the coming Friday."""
    return today + timedelta(days=(4 - today.weekday()) % 7)


def workload_dates(*, on: date | None = None) -> WorkloadDates:
    today = on or services.today()
    calendar = WorkingCalendar.for_regime("foia", services.extra_holidays())
    bands = []
    for label, fewest, most in AGE_BANDS:
        received_to = received_by_age(calendar, today, fewest - 1) - timedelta(days=1) if fewest else None
        received_from = received_by_age(calendar, today, most) if most is not None else None
        bands.append(AgeBand(label, received_from, received_to))
    unit = services.unit_get()
    return WorkloadDates(
        today=today,
        week_ends_on=end_of_working_week(today),
        # As the dashboard counts it (selectors.due_soon_last_day), without fetching the calendar again.
        due_soon_until=calendar.add_working_days(today, unit.due_soon_working_days),
        due_soon_working_days=unit.due_soon_working_days,
        bands=bands,
    )


def _band_filter(band: AgeBand) -> Q:
    condition = Q()
    if band.received_from:
        condition &= Q(received_on__gte=band.received_from)
    if band.received_to:
        condition &= Q(received_on__lte=band.received_to)
    return condition


def _measures(dates: WorkloadDates) -> dict:
    running = Q(status__in=Case.RUNNING)
    measures = {
        "open": Count("pk"),
        "running": Count("pk", filter=running),
        "awaiting_clarification": Count("pk", filter=Q(status=Case.Status.AWAITING_CLARIFICATION)),
        "awaiting_fee": Count("pk", filter=Q(status=Case.Status.AWAITING_FEE)),
        "overdue": Count("pk", filter=running & Q(due_on__lt=dates.today)),
        "due_this_week": Count("pk", filter=running & Q(due_on__gte=dates.today, due_on__lte=dates.week_ends_on)),
        "due_soon": Count("pk", filter=running & Q(due_on__gte=dates.today, due_on__lte=dates.due_soon_until)),
    }
    for band in dates.bands:
        measures[band.key] = Count("pk", filter=_band_filter(band))
    return measures


def workload(*, on: date | None = None) -> Workload:
    """Open cases per active caseworker (and per former officer who still holds some), the unassigned
    ones, and the totals; officers with most overdue first, then most open."""
    dates = workload_dates(on=on)
    grouped = Case.objects.open().order_by().values("assigned_to").annotate(**_measures(dates))
    by_officer = {row.pop("assigned_to"): row for row in grouped}
    officers = list(caseworkers())
    rows = [WorkloadRow(officer, by_officer.pop(officer.pk, {})) for officer in officers]
    unassigned = WorkloadRow(None, by_officer.pop(None, {}))
    if by_officer:
        for former in get_user_model().objects.filter(pk__in=by_officer):
            rows.append(WorkloadRow(former, by_officer[former.pk], listed=False))
    rows.sort(key=lambda row: (-row["overdue"], -row["open"], _name(row.officer)))
    keys = list(_measures(dates))
    totals = WorkloadRow(None, {key: sum(row[key] for row in [*rows, unassigned]) for key in keys})
    return Workload(dates=dates, rows=rows, unassigned=unassigned, totals=totals)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()).lower()
