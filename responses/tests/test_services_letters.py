"""Drafting letters: composition from the library, editing with validation, and the dates letters print.

Integration tests on the real database, through the services the views and the API call.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from foi_cases.tests.factories import make_case
from foi_cases.workflow import TransitionNotAllowed
from responses import services
from responses.models import CostLine, Letter, LetterExemption, LetterItem
from responses.selectors import letter_document
from responses.tests.conftest import complete, ready

pytestmark = pytest.mark.django_db


def keys(letter) -> list[str]:
    return list(letter.sections.values_list("key", flat=True))


def section(letter, key: str):
    return letter.sections.get(key=key)


def codes(item: LetterItem) -> list[str]:
    return sorted(e.code for e in item.exemptions.all())


def stored(letter) -> dict:
    """Everything stored about a letter, to prove a refused change wrote nothing."""
    fresh = Letter.objects.get(pk=letter.pk)
    return {
        "letter": {f.attname: getattr(fresh, f.attname) for f in Letter._meta.concrete_fields},
        "sections": list(fresh.sections.values_list("key", "heading", "text", "position")),
        "exemptions": list(fresh.exemptions.values()),
        "items": [(i.position, i.answer, codes(i)) for i in fresh.items.all()],
        "cost_lines": list(fresh.cost_lines.values_list("activity", "description", "hours")),
        "contributors": sorted(fresh.contributors.values_list("pk", flat=True)),
        "audit": AuditEvent.objects.count(),
    }


def update(letter, actor, **changes):
    return services.letter_update(letter=letter, actor=actor, changes=changes)


# --- composition: the sections each kind is made of ---------------------------------------------------


def test_an_acknowledgement_has_its_paragraphs_and_no_rights(draft):
    letter = draft("acknowledgement", [])
    assert keys(letter) == ["intro", "acknowledgement", "closing"]
    assert not letter.exemptions.exists()


def test_a_clarification_request_asks_for_clarification_and_gives_no_rights(draft):
    assert keys(draft("clarification", [])) == ["intro", "clarification_request", "closing"]


def test_an_ncnd_letter_has_the_statement_the_caveat_and_both_rights(draft):
    letter = draft("ncnd", ["s24(2)", "s31(3)"])
    assert keys(letter) == [
        "intro",
        "applicant_blind",
        "ncnd_statement",
        "ncnd_caveat",
        "closing",
        "review_rights",
        "commissioner_rights",
    ]
    placements = dict(letter.sections.values_list("key", "placement"))
    assert placements["ncnd_statement"] == "response"
    assert placements["ncnd_caveat"] == "closing"
    assert placements["review_rights"] == placements["commissioner_rights"] == "rights"


RIGHTS = ["review_rights", "commissioner_rights"]


@pytest.mark.parametrize(
    ("kind", "cited", "expected"),
    [
        ("acknowledgement", [], ["intro", "acknowledgement", "closing"]),
        ("clarification", [], ["intro", "clarification_request", "closing"]),
        ("fees_notice", [], ["intro", "fees_notice", "closing", *RIGHTS]),
        ("pit_extension", ["s31(1)"], ["intro", "pit_extension", "closing", *RIGHTS]),
        ("full_disclosure", [], ["intro", "applicant_blind", "full_disclosure", "closing", *RIGHTS]),
        ("partial_disclosure", ["s31(1)"], ["intro", "applicant_blind", "partial_disclosure", "closing", *RIGHTS]),
        ("refusal", ["s31(1)"], ["intro", "applicant_blind", "refusal", "closing", *RIGHTS]),
        ("ncnd", ["s24(2)"], ["intro", "applicant_blind", "ncnd_statement", "ncnd_caveat", "closing", *RIGHTS]),
        ("not_held", [], ["intro", "applicant_blind", "not_held", "advice_and_assistance", "closing", *RIGHTS]),
        ("s12", [], ["intro", "s12_refusal", "s12_advice", "closing", *RIGHTS]),
        ("s14", ["s14(1)"], ["intro", "s14_refusal", "closing", *RIGHTS]),
    ],
)
def test_every_kind_is_composed_of_its_sections_in_order(draft, kind, cited, expected):
    assert keys(draft(kind, cited)) == expected


def test_the_sections_are_numbered_in_the_order_they_print(draft):
    positions = list(draft("ncnd").sections.values_list("position", flat=True))
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


@pytest.mark.parametrize(
    ("kind", "paragraph"),
    [
        ("fees_notice", "fees_notice"),
        ("full_disclosure", "full_disclosure"),
        ("not_held", "not_held"),
        ("not_held", "advice_and_assistance"),
        ("refusal", "refusal"),
        ("partial_disclosure", "partial_disclosure"),
        ("s14", "s14_refusal"),
    ],
)
def test_each_kind_is_composed_from_its_own_paragraphs(draft, kind, paragraph):
    cited = {"refusal": ["s31(1)"], "partial_disclosure": ["s31(1)"], "s14": ["s14(1)"]}.get(kind, [])
    letter = draft(kind, cited)
    assert paragraph in keys(letter)
    assert section(letter, paragraph).text.strip()
    assert section(letter, paragraph).source == services.paragraph_versions()[paragraph]


def test_a_response_gives_the_review_date_placeholder_for_the_letter_date(draft):
    assert "{review_by}" in section(draft("refusal", ["s31(1)"]), "review_rights").text


def test_an_s12_refusal_cites_s12_1_by_default(draft):
    letter = draft("s12", [])
    assert list(letter.exemptions.values_list("code", flat=True)) == ["s12(1)"]
    assert keys(letter)[:2] == ["intro", "s12_refusal"]
    assert "s12_advice" in keys(letter)


def test_an_s12_refusal_takes_the_cost_limit_of_the_body(draft, body):
    body.cost_limit = 600
    body.save()
    assert draft("s12", []).cost_limit == 600


def test_a_letter_of_another_kind_has_no_cost_limit(draft):
    assert draft("refusal", ["s31(1)"]).cost_limit is None


def test_a_letter_is_headed_with_its_kind_and_the_act(draft):
    assert draft("ncnd").heading == "Response to your request: Freedom of Information Act 2000"


def test_a_letter_is_signed_by_its_drafter_by_default(draft):
    letter = draft("acknowledgement", [])
    assert (letter.signatory_name, letter.signatory_role) == ("Olivia Officer", "Information Rights Officer")


def test_the_drafter_is_recorded_as_a_contributor(draft, officer):
    letter = draft()
    assert letter.created_by == officer
    assert list(letter.contributors.all()) == [officer]
    assert (letter.status, letter.version, letter.round) == ("draft", 1, 0)


def test_drafting_is_audited_on_the_case_timeline(draft, case, officer):
    letter = draft("ncnd", ["s24(2)", "s31(3)"])
    event = case.audit_events.get(action="letter_drafted")
    assert event.actor == officer
    assert event.summary == "Neither confirm nor deny letter drafted, citing s24(2), s31(3)."
    assert event.changes == {"letter": letter.pk, "kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"]}


# --- composition: placeholders and the request ---------------------------------------------------------


def test_placeholders_are_filled_from_the_case_and_the_unit(draft, case):
    intro = section(draft(), "intro").text
    assert "Bedfordshire Police" in intro
    assert "12th December 2019" in intro
    assert "Freedom of Information Act 2000" in intro
    assert "{references}" in section(draft(), "closing").text  # live: it follows later links


def test_our_ref_follows_cases_linked_as_answered_together_until_approval(draft, case, officer, supervisor, body):
    letter = complete(draft(), officer)
    other = make_case(actor=officer, body=body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    joint = f"{case.reference} & {other.reference}"
    assert letter_document(letter).references == joint
    services.letter_submit(letter=letter, actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    assert Letter.objects.get(pk=letter.pk).references == joint
    third = make_case(actor=officer, body=body)
    case_services.case_link(case=case, actor=officer, other=third, kind="answered_with")
    approved = Letter.objects.get(pk=letter.pk)
    assert letter_document(approved).references == joint
    assert joint.replace("&", "&amp;") + "." in str(letter_document(approved).closing[-1].html)


def test_the_request_is_quoted_item_by_item(draft, case):
    letter = draft()
    assert [(i.position, i.question) for i in letter.items.all()] == [
        (1, "When did you start?"),
        (2, "How much did it cost?"),
    ]
    assert [i.request_item for i in letter.items.all()] == list(case.items.all())


def test_a_request_without_items_is_quoted_whole(draft, officer, body):
    case = make_case(actor=officer, body=body, request_text="All emails about the new headquarters.")
    case.items.all().delete()
    letter = draft("acknowledgement", [], on=case)
    assert [i.question for i in letter.items.all()] == ["All emails about the new headquarters."]


def test_our_ref_lists_every_case_answered_together(draft, case, officer, other_body):
    other = make_case(actor=officer, body=other_body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    letter = draft()
    assert letter.references == f"{case.reference} & {other.reference}"
    assert f"{case.reference} &amp; {other.reference}" in str(letter_document(letter).closing[-1].html)


def test_a_joint_letter_names_every_body(draft, case, officer, other_body):
    other = make_case(actor=officer, body=other_body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    assert "Bedfordshire Police and Hertfordshire Constabulary" in section(draft(), "intro").text


def test_a_related_case_is_not_in_our_ref(draft, case, officer):
    other = make_case(actor=officer)
    case_services.case_link(case=case, actor=officer, other=other, kind="related_to")
    assert draft().references == case.reference


def test_a_foia_response_names_the_information_commissioner(draft):
    rights = section(draft(), "commissioner_rights")
    assert "Information Commissioner" in rights.text
    assert "Scottish" not in rights.text
    assert "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/" in rights.text
    assert "0303 123 1113" in rights.text


def test_a_foisa_response_names_the_scottish_information_commissioner(draft, officer, body):
    scottish = make_case(actor=officer, body=body, regime="foisa")
    rights = section(draft("not_held", [], on=scottish), "commissioner_rights")
    assert "Scottish Information Commissioner" in rights.text
    assert rights.heading == "Your right to complain to the Scottish Information Commissioner"
    assert "https://www.foi.scot/appeal" in rights.text


def test_the_unit_settings_give_the_rights_wording(draft):
    unit = case_services.unit_get()
    unit.review_rights_text = "Ask {unit_name} for a review by {review_by}."
    unit.name = "Joint Information Rights Unit"
    unit.save()
    assert section(draft(), "review_rights").text == "Ask Joint Information Rights Unit for a review by {review_by}."


# --- composition: exemptions -----------------------------------------------------------------------------


def test_an_ncnd_code_copies_the_ncnd_wording(draft):
    exemption = draft("ncnd", ["s24(2)"]).exemptions.get()
    library = services.library_codes()["s24(2)"][0]
    assert (exemption.code, exemption.provision, exemption.ncnd) == ("s24(2)", "24(2)", True)
    assert exemption.why == library.ncnd_why
    assert exemption.factors_for == library.ncnd_factors_for
    assert exemption.citation == "Section 24(2)"


def test_a_withholding_code_copies_the_withholding_wording(draft):
    exemption = draft("refusal", ["s24(1)"]).exemptions.get()
    library = services.library_codes()["s24(1)"][0]
    assert (exemption.provision, exemption.ncnd, exemption.basis) == ("24(1)", False, "required_for")
    assert exemption.why == library.why
    assert exemption.balancing == library.balancing


def test_exemptions_keep_the_order_they_were_chosen_in(draft):
    letter = draft("ncnd", ["s31(3)", "s24(2)", "s31(3)"])
    assert list(letter.exemptions.values_list("code", "position")) == [("s31(3)", 1), ("s24(2)", 2)]


def test_an_eir_exception_is_cited_as_a_regulation(draft, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")
    exemption = draft("refusal", ["reg12(5)(b)"], on=eir).exemptions.get()
    assert exemption.citation == "Regulation 12(5)(b)"


def test_an_eir_case_refuses_a_foia_exemption(draft, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")
    with pytest.raises(ValidationError) as refused:
        draft("refusal", ["s24(1)"], on=eir)
    assert "Unknown for this case (EIR exceptions): s24(1)" in refused.value.message_dict["exemptions"][0]
    assert not Letter.objects.exists()


def test_a_foia_case_refuses_an_eir_exception(draft):
    with pytest.raises(ValidationError) as refused:
        draft("refusal", ["reg12(5)(b)"])
    assert "FOIA exemptions" in refused.value.message_dict["exemptions"][0]


def test_an_unknown_code_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        draft("refusal", ["s99(1)"])
    assert "s99(1)" in refused.value.message_dict["exemptions"][0]


@pytest.mark.parametrize("kind", ["acknowledgement", "clarification", "fees_notice", "full_disclosure", "not_held"])
def test_a_kind_that_cites_no_exemptions_refuses_codes(draft, kind):
    with pytest.raises(ValidationError) as refused:
        draft(kind, ["s24(2)"])
    assert "cites no exemptions" in refused.value.message_dict["exemptions"][0]
    assert not Letter.objects.exists()


def test_an_unknown_kind_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        draft("apology", [])
    assert "kind" in refused.value.message_dict


def test_a_closed_case_gets_no_new_letters(draft, case, officer):
    case_services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2019, 12, 20))
    case.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        draft("full_disclosure", [], on=case)


def test_an_ncnd_letter_citing_a_withholding_provision_is_refused_at_submission(draft, officer):
    letter = complete(draft("ncnd", ["s24(1)"]), officer)
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=officer)
    assert any("cite 24(2) instead" in problem for problem in refused.value.message_dict["__all__"])
    assert Letter.objects.get(pk=letter.pk).status == "draft"


# --- composition: exemptions per item ------------------------------------------------------------------


def test_every_exemption_applies_to_every_item_unless_chosen(draft):
    letter = draft("ncnd", ["s24(2)", "s31(3)"])
    assert [codes(item) for item in letter.items.all()] == [["s24(2)", "s31(3)"], ["s24(2)", "s31(3)"]]


def test_the_officer_chooses_exemptions_per_item(draft):
    letter = draft("partial_disclosure", ["s24(1)", "s31(1)"], item_codes={1: ["s31(1)"], 2: []})
    assert [codes(item) for item in letter.items.all()] == [["s31(1)"], []]


def test_an_item_cannot_cite_an_exemption_the_letter_does_not(draft):
    with pytest.raises(ValidationError) as refused:
        draft("partial_disclosure", ["s31(1)"], item_codes={1: ["s24(1)"]})
    assert "Item 1: s24(1) is not among the letter's exemptions." in refused.value.message_dict["items"]
    assert not Letter.objects.exists()


def test_exemptions_chosen_for_an_item_the_request_does_not_have_are_refused(draft):
    with pytest.raises(ValidationError) as refused:
        draft("partial_disclosure", ["s31(1)"], item_codes={1: ["s31(1)"], 3: ["s31(1)"]})
    assert refused.value.message_dict["items"] == ["The request has no item 3."]
    assert not Letter.objects.exists()


def test_an_item_answered_and_one_withheld_make_a_complete_partial_disclosure(draft, officer):
    letter = draft("partial_disclosure", ["s31(1)"], item_codes={1: [], 2: ["s31(1)"]})
    update(letter, officer, items={1: {"answer": "We started in 2019."}})
    complete(letter, officer)
    assert services.letter_check(letter) == []


# --- editing: what may change ----------------------------------------------------------------------------


def test_editing_a_paragraph_stores_the_new_text(draft, officer):
    letter = draft()
    update(letter, officer, sections={"closing": "Please write to us."})
    assert section(letter, "closing").text == "Please write to us."


def test_an_editor_becomes_a_contributor(draft, officer, officer2):
    letter = draft()
    update(letter, officer2, heading="Your request about facial recognition")
    assert set(letter.contributors.all()) == {officer, officer2}


def test_an_edit_is_audited_with_before_and_after(draft, case, officer):
    letter = draft()
    update(letter, officer, heading="Your request")
    event = case.audit_events.get(action="letter_edited")
    assert event.summary == "Neither confirm nor deny letter (version 1) edited: heading."
    assert event.changes["heading"] == ["Response to your request: Freedom of Information Act 2000", "Your request"]


def test_an_edit_that_changes_nothing_is_not_audited(draft, case, officer, officer2):
    letter = draft()
    update(letter, officer2, heading=letter.heading, sections={"closing": section(letter, "closing").text})
    assert not case.audit_events.filter(action="letter_edited").exists()
    assert list(letter.contributors.all()) == [officer]


def test_windows_line_endings_are_stored_as_newlines(draft, officer):
    letter = draft()
    update(letter, officer, sections={"closing": "One.\r\n\r\nTwo."})
    assert section(letter, "closing").text == "One.\n\nTwo."


def test_dates_and_amounts_are_parsed(draft, officer):
    letter = draft("pit_extension", ["s31(1)"])
    update(letter, officer, estimated_decision_on="2020-02-14", fee_amount="12.4")
    letter.refresh_from_db()
    assert letter.estimated_decision_on == date(2020, 2, 14)
    assert str(letter.fee_amount) == "12.40"


def test_an_exemption_provision_can_be_refined_within_its_subsection(draft, officer):
    letter = draft("refusal", ["s31(1)"])
    update(letter, officer, exemption_texts={"s31(1)": {"provision": "31(1)(a)"}})
    assert letter.exemptions.get().citation == "Section 31(1)(a)"


def test_an_ncnd_provision_can_be_refined_within_itself(draft, officer):
    letter = draft("ncnd", ["s40(5B)"])
    update(letter, officer, exemption_texts={"s40(5B)": {"provision": "40(5B)(a)(i)"}})
    assert letter.exemptions.get().provision == "40(5B)(a)(i)"


def test_exemption_blocks_are_edited_per_letter(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    update(letter, officer, exemption_texts={"s24(2)": {"harm": "Our own harm."}})
    assert letter.exemptions.get().harm == "Our own harm."
    assert services.library_codes()["s24(2)"][0].ncnd_harm != "Our own harm."


def test_exemptions_can_be_added_and_removed(draft, officer):
    letter = draft("ncnd", ["s24(2)", "s31(3)"])
    update(letter, officer, exemptions=["s31(3)", "s23(5)"])
    assert list(letter.exemptions.values_list("code", "position")) == [("s31(3)", 1), ("s23(5)", 2)]
    assert [codes(item) for item in letter.items.all()] == [["s23(5)", "s31(3)"], ["s23(5)", "s31(3)"]]


def test_the_exemptions_of_an_item_can_be_changed(draft, officer):
    letter = draft("ncnd", ["s24(2)", "s31(3)"])
    update(letter, officer, items={"2": {"codes": ["s31(3)"]}})
    assert [codes(item) for item in letter.items.all()] == [["s24(2)", "s31(3)"], ["s31(3)"]]


def test_cost_lines_replace_the_previous_estimate(draft, officer):
    letter = draft("s12", [])
    update(letter, officer, cost_lines=[{"activity": "locating", "description": "Search files", "hours": "10"}])
    update(
        letter,
        officer,
        cost_lines=[
            {"activity": "retrieving", "description": "Fetch boxes from the archive", "hours": "12.5"},
            {"activity": "extracting", "description": "Read each file", "hours": 8},
        ],
    )
    assert list(letter.cost_lines.values_list("position", "activity", "hours")) == [
        (1, "retrieving", 12.5),
        (2, "extracting", 8),
    ]


def test_html_typed_into_a_block_is_stored_as_typed_and_shown_as_text(draft, officer):
    typed = '<script>alert(1)</script>**Note** <img src=x onerror=alert(2)> <a href="javascript:x()">link</a>'
    letter = draft()
    update(letter, officer, sections={"intro": typed})
    assert section(letter, "intro").text == typed
    html = "".join(block.html for block in letter_document(letter).opening)
    assert "<strong>Note</strong>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html and "<a href" not in html


def test_html_typed_into_an_exemption_block_is_rendered_sanitised(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    update(letter, officer, exemption_texts={"s24(2)": {"harm": "<iframe src=//x></iframe>Harm."}})
    blocks = letter_document(letter).exemptions[0].blocks
    html = "".join(block.html for block in blocks)
    assert "<iframe" not in html
    assert "Harm." in html


# --- editing: refusals that write nothing ------------------------------------------------------------


@pytest.mark.parametrize("value", ["14/02/2020", "2020-02-30", "soon", "2020-13-01"])
def test_a_bad_date_is_refused_and_nothing_is_written(draft, officer, value):
    letter = draft("pit_extension", ["s31(1)"])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="Changed", estimated_decision_on=value)
    assert "estimated_decision_on" in refused.value.message_dict
    assert stored(letter) == before


@pytest.mark.parametrize("value", ["twelve", "-1", "NaN", "Infinity", "1000000.01", "1e9"])
def test_a_bad_amount_is_refused_and_nothing_is_written(draft, officer, value):
    letter = draft("fees_notice", [])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="Changed", fee_amount=value)
    assert "fee_amount" in refused.value.message_dict
    assert stored(letter) == before


@pytest.mark.parametrize("value", ["500", 0, "450.5", "six hundred"])
def test_a_cost_limit_other_than_450_or_600_is_refused(draft, officer, value):
    letter = draft("s12", [])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, cost_limit=value)
    assert refused.value.message_dict["cost_limit"] == ["The appropriate limit is GBP 450 or GBP 600."]
    assert stored(letter) == before


@pytest.mark.parametrize(
    "lines",
    [
        "19 hours",
        [{"activity": "photocopying", "description": "Copy files", "hours": "19"}],
        [{"activity": "locating", "description": "Search", "hours": "0"}],
        [{"activity": "locating", "description": "Search", "hours": "-3"}],
        [{"activity": "locating", "description": "  ", "hours": "19"}],
        [{"activity": "locating", "description": "Search", "hours": "lots"}],
        ["locating"],
    ],
)
def test_bad_cost_lines_are_refused_and_nothing_is_written(draft, officer, lines):
    letter = draft("s12", [])
    update(letter, officer, cost_lines=[{"activity": "locating", "description": "Search files", "hours": "19"}])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="Changed", cost_lines=lines)
    assert "cost_lines" in refused.value.message_dict
    assert stored(letter) == before
    assert CostLine.objects.filter(letter=letter).count() == 1


@pytest.mark.parametrize("name", ["sections", "exemption_texts", "items"])
def test_changes_not_keyed_by_name_are_refused_and_nothing_is_written(draft, officer, name):
    letter = draft()
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="Changed", **{name: ["not", "an", "object"]})
    assert name in refused.value.message_dict
    assert stored(letter) == before


def test_an_unknown_section_is_refused_and_nothing_is_written(draft, officer):
    letter = draft("acknowledgement", [])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, sections={"intro": "Changed.", "review_rights": "Sneaked in."})
    assert refused.value.message_dict["sections"] == ["The letter has no section 'review_rights'."]
    assert stored(letter) == before


def test_text_that_is_not_a_string_is_refused(draft, officer):
    letter = draft()
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, sections={"intro": {"html": "<b>x</b>"}})
    assert refused.value.message_dict["sections.intro"] == ["Enter text."]
    assert stored(letter) == before


def test_text_longer_than_the_limit_is_refused(draft, officer):
    letter = draft()
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, sections={"intro": "x" * (services.MAX_TEXT + 1)})
    assert "Too long" in refused.value.message_dict["sections.intro"][0]
    assert stored(letter) == before


def test_an_empty_heading_is_refused(draft, officer):
    letter = draft()
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="   ")
    assert "heading" in refused.value.message_dict
    assert stored(letter) == before


@pytest.mark.parametrize(
    ("code", "provision"),
    [("s31(1)", "24(1)"), ("s31(1)", "3(1)"), ("s31(1)", "310(1)"), ("s31(1)", "31"), ("s31(1)", "x" * 41)],
)
def test_a_provision_outside_the_section_is_refused_and_nothing_is_written(draft, officer, code, provision):
    letter = draft("refusal", [code])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, heading="Changed", exemption_texts={code: {"provision": provision}})
    assert "must stay within the same section" in refused.value.message_dict["exemption_texts"][0]
    assert stored(letter) == before


def test_an_eir_provision_cannot_become_another_exception(draft, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")
    letter = draft("refusal", ["reg12(5)(b)"], on=eir)
    before = stored(letter)
    with pytest.raises(ValidationError):
        update(letter, officer, exemption_texts={"reg12(5)(b)": {"provision": "12(4)(a)"}})
    assert stored(letter) == before


def test_an_ncnd_provision_cannot_become_a_withholding_provision(draft, officer):
    letter = draft("ncnd", ["s31(3)"])
    before = stored(letter)
    with pytest.raises(ValidationError):
        update(letter, officer, exemption_texts={"s31(3)": {"provision": "31(1)(a)"}})
    assert stored(letter) == before


def test_a_withholding_provision_cannot_become_the_ncnd_provision(draft, officer):
    letter = draft("refusal", ["s31(1)"])
    with pytest.raises(ValidationError):
        update(letter, officer, exemption_texts={"s31(1)": {"provision": "31(3)"}})


def test_an_unknown_exemption_part_is_refused(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, exemption_texts={"s24(2)": {"harm": "Changed.", "absolute": True}})
    assert "unknown part 'absolute'" in refused.value.message_dict["exemption_texts"][0]
    assert stored(letter) == before


def test_texts_for_an_exemption_the_letter_does_not_cite_are_refused(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, exemption_texts={"s31(3)": {"harm": "x"}})
    assert refused.value.message_dict["exemption_texts"] == ["The letter does not cite s31(3)."]


def test_an_exemption_the_case_cannot_cite_is_refused_and_nothing_is_written(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, exemptions=["s24(2)", "reg12(5)(b)"])
    assert "reg12(5)(b)" in refused.value.message_dict["exemptions"][0]
    assert stored(letter) == before


def test_an_item_that_does_not_exist_is_refused(draft, officer):
    letter = draft()
    before = stored(letter)
    with pytest.raises(ValidationError) as refused:
        update(letter, officer, items={"7": {"answer": "x"}})
    assert refused.value.message_dict["items"] == ["The letter has no request item 7."]
    assert stored(letter) == before


def test_an_item_position_that_is_not_a_number_is_refused(draft, officer):
    with pytest.raises(ValidationError) as refused:
        update(draft(), officer, items={"first": {"answer": "x"}})
    assert "items" in refused.value.message_dict


def test_an_item_citing_an_exemption_the_letter_does_not_is_refused(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    before = stored(letter)
    with pytest.raises(ValidationError):
        update(letter, officer, items={1: {"answer": "x", "codes": ["s31(3)"]}})
    assert stored(letter) == before


def test_a_letter_of_another_case_cannot_be_reached_through_codes(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    other = draft("ncnd", ["s31(3)"], on=make_case(actor=officer))
    with pytest.raises(ValidationError):
        update(letter, officer, exemption_texts={"s31(3)": {"harm": "x"}})
    assert LetterExemption.objects.get(letter=other).harm != "x"


# --- gaps, checks and the ready helper ----------------------------------------------------------------


def test_a_fresh_draft_lists_the_gaps_left_to_fill(draft):
    problems = services.letter_check(draft("ncnd", ["s24(2)"]))
    assert any("fill in the gap" in problem for problem in problems)


@pytest.mark.parametrize(
    ("kind", "cited"),
    [
        ("acknowledgement", []),
        ("clarification", []),
        ("fees_notice", []),
        ("pit_extension", ["s31(1)"]),
        ("full_disclosure", []),
        ("partial_disclosure", ["s31(1)"]),
        ("refusal", ["s24(1)", "s21(1)"]),
        ("ncnd", ["s24(2)", "s31(3)", "s23(5)"]),
        ("not_held", []),
        ("s12", []),
        ("s14", ["s14(1)"]),
    ],
)
def test_a_completed_draft_of_each_kind_passes_its_checks(draft, officer, body, kind, cited):
    # A public interest extension must come within the first 20 working days: a recent request.
    recent = make_case(actor=officer, body=body, received_on=case_services.today()) if kind == "pit_extension" else None
    letter = ready(draft(kind, cited, on=recent), officer)
    assert services.letter_check(letter) == []


def test_an_s12_2_refusal_carries_the_ncnd_caveat_and_can_be_completed(draft, officer):
    letter = draft("s12", ["s12(2)"])
    assert "ncnd_caveat" in keys(letter)
    assert services.letter_check(ready(letter, officer)) == []


def test_a_refusal_that_also_neither_confirms_nor_denies_gets_the_caveat(draft, officer):
    letter = draft("partial_disclosure", ["s31(1)"])
    assert "ncnd_caveat" not in keys(letter)
    update(letter, officer, exemptions=["s31(1)", "s40(5B)"])
    assert "ncnd_caveat" in keys(letter)
    assert services.letter_check(ready(letter, officer)) == []


def test_the_caveat_goes_when_the_ncnd_provision_is_removed(draft, officer):
    letter = draft("refusal", ["s31(1)", "s40(5B)"])
    update(letter, officer, exemptions=["s31(1)"])
    assert "ncnd_caveat" not in keys(letter)


# --- dates letters print ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 1, 1), "1st January 2020"),
        (date(2020, 1, 2), "2nd January 2020"),
        (date(2020, 1, 3), "3rd January 2020"),
        (date(2020, 1, 4), "4th January 2020"),
        (date(2020, 1, 11), "11th January 2020"),
        (date(2020, 1, 12), "12th January 2020"),
        (date(2020, 1, 13), "13th January 2020"),
        (date(2020, 1, 14), "14th January 2020"),
        (date(2020, 1, 21), "21st January 2020"),
        (date(2020, 1, 22), "22nd January 2020"),
        (date(2020, 1, 23), "23rd January 2020"),
        (date(2020, 1, 31), "31st January 2020"),
    ],
)
def test_dates_are_written_with_ordinals(day, expected):
    assert services.ordinal_date(day) == expected


def test_the_review_date_is_forty_working_days_after_the_letter(draft):
    # 4 March 2024: 40 working days, skipping St Patrick's Day (NI), Good Friday and Easter Monday.
    assert services.review_by(draft(), date(2024, 3, 4)) == date(2024, 5, 2)


def test_the_review_date_of_a_scottish_letter_uses_the_scottish_calendar(draft, officer, body):
    # Scotland keeps Good Friday but neither Easter Monday nor St Patrick's Day.
    scottish = make_case(actor=officer, body=body, regime="foisa")
    assert services.review_by(draft("not_held", [], on=scottish), date(2024, 3, 4)) == date(2024, 4, 30)


@pytest.mark.parametrize(("regime", "kind"), [("foisa", "refusal"), ("eisr", "ncnd"), ("sar", "s12"), ("eir", "s14")])
def test_a_kind_whose_wording_the_library_lacks_for_the_regime_is_refused(draft, officer, body, regime, kind):
    other = make_case(actor=officer, body=body, regime=regime)
    with pytest.raises(ValidationError, match="requests only"):
        draft(kind, [], on=other)
    assert not Letter.objects.filter(case=other).exists()


def test_a_public_interest_extension_is_for_foia_requests_only(draft, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")
    with pytest.raises(ValidationError) as refused:
        draft("pit_extension", ["reg12(5)(b)"], on=eir)
    assert refused.value.message_dict["kind"][0].startswith(
        "A public interest extension notice letter is for FOIA requests only"
    )


def test_the_review_window_is_a_unit_setting(draft):
    unit = case_services.unit_get()
    unit.review_window_working_days = 20
    unit.save()
    assert services.review_by(draft(), date(2024, 3, 4)) == date(2024, 4, 4)


def test_the_review_date_follows_the_letter_date_once_approved(draft):
    letter = draft()
    Letter.objects.filter(pk=letter.pk).update(letter_date=date(2024, 3, 4))
    letter.refresh_from_db()
    assert services.live_values(letter)["review_by"] == "2nd May 2024"


def test_an_approved_letter_keeps_its_review_date_when_the_unit_changes_its_window(draft, officer, supervisor):
    letter = complete(draft(), officer)
    services.letter_submit(letter=letter, actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    printed = services.live_values(Letter.objects.get(pk=letter.pk))["review_by"]
    unit = case_services.unit_get()
    unit.review_window_working_days = 20
    unit.save()
    assert services.live_values(Letter.objects.get(pk=letter.pk))["review_by"] == printed


def test_the_review_date_of_a_draft_counts_from_today(draft, monkeypatch):
    monkeypatch.setattr(case_services, "today", lambda: date(2024, 3, 4))
    assert services.live_values(draft())["review_by"] == "2nd May 2024"


def test_live_values_show_the_cost_estimate(draft, officer):
    letter = draft("s12", [])
    update(letter, officer, cost_lines=[{"activity": "locating", "description": "Search", "hours": "19"}])
    values = services.live_values(letter)
    assert (values["cost_hours"], values["cost_total"], values["cost_limit"], values["cost_limit_hours"]) == (
        "19",
        "£475.00",
        "£450",
        "18",
    )


def test_live_values_name_the_exemptions_cited(draft):
    values = services.live_values(draft("ncnd", ["s24(2)", "s31(3)"]))
    assert values["exemptions"] == "section 24(2) (National security) and section 31(3) (Law enforcement)"


# --- each regime's own wording ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("regime", "kind", "key", "code"),
    [
        ("eir", "not_held", "not_held", "not_held_eir"),
        ("eir", "refusal", "refusal", "refusal_eir"),
        ("foisa", "acknowledgement", "acknowledgement", "acknowledgement_foisa"),
        ("eisr", "full_disclosure", "full_disclosure", "full_disclosure_eisr"),
        ("sar", "not_held", "not_held", "not_held_sar"),
        ("foia", "not_held", "not_held", "not_held"),
    ],
)
def test_a_letter_takes_its_regimes_own_wording_where_the_law_differs(draft, officer, body, regime, kind, key, code):
    other = make_case(actor=officer, body=body, regime=regime)
    codes = ["reg12(5)(b)"] if kind == "refusal" else []
    assert section(draft(kind, codes, on=other), key).source.entry.code == code


def test_a_subject_access_letter_says_nothing_about_handling_requests_blind(draft, officer, body):
    sar = make_case(actor=officer, body=body, regime="sar")
    letter = draft("full_disclosure", [], on=sar)
    assert "applicant_blind" not in keys(letter)
    assert "UK General Data Protection Regulation" in section(letter, "intro").text
