"""Reads of the case register: shared by the staff screens and the API."""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from foi_cases.deadlines import EventKind, WorkingCalendar
from foi_cases.models import AuditEvent, Case, ClockEvent, RequesterMessage
from foi_cases.services import extra_holidays, today, unit_get


def caseworkers() -> QuerySet:
    """Active users who may run cases (a casework role, a direct permission, or superuser)."""
    change_case = Permission.objects.filter(codename="change_case", content_type__app_label="foi_cases")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=change_case) | Q(user_permissions__in=change_case) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def case_list_queryset() -> QuerySet[Case]:
    return Case.objects.select_related("body", "assigned_to", "requester")


def case_page(queryset: QuerySet[Case], number, per_page: int) -> Page:
    """One page of cases: page through ids first (a narrow index scan, cheap even at a deep OFFSET),
    then load only that page's rows with their joins."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    by_id = case_list_queryset().in_bulk(list(page.object_list))
    page.object_list = [by_id[pk] for pk in page.object_list]
    return page


def case_detail_queryset() -> QuerySet[Case]:
    return (
        case_list_queryset()
        .select_related("created_by")
        .prefetch_related(
            "items",
            Prefetch("clock_events", queryset=ClockEvent.objects.select_related("recorded_by", "voided_by")),
            Prefetch("answered_with", queryset=Case.objects.only("id", "reference", "subject", "status")),
            Prefetch("related_to", queryset=Case.objects.only("id", "reference", "subject", "status")),
        )
    )


def case_timeline(case: Case) -> QuerySet[AuditEvent]:
    return case.audit_events.select_related("actor").order_by("at", "id")


def due_soon_last_day(on: date | None = None) -> date:
    """The last date counted as 'due soon': N working days after today (UK-wide calendar)."""
    calendar = WorkingCalendar.for_regime("foia", extra_holidays())
    return calendar.add_working_days(on or today(), unit_get().due_soon_working_days)


def dashboard_counts(user) -> dict:
    now = today()
    cases = Case.objects
    return {
        "mine": cases.assigned_to_user(user).count(),
        "due_soon": cases.due_by(now, due_soon_last_day(now)).count(),
        "overdue": cases.overdue(now).count(),
        "unassigned": cases.unassigned().count(),
    }


def with_clarification_reply(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Cases still waiting for clarification whose requester has answered through the portal since we
    asked (on or after the day of the latest request for clarification): the answer is not yet recorded
    on the clock, so the case would sit with its clock stopped until someone notices."""
    asked_on = (
        ClockEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.CLARIFICATION_REQUESTED, voided_at__isnull=True)
        .order_by("-occurred_on", "-id")
        .values("occurred_on")[:1]
    )
    replied = RequesterMessage.objects.filter(
        case=OuterRef("pk"),
        kind=RequesterMessage.Kind.CLARIFICATION,
        received_at__date__gte=OuterRef("clarification_asked_on"),
    )
    return (
        queryset.filter(status=Case.Status.AWAITING_CLARIFICATION)
        .annotate(clarification_asked_on=Subquery(asked_on))
        .filter(Exists(replied))
    )


def clarification_reply_on(case: Case):
    """The day of the requester's latest portal answer to our latest request for clarification, by
    the rule above, while the case still waits for it (else None)."""
    found = (
        with_clarification_reply(Case.objects.filter(pk=case.pk))
        .annotate(
            replied_at=Subquery(
                RequesterMessage.objects.filter(case=OuterRef("pk"), kind=RequesterMessage.Kind.CLARIFICATION)
                .order_by("-received_at")
                .values("received_at")[:1]
            )
        )
        .values_list("replied_at", flat=True)
        .first()
    )
    return timezone.localdate(found) if found else None


def clarification_replies_to_record(limit: int = 10) -> tuple[int, list[Case]]:
    """The dashboard's panel: how many, and the first `limit`, oldest request first (as the case list's
    "received" sort has them)."""
    found = with_clarification_reply(case_list_queryset())
    return found.count(), list(found.order_by("received_on", "id")[:limit])


def dashboard_lists(user, limit: int = 10) -> dict:
    now = today()
    base = case_list_queryset()
    return {
        "mine": base.assigned_to_user(user).order_by("due_on", "id")[:limit],
        "due_soon": base.due_by(now, due_soon_last_day(now)).order_by("due_on", "id")[:limit],
        "overdue": base.overdue(now).order_by("due_on", "id")[:limit],
        "unassigned": base.unassigned().order_by("due_on", "id")[:limit],
    }
