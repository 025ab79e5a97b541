"""Small filters for showing cases: regime abbreviations, people's names, status badges."""

from django import template

from foi_cases.deadlines import Regime
from foi_cases.display import REGIME_SHORT
from foi_cases.models import Case

register = template.Library()

STATUS_BADGES = {
    Case.Status.OPEN: "text-bg-primary",
    Case.Status.READY_TO_SEND: "text-bg-success",
    Case.Status.AWAITING_CLARIFICATION: "text-bg-warning",
    Case.Status.AWAITING_FEE: "text-bg-warning",
    Case.Status.RESPONDED: "text-bg-secondary",
    Case.Status.CLOSED: "text-bg-secondary",
}


@register.filter
def regime_short(code: str) -> str:
    try:
        return REGIME_SHORT[Regime(code)]
    except ValueError:
        return code


@register.filter
def regime_label(code: str) -> str:
    try:
        return Regime(code).label
    except ValueError:
        return code


@register.filter
def person(user, empty: str = "Unassigned") -> str:
    if user is None:
        return empty
    return user.get_full_name() or user.get_username()


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-light")


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
