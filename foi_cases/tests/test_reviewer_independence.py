"""An internal review is carried out by someone who was not involved in the original decision
(foi_cases.reviews): its assigned officer, whoever drafted or edited its letters, and whoever approved
one may not be assigned the review, draft or edit its outcome letter, or approve it.

The original (responses/tests/reviewing.py): an NCND response drafted by the officer, who is assigned
the request, and approved by the supervisor. officer2 and supervisor2 took no part.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from foi_cases import reviews, services
from foi_cases.tests.factories import make_case
from responses import services as letter_services
from responses.services import ApprovalRefused, NotIndependent
from responses.tests import conftest as letter_fixtures
from responses.tests import reviewing
from responses.tests.reviewing import ASKED_ON, RESPONDED_ON, log_review, outcome_letter, set_findings

# The fixtures of reviews to decide, for pytest to find here.
day, original, review, reviewer = reviewing.day, reviewing.original, reviewing.review, reviewing.reviewer
supervisor2 = letter_fixtures.supervisor2

pytestmark = pytest.mark.django_db


def assign_refusal(review, actor, officer) -> str:
    with pytest.raises(ValidationError) as refused:
        services.case_assign(case=review, actor=actor, officer=officer)
    return refused.value.message_dict["officer"][0]


# --- who was involved ------------------------------------------------------------------------------


def test_the_originals_officer_drafter_closer_and_approver_were_involved(review, officer, supervisor):
    assert reviews.original_decision_makers(review) == {
        officer.pk: [reviews.ASSIGNED, reviews.DRAFTED, reviews.CLOSED],
        supervisor.pk: [reviews.APPROVED],
    }


def test_someone_who_only_edited_an_original_letter_was_involved(officer, officer2, body, day):
    case = make_case(actor=officer, body=body)
    letter = letter_services.letter_create(case=case, actor=officer, kind="acknowledgement")
    letter_services.letter_update(letter=letter, actor=officer2, changes={"heading": "Your request"})
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=RESPONDED_ON)
    day(ASKED_ON)
    review = log_review(case, officer)
    assert officer2.pk in reviews.original_decision_makers(review)


def test_the_people_who_may_review_leave_out_those_involved(review, officer, officer2, supervisor, supervisor2):
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(pk__in=[officer.pk, officer2.pk, supervisor.pk, supervisor2.pk])
    assert set(reviews.independent_reviewers(review, people)) == {officer2, supervisor2}


def test_a_request_that_is_not_a_review_has_nobody_to_exclude(original):
    assert reviews.original_decision_makers(original) == {}


# --- assigning -----------------------------------------------------------------------------------------


def test_assigning_the_review_to_the_originals_officer_is_refused(review, supervisor, officer, original):
    assert assign_refusal(review, supervisor, officer) == (
        "Olivia Officer was its assigned officer and drafted or edited its letters and closed the case on "
        f"{original.reference}, the "
        "decision under review, so cannot be assigned the review: an internal review must be done by someone who "
        "was not involved in the original decision."
    )


def test_assigning_the_review_to_the_originals_approver_is_refused(review, administrator, supervisor):
    assert "Sam Supervisor approved its letters on" in assign_refusal(review, administrator, supervisor)


def test_a_refused_assignment_changes_nothing(review, supervisor, officer):
    assign_refusal(review, supervisor, officer)
    review.refresh_from_db()
    assert review.assigned_to is None


def test_an_uninvolved_officer_can_be_assigned_the_review(review, supervisor, officer2):
    services.case_assign(case=review, actor=supervisor, officer=officer2)
    review.refresh_from_db()
    assert review.assigned_to == officer2


def test_the_originals_officer_can_still_be_assigned_other_requests(officer, supervisor, body):
    case = make_case(actor=officer, body=body)
    services.case_assign(case=case, actor=supervisor, officer=officer)
    case.refresh_from_db()
    assert case.assigned_to == officer


def test_the_assign_form_does_not_offer_those_involved(client, review, supervisor, officer, officer2):
    from foi_cases.forms import AssignForm

    offered = set(AssignForm(case=review).fields["officer"].queryset)
    assert officer2 in offered and officer not in offered and supervisor not in offered


def test_the_case_page_refuses_an_involved_officer_posted_anyway(client, review, supervisor, officer):
    client.force_login(supervisor)
    response = client.post(
        reverse("foi_cases:case_assign", args=[review.pk]), {"assign-officer": officer.pk}, follow=True
    )
    assert "The change was not saved" in response.content.decode()
    review.refresh_from_db()
    assert review.assigned_to_id != officer.pk


# --- deciding a review without an outcome letter ---------------------------------------------------


def close_review(review, actor, outcome="review_upheld"):
    return services.case_close(case=review, actor=actor, outcome=outcome, responded_on=ASKED_ON)


def test_the_originals_drafter_cannot_decide_the_review_by_closing_it(review, officer):
    with pytest.raises(ValidationError) as refused:
        close_review(review, officer)
    assert "so cannot decide the review" in refused.value.message_dict["outcome"][0]
    review.refresh_from_db()
    assert review.status == "open"


def test_an_uninvolved_officer_can_close_the_review_with_its_outcome(review, reviewer):
    assert close_review(review, reviewer, "review_overturned").outcome == "review_overturned"


def test_the_originals_officer_may_still_withdraw_the_review(review, officer):
    closed = services.case_withdraw(case=review, actor=officer, on=ASKED_ON)
    assert closed.outcome == "withdrawn"


def test_the_api_refuses_an_involved_officer_closing_the_review(review, officer):
    from foi_cases.tests.api_client import signed_in

    response = signed_in(officer).post(
        f"/api/v1/cases/{review.pk}/close/", {"outcome": "review_upheld", "responded_on": "2020-02-03"}, format="json"
    )
    assert response.status_code == 400
    assert "so cannot decide the review" in response.json()["outcome"][0]


def test_the_api_refuses_the_assignment_with_the_reason(review, supervisor, officer):
    from foi_cases.tests.api_client import signed_in

    response = signed_in(supervisor).post(f"/api/v1/cases/{review.pk}/assign/", {"officer": officer.pk}, format="json")
    assert response.status_code == 400
    assert "so cannot be assigned the review" in response.json()["officer"][0]


# --- drafting, editing, approving ---------------------------------------------------------------------


def test_the_originals_drafter_cannot_draft_the_outcome_letter(review, officer):
    with pytest.raises(NotIndependent, match="so cannot draft its outcome letter"):
        letter_services.letter_create(case=review, actor=officer, kind="review_outcome")


def test_the_originals_drafter_may_still_acknowledge_the_review(review, officer):
    letter = letter_services.letter_create(case=review, actor=officer, kind="acknowledgement")
    assert letter.kind == "acknowledgement"


def test_the_originals_approver_cannot_edit_the_outcome_letter(review, reviewer, supervisor):
    letter = outcome_letter(review, reviewer)
    with pytest.raises(NotIndependent, match="Sam Supervisor approved its letters .* so cannot edit its outcome"):
        letter_services.letter_update(letter=letter, actor=supervisor, changes={"heading": "Outcome"})


def submitted_in_part(review, reviewer):
    letter = outcome_letter(review, reviewer)
    set_findings(letter, reviewer, s24_2=("upheld", "Still applies."), s31_3=("overturned", "No prejudice."))
    return letter_services.letter_submit(letter=letter, actor=reviewer)


def test_the_originals_approver_cannot_approve_the_outcome_letter(review, reviewer, supervisor):
    letter = submitted_in_part(review, reviewer)
    with pytest.raises(ApprovalRefused, match="approved its letters on .* so cannot approve its outcome letter"):
        letter_services.letter_approve(letter=letter, actor=supervisor)


def test_an_uninvolved_supervisor_approves_the_outcome_letter(review, reviewer, supervisor2):
    letter = letter_services.letter_approve(letter=submitted_in_part(review, reviewer), actor=supervisor2)
    assert letter.status == "approved"


def test_the_reviewer_still_cannot_approve_their_own_outcome_letter(review, reviewer, supervisor2):
    letter = submitted_in_part(review, reviewer)
    reviewer.user_permissions.add(*supervisor2.user_permissions.all())
    with pytest.raises(ApprovalRefused):
        letter_services.letter_approve(letter=letter, actor=reviewer)


# --- past officers, known by id -------------------------------------------------------------------


def reassigned_then_reviewed(officer, officer2, supervisor, body, day):
    """A request first held by officer2, then reassigned to the officer, who answered it; then reviewed."""
    case = make_case(actor=supervisor, body=body, assigned_to=officer2)
    services.case_assign(case=case, actor=supervisor, officer=officer)
    services.case_close(case=case, actor=officer, outcome="not_held", responded_on=RESPONDED_ON)
    day(ASKED_ON)
    return log_review(case, supervisor)


def test_a_past_officer_is_still_involved_after_changing_their_name(officer, officer2, supervisor, body, day):
    review = reassigned_then_reviewed(officer, officer2, supervisor, body, day)
    officer2.last_name = "Married-Name"
    officer2.save()
    assert officer2.pk in reviews.original_decision_makers(review)


def test_a_namesake_of_a_past_officer_is_not_involved(officer, officer2, supervisor, body, day):
    from foi_cases.tests.factories import UserFactory

    review = reassigned_then_reviewed(officer, officer2, supervisor, body, day)
    namesake = UserFactory(username="owen2", role="Officer", first_name="Owen", last_name="Other")
    assert namesake.pk not in reviews.original_decision_makers(review)
    assert officer2.pk in reviews.original_decision_makers(review)
