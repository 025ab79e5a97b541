"""The case page's Complaints panel: computed here so the case view need not know of complaints."""

from dataclasses import dataclass

from django import template

from foi_cases import complaints
from foi_cases.models import Case, Complaint

register = template.Library()


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    stage: str
    next_deadline: complaints.ComplaintDeadline | None


@dataclass(frozen=True)
class ComplaintPanel:
    rows: list[ComplaintRow]
    refusal: str | None  # why a complaint cannot be logged from this case now, or None


@register.simple_tag
def complaint_panel(case: Case) -> ComplaintPanel:
    rows = [
        ComplaintRow(c, complaints.complaint_stage(c), complaints.complaint_next_deadline(c))
        for c in complaints.case_complaints(case)
    ]
    return ComplaintPanel(rows, complaints.complaint_refusal(case))


@register.filter
def days_left(days: int) -> str:
    """'12 days left', '1 day left', 'last day', 'passed 3 days ago'."""
    if days == 0:
        return "last day"
    if days < 0:
        return f"closed {-days} day{'s' if days != -1 else ''} ago"
    return f"{days} day{'s' if days != 1 else ''} left"
