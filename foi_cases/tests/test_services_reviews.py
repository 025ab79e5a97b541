"""Internal reviews asked for by email, post or phone, logged by an officer (services.review_log).

The request: FOIA, received Thu 12 December 2019, answered Fri 10 January 2020. A review asked for
on Mon 3 February 2020 is due Mon 2 March 2020 (20 working days; no bank holiday in February).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services
from foi_cases.models import Case, Requester
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

RESPONDED_ON, ASKED_ON = date(2020, 1, 10), date(2020, 2, 3)
REASONS = "You did not search the 2018 files."


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: ASKED_ON)
    return ASKED_ON


def responded(officer, body, **kwargs) -> Case:
    case = make_case(actor=officer, body=body, name="Rosalind Pemberton", email="rosalind.p@example.org", **kwargs)
    return services.case_close(case=case, actor=officer, outcome="granted", responded_on=RESPONDED_ON)


@pytest.fixture
def case(officer, body, today):
    return responded(officer, body)


def log(case, actor, **overrides) -> Case:
    arguments = {"received_on": ASKED_ON, "channel": "post", "reasons": REASONS}
    return services.review_log(case=case, actor=actor, **{**arguments, **overrides})


def refusal(case, actor, **overrides) -> dict:
    with pytest.raises(ValidationError) as refused:
        log(case, actor, **overrides)
    return refused.value.message_dict


def test_a_logged_review_is_a_case_of_its_own_linked_to_the_one_it_reviews(case, officer):
    review = log(case, officer)
    assert review.pk != case.pk
    assert review.review_of == case
    assert list(case.reviews.all()) == [review]
    assert review.reference.startswith("IR")


def test_the_review_has_the_originals_regime_body_and_a_copy_of_its_requester(case, officer):
    review = log(case, officer)
    assert (review.regime, review.body) == (case.regime, case.body)
    assert review.requester.pk != case.requester.pk
    assert (review.requester.name, review.requester.email) == ("Rosalind Pemberton", "rosalind.p@example.org")


def test_the_subject_names_the_original_and_the_reasons_are_the_only_item(case, officer):
    review = log(case, officer)
    assert review.subject == f"Internal review of {case.reference}: Facial recognition"
    assert review.request_text == REASONS
    assert list(review.items.values_list("text", flat=True)) == [REASONS]


def test_the_reviews_clock_starts_from_the_day_it_was_received_by_the_channel_given(case, officer):
    review = log(case, officer, channel="email")
    assert (review.received_on, review.channel, review.due_on) == (ASKED_ON, "email", date(2020, 3, 2))
    assert review.created_by == officer


def test_the_review_is_recorded_on_the_original_and_on_itself(case, officer):
    review = log(case, officer)
    event = case.audit_events.get(action="review_logged")
    assert event.actor == officer
    assert event.changes == {"review": review.reference, "received_on": "2020-02-03", "channel": "post"}
    assert review.reference in event.summary and "by post" in event.summary
    assert review.audit_events.filter(action="case_created", actor=officer).exists()


def test_a_review_received_before_the_response_was_sent_is_refused(case, officer):
    assert "received_on" in refusal(case, officer, received_on=date(2020, 1, 9))


def test_a_review_received_on_the_day_of_the_response_is_accepted(case, officer):
    assert log(case, officer, received_on=RESPONDED_ON).received_on == RESPONDED_ON


def test_a_review_received_in_the_future_is_refused(case, officer):
    assert refusal(case, officer, received_on=date(2020, 2, 4)) == {
        "received_on": ["The date of receipt cannot be in the future."]
    }


def test_a_review_without_reasons_is_refused(case, officer):
    assert "request_text" in refusal(case, officer, reasons="   ")


def test_a_refused_review_writes_nothing(case, officer):
    cases, people = Case.objects.count(), Requester.objects.count()
    refusal(case, officer, received_on=date(2020, 1, 9))
    assert (Case.objects.count(), Requester.objects.count()) == (cases, people)
    assert not case.audit_events.filter(action="review_logged").exists()


def test_a_second_review_is_refused_while_the_first_stands(case, officer):
    first = log(case, officer)
    errors = refusal(case, officer)
    assert errors == {
        "review_of": [
            f"An internal review of {case.reference} is already logged ({first.reference}). A second one can be "
            "logged only if that one is withdrawn."
        ]
    }
    assert case.reviews.count() == 1


def test_a_second_review_is_refused_after_the_first_was_answered(case, officer, officer2):
    first = log(case, officer)
    services.case_close(case=first, actor=officer2, outcome="review_upheld", responded_on=ASKED_ON)
    assert "review_of" in refusal(case, officer)


def test_a_review_can_be_logged_again_once_the_first_was_withdrawn(case, officer):
    first = log(case, officer)
    services.case_withdraw(case=first, actor=officer, on=ASKED_ON)
    assert log(case, officer).review_of == case
    assert case.reviews.count() == 2


def test_a_case_not_yet_responded_cannot_be_reviewed(officer, body, today):
    case = make_case(actor=officer, body=body)
    assert refusal(case, officer) == {
        "review_of": ["An internal review can be logged only once the response has been sent."]
    }


def test_a_subject_access_request_has_no_internal_review(officer, body, today):
    case = responded(officer, body, regime="sar")
    assert refusal(case, officer) == {
        "review_of": ["A subject access request has no internal review: the requester can complain to the ICO."]
    }


def test_a_review_cannot_itself_be_reviewed(case, officer, officer2):
    review = log(case, officer)
    services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=ASKED_ON)
    assert "itself an internal review" in refusal(review, officer)["review_of"][0]


@pytest.mark.parametrize("regime", ["eir", "foisa", "eisr"])
def test_every_foi_and_eir_regime_can_be_reviewed(officer, body, today, regime):
    case = responded(officer, body, regime=regime)
    assert log(case, officer).regime == regime
