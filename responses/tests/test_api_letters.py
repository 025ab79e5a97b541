"""Drafting, reading and editing letters through the API: <case url>letters/ and /api/v1/letters/{id}/."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import UserFactory, make_case
from responses import services
from responses.models import Letter
from responses.tests.conftest import complete

pytestmark = pytest.mark.django_db

NCND = {"kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"]}
HOSTILE = (
    "Dear requester <script>alert('x')</script>\n\n"
    '<img src="x" onerror="alert(1)"> [click me](javascript:alert(1)) '
    '<a href="javascript:alert(2)" onclick="steal()">here</a>'
)


@pytest.fixture
def api(officer):
    return signed_in(officer)


def letters_url(case) -> str:
    return f"/api/v1/cases/{case.pk}/letters/"


def letter_url(letter) -> str:
    return f"/api/v1/letters/{letter.pk}/"


def start(api, case, data=NCND):
    return api.post(letters_url(case), data, format="json")


def patch(api, letter, changes):
    return api.patch(letter_url(letter), changes, format="json")


def section(body: dict, key: str) -> dict:
    blocks = body["blocks"]
    placed = blocks["opening"] + blocks["response"] + blocks["closing"] + blocks["rights"]
    return next(block for block in placed if block["key"] == key)


def exemption(body: dict, code: str) -> dict:
    return next(block for block in body["blocks"]["exemptions"] if block["code"] == code)


def assert_safe(html: str) -> None:
    """No tag a browser would run or fetch from: typed markup may appear, but only as text."""
    tags = " ".join(re.findall(r"<[^>]*>", html)).lower()
    assert "<script" not in tags
    assert "onerror" not in tags
    assert "onclick" not in tags
    assert "javascript:" not in tags
    assert "<img" not in tags


# --- drafting --------------------------------------------------------------------------------


def test_drafting_an_ncnd_letter_returns_201_with_its_address_status_and_blocks(api, case):
    response = start(api, case)

    assert response.status_code == 201
    letter = Letter.objects.get()
    body = response.json()
    assert body["url"] == f"http://testserver/api/v1/letters/{letter.pk}/"
    assert response["Location"] == body["url"]
    assert body["status"] == "draft"
    assert [block["code"] for block in body["blocks"]["exemptions"]] == ["s24(2)", "s31(3)"]


def test_a_new_letter_has_the_documented_shape(api, case):
    body = start(api, case).json()

    assert list(body) == [
        "id",
        "url",
        "case",
        "kind",
        "kind_label",
        "status",
        "status_label",
        "version",
        "heading",
        "awaiting",
        "due",
        "drafted_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "previous_version",
        "next_version",
        "references",
        "letter_date",
        "estimated_decision_on",
        "fee_amount",
        "cost_limit",
        "signatory",
        "contributors",
        "blocks",
        "cost_lines",
        "aggregated",
        "problems",
        "approvals",
        "approved_at",
        "approved_by",
        "pdf",
        "dispatches",
        "review_result",
        "findings",
    ]
    assert list(body["blocks"]) == ["opening", "items", "response", "exemptions", "closing", "rights"]


def test_a_new_letter_names_its_case_kind_version_and_signatory(api, case):
    body = start(api, case).json()

    assert body["case"] == {
        "id": case.pk,
        "url": f"http://testserver/api/v1/cases/{case.pk}/",
        "reference": "FOI2019/00001",
    }
    assert body["kind"] == "ncnd"
    assert body["kind_label"] == "Neither confirm nor deny"
    assert body["status_label"] == "Draft"
    assert body["version"] == 1
    assert body["previous_version"] is None
    assert body["next_version"] is None
    assert body["references"] == "FOI2019/00001"
    assert body["due"] == "2020-01-15"
    assert body["signatory"] == {"name": "Olivia Officer", "role": "Information Rights Officer"}
    assert body["drafted_by"] == "Olivia Officer"
    assert body["contributors"] == ["Olivia Officer"]
    assert body["awaiting"] is None
    assert body["approvals"] == []


def test_the_cited_exemptions_are_the_ncnd_provisions_with_their_library_version(api, case):
    body = start(api, case).json()

    national_security = exemption(body, "s24(2)")
    assert national_security["citation"] == "Section 24(2)"
    assert national_security["provision"] == "24(2)"
    assert national_security["ncnd"] is True
    assert national_security["absolute"] is False
    assert national_security["library_entry"] == "s24"
    assert national_security["library_version"] == 1
    assert national_security["why"]
    assert set(national_security["html"]) == {"why", "harm", "factors_for", "factors_against", "balancing"}


def test_each_exemption_applies_to_every_request_item_unless_told_otherwise(api, case):
    body = start(api, case).json()

    assert [item["exemptions"] for item in body["blocks"]["items"]] == [["s24(2)", "s31(3)"], ["s24(2)", "s31(3)"]]
    assert exemption(body, "s31(3)")["items"] == [1, 2]


def test_exemptions_can_be_chosen_per_request_item(api, case):
    body = start(api, case, {**NCND, "items": {"1": ["s24(2)"]}}).json()

    items = body["blocks"]["items"]
    assert [(item["position"], item["question"], item["exemptions"]) for item in items] == [
        (1, "When did you start?", ["s24(2)"]),
        (2, "How much did it cost?", []),
    ]


def test_an_ncnd_letter_carries_its_statement_caveat_and_rights_in_reading_order(api, case):
    blocks = start(api, case).json()["blocks"]

    assert "ncnd_statement" in [block["key"] for block in blocks["response"]]
    assert "ncnd_caveat" in [block["key"] for block in blocks["closing"]]
    assert [block["key"] for block in blocks["rights"]] == ["review_rights", "commissioner_rights"]
    assert {block["placement"] for block in blocks["rights"]} == {"rights"}


def test_drafting_is_recorded_on_the_case_timeline_as_the_api_user(api, case, officer):
    start(api, case)

    event = AuditEvent.objects.get(case=case, action="letter_drafted")
    assert event.actor == officer
    assert "s24(2), s31(3)" in event.summary


def test_an_unknown_kind_gets_400_with_the_kinds(api, case):
    response = start(api, case, {"kind": "apology"})

    assert response.status_code == 400
    assert response.json()["kind"][0].startswith('Unknown kind of letter "apology"; use one of acknowledgement,')
    assert not Letter.objects.exists()


def test_a_missing_kind_gets_400(api, case):
    response = start(api, case, {"exemptions": ["s24(2)"]})

    assert response.status_code == 400
    assert response.json() == {"kind": ["This field is required."]}


def test_an_unknown_exemption_code_gets_400_and_no_letter(api, case):
    response = start(api, case, {"kind": "ncnd", "exemptions": ["s24(2)", "s99(9)"]})

    assert response.status_code == 400
    assert response.json() == {
        "exemptions": ["Unknown for this case (FOIA exemptions): s99(9). See GET /api/v1/exemptions/."]
    }
    assert not Letter.objects.exists()


def test_an_eir_exception_cannot_be_cited_on_a_foia_case(api, case):
    response = start(api, case, {"kind": "refusal", "exemptions": ["reg12(5)(b)"]})

    assert response.status_code == 400
    assert "reg12(5)(b)" in response.json()["exemptions"][0]


def test_an_eir_case_cites_eir_exceptions(api, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")

    response = start(api, eir, {"kind": "refusal", "exemptions": ["reg12(5)(b)"]})

    assert response.status_code == 201
    assert exemption(response.json(), "reg12(5)(b)")["citation"] == "Regulation 12(5)(b)"


def test_a_kind_that_cites_no_exemptions_refuses_them(api, case):
    response = start(api, case, {"kind": "acknowledgement", "exemptions": ["s24(2)"]})

    assert response.status_code == 400
    assert response.json() == {"exemptions": ["A acknowledgement of your request cites no exemptions."]}


def test_an_item_number_that_is_not_a_number_gets_400(api, case):
    response = start(api, case, {**NCND, "items": {"first": ["s24(2)"]}})

    assert response.status_code == 400
    assert response.json() == {"items": ['"first" is not a request item number; use "1", "2", ...']}


def test_an_item_code_the_letter_does_not_cite_gets_400_and_no_letter(api, case):
    response = start(api, case, {**NCND, "items": {"1": ["s40(5B)"]}})

    assert response.status_code == 400
    assert response.json() == {"items": ["Item 1: s40(5B) is not among the letter's exemptions."]}
    assert not Letter.objects.exists()


def test_an_unknown_field_gets_400(api, case):
    response = start(api, case, {**NCND, "exemption": ["s24(2)"]})

    assert response.status_code == 400
    assert response.json() == {"exemption": ["Unknown field."]}


def test_a_closed_case_gets_409(api, case, officer):
    case_services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))

    response = start(api, case)

    assert response.status_code == 409
    assert response.json() == {"detail": "The case is closed: reopen it before drafting a letter."}
    assert not Letter.objects.exists()


def test_no_such_case_gets_404(api, case):
    response = api.post("/api/v1/cases/999999/letters/", NCND, format="json")

    assert response.status_code == 404


def test_drafting_needs_json(api, case):
    response = api.post(letters_url(case), {"kind": "ncnd"})

    assert response.status_code == 415


def test_a_caseworker_without_permission_to_change_cases_cannot_draft(case, body):
    reader = UserFactory(username="reader", role=None)
    reader.user_permissions.add(Permission.objects.get(codename="view_case", content_type__app_label="foi_cases"))

    response = start(signed_in(reader), case)

    assert response.status_code == 403
    assert response.json() == {"detail": "You need an information rights officer role to draft or change letters."}


def test_a_stranger_cannot_draft(stranger, case):
    response = start(signed_in(stranger), case)

    assert response.status_code == 403
    assert not Letter.objects.exists()


def test_an_anonymous_request_cannot_draft(case):
    assert start(APIClient(), case).status_code == 401


# --- a case's letters ------------------------------------------------------------------------


def test_a_case_lists_its_letters_oldest_first(api, case, draft):
    first, second = draft(), draft("acknowledgement", ())

    response = api.get(letters_url(case))

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [first.pk, second.pk]
    assert response.json()[1]["kind_label"] == "Acknowledgement"


def test_a_case_does_not_list_another_cases_letters(api, case, draft, officer, body):
    other = make_case(actor=officer, body=body, subject="Drones")
    draft(on=other)

    assert api.get(letters_url(case)).json() == []


def test_a_letter_is_not_reachable_under_another_cases_address(api, draft, officer, body):
    other = make_case(actor=officer, body=body, subject="Drones")
    letter = draft()

    assert api.get(f"{letters_url(other)}{letter.pk}/").status_code == 404
    assert api.patch(f"{letters_url(other)}{letter.pk}/", {"heading": "Changed"}, format="json").status_code == 404
    assert Letter.objects.get(pk=letter.pk).heading != "Changed"


def test_the_letters_of_no_such_case_get_404(api, case):
    assert api.get("/api/v1/cases/999999/letters/").status_code == 404


def test_a_stranger_cannot_list_a_cases_letters(stranger, case, draft):
    draft()

    assert signed_in(stranger).get(letters_url(case)).status_code == 403


# --- reading ---------------------------------------------------------------------------------


def test_a_letter_is_shown_at_its_address(api, draft):
    letter = draft()

    response = api.get(letter_url(letter))

    assert response.status_code == 200
    assert response.json()["id"] == letter.pk
    assert response.json()["blocks"]["exemptions"][0]["code"] == "s24(2)"


def queries(api, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    return len(captured)


def test_showing_a_letter_takes_the_same_queries_however_many_exemptions_it_cites(api, draft):
    few = draft("refusal", ("s24(1)",))
    many = draft("refusal", ("s24(1)", "s31(1)", "s40(2)", "s43(2)"))

    assert queries(api, letter_url(many)) == queries(api, letter_url(few))


def test_listing_letters_takes_the_same_queries_however_many_there_are(api, draft):
    draft()
    one = queries(api, "/api/v1/letters/")
    draft()
    draft("acknowledgement", ())

    assert queries(api, "/api/v1/letters/") == one


def test_no_such_letter_gets_404(api, case):
    assert api.get("/api/v1/letters/999999/").status_code == 404


def test_a_letter_never_shows_the_requester(officer, body):
    secret = make_case(actor=officer, body=body, name="Zebedee Quillfeather", email="zebedee@secret.example")
    letter = services.letter_create(case=secret, actor=officer, kind="ncnd", codes=["s24(2)"])

    response = signed_in(officer).get(letter_url(letter))

    content = response.content.decode()
    assert "Zebedee" not in content
    assert "Quillfeather" not in content
    assert "zebedee@secret.example" not in content
    assert "requester" not in response.json()["case"]


def test_the_review_date_is_filled_in_the_html_and_kept_as_a_placeholder_in_the_text(api, draft):
    letter = draft()

    review = section(api.get(letter_url(letter)).json(), "review_rights")

    assert "{review_by}" in review["text"]
    assert "{review_by}" not in review["html"]
    assert services.ordinal_date(services.review_by(letter, case_services.today())) in review["html"]


def test_markdown_is_shown_as_html(api, draft):
    letter = draft()
    services.letter_update(letter=letter, actor=letter.created_by, changes={"sections": {"intro": "Please **note**."}})

    intro = section(api.get(letter_url(letter)).json(), "intro")

    assert intro["text"] == "Please **note**."
    assert intro["html"] == "<p>Please <strong>note</strong>.</p>"


def test_a_draft_lists_its_problems(api, draft):
    letter = draft()

    problems = api.get(letter_url(letter)).json()["problems"]

    assert problems == services.letter_check(letter)
    assert problems


def test_a_complete_draft_has_no_problems(api, draft, officer):
    letter = complete(draft(), officer)

    assert api.get(letter_url(letter)).json()["problems"] == []


def test_a_submitted_letter_shows_no_problems_and_awaits_a_supervisor(api, submitted):
    body = api.get(letter_url(submitted)).json()

    assert body["problems"] is None
    assert body["status"] == "submitted"
    assert body["status_label"] == "Awaiting approval"
    assert body["awaiting"] == "Supervisor"


def test_a_stranger_cannot_read_a_letter(stranger, draft):
    assert signed_in(stranger).get(letter_url(draft())).status_code == 403


def test_an_anonymous_request_cannot_read_a_letter(draft):
    response = APIClient().get(letter_url(draft()))

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


# --- editing ---------------------------------------------------------------------------------


def test_editing_a_section_changes_its_text_and_html(api, draft):
    letter = draft()

    response = patch(api, letter, {"sections": {"intro": "Thank you for your request."}})

    assert response.status_code == 200
    assert section(response.json(), "intro")["text"] == "Thank you for your request."
    assert section(response.json(), "intro")["html"] == "<p>Thank you for your request.</p>"


def test_editing_the_heading_signatory_and_dates(api, draft):
    letter = draft("pit_extension", ("s31(1)",))

    body = patch(
        api,
        letter,
        {
            "heading": "Extension of time",
            "signatory": {"name": "Sam Supervisor", "role": "Head of Information Rights"},
            "estimated_decision_on": "2020-02-12",
        },
    ).json()

    assert body["heading"] == "Extension of time"
    assert body["signatory"] == {"name": "Sam Supervisor", "role": "Head of Information Rights"}
    assert body["estimated_decision_on"] == "2020-02-12"


def test_editing_the_fee_of_a_fees_notice(api, draft):
    letter = draft("fees_notice", ())

    body = patch(api, letter, {"fee_amount": "12.40"}).json()

    assert body["fee_amount"] == "12.40"


def test_editing_an_exemptions_wording(api, draft):
    letter = draft()

    body = patch(api, letter, {"exemption_texts": {"s24(2)": {"harm": "It would show **where** it is used."}}}).json()

    assert exemption(body, "s24(2)")["harm"] == "It would show **where** it is used."
    assert exemption(body, "s24(2)")["html"]["harm"] == "<p>It would show <strong>where</strong> it is used.</p>"


def test_an_answer_and_the_items_exemptions_are_edited_by_item_number(api, draft):
    letter = draft("partial_disclosure", ("s31(1)",))

    body = patch(api, letter, {"items": {"2": {"answer": "It cost £10.", "exemptions": []}}}).json()

    item = body["blocks"]["items"][1]
    assert item["answer"] == "It cost £10."
    assert item["answer_html"] == "<p>It cost £10.</p>"
    assert item["exemptions"] == []
    assert body["blocks"]["items"][0]["exemptions"] == ["s31(1)"]


def test_the_quoted_request_item_can_be_trimmed(api, draft):
    letter = draft()

    body = patch(api, letter, {"items": {"1": {"question": "When did you start?"}}}).json()

    assert body["blocks"]["items"][0]["question"] == "When did you start?"


def test_an_empty_quotation_is_refused(api, draft):
    letter = draft()

    response = patch(api, letter, {"items": {"1": {"question": " "}}})

    assert response.status_code == 400
    assert letter.items.get(position=1).question == "When did you start?"


def test_adding_an_exemption_copies_it_from_the_library(api, draft):
    letter = draft()

    body = patch(api, letter, {"exemptions": ["s24(2)", "s31(3)", "s40(5B)"]}).json()

    assert [block["code"] for block in body["blocks"]["exemptions"]] == ["s24(2)", "s31(3)", "s40(5B)"]
    assert exemption(body, "s40(5B)")["library_entry"] == "s40_2"


def test_removing_an_exemption(api, draft):
    letter = draft()

    body = patch(api, letter, {"exemptions": ["s24(2)"]}).json()

    assert [block["code"] for block in body["blocks"]["exemptions"]] == ["s24(2)"]


def test_a_cost_estimate_is_replaced_as_a_whole(api, draft):
    letter = draft("s12", ())
    lines = [
        {"activity": "locating", "description": "Search 600 case files", "hours": "20"},
        {"activity": "extracting", "description": "Read each file", "hours": "10.5"},
    ]

    body = patch(api, letter, {"cost_limit": 450, "cost_lines": lines}).json()

    assert body["cost_limit"] == 450
    assert body["cost_lines"] == [
        {
            "activity": "locating",
            "activity_label": "Locating the information",
            "description": "Search 600 case files",
            "hours": "20.00",
        },
        {
            "activity": "extracting",
            "activity_label": "Extracting the information",
            "description": "Read each file",
            "hours": "10.50",
        },
    ]


def test_an_edit_is_recorded_and_makes_the_editor_a_contributor(api, draft, supervisor):
    letter = draft()

    body = patch(signed_in(supervisor), letter, {"sections": {"intro": "Edited."}}).json()

    assert body["contributors"] == ["Olivia Officer", "Sam Supervisor"]
    assert AuditEvent.objects.filter(case=letter.case, action="letter_edited", actor=supervisor).exists()


def test_html_in_a_section_is_never_returned_as_markup(api, draft):
    letter = draft()

    intro = section(patch(api, letter, {"sections": {"intro": HOSTILE}}).json(), "intro")

    assert intro["text"] == HOSTILE
    assert_safe(intro["html"])
    assert intro["html"].startswith("<p>Dear requester &lt;script&gt;alert(")


def test_html_in_an_exemption_text_and_an_answer_is_never_returned_as_markup(api, draft):
    letter = draft("partial_disclosure", ("s31(1)",))

    body = patch(
        api,
        letter,
        {"exemption_texts": {"s31(1)": {"why": HOSTILE}}, "items": {"1": {"answer": HOSTILE}}},
    ).json()

    assert_safe(exemption(body, "s31(1)")["html"]["why"])
    assert_safe(body["blocks"]["items"][0]["answer_html"])


def test_a_safe_link_survives_sanitising(api, draft):
    letter = draft()

    intro = section(patch(api, letter, {"sections": {"intro": "See [our site](https://example.org)."}}).json(), "intro")

    assert 'href="https://example.org"' in intro["html"]


def test_bad_input_gets_400_and_nothing_is_written(api, draft):
    letter = draft()

    response = patch(api, letter, {"heading": "Changed", "sections": {"no_such_section": "Text"}})

    assert response.status_code == 400
    assert response.json() == {"sections": ["The letter has no section 'no_such_section'."]}
    letter.refresh_from_db()
    assert letter.heading != "Changed"
    assert not AuditEvent.objects.filter(action="letter_edited").exists()


def test_a_text_too_long_is_refused_under_its_own_key(api, draft):
    letter = draft()

    response = patch(api, letter, {"sections": {"intro": "x" * 20_001}})

    assert response.status_code == 400
    assert response.json() == {"sections": {"intro": ["Too long (20,001 characters; the limit is 20,000)."]}}


def test_an_unknown_exemption_in_an_edit_gets_400(api, draft):
    response = patch(api, draft(), {"exemptions": ["s24(2)", "s99(9)"]})

    assert response.status_code == 400
    assert "s99(9)" in response.json()["exemptions"][0]


def test_wording_of_an_exemption_the_letter_does_not_cite_gets_400(api, draft):
    response = patch(api, draft(), {"exemption_texts": {"s40(5B)": {"why": "Personal data."}}})

    assert response.status_code == 400
    assert response.json() == {"exemption_texts": ["The letter does not cite s40(5B)."]}


def test_an_unknown_part_of_an_exemption_gets_400(api, draft):
    response = patch(api, draft(), {"exemption_texts": {"s24(2)": {"conclusion": "No."}}})

    assert response.status_code == 400
    assert response.json()["exemption_texts"]["s24(2)"]["conclusion"][0].startswith("Unknown part of an exemption")


def test_a_provision_outside_the_section_gets_400(api, draft):
    response = patch(api, draft(), {"exemption_texts": {"s31(3)": {"provision": "24(2)"}}})

    assert response.status_code == 400
    assert response.json() == {"exemption_texts": ["s31(3): the provision must stay within the same section as 31(3)."]}


def test_no_such_request_item_gets_400(api, draft):
    response = patch(api, draft(), {"items": {"9": {"answer": "Yes."}}})

    assert response.status_code == 400
    assert response.json() == {"items": ["The letter has no request item 9."]}


def test_an_impossible_date_gets_400(api, draft):
    response = patch(api, draft("pit_extension", ("s31(1)",)), {"estimated_decision_on": "2020-02-30"})

    assert response.status_code == 400
    assert response.json() == {"estimated_decision_on": ["2020-02-30 is not a real date."]}


def test_a_cost_limit_other_than_450_or_600_gets_400(api, draft):
    response = patch(api, draft("s12", ()), {"cost_limit": 500})

    assert response.status_code == 400
    assert response.json() == {"cost_limit": ["The appropriate limit is 450 or 600 (pounds)."]}


def test_a_cost_line_for_an_activity_that_may_not_be_counted_gets_400(api, draft):
    lines = [{"activity": "redacting", "description": "Redact names", "hours": "5"}]

    response = patch(api, draft("s12", ()), {"cost_lines": lines})

    assert response.status_code == 400
    assert response.json()["cost_lines"]["0"]["activity"] == ['"redacting" is not a valid choice.']


def test_a_blank_heading_gets_400(api, draft):
    response = patch(api, draft(), {"heading": "  "})

    assert response.status_code == 400
    assert response.json() == {"heading": ["Enter the letter's heading."]}


def test_a_field_that_cannot_be_edited_gets_400(api, draft):
    response = patch(api, draft(), {"status": "approved"})

    assert response.status_code == 400
    assert response.json() == {"status": ["This field cannot be changed here."]}


def test_editing_a_submitted_letter_gets_409_saying_recall_it_first(api, submitted):
    response = patch(api, submitted, {"heading": "Changed"})

    assert response.status_code == 409
    assert response.json() == {"detail": "The letter is awaiting approval: recall it before editing."}


def test_a_caseworker_without_permission_to_change_cases_cannot_edit(draft):
    reader = UserFactory(username="reader", role=None)
    reader.user_permissions.add(Permission.objects.get(codename="view_case", content_type__app_label="foi_cases"))

    response = patch(signed_in(reader), draft(), {"heading": "Changed"})

    assert response.status_code == 403


def test_a_stranger_cannot_edit(stranger, draft):
    letter = draft()

    assert patch(signed_in(stranger), letter, {"heading": "Changed"}).status_code == 403
    letter.refresh_from_db()
    assert letter.heading != "Changed"


def test_a_letter_cannot_be_deleted_or_replaced(api, draft):
    letter = draft()

    assert api.delete(letter_url(letter)).status_code == 405
    assert api.put(letter_url(letter), {"heading": "New"}, format="json").status_code == 405


def test_an_s12_letter_aggregates_similar_requests_by_reference(api, draft, officer, body):
    other = make_case(actor=officer, body=body, subject="More ANPR")
    letter = draft("s12", [])

    body_json = patch(api, letter, {"aggregated": [other.reference]}).json()

    assert body_json["aggregated"] == [other.reference]


def test_aggregating_an_unknown_reference_is_a_field_error(api, draft):
    response = patch(api, draft("s12", []), {"aggregated": ["FOI1999/00001"]})

    assert response.status_code == 400
    assert response.json()["aggregated"] == ["No case has the reference FOI1999/00001."]


def test_our_ref_of_a_draft_follows_cases_linked_after_drafting(api, draft, case, officer, body):
    letter = draft()
    other = make_case(actor=officer, body=body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")

    assert api.get(f"/api/v1/letters/{letter.pk}/").json()["references"] == f"{case.reference} & {other.reference}"
