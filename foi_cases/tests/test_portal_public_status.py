"""What a requester is told about their case (portal.public_status): the stage in plain words, the
dates, the letters sent to them, and what they can do next. Cases are moved through the real services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import portal, services
from foi_cases.tests.factories import make_case
from responses import issuing
from responses import services as letter_services
from responses.models import Dispatch, Letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(officer, body):
    """A FOIA request received on Thursday 12 December 2019 (due 15 January 2020), not yet assigned."""
    return make_case(actor=officer, body=body)


def record(case, actor, kind: str, on: date, days: int = 0, note: str = ""):
    services.clock_event_record(case=case, actor=actor, kind=kind, on=on, days=days, note=note)
    case.refresh_from_db()
    return case


def responded(case, actor, on_day, on=date(2020, 1, 10)):
    on_day(on)
    services.case_close(case=case, actor=actor, outcome="granted", responded_on=on)
    case.refresh_from_db()
    return case


# --- the stages -----------------------------------------------------------------------------------


def test_a_new_request_nobody_has_picked_up_is_received(request_):
    status = portal.public_status(request_)
    assert (status.stage, status.label, status.explanation) == (
        "received",
        "Received",
        "We have received your request and logged it.",
    )


def test_a_request_an_officer_is_working_on_is_being_considered(request_, officer):
    services.case_assign(case=request_, actor=officer, officer=officer)
    request_.refresh_from_db()
    status = portal.public_status(request_)
    assert (status.stage, status.label) == ("in_progress", "Being considered")


def test_a_request_we_asked_to_clarify_is_waiting_for_the_requester(request_, officer):
    record(request_, officer, "clarification_requested", date(2019, 12, 16))
    status = portal.public_status(request_)
    assert (status.stage, status.label, status.due_on, status.can_answer_clarification) == (
        "awaiting_clarification",
        "Waiting for your clarification",
        None,
        True,
    )
    assert "starts again when we receive your answer" in status.explanation


def test_a_request_with_a_fees_notice_out_has_a_fee_due(request_, officer):
    record(request_, officer, "fee_notice_sent", date(2019, 12, 16))
    status = portal.public_status(request_)
    assert (status.stage, status.label, status.can_answer_clarification) == ("fee_due", "Fee due", False)
    assert "until the fee is paid" in status.explanation


def test_an_extended_request_says_to_when_and_why(request_, officer):
    record(request_, officer, "extension", date(2020, 1, 10), days=20)
    status = portal.public_status(request_)
    assert (status.stage, status.label, status.extended, status.statutory_due_on, status.due_on) == (
        "extended",
        "Extended to Wednesday 12 February 2020",
        True,
        date(2020, 1, 15),
        date(2020, 2, 12),
    )
    assert status.explanation == (
        "We have extended the time for our response to Wednesday 12 February 2020 because we need more time to "
        "consider the public interest, as the Freedom of Information Act allows."
    )


def test_an_extended_eir_request_gives_the_regulations_reason(officer, body):
    case = make_case(actor=officer, body=body, regime="eir")
    record(case, officer, "extension", date(2020, 1, 10), days=20)
    assert "complex and voluminous, as the Environmental Information Regulations allow" in (
        portal.public_status(case).explanation
    )


def test_a_responded_request_says_the_response_was_sent(request_, officer, on_day):
    status = portal.public_status(responded(request_, officer, on_day))
    assert (status.stage, status.label, status.explanation) == (
        "responded",
        "Response sent",
        "We have sent our response to your request.",
    )


def test_a_request_under_review_says_so_and_lists_the_review_with_its_own_clock(request_, officer, on_day):
    responded(request_, officer, on_day)
    on_day(date(2020, 1, 20))
    review = portal.review_request_submit(case=request_, reasons="You missed the 2018 figures.").review
    request_.refresh_from_db()

    status = portal.public_status(request_)
    (listed,) = status.reviews
    assert (status.stage, status.label) == ("under_review", "Under internal review")
    assert (listed.reference, listed.stage, listed.received_on, listed.due_on) == (
        review.reference,
        "received",
        date(2020, 1, 20),
        date(2020, 2, 17),
    )
    assert listed.reference.startswith("IR2020/")


def test_once_the_review_is_answered_the_request_is_back_to_responded(request_, officer, on_day, officer2):
    responded(request_, officer, on_day)
    on_day(date(2020, 1, 20))
    review = portal.review_request_submit(case=request_, reasons="You missed the 2018 figures.").review
    services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=date(2020, 1, 20))
    request_.refresh_from_db()

    status = portal.public_status(request_)
    assert (status.stage, status.reviews[0].stage) == ("responded", "responded")


def test_a_withdrawn_request_is_closed_and_says_it_was_withdrawn(request_, officer):
    services.case_withdraw(case=request_, actor=officer, on=date(2019, 12, 20))
    request_.refresh_from_db()
    status = portal.public_status(request_)
    assert (status.stage, status.label, status.explanation) == ("closed", "Closed", "The request was withdrawn.")


def test_a_lapsed_request_is_closed_and_says_why(request_, officer):
    record(request_, officer, "clarification_requested", date(2019, 12, 16))
    services.case_lapse(case=request_, actor=officer, on=date(2020, 3, 20))
    request_.refresh_from_db()
    status = portal.public_status(request_)
    assert (status.stage, status.label) == ("closed", "Closed")
    assert status.explanation.startswith("We did not receive the clarification or fee we asked for")
    assert not status.can_answer_clarification


# --- what the requester can do next ----------------------------------------------------------------


def test_a_running_request_offers_no_review_and_no_complaint_yet(request_):
    status = portal.public_status(request_)
    assert (status.can_request_review, status.review_by, status.commissioner) == (False, None, None)


def test_after_the_response_a_review_can_be_asked_for_within_40_working_days(request_, officer, on_day):
    status = portal.public_status(responded(request_, officer, on_day))
    assert (status.can_request_review, status.review_window_open, status.review_by) == (
        True,
        True,
        date(2020, 3, 6),
    )


def test_after_the_review_window_a_review_can_still_be_asked_for(request_, officer, on_day):
    responded(request_, officer, on_day)
    on_day(date(2020, 3, 9))
    status = portal.public_status(request_)
    assert (status.can_request_review, status.review_window_open) == (True, False)


def test_only_one_review_at_a_time(request_, officer, on_day):
    responded(request_, officer, on_day)
    portal.review_request_submit(case=request_, reasons="Please look again.")
    assert portal.public_status(request_).can_request_review is False


def test_the_ico_is_named_with_its_website_and_helpline_after_a_response(request_, officer, on_day):
    status = portal.public_status(responded(request_, officer, on_day))
    assert status.commissioner == portal.Commissioner(
        "Information Commissioner's Office (ICO)",
        "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/",
        "0303 123 1113",
    )


def test_a_scottish_request_names_the_scottish_information_commissioner(officer, body, on_day):
    case = make_case(actor=officer, body=body, regime="foisa")
    status = portal.public_status(responded(case, officer, on_day))
    assert status.commissioner.name == "Scottish Information Commissioner"


def test_a_subject_access_request_has_no_internal_review_but_names_the_ico(officer, body, on_day):
    case = make_case(actor=officer, body=body, regime="sar")
    status = portal.public_status(responded(case, officer, on_day))
    assert (status.can_request_review, status.commissioner.name) == (False, "Information Commissioner's Office (ICO)")


# --- letters --------------------------------------------------------------------------------------


def test_a_sent_letter_is_listed_with_its_signatory_date_and_a_download_link(issued, supervisor, case):
    issuing.letter_send(letter=issued, actor=supervisor, method="email")
    case.refresh_from_db()
    (letter,) = portal.public_status(case).letters
    assert (letter.letter_id, letter.title, letter.reference, letter.sent_on, letter.signatory) == (
        issued.pk,
        "Response to your request: Freedom of Information Act 2000",
        case.reference,
        date(2020, 1, 10),
        "Olivia Officer",
    )
    assert portal.letter_for_download(letter.download_path.split("/")[-2]) == issued


def test_an_approved_letter_not_yet_sent_is_not_listed(issued, case):
    assert portal.public_status(case).letters == []


def test_a_draft_is_not_listed(draft, case):
    draft()
    assert portal.public_status(case).letters == []


def test_a_letter_sent_on_another_case_is_not_listed(issued, supervisor, officer, body):
    other = make_case(actor=officer, body=body, email="someone.else@example.org")
    issuing.letter_send(letter=issued, actor=supervisor, method="email")
    assert portal.public_status(other).letters == []


def test_once_a_review_has_been_answered_no_second_review_is_offered(request_, officer, on_day, officer2):
    responded(request_, officer, on_day)
    review = portal.review_request_submit(case=request_, reasons="Please look again.").review
    services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=date(2020, 1, 10))
    request_.refresh_from_db()

    status = portal.public_status(request_)
    assert (status.can_request_review, status.review_by) == (False, None)
    assert status.commissioner is not None  # the next step is the commissioner
    with pytest.raises(ValidationError) as refusal:
        portal.review_request_submit(case=request_, reasons="And again.")
    assert "already carried out an internal review" in " ".join(refusal.value.messages)


def test_a_withdrawn_review_does_not_stop_the_requester_asking_again(request_, officer, on_day):
    responded(request_, officer, on_day)
    review = portal.review_request_submit(case=request_, reasons="Please look again.").review
    services.case_withdraw(case=review, actor=officer, on=date(2020, 1, 10))
    request_.refresh_from_db()
    assert portal.public_status(request_).can_request_review is True


def test_a_request_transferred_elsewhere_offers_no_review_here(request_, officer, on_day):
    on_day(date(2020, 1, 10))
    services.case_close(case=request_, actor=officer, outcome="transferred", responded_on=date(2020, 1, 10))
    request_.refresh_from_db()
    assert portal.review_refusal(request_).startswith("We transferred your request")
    assert portal.public_status(request_).can_request_review is False


def test_the_review_window_counts_from_the_response_not_from_an_earlier_letter(approved, supervisor, on_day):
    """An acknowledgement also prints a review date when approved; only a response's date counts."""
    case = approved.case
    ack = letter_services.letter_create(case=case, actor=supervisor, kind="acknowledgement")
    assert ack.kind == "acknowledgement"
    Letter.objects.filter(pk=ack.pk).update(status=Letter.Status.APPROVED, review_by=date(2020, 1, 1))
    Dispatch.objects.create(
        letter=ack, method="post", sent_on=date(2019, 12, 13), sha256="0" * 64, recorded_by=supervisor
    )
    Dispatch.objects.get(letter=ack).cases.add(case)
    on_day(date(2020, 1, 10))
    services.case_close(case=case, actor=supervisor, outcome="ncnd", responded_on=date(2020, 1, 10))
    case.refresh_from_db()

    # No response letter was sent through the system: counted from the day it was sent.
    assert portal.public_status(case).review_by == date(2020, 3, 6)


def test_a_subject_access_request_shows_no_review_date(officer, body, on_day):
    case = make_case(actor=officer, body=body, regime="sar")
    on_day(date(2020, 1, 10))
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    case.refresh_from_db()
    status = portal.public_status(case)
    assert (status.can_request_review, status.review_by) == (False, None)


def test_a_finished_review_shows_no_review_date_of_its_own(request_, officer, on_day, officer2):
    responded(request_, officer, on_day)
    review = portal.review_request_submit(case=request_, reasons="Please look again.").review
    services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=date(2020, 1, 10))
    review.refresh_from_db()
    assert portal.public_status(review).review_by is None


def test_an_answer_to_a_clarification_sent_through_the_portal_is_acknowledged_until_recorded(request_, officer):
    record(request_, officer, "clarification_requested", date(2019, 12, 16))
    assert portal.public_status(request_).clarification_sent_on is None
    portal.clarification_reply_submit(case=request_, text="I mean the 2019 figures.")
    assert portal.public_status(request_).clarification_sent_on == services.today()

    record(request_, officer, "clarification_received", date(2019, 12, 18))
    assert portal.public_status(request_).clarification_sent_on is None
