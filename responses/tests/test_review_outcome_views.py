"""An internal review's outcome letter through the web pages and the API: findings set on the edit
page and by PATCH, the letter as it reads, the refusals people involved in the original decision
meet, and what the case pages say of the review.

Dates and people: see responses/tests/reviewing.py.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from foi_cases.tests.api_client import signed_in
from responses import issuing, services
from responses.models import Letter
from responses.tests import reviewing
from responses.tests.reviewing import outcome_letter, set_findings
from responses.tests.test_views_letter_edit import edit_data

# The fixtures of reviews to decide, for pytest to find here.
day, original, review, reviewer = reviewing.day, reviewing.original, reviewing.review, reviewing.reviewer

pytestmark = pytest.mark.django_db

ESCAPED = "&lt;b&gt;bold claim&lt;/b&gt;"
SENT_ON = date(2020, 2, 28)


@pytest.fixture
def letter(review, reviewer) -> Letter:
    return outcome_letter(review, reviewer)


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def page(client, name: str, pk: int) -> str:
    return client.get(reverse(name, args=[pk]), follow=True).content.decode()


def finding_field(letter, code: str, part: str) -> str:
    return f"finding-{letter.findings.get(code=code).pk}-{part}"


def decided(letter, reviewer, supervisor2) -> Letter:
    set_findings(letter, reviewer, s24_2=("upheld", "Still sensitive."), s31_3=("overturned", "<b>bold claim</b>"))
    return services.letter_approve(letter=services.letter_submit(letter=letter, actor=reviewer), actor=supervisor2)


def sent(letter, reviewer, day) -> Letter:
    """The approved outcome letter signed and posted on 28 February 2020: the review is responded."""
    issuing.letter_render_pdf(letter_id=letter.pk)
    day(SENT_ON)
    issuing.letter_send(letter=letter, actor=reviewer, method="post", sent_on=SENT_ON)
    return letter


# --- starting and editing --------------------------------------------------------------------------


def test_the_start_form_on_a_review_offers_its_outcome_an_acknowledgement_or_a_clarification(as_reviewer, review):
    html = page(as_reviewer, "foi_cases:case_detail", review.pk)
    offered = set(re.findall(r'name="letter-kind"\s+value="([a-z_]+)"', html))
    assert offered == {"acknowledgement", "clarification", "review_outcome"}


def test_the_originals_drafter_is_told_why_they_cannot_start_the_outcome_letter(client, review, officer):
    client.force_login(officer)
    response = client.post(
        reverse("responses:letter_start", args=[review.pk]), {"letter-kind": "review_outcome"}, follow=True
    )
    assert "so cannot draft its outcome letter" in response.content.decode()
    assert not Letter.objects.filter(case=review).exists()


def test_the_edit_page_has_a_finding_and_reasons_for_each_exemption(as_reviewer, letter):
    html = page(as_reviewer, "responses:letter_edit", letter.pk)
    assert "Findings of the review" in html
    assert "s24(2) National security</legend>" in html
    assert f'name="{finding_field(letter, "s31(3)", "finding")}"' in html
    assert f'name="{finding_field(letter, "s31(3)", "reasons")}"' in html


def test_findings_saved_on_the_edit_page_give_the_result(as_reviewer, letter):
    data = edit_data(
        letter,
        **{
            finding_field(letter, "s24(2)", "finding"): "upheld",
            finding_field(letter, "s31(3)", "finding"): "overturned",
            finding_field(letter, "s31(3)", "reasons"): "No prejudice.",
        },
    )
    as_reviewer.post(reverse("responses:letter_edit", args=[letter.pk]), data)
    letter.refresh_from_db()
    assert [(f.code, f.finding) for f in letter.findings.all()] == [("s24(2)", "upheld"), ("s31(3)", "overturned")]
    assert letter.review_result == "upheld_in_part"


def test_an_unknown_finding_on_the_edit_page_is_a_field_error(as_reviewer, letter):
    data = edit_data(letter, **{finding_field(letter, "s24(2)", "finding"): "maybe"})
    html = as_reviewer.post(reverse("responses:letter_edit", args=[letter.pk]), data).content.decode()
    assert "Select a valid choice" in html
    assert letter.findings.get(code="s24(2)").finding == ""


def test_the_originals_approver_is_turned_away_from_the_edit_page(client, letter, supervisor):
    client.force_login(supervisor)
    html = page(client, "responses:letter_edit", letter.pk)
    assert "so cannot edit its outcome letter" in html


# --- the letter as it reads ---------------------------------------------------------------------------


def test_the_preview_names_the_original_request_and_prints_the_findings_escaped(
    as_reviewer, letter, reviewer, original
):
    set_findings(letter, reviewer, s31_3=("overturned", "<b>bold claim</b>"))
    html = page(as_reviewer, "responses:letter_detail", letter.pk)
    assert f"Your request {original.reference} of 12 December 2019 and our response of 10 January 2020" in html
    assert "Section 31(3) Law enforcement" in html
    assert "Finding: <strong>Overturned</strong>" in html
    assert ESCAPED in html
    assert "<b>bold claim</b>" not in html


def test_the_originals_approver_sees_why_they_cannot_approve(client, letter, reviewer, supervisor):
    set_findings(letter, reviewer, s24_2=("upheld", "Still applies."), s31_3=("upheld", "Still applies."))
    services.letter_submit(letter=letter, actor=reviewer)
    client.force_login(supervisor)
    html = page(client, "responses:letter_detail", letter.pk)
    assert "so cannot approve its outcome letter" in html


def queue(client) -> str:
    return client.get(reverse("responses:approval_queue")).content.decode()


def submitted(letter, reviewer) -> Letter:
    set_findings(letter, reviewer, s24_2=("upheld", "Still applies."), s31_3=("upheld", "Still applies."))
    return services.letter_submit(letter=letter, actor=reviewer)


def test_the_approval_queue_leaves_out_an_outcome_letter_on_a_decision_the_supervisor_approved(
    client, letter, reviewer, supervisor
):
    submitted(letter, reviewer)
    client.force_login(supervisor)
    assert letter.case.reference not in queue(client)


def test_the_approval_queue_offers_the_outcome_letter_to_an_uninvolved_supervisor(
    client, letter, reviewer, supervisor2
):
    submitted(letter, reviewer)
    client.force_login(supervisor2)
    assert letter.case.reference in queue(client)


# --- the API ----------------------------------------------------------------------------------------------


def test_the_api_sets_findings_and_shows_them_with_the_result(letter, reviewer):
    api = signed_in(reviewer)
    findings = {"s24(2)": {"finding": "overturned", "reasons": "Not security."}, "s31(3)": {"finding": "overturned"}}
    response = api.patch(f"/api/v1/letters/{letter.pk}/", {"findings": findings}, format="json")
    body = response.json()
    assert response.status_code == 200
    assert body["review_result"] == "overturned"
    assert [(f["code"], f["citation"], f["finding"]) for f in body["findings"]] == [
        ("s24(2)", "Section 24(2)", "overturned"),
        ("s31(3)", "Section 31(3)", "overturned"),
    ]


def test_the_api_refuses_an_unknown_finding_with_a_field_error(letter, reviewer):
    response = signed_in(reviewer).patch(
        f"/api/v1/letters/{letter.pk}/", {"findings": {"s24(2)": {"finding": "maybe"}}}, format="json"
    )
    assert response.status_code == 400
    assert "findings" in response.json()


def test_the_api_lists_the_missing_findings_as_problems(letter, reviewer):
    problems = signed_in(reviewer).get(f"/api/v1/letters/{letter.pk}/").json()["problems"]
    assert "Section 24(2) (National security): say whether the review upholds, upholds in part or overturns it." in (
        problems
    )


def test_the_api_refuses_approval_by_the_originals_approver_with_the_reason(letter, reviewer, supervisor):
    set_findings(letter, reviewer, s24_2=("upheld", "Still applies."), s31_3=("upheld", "Still applies."))
    services.letter_submit(letter=letter, actor=reviewer)
    response = signed_in(supervisor).post(f"/api/v1/letters/{letter.pk}/approve/", {}, format="json")
    assert response.status_code == 403
    assert "so cannot approve its outcome letter" in response.json()["detail"]


# --- the case pages --------------------------------------------------------------------------------------


def test_the_review_page_shows_the_decision_under_review_and_its_exemptions(as_reviewer, review, original):
    html = page(as_reviewer, "foi_cases:case_detail", review.pk)
    assert "Decision under review" in html
    assert f">{original.reference}</a>, answered 10 January 2020" in html
    assert "<li>Section 24(2) National security</li>" in html
    assert "<li>Section 31(3) Law enforcement</li>" in html


def test_after_approval_the_review_page_shows_the_findings(as_reviewer, review, letter, reviewer, supervisor2):
    decided(letter, reviewer, supervisor2)
    html = page(as_reviewer, "foi_cases:case_detail", review.pk)
    assert "Section 31(3) Law enforcement: Overturned" in html
    assert ESCAPED in html
    assert "Review: upheld in part" in html


def test_once_sent_the_review_page_says_the_information_must_be_released(
    as_reviewer, review, letter, reviewer, supervisor2, day
):
    sent(decided(letter, reviewer, supervisor2), reviewer, day)
    html = page(as_reviewer, "foi_cases:case_detail", review.pk)
    assert "Section 31(3) Law enforcement: Overturned" in html
    assert ESCAPED in html
    assert "Review: upheld in part" in html
    assert "the information must now be released" in html


def test_an_approved_outcome_not_yet_sent_asks_for_no_release_on_the_originals_panel(
    as_reviewer, original, review, letter, reviewer, supervisor2
):
    decided(letter, reviewer, supervisor2)
    html = page(as_reviewer, "foi_cases:case_detail", original.pk)
    assert "Review: upheld in part" in html
    assert "must now be released" not in html


def test_the_originals_reviews_panel_shows_the_result_and_that_it_is_not_reopened(
    as_reviewer, original, review, letter, reviewer, supervisor2, day
):
    sent(decided(letter, reviewer, supervisor2), reviewer, day)
    html = page(as_reviewer, "foi_cases:case_detail", original.pk)
    assert "Review: upheld in part" in html
    assert "The information must now be released:" in html
    assert "This case is not reopened automatically." in html


def test_an_upheld_review_asks_for_no_release(as_reviewer, original, letter, reviewer, supervisor2):
    set_findings(letter, reviewer, s24_2=("upheld", "Still applies."), s31_3=("upheld", "Still applies."))
    services.letter_approve(letter=services.letter_submit(letter=letter, actor=reviewer), actor=supervisor2)
    html = page(as_reviewer, "foi_cases:case_detail", original.pk)
    assert "Review: original decision upheld" in html
    assert "must now be released" not in html
