"""Case list filters, shared by the staff case list and GET /api/v1/cases/ so they cannot disagree."""

import django_filters
from django import forms
from django.db.models import F

from foi_cases.models import Case, PublicBody
from foi_cases.selectors import caseworkers, with_clarification_reply
from foi_cases.services import today

# Cases with no due date (clock stopped) sort after dated ones either way, as PostgreSQL does by
# default for ascending order; SQLite would put them first.
SORTS = {
    "due": (F("due_on").asc(nulls_last=True), "id"),
    "-due": (F("due_on").desc(nulls_last=True), "-id"),
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
}
DateInput = forms.DateInput(attrs={"type": "date"})


def _officers(request):
    return caseworkers()


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search reference, subject and request text")
    # distinct=False: no joins here, and DISTINCT over every column forces a sort of all matching rows.
    status = django_filters.MultipleChoiceFilter(choices=Case.Status.choices, distinct=False)
    regime = django_filters.MultipleChoiceFilter(choices=Case.REGIME_CHOICES, distinct=False)
    body = django_filters.ModelChoiceFilter(queryset=PublicBody.objects.all())
    officer = django_filters.ModelChoiceFilter(field_name="assigned_to", queryset=_officers, label="Assigned officer")
    unassigned = django_filters.BooleanFilter(method="filter_unassigned", label="Unassigned only")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue only")
    kind = django_filters.ChoiceFilter(
        method="filter_kind",
        label="Requests or reviews",
        empty_label="Requests and internal reviews",
        choices=[("request", "Requests only"), ("review", "Internal reviews only")],
    )
    regime_unconfirmed = django_filters.BooleanFilter(
        method="filter_regime_unconfirmed", label="Regime to be confirmed"
    )
    clarification_reply = django_filters.BooleanFilter(
        method="filter_clarification_reply", label="Clarification reply to record"
    )
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="Received from", widget=DateInput
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label="Received to", widget=DateInput
    )
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Due from", widget=DateInput)
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due to", widget=DateInput)
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        empty_label="Newest received first",
        choices=[
            ("due", "Due date, soonest first"),
            ("-due", "Due date, latest first"),
            ("received", "Received, oldest first"),
            ("-received", "Received, newest first"),
            ("reference", "Reference A-Z"),
            ("-reference", "Reference Z-A"),
        ],
    )

    class Meta:
        model = Case
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_unassigned(self, queryset, name, value):
        return queryset.unassigned() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(today()) if value else queryset

    def filter_kind(self, queryset, name, value):
        if value == "review":
            return queryset.filter(review_of__isnull=False)
        return queryset.filter(review_of__isnull=True) if value == "request" else queryset

    def filter_regime_unconfirmed(self, queryset, name, value):
        return queryset.filter(regime_confirmed=False) if value else queryset

    def filter_clarification_reply(self, queryset, name, value):
        return with_clarification_reply(queryset) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value]) if value in SORTS else queryset
