"""The letter's edit page: every part of the letter in one form, saved by one service call.

Bad input shows on the field it concerns and changes nothing; an approved or submitted letter cannot
be edited here; whoever changes a letter becomes a contributor (and so may not approve it).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from foi_cases.tests.factories import make_case
from responses import services
from responses.forms import LetterEditor
from responses.models import CostLine, Letter
from responses.tests.conftest import complete


def edit_data(letter: Letter, **changes) -> dict:
    """What the browser sends for the edit page as it is shown, with `changes` (by field name)."""
    editor = LetterEditor(Letter.objects.get(pk=letter.pk))
    data = {}
    for form in editor.forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.MultipleChoiceField):
                data[form.add_prefix(name)] = list(value or [])
            else:
                data[form.add_prefix(name)] = "" if value is None else str(value)
    if editor.cost_lines is not None:
        management = editor.cost_lines.management_form
        data.update({management.add_prefix(n): management[n].value() for n in management.fields})
        for form in editor.cost_lines.forms:
            for name in ("activity", "description", "hours"):
                value = form[name].value()
                data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


def exemption_field(letter: Letter, code: str, part: str) -> str:
    return f"exemption-{letter.exemptions.get(code=code).pk}-{part}"


def edit_url(letter) -> str:
    return reverse("responses:letter_edit", args=[letter.pk])


def save(client, letter, **changes):
    return client.post(edit_url(letter), edit_data(letter, **changes), follow=True)


def fresh(letter) -> Letter:
    return Letter.objects.get(pk=letter.pk)


def edits(letter) -> int:
    return AuditEvent.objects.filter(case=letter.case, action="letter_edited").count()


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def letter(draft):
    return draft()


# --- what the page offers ----------------------------------------------------------------------


def test_the_page_has_a_labelled_box_for_every_part_of_an_ncnd_letter(as_officer, letter):
    html = as_officer.get(edit_url(letter)).content.decode()
    for label in [
        "Heading",
        "Signed by",
        "Exemptions cited",
        "Exemptions applied to item 1",
        "Provision cited (section and subsection)",
        "Why it applies",
        "Harm in confirming or denying that information is held",
        "Public interest factors favouring confirming or denying that information is held",
        "Public interest factors against confirming or denying that information is held",
        "Balancing test and conclusion",
        "Opening paragraph",
        "Neither confirm nor deny caveat",
    ]:
        assert f"{label}<" in html or f"{label}\n" in html, label


def test_a_refusal_speaks_of_disclosure_not_of_confirming_or_denying(as_officer, draft):
    html = as_officer.get(edit_url(draft("refusal", ["s31(1)"]))).content.decode()
    assert "Public interest factors favouring disclosure" in html
    assert "confirming or denying" not in html


def test_the_quoted_request_can_be_trimmed_and_the_case_keeps_it_as_received(as_officer, letter, case):
    save(as_officer, letter, **{"item-2-question": "How much did it cost?"})
    assert fresh(letter).items.get(position=2).question == "How much did it cost?"
    save(as_officer, letter, **{"item-1-question": "When did you start?\n\nKind regards, Alex"})
    save(as_officer, letter, **{"item-1-question": "When did you start?"})
    assert fresh(letter).items.get(position=1).question == "When did you start?"
    assert case.items.get(position=1).text == "When did you start?"


def test_an_empty_quotation_is_a_field_error_and_nothing_is_saved(as_officer, letter):
    response = save(as_officer, letter, **{"item-1-question": "  ", "letter-heading": "Changed"})
    assert "Quote the request item; it cannot be empty." in response.content.decode()
    assert fresh(letter).items.get(position=1).question == "When did you start?"
    assert fresh(letter).heading != "Changed"


def test_the_page_explains_markdown_placeholders_and_gaps(as_officer, letter):
    html = as_officer.get(edit_url(letter)).content.decode()
    assert "[[gaps]] must be replaced with your own words" in html
    assert "<code>{review_by}</code>" in html
    assert 'Still to fill in: <mark class="letter-gap">[[' in html


def test_only_a_pit_extension_asks_for_an_estimated_date(as_officer, draft, letter):
    assert "Estimated decision date" not in as_officer.get(edit_url(letter)).content.decode()
    extension = draft("pit_extension", ["s31(1)"])
    assert "Estimated decision date" in as_officer.get(edit_url(extension)).content.decode()


def test_only_a_fees_notice_asks_for_a_fee(as_officer, draft, letter):
    assert "Fee (GBP)" not in as_officer.get(edit_url(letter)).content.decode()
    assert "Fee (GBP)" in as_officer.get(edit_url(draft("fees_notice", []))).content.decode()


def test_only_a_cost_limit_refusal_has_a_cost_worksheet(as_officer, draft, letter):
    assert "Cost estimate (section 12)" not in as_officer.get(edit_url(letter)).content.decode()
    html = as_officer.get(edit_url(draft("s12", []))).content.decode()
    assert "Cost estimate (section 12)" in html
    assert "Extracting the information</option>" in html


def test_an_ncnd_letter_offers_only_ncnd_provisions(as_officer, letter):
    html = as_officer.get(edit_url(letter)).content.decode()
    assert 'value="s40(5B)"' in html
    assert 'value="s24(1)"' not in html


# --- saving ------------------------------------------------------------------------------------


def test_saving_changes_the_letter_and_returns_to_its_page(as_officer, letter):
    response = save(as_officer, letter, **{"letter-heading": "Your request about facial recognition"})
    assert fresh(letter).heading == "Your request about facial recognition"
    assert response.resolver_match.url_name == "letter_detail"
    assert "Saved the letter." in response.content.decode()


def test_save_and_keep_editing_stays_on_the_edit_page(as_officer, letter):
    data = edit_data(letter, **{"letter-heading": "New heading", "then": "edit"})
    response = as_officer.post(edit_url(letter), data, follow=True)
    assert response.resolver_match.url_name == "letter_edit"


def test_whoever_saves_a_change_becomes_a_contributor(client, letter, officer2):
    client.force_login(officer2)
    save(client, letter, **{"letter-signatory_name": "Owen Other"})
    assert officer2 in fresh(letter).contributors.all()


def test_saving_is_on_the_case_timeline(as_officer, letter):
    save(as_officer, letter, **{"letter-heading": "New heading"})
    event = AuditEvent.objects.filter(action="letter_edited").get()
    assert "heading" in event.summary


def test_saving_the_page_unchanged_records_nothing(client, letter, supervisor):
    client.force_login(supervisor)
    save(client, letter)
    assert edits(letter) == 0
    assert supervisor not in fresh(letter).contributors.all()


def test_exemption_texts_and_the_provision_are_saved(as_officer, letter):
    save(
        as_officer,
        letter,
        **{
            exemption_field(letter, "s31(3)", "why"): "Because of the tactics involved.",
            exemption_field(letter, "s31(3)", "provision"): "31(3)",
        },
    )
    assert fresh(letter).exemptions.get(code="s31(3)").why == "Because of the tactics involved."


def test_a_paragraph_is_saved(as_officer, letter):
    save(as_officer, letter, **{"section-intro-text": "Thank you for your request."})
    assert fresh(letter).sections.get(key="intro").text == "Thank you for your request."


def test_filling_every_gap_through_the_page_makes_the_letter_complete(as_officer, letter):
    from responses.text import GAP

    data = edit_data(letter)
    data = {key: GAP.sub("filled in", value) if isinstance(value, str) else value for key, value in data.items()}
    as_officer.post(edit_url(letter), data)
    assert services.letter_check(fresh(letter)) == []


def test_exemptions_can_be_chosen_per_item(as_officer, letter):
    save(as_officer, letter, **{"item-2-codes": ["s31(3)"]})
    item = fresh(letter).items.get(position=2)
    assert [e.code for e in item.exemptions.all()] == ["s31(3)"]


def test_unticking_an_exemption_removes_its_section(as_officer, letter):
    save(as_officer, letter, **{"letter-exemptions": ["s24(2)"]})
    assert [e.code for e in fresh(letter).exemptions.all()] == ["s24(2)"]
    assert [e.code for e in fresh(letter).items.get(position=1).exemptions.all()] == ["s24(2)"]


def test_ticking_an_exemption_adds_its_wording_for_every_item(as_officer, letter):
    save(as_officer, letter, **{"letter-exemptions": ["s24(2)", "s31(3)", "s40(5B)"]})
    added = fresh(letter).exemptions.get(code="s40(5B)")
    assert added.why
    assert sorted(item.position for item in added.items.all()) == [1, 2]


def test_answers_are_saved_per_item(as_officer, draft):
    letter = draft("full_disclosure", [])
    save(as_officer, letter, **{"item-1-answer": "We started in **2018**."})
    assert fresh(letter).items.get(position=1).answer == "We started in **2018**."


def test_a_fee_is_saved_on_a_fees_notice(as_officer, draft):
    letter = draft("fees_notice", [])
    save(as_officer, letter, **{"letter-fee_amount": "12.40"})
    assert fresh(letter).fee_amount == Decimal("12.40")


def test_an_estimated_date_is_saved_on_a_pit_extension(as_officer, draft):
    letter = draft("pit_extension", ["s31(1)"])
    later = case_services.today() + timedelta(days=20)
    save(as_officer, letter, **{"letter-estimated_decision_on": later.isoformat()})
    assert fresh(letter).estimated_decision_on == later


def test_similar_requests_are_aggregated_from_the_cost_worksheet(as_officer, draft, officer, body):
    other = make_case(actor=officer, body=body, subject="More ANPR")
    letter = draft("s12", [])
    save(as_officer, letter, **{"costs-aggregated": f"{other.reference}\n"})
    assert [c.reference for c in fresh(letter).aggregated_cases.all()] == [other.reference]


def test_an_unknown_aggregated_reference_is_a_field_error(as_officer, draft):
    letter = draft("s12", [])
    response = save(as_officer, letter, **{"costs-aggregated": "FOI1999/00001"})
    assert "No case has the reference FOI1999/00001." in response.content.decode()
    assert not fresh(letter).aggregated_cases.exists()


def test_cost_lines_and_the_limit_are_saved(as_officer, draft):
    letter = draft("s12", [])
    save(
        as_officer,
        letter,
        **{
            "costs-cost_limit": "600",
            "cost-0-activity": "locating",
            "cost-0-description": "Searching 40 mailboxes",
            "cost-0-hours": "20",
            "cost-1-activity": "extracting",
            "cost-1-description": "Redacting",
            "cost-1-hours": "6.5",
        },
    )
    letter = fresh(letter)
    assert letter.cost_limit == 600
    assert [(c.activity, c.description, c.hours) for c in letter.cost_lines.all()] == [
        ("locating", "Searching 40 mailboxes", Decimal("20")),
        ("extracting", "Redacting", Decimal("6.5")),
    ]


def test_a_cost_line_can_be_removed(as_officer, draft, officer):
    letter = draft("s12", [])
    services.letter_update(
        letter=letter,
        actor=officer,
        changes={"cost_lines": [{"activity": "locating", "description": "Searching", "hours": "30"}]},
    )
    save(as_officer, letter, **{"cost-0-DELETE": "on"})
    assert not CostLine.objects.filter(letter=letter).exists()


# --- bad input changes nothing -----------------------------------------------------------------


def test_a_date_that_is_not_a_date_is_a_field_error_and_nothing_is_saved(as_officer, draft):
    letter = draft("pit_extension", ["s31(1)"])
    response = save(
        as_officer, letter, **{"letter-estimated_decision_on": "next Tuesday", "letter-heading": "Not saved"}
    )
    assert response.context["editor"].details.errors["estimated_decision_on"] == ["Enter a valid date."]
    assert fresh(letter).heading != "Not saved"
    assert edits(letter) == 0


def test_an_empty_heading_is_a_field_error_listed_in_the_summary(as_officer, letter):
    html = save(as_officer, letter, **{"letter-heading": ""}).content.decode()
    assert "There is a problem with the letter" in html
    assert '<a class="alert-link" href="#id_letter-heading">Heading: This field is required.</a>' in html
    assert fresh(letter).heading


def test_a_provision_outside_its_section_is_a_field_error_and_nothing_is_saved(as_officer, letter):
    field = exemption_field(letter, "s31(3)", "provision")
    response = save(as_officer, letter, **{field: "24(2)", "section-intro-text": "Not saved"})
    form = response.context["editor"]._exemption("s31(3)")
    assert form.errors["provision"] == ["Keep it within section 31, e.g. 31(3)."]
    assert fresh(letter).exemptions.get(code="s31(3)").provision == "31(3)"
    assert fresh(letter).sections.get(key="intro").text != "Not saved"


def test_a_negative_fee_is_a_field_error(as_officer, draft):
    letter = draft("fees_notice", [])
    response = save(as_officer, letter, **{"letter-fee_amount": "-5"})
    assert "fee_amount" in response.context["editor"].details.errors
    assert fresh(letter).fee_amount is None


def test_a_cost_line_without_hours_is_a_field_error_and_nothing_is_saved(as_officer, draft):
    letter = draft("s12", [])
    response = save(
        as_officer,
        letter,
        **{"cost-0-activity": "locating", "cost-0-description": "Searching", "costs-cost_limit": "600"},
    )
    assert response.context["editor"].cost_lines.forms[0].errors["hours"] == ["Needed for every line of the estimate."]
    assert "Cost line 1, hours: Needed for every line of the estimate." in response.content.decode()
    assert fresh(letter).cost_limit == 450
    assert not CostLine.objects.filter(letter=letter).exists()


def test_the_services_refusals_land_on_the_fields_they_concern(as_officer, letter, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError(
            {
                "sections.intro": "Too long.",
                "items": "Item 2: s99(1) is not among the letter's exemptions.",
                "exemption_texts": "s24(2): unknown part 'x'.",
                "cost_lines": "Line 1: bad.",
            }
        )

    monkeypatch.setattr(services, "letter_update", refuse)
    editor = save(as_officer, letter).context["editor"]
    assert editor._section("intro").errors["text"] == ["Too long."]
    assert editor._item("2").non_field_errors() == ["Item 2: s99(1) is not among the letter's exemptions."]
    assert editor._exemption("s24(2)").non_field_errors() == ["s24(2): unknown part 'x'."]
    assert [link.message for link in editor.general_errors] == ["Line 1: bad."]


def test_a_text_the_browser_did_not_send_is_left_as_it_is(as_officer, letter):
    before = fresh(letter).sections.get(key="intro").text
    data = edit_data(letter)
    del data["section-intro-text"]
    as_officer.post(edit_url(letter), data)
    assert fresh(letter).sections.get(key="intro").text == before


def test_fields_naming_another_letters_exemption_are_ignored(as_officer, letter, draft, officer, other_body):
    from foi_cases.tests.factories import make_case

    other = services.letter_create(
        case=make_case(actor=officer, body=other_body), actor=officer, kind="ncnd", codes=["s24(2)"]
    )
    before = other.exemptions.get().why
    save(as_officer, letter, **{f"exemption-{other.exemptions.get().pk}-why": "Hijacked"})
    assert other.exemptions.get().why == before


# --- letters that cannot be edited -------------------------------------------------------------


@pytest.fixture
def approved(submitted, supervisor):
    return services.letter_approve(letter=submitted, actor=supervisor)


def test_an_approved_letters_edit_page_redirects_with_the_reason(as_officer, approved):
    response = as_officer.get(edit_url(approved), follow=True)
    assert response.resolver_match.url_name == "letter_detail"
    assert "The letter is approved and cannot be changed: start a new version." in response.content.decode()


def test_posting_to_an_approved_letter_changes_nothing(as_officer, approved):
    data = edit_data(approved, **{"letter-heading": "Tampered"})
    as_officer.post(edit_url(approved), data)
    assert fresh(approved).heading != "Tampered"
    assert edits(approved) == 1  # the edit complete() made before it was submitted


def test_a_submitted_letter_must_be_recalled_before_editing(as_officer, submitted):
    response = as_officer.post(edit_url(submitted), edit_data(submitted, **{"letter-heading": "X"}), follow=True)
    assert "The letter is awaiting approval: recall it before editing." in response.content.decode()
    assert fresh(submitted).heading != "X"


def test_a_letter_submitted_while_the_page_was_open_is_not_changed(as_officer, letter, officer):
    data = edit_data(letter, **{"letter-heading": "Too late"})
    services.letter_submit(letter=complete(letter, officer), actor=officer)
    html = as_officer.post(edit_url(letter), data, follow=True).content.decode()
    assert "recall it before editing" in html
    assert fresh(letter).heading != "Too late"


def test_the_edit_page_shows_the_comments_that_returned_the_letter(as_officer, submitted, supervisor):
    services.letter_return(letter=submitted, actor=supervisor, comment="Say more about the harm.")
    html = as_officer.get(edit_url(submitted)).content.decode()
    assert "Returned by Sam Supervisor (Supervisor)" in html
    assert "Say more about the harm." in html


def test_an_estimated_date_in_the_past_is_listed_as_a_problem_before_submitting(as_officer, draft):
    letter = draft("pit_extension", ["s31(1)"])
    save(as_officer, letter, **{"letter-estimated_decision_on": date(2020, 1, 1).isoformat()})
    html = as_officer.get(reverse("responses:letter_detail", args=[letter.pk])).content.decode()
    assert "The estimated decision date must be after today." in html


def test_saving_the_page_keeps_an_exemption_since_withdrawn_from_the_library(as_officer, letter, officer):
    from responses.models import LibraryEntry

    services.letter_update(
        letter=letter, actor=officer, changes={"exemption_texts": {"s31(3)": {"why": "Our own words."}}}
    )
    LibraryEntry.objects.filter(code="s31").update(is_active=False)
    save(as_officer, letter, **{"letter-heading": "Changed heading"})
    assert fresh(letter).heading == "Changed heading"
    assert fresh(letter).exemptions.get(code="s31(3)").why == "Our own words."
