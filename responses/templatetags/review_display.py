"""The case page's internal reviews panel: what a review is reviewing, and what it found."""

from dataclasses import dataclass, field
from datetime import date

from django import template

from foi_cases.models import Case
from responses import review_findings

register = template.Library()


@dataclass(frozen=True)
class ReviewedExemption:
    citation: str
    title: str


@dataclass
class ReviewPanel:
    original_exemptions: list[ReviewedExemption] = field(default_factory=list)
    findings: list[review_findings.FindingLine] = field(default_factory=list)
    must_release: bool = False
    responded_on: date | None = None  # the response under review's date, as it was when the review was logged


@register.simple_tag
def review_panel(case: Case) -> ReviewPanel | None:
    """For an internal review's case: the exemptions the original response relied on (as its outcome
    letter's findings name them, once there is one: the response under review, not whatever the original
    says now) and, once the outcome letter is approved, the findings on each. None for any other case."""
    if not case.review_of_id:
        return None
    letter = review_findings.outcome_letter(case)
    if letter is not None:  # its findings were set up from the response under review (none: it relied on none)
        reviewed = [ReviewedExemption(review_findings.citation(f.code), f.title) for f in letter.findings.all()]
    else:
        reviewed = [
            ReviewedExemption(review_findings.citation(code), title)
            for code, _, title in review_findings.original_exemptions(case)
        ]
    under_review = review_findings.review_of(letter) if letter is not None else None
    responded_on = under_review.responded_on if under_review else None
    if under_review is None:
        fixed = review_findings.review_of_fixed(case)["review_of_responded"]
        responded_on = date.fromisoformat(fixed) if fixed else None
    panel = ReviewPanel(original_exemptions=reviewed, must_release=must_release(case), responded_on=responded_on)
    if case.outcome in review_findings.CASE_OUTCOMES.values() and letter is not None:
        panel.findings = review_findings.finding_lines(letter)
    return panel


@register.filter
def must_release(review: Case) -> bool:
    """The review overturned the original decision, in whole or in part, and its outcome has been sent:
    information must now be released. (Approval alone changes nothing for the requester yet.)"""
    return review.outcome in review_findings.RELEASE_OUTCOMES and review.responded_on is not None
