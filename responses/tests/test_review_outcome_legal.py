"""A legal reviewer's findings on internal reviews, each pinned by a test: independence counted over
joint responses, every officer ever assigned and whoever closed the original, and only up to when
the review was logged; a review answered on its own; the outcome letter and review page following the
response under review, not the original's later state; reasons for every finding; the wording.

Dates and people: see responses/tests/reviewing.py.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from foi_cases import reviews
from foi_cases import services as case_services
from foi_cases.tests.factories import make_case
from foi_cases.workflow import TransitionNotAllowed
from responses import review_findings, selectors, services
from responses.services import NotIndependent
from responses.tests import conftest as letter_fixtures
from responses.tests import reviewing
from responses.tests.conftest import complete
from responses.tests.reviewing import ASKED_ON, RESPONDED_ON, log_review, outcome_letter, set_findings

day, original, review, reviewer = reviewing.day, reviewing.original, reviewing.review, reviewing.reviewer
supervisor2, stages, press_officer, lawyer = (
    letter_fixtures.supervisor2,
    letter_fixtures.stages,
    letter_fixtures.press_officer,
    letter_fixtures.lawyer,
)

pytestmark = pytest.mark.django_db

DECIDED = {"s24_2": ("upheld", "Still applies."), "s31_3": ("overturned", "No prejudice.")}


def approved_letter(case, drafter, approver, kind="not_held", codes=()):
    letter = complete(services.letter_create(case=case, actor=drafter, kind=kind, codes=codes), drafter)
    return services.letter_approve(letter=services.letter_submit(letter=letter, actor=drafter), actor=approver)


@pytest.fixture
def joint_review(officer, officer2, supervisor2, administrator, body, day):
    """A request answered together with a lead request: the response (drafted by officer2, approved by
    supervisor2) sits on the lead case; the administrator closed both. Its review, logged by the officer."""
    day(RESPONDED_ON)
    lead, joined = make_case(actor=officer, body=body), make_case(actor=officer, body=body)
    case_services.case_link(case=lead, actor=officer, other=joined, kind="answered_with")
    approved_letter(lead, officer2, supervisor2)
    for case in (lead, joined):
        case_services.case_close(case=case, actor=administrator, outcome="not_held", responded_on=RESPONDED_ON)
    day(ASKED_ON)
    return log_review(joined, officer)


def reanswered(original, drafter, approver, supervisor, codes=("s31(3)",)):
    """The original reopened after the review was logged and answered again, relying on s31(3) only."""
    reopened = case_services.case_reopen(case=original, actor=supervisor, reason="Re-answering.")
    return approved_letter(reopened, drafter, approver, kind="ncnd", codes=codes)


# --- 1. joint responses ---------------------------------------------------------------------------------


def test_the_drafter_and_approver_of_a_joint_response_on_the_lead_case_were_involved(
    joint_review, officer2, supervisor2
):
    involved = reviews.original_decision_makers(joint_review)
    assert (involved[officer2.pk], involved[supervisor2.pk]) == ([reviews.DRAFTED], [reviews.APPROVED])


def test_the_approval_queue_leaves_out_an_outcome_on_a_joint_response_the_supervisor_approved(
    joint_review, officer, supervisor2
):
    letter = outcome_letter(joint_review, officer)
    services.letter_update(letter=letter, actor=officer, changes={"review_result": "upheld"})
    services.letter_submit(letter=letter, actor=officer)
    assert letter not in selectors.approval_queue(supervisor2)


# --- 2. a review is answered on its own -------------------------------------------------------------------


def test_a_review_cannot_be_answered_together_with_another_case(review, officer, body):
    other = make_case(actor=officer, body=body)
    with pytest.raises(ValidationError) as refused:
        case_services.case_link(case=other, actor=officer, other=review, kind="answered_with")
    assert refused.value.message_dict["other"] == [
        "An internal review is answered on its own: it cannot be answered together with another case."
    ]


def test_a_review_can_still_be_marked_as_related_to_another_case(review, officer, body):
    other = make_case(actor=officer, body=body)
    case_services.case_link(case=review, actor=officer, other=other, kind="related_to")
    assert list(review.related_to.all()) == [other]


def test_an_outcome_letter_on_a_review_answered_with_another_case_cannot_be_submitted(review, reviewer, officer, body):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, **DECIDED)
    review.answered_with.add(make_case(actor=officer, body=body))  # linked before the refusal existed
    with pytest.raises(TransitionNotAllowed, match="An internal review is answered on its own"):
        services.letter_submit(letter=letter, actor=reviewer)


def test_an_outcome_letter_on_a_review_answered_with_another_case_cannot_be_approved(
    review, reviewer, supervisor2, officer, body
):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, **DECIDED)
    letter = services.letter_submit(letter=letter, actor=reviewer)
    review.answered_with.add(make_case(actor=officer, body=body))
    with pytest.raises(TransitionNotAllowed, match="An internal review is answered on its own"):
        services.letter_approve(letter=letter, actor=supervisor2)


# --- 3. everyone assigned, and whoever closed it -----------------------------------------------------------


def test_an_officer_the_original_was_taken_from_was_still_involved(officer, officer2, supervisor, body, day):
    case = make_case(actor=supervisor, body=body, assigned_to=officer)
    case_services.case_close(case=case, actor=supervisor, outcome="not_held", responded_on=RESPONDED_ON)
    case_services.case_assign(case=case, actor=supervisor, officer=officer2)
    day(ASKED_ON)
    assert reviews.original_decision_makers(log_review(case, supervisor))[officer.pk] == [reviews.ASSIGNED]


def test_whoever_closed_the_original_was_involved(officer, supervisor2, body, day):
    case = make_case(actor=officer, body=body)
    case_services.case_close(case=case, actor=supervisor2, outcome="not_held", responded_on=RESPONDED_ON)
    day(ASKED_ON)
    assert reviews.original_decision_makers(log_review(case, officer))[supervisor2.pk] == [reviews.CLOSED]


# --- 4. only work before the review was logged -----------------------------------------------------------


def test_being_assigned_the_original_after_the_review_was_logged_is_no_involvement(review, original, reviewer):
    case_services.case_assign(case=original, actor=reviewer, officer=reviewer)
    assert reviewer.pk not in reviews.original_decision_makers(review)


def test_answering_the_reopened_original_after_the_review_was_logged_is_no_involvement(
    review, original, reviewer, supervisor2, supervisor
):
    reanswered(original, reviewer, supervisor2, supervisor)
    involved = reviews.original_decision_makers(review)
    assert reviewer.pk not in involved and supervisor2.pk not in involved


# --- 5. the response under review, as it was -----------------------------------------------------------


def test_the_findings_are_those_of_the_response_under_review_not_of_a_later_answer(
    review, original, officer, supervisor2, supervisor, reviewer
):
    reanswered(original, officer, supervisor2, supervisor)
    letter = outcome_letter(review, reviewer)
    assert list(letter.findings.values_list("code", flat=True)) == ["s24(2)", "s31(3)"]


def test_the_review_page_lists_the_exemptions_of_the_response_under_review(
    client, review, original, officer, supervisor2, supervisor, reviewer
):
    reanswered(original, officer, supervisor2, supervisor)
    outcome_letter(review, reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("foi_cases:case_detail", args=[review.pk])).content.decode()
    assert "<li>Section 24(2) National security</li>" in html


def test_the_draft_names_our_response_as_dated_when_the_review_was_logged(review, original, supervisor, reviewer):
    case_services.case_reopen(case=original, actor=supervisor, reason="Re-answering.")
    case_services.case_close(case=original, actor=supervisor, outcome="ncnd", responded_on=ASKED_ON)
    doc = selectors.letter_document(outcome_letter(review, reviewer))
    assert doc.review_of.responded_on == RESPONDED_ON


def test_approval_fixes_the_request_and_response_under_review_in_the_letterhead(
    review, original, reviewer, supervisor2
):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, **DECIDED)
    letter = services.letter_approve(letter=services.letter_submit(letter=letter, actor=reviewer), actor=supervisor2)
    assert {k: v for k, v in letter.letterhead.items() if k.startswith("review_of")} == {
        "review_of_reference": original.reference,
        "review_of_received": "2019-12-12",
        "review_of_responded": "2020-01-10",
    }


# --- 7. reasons for every finding ---------------------------------------------------------------------------


def test_submission_is_refused_while_an_upheld_finding_has_no_reasons(review, reviewer):
    letter = set_findings(
        outcome_letter(review, reviewer), reviewer, s24_2=("upheld", ""), s31_3=("overturned", "No prejudice.")
    )
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=reviewer)
    assert refused.value.messages == ["Section 24(2) (National security): give the reasons for the finding (upheld)."]


# --- 8. an involved supervisor cannot act on the review -----------------------------------------------------


def test_the_originals_approver_cannot_remove_the_reviews_clearance(review, supervisor, stages):
    services.case_set_clearance(case=review, actor=supervisor, stages=stages)  # asking for more is anyone's
    with pytest.raises(NotIndependent, match="so cannot remove its clearance"):
        services.case_set_clearance(case=review, actor=supervisor, stages=[])


def test_the_originals_approver_cannot_submit_the_outcome_letter(review, reviewer, supervisor):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, **DECIDED)
    with pytest.raises(NotIndependent, match="so cannot submit its outcome letter"):
        services.letter_submit(letter=letter, actor=supervisor)


# --- 9. wording -------------------------------------------------------------------------------------------


def test_the_outcome_paragraph_gives_the_date_the_review_was_asked_for(review, reviewer):
    paragraph = outcome_letter(review, reviewer).sections.get(key="review_outcome").text
    assert "your request of 3rd February 2020 for an internal review" in " ".join(paragraph.split())


def test_the_findings_print_right_after_the_outcome_paragraph_before_what_changes(client, review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    set_findings(letter, reviewer, **DECIDED)
    client.force_login(reviewer)
    html = client.get(reverse("responses:letter_detail", args=[letter.pk])).content.decode()
    html = html[html.index('class="letter-document') :]
    pointer = html.index(review_findings.FINDINGS_BELOW)
    finding = html.index('class="letter-finding-result"')
    changed = html.index("if the original decision has been changed")
    assert pointer < finding < changed


def test_a_scottish_outcome_letter_offers_an_application_to_the_commissioner_for_a_decision(
    officer, officer2, body, day
):
    day(ASKED_ON)
    review = log_review(reviewing.responded_without_letters(officer, body, regime="foisa"), officer)
    letter = services.letter_create(case=review, actor=officer2, kind="review_outcome")
    assert letter.sections.get(key="commissioner_rights").heading == (
        "Your right to apply to the Scottish Information Commissioner for a decision"
    )


def test_a_foia_outcome_letter_keeps_the_right_to_complain(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    assert letter.sections.get(key="commissioner_rights").heading == (
        "Your right to complain to the Information Commissioner"
    )
