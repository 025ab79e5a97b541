"""An internal review's outcome letter, through the services on PostgreSQL: the kind's rules, the
findings on each exemption, the result they give, and what approving and sending it records.

Dates and people: see responses/tests/reviewing.py.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from responses import issuing, services
from responses.kinds import KIND_RULES, allowed_on
from responses.models import CaseExemption, Letter, LetterPdf
from responses.tests import reviewing
from responses.tests.documents import flat, pdf_text
from responses.tests.reviewing import (
    ASKED_ON,
    EIR_DUE,
    EXTENDED_DUE,
    FOIA_DUE,
    log_review,
    outcome_letter,
    responded_without_letters,
    set_findings,
)

# The fixtures of reviews to decide, for pytest to find here.
day, original, review, reviewer = reviewing.day, reviewing.original, reviewing.review, reviewing.reviewer

pytestmark = pytest.mark.django_db


def findings_of(letter: Letter) -> list[tuple]:
    return list(letter.findings.values_list("position", "code", "section", "title", "finding", "reasons"))


def submitted_outcome(review, reviewer, **findings) -> Letter:
    letter = outcome_letter(review, reviewer)
    set_findings(letter, reviewer, **findings)
    return services.letter_submit(letter=letter, actor=reviewer)


IN_PART = {
    "s24_2": ("upheld", "Still applies."),
    "s31_3": ("overturned", "Disclosure would not prejudice law enforcement."),
}


# --- the kind -------------------------------------------------------------------------------------


def test_a_review_outcome_is_a_final_response_with_commissioner_rights_and_no_review_rights():
    rule = KIND_RULES["review_outcome"]
    assert (rule.final, rule.on_closed_cases, rule.review_rights, rule.commissioner_rights) == (
        True,
        False,
        False,
        True,
    )


def test_a_review_is_answered_only_by_its_outcome_letter_or_acknowledged_or_clarified():
    on_review = {kind for kind in KIND_RULES if allowed_on(kind, is_review=True)}
    assert on_review == {"acknowledgement", "clarification", "review_outcome"}


def test_an_outcome_letter_cannot_be_drafted_on_a_request_that_is_not_a_review(case, officer):
    with pytest.raises(ValidationError) as refused:
        services.letter_create(case=case, actor=officer, kind="review_outcome")
    assert "answers an internal review: draft it on the review's own case" in refused.value.message_dict["kind"][0]


def test_a_review_cannot_be_answered_by_a_disclosure_letter(review, reviewer):
    with pytest.raises(ValidationError) as refused:
        services.letter_create(case=review, actor=reviewer, kind="full_disclosure")
    assert "answered by an internal review outcome letter" in refused.value.message_dict["kind"][0]


def test_a_review_can_be_acknowledged(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="acknowledgement")
    assert letter.kind == "acknowledgement"


def test_the_outcome_letter_gives_the_right_to_complain_but_not_another_review(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    keys = list(letter.sections.values_list("key", flat=True))
    assert keys == ["review_intro", "review_outcome", "closing", "commissioner_rights"]


def test_the_outcome_letter_opens_on_the_request_for_a_review_not_a_request_for_information(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    opening = letter.sections.get(key="review_intro").text
    assert opening.startswith("Thank you for your request for an internal review, which ")
    assert "received on 3rd February 2020" in opening and "Freedom of Information Act 2000" in opening
    assert not letter.sections.filter(key="intro").exists()


def test_the_outcome_paragraph_is_the_librarys_and_names_the_request_under_review(review, reviewer, original):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    paragraph = letter.sections.get(key="review_outcome")
    assert paragraph.source == services.paragraph_versions()["review_outcome"]
    assert f"internal review of our response to request {original.reference}." in " ".join(paragraph.text.split())


def test_the_outcome_paragraph_points_to_the_findings_printed_below_it(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    paragraph = letter.sections.get(key="review_outcome").text
    assert "is set out below." in paragraph
    assert "[[for each exemption" not in paragraph


# --- findings ---------------------------------------------------------------------------------------


def test_the_letter_starts_with_one_undecided_finding_per_exemption_the_original_relied_on(review, reviewer):
    letter = services.letter_create(case=review, actor=reviewer, kind="review_outcome")
    assert findings_of(letter) == [
        (1, "s24(2)", "24", "National security", "", ""),
        (2, "s31(3)", "31", "Law enforcement", "", ""),
    ]


def test_an_original_that_relied_on_no_exemption_gives_no_findings(officer, officer2, body, day):
    day(ASKED_ON)
    review = log_review(responded_without_letters(officer, body), officer)
    letter = services.letter_create(case=review, actor=officer2, kind="review_outcome")
    assert findings_of(letter) == []


@pytest.mark.parametrize(
    ("first", "second", "result"),
    [
        ("upheld", "upheld", "upheld"),
        ("overturned", "overturned", "overturned"),
        ("upheld", "overturned", "upheld_in_part"),
        ("upheld_in_part", "upheld", "upheld_in_part"),
    ],
)
def test_the_result_follows_from_the_findings(review, reviewer, first, second, result):
    letter = set_findings(
        outcome_letter(review, reviewer), reviewer, s24_2=(first, "Reasons."), s31_3=(second, "Reasons.")
    )
    assert letter.review_result == result


def test_the_result_stays_undecided_while_a_finding_is(review, reviewer):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, s24_2=("upheld", "Still applies."))
    assert letter.review_result == ""


def test_a_result_contrary_to_the_findings_is_refused(review, reviewer):
    letter = set_findings(
        outcome_letter(review, reviewer),
        reviewer,
        s24_2=("upheld", "Still applies."),
        s31_3=("upheld", "Still applies."),
    )
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=letter, actor=reviewer, changes={"review_result": "overturned"})
    assert "follows from the findings" in refused.value.message_dict["review_result"][0]


def test_where_the_original_relied_on_no_exemption_the_reviewer_chooses_the_result(officer, officer2, body, day):
    day(ASKED_ON)
    review = log_review(responded_without_letters(officer, body), officer)
    letter = services.letter_create(case=review, actor=officer2, kind="review_outcome")
    services.letter_update(letter=letter, actor=officer2, changes={"review_result": "overturned"})
    letter.refresh_from_db()
    assert letter.review_result == "overturned"


def test_a_finding_on_an_exemption_the_original_did_not_rely_on_is_refused(review, reviewer):
    letter = outcome_letter(review, reviewer)
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=letter, actor=reviewer, changes={"findings": {"s40(2)": {"finding": "upheld"}}})
    assert "did not rely on s40(2)" in refused.value.message_dict["findings"][0]


def test_an_unknown_finding_is_refused(review, reviewer):
    letter = outcome_letter(review, reviewer)
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=letter, actor=reviewer, changes={"findings": {"s24(2)": {"finding": "maybe"}}})
    assert "Choose one of" in refused.value.message_dict["findings.s24(2).finding"][0]


def test_setting_findings_is_audited_on_the_review(review, reviewer):
    set_findings(outcome_letter(review, reviewer), reviewer, s24_2=("overturned", "Not national security."))
    event = AuditEvent.objects.filter(case=review, action="letter_edited").latest("pk")
    assert event.changes["finding s24(2)"] == ["", "overturned"]
    assert event.changes["reasons s24(2)"] == ["", "Not national security."]


def test_submission_is_refused_while_a_finding_is_missing(review, reviewer):
    letter = set_findings(outcome_letter(review, reviewer), reviewer, s24_2=("upheld", "Still applies."))
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=reviewer)
    assert refused.value.messages == [
        "Section 31(3) (Law enforcement): say whether the review upholds, upholds in part or overturns it."
    ]


def test_submission_is_refused_while_an_overturned_finding_has_no_reasons(review, reviewer):
    letter = set_findings(
        outcome_letter(review, reviewer), reviewer, s24_2=("upheld", "Still applies."), s31_3=("overturned", " ")
    )
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=reviewer)
    assert refused.value.messages == ["Section 31(3) (Law enforcement): give the reasons for the finding (overturned)."]


def test_submission_is_refused_while_the_result_is_not_chosen(officer, officer2, body, day):
    day(ASKED_ON)
    review = log_review(responded_without_letters(officer, body), officer)
    letter = outcome_letter(review, officer2)
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=officer2)
    assert refused.value.messages == ["Choose the outcome of the review: upheld, upheld in part or overturned."]


def test_a_complete_outcome_letter_can_be_submitted(review, reviewer):
    letter = submitted_outcome(review, reviewer, **IN_PART)
    assert letter.status == "submitted"


def test_a_new_version_keeps_the_findings(review, reviewer, supervisor2):
    letter = services.letter_approve(letter=submitted_outcome(review, reviewer, **IN_PART), actor=supervisor2)
    new = services.letter_revise(letter=letter, actor=reviewer)
    assert [(f.code, f.finding) for f in new.findings.all()] == [("s24(2)", "upheld"), ("s31(3)", "overturned")]
    assert new.review_result == "upheld_in_part"


# --- approval and sending -----------------------------------------------------------------------------


def test_approval_records_the_reviews_outcome_and_readies_it_to_send(review, reviewer, supervisor2):
    services.letter_approve(letter=submitted_outcome(review, reviewer, **IN_PART), actor=supervisor2)
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("ready_to_send", "review_upheld_in_part")


def test_approval_leaves_the_original_case_and_its_statistics_as_they_were(original, review, reviewer, supervisor2):
    services.letter_approve(letter=submitted_outcome(review, reviewer, **IN_PART), actor=supervisor2)
    original.refresh_from_db()
    assert (original.status, original.outcome) == ("responded", "ncnd")
    assert sorted(CaseExemption.objects.filter(case=original).values_list("code", flat=True)) == ["s24(2)", "s31(3)"]


def approve_and_sign(review, reviewer, approver, **findings) -> Letter:
    letter = services.letter_approve(letter=submitted_outcome(review, reviewer, **findings), actor=approver)
    issuing.letter_render_pdf(letter_id=letter.pk)
    return letter


def test_sending_closes_the_review_with_its_outcome_in_time(review, reviewer, supervisor2, day):
    letter = approve_and_sign(review, reviewer, supervisor2, **IN_PART)
    day(date(2020, 2, 28))
    issuing.letter_send(letter=letter, actor=reviewer, method="post", sent_on=date(2020, 2, 28))
    review.refresh_from_db()
    assert (review.status, review.outcome, review.due_on, review.answered_in_time) == (
        "responded",
        "review_upheld_in_part",
        FOIA_DUE,
        True,
    )


def test_a_foia_review_sent_after_its_twentieth_working_day_is_late(review, reviewer, supervisor2, day):
    letter = approve_and_sign(
        review, reviewer, supervisor2, s24_2=("upheld", "Still applies."), s31_3=("upheld", "Still applies.")
    )
    day(date(2020, 3, 3))
    issuing.letter_send(letter=letter, actor=reviewer, method="post", sent_on=date(2020, 3, 3))
    review.refresh_from_db()
    assert (review.outcome, review.answered_in_time) == ("review_upheld", False)


def test_a_foia_review_extended_to_forty_working_days_is_in_time_on_the_extended_clock(
    review, reviewer, supervisor2, day
):
    case_services.clock_event_record(case=review, actor=reviewer, kind="extension", on=ASKED_ON, days=20)
    letter = approve_and_sign(review, reviewer, supervisor2, s24_2=("overturned", "No."), s31_3=("overturned", "No."))
    day(date(2020, 3, 27))
    issuing.letter_send(letter=letter, actor=reviewer, method="post", sent_on=date(2020, 3, 27))
    review.refresh_from_db()
    assert (review.outcome, review.due_on, review.answered_in_time) == ("review_overturned", EXTENDED_DUE, True)


def test_an_eir_review_has_forty_working_days(officer, officer2, supervisor2, body, day):
    day(ASKED_ON)
    review = log_review(responded_without_letters(officer, body, regime="eir"), officer)
    letter = outcome_letter(review, officer2)
    services.letter_update(letter=letter, actor=officer2, changes={"review_result": "upheld"})
    letter = services.letter_approve(letter=services.letter_submit(letter=letter, actor=officer2), actor=supervisor2)
    issuing.letter_render_pdf(letter_id=letter.pk)
    day(date(2020, 3, 27))
    issuing.letter_send(letter=letter, actor=officer2, method="post", sent_on=date(2020, 3, 27))
    review.refresh_from_db()
    assert (review.outcome, review.due_on, review.answered_in_time) == ("review_upheld", EIR_DUE, True)


# --- the signed letter ---------------------------------------------------------------------------------


@pytest.fixture
def signed_text(review, reviewer, supervisor2) -> str:
    letter = approve_and_sign(
        review,
        reviewer,
        supervisor2,
        s24_2=("upheld", "The information relates to **national security**."),
        s31_3=("overturned", "<script>alert(1)</script> No prejudice to law enforcement."),
    )
    with issuing.pdf_open(LetterPdf.objects.get(letter=letter)) as stored:
        return flat(pdf_text(stored.read()))


def test_the_signed_pdf_names_the_original_request_and_our_response(signed_text, original, review):
    assert f"Our Ref: {review.reference}" in signed_text
    assert f"Your request {original.reference} of 12 December 2019 and our response of 10 January 2020" in signed_text


def test_the_signed_pdf_prints_each_finding_with_its_reasons(signed_text):
    assert "Section 24(2) National security Finding: Upheld The information relates to national security." in (
        signed_text
    )
    assert "Section 31(3) Law enforcement Finding: Overturned" in signed_text
    assert "Outcome of the review: Upheld in part." in signed_text


def test_the_signed_pdf_shows_html_in_reasons_as_text(signed_text):
    assert "<script>alert(1)</script> No prejudice to law enforcement." in signed_text


def test_the_signed_pdf_offers_the_commissioner_but_no_further_review(signed_text):
    assert "Your right to complain to the Information Commissioner" in signed_text
    assert "Your right to ask for an internal review" not in signed_text


def test_sending_the_approved_outcome_is_clerical_even_for_the_originals_officer(
    review, reviewer, supervisor2, officer
):
    letter = approve_and_sign(review, reviewer, supervisor2, **IN_PART)
    issuing.letter_send(letter=letter, actor=officer, method="post", sent_on=ASKED_ON)
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("responded", "review_upheld_in_part")


def test_closing_with_another_outcome_than_the_approved_letters_is_refused(review, reviewer, supervisor2):
    approve_and_sign(review, reviewer, supervisor2, **IN_PART)
    with pytest.raises(ValidationError) as refused:
        case_services.case_close(case=review, actor=reviewer, outcome="review_overturned", responded_on=ASKED_ON)
    assert "The approved outcome letter records: upheld in part." in refused.value.message_dict["outcome"][0]
