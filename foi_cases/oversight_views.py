"""Oversight screens: the supervisors' workload view and the administrators' retention page."""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from foi_cases import retention as retention_rules
from foi_cases import services
from foi_cases.deadlines import short_date
from foi_cases.models import Case
from foi_cases.oversight_forms import RetentionRunForm
from foi_cases.views import caseworker_required
from foi_cases.workload import OPEN_STATUSES, Workload, WorkloadRow
from foi_cases.workload import workload as workload_for

REPORTS = "foi_cases.view_reports"
MANAGE_UNIT = "foi_cases.manage_unit"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    describes: str  # completes "3 ... for Olivia Officer" for screen readers
    query: list  # the case list's filters that list exactly these cases


@dataclass(frozen=True)
class Cell:
    count: int
    url: str | None
    describes: str


def _columns(data: Workload) -> tuple[list[Column], list[Column], list[Column]]:
    dates = data.dates
    opened = [("status", status) for status in OPEN_STATUSES]
    running = [("status", status) for status in Case.RUNNING]
    today = dates.today.isoformat()
    cases = [
        Column("open", "Open", "open cases", opened),
        Column("running", "Clock running", "cases with the clock running", running),
        Column(
            "awaiting_clarification",
            "Awaiting clarification",
            "cases awaiting clarification",
            [("status", Case.Status.AWAITING_CLARIFICATION)],
        ),
        Column("awaiting_fee", "Awaiting fee", "cases awaiting a fee", [("status", Case.Status.AWAITING_FEE)]),
    ]
    deadlines = [
        Column("overdue", "Overdue", "overdue cases", [("overdue", "true"), ("sort", "due")]),
        Column(
            "due_this_week",
            "Due this week",
            "cases due this week",
            [*running, ("due_after", today), ("due_before", dates.week_ends_on.isoformat()), ("sort", "due")],
        ),
        Column(
            "due_soon",
            f"Due within {dates.due_soon_working_days} working days",
            f"cases due within {dates.due_soon_working_days} working days",
            [*running, ("due_after", today), ("due_before", dates.due_soon_until.isoformat()), ("sort", "due")],
        ),
    ]
    ages = []
    for band in dates.bands:
        received = [("received_after", band.received_from.isoformat())] if band.received_from else []
        received += [("received_before", band.received_to.isoformat())] if band.received_to else []
        ages.append(
            Column(
                band.key,
                band.label,
                f"open cases received {band.label} working days ago",
                [*opened, *received, ("sort", "received")],
            )
        )
    return cases, deadlines, ages


def _cells(row: WorkloadRow, columns: list[Column], who: list | None, name: str) -> list[Cell]:
    """`who`: the case list's filter for the row's cases (None: the row cannot be listed)."""
    case_list = reverse("foi_cases:case_list")
    cells = []
    for column in columns:
        count = row[column.key]
        url = f"{case_list}?{urlencode([*who, *column.query])}" if who is not None and count else None
        cells.append(Cell(count, url, f"{column.describes} {name}"))
    return cells


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


@caseworker_required(REPORTS)
def workload(request):
    data = workload_for()
    groups = _columns(data)
    columns = [column for group in groups for column in group]
    rows = []
    for row in data.rows:
        who = [("officer", row.officer.pk)] if row.listed else None
        name = _person(row.officer)
        rows.append({"name": name, "listed": row.listed, "cells": _cells(row, columns, who, f"for {name}")})
    unassigned = {"name": "Unassigned", "cells": _cells(data.unassigned, columns, [("unassigned", "true")], "")}
    totals = {"name": "All officers", "cells": _cells(data.totals, columns, [], "in total")}
    context = {
        "dates": data.dates,
        "groups": groups,
        "group_starts": [0, len(groups[0]), len(groups[0]) + len(groups[1])],
        "rows": rows,
        "unassigned": unassigned,
        "totals": totals,
        "week_ends_on": short_date(data.dates.week_ends_on),
        "today": short_date(data.dates.today),
    }
    return render(request, "foi_cases/oversight/workload.html", context)


@caseworker_required(MANAGE_UNIT)
def retention(request):
    form = RetentionRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = retention_rules.retention_run(actor=request.user)
        if run.anonymised:
            messages.success(
                request, f"Anonymised the requester's details on {run.anonymised} case{'s' * (run.anonymised != 1)}."
            )
        else:
            messages.info(request, "Nothing was due: the run is recorded.")
        return redirect("foi_cases:retention")
    unit = services.unit_get()
    today = services.today()
    due = list(retention_rules.retention_due(on=today).order_by("group_finished_on", "reference"))
    upcoming = list(retention_rules.retention_upcoming(on=today).order_by("group_finished_on", "reference"))
    for case in upcoming:
        case.due_on_retention = retention_rules.retention_due_on(case, unit.retention_years)
    context = {
        "unit": unit,
        "today": today,
        "closed_before": retention_rules.retention_closed_before(today, unit.retention_years),
        "due": due,
        "upcoming": upcoming,
        "upcoming_days": retention_rules.UPCOMING_DAYS,
        "runs": retention_rules.retention_runs(),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "foi_cases/oversight/retention.html", context, status=status)
