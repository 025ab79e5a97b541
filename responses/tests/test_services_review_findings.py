"""Regressions for what an independent review found: each test failed before its fix.

Integration tests on PostgreSQL, through the services (the views and API call the same ones).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services as case_services
from foi_cases.models import Case, Unit
from foi_cases.tests.factories import make_case
from foi_cases.workflow import TransitionNotAllowed
from responses import selectors, services, text
from responses.models import CaseExemption, LetterExemption, LibraryEntry
from responses.services import ApprovalRefused
from responses.tests.conftest import complete, ready

pytestmark = pytest.mark.django_db


def submit(letter, actor):
    return services.letter_submit(letter=letter, actor=actor)


def approve(letter, actor):
    return services.letter_approve(letter=letter, actor=actor)


# --- clearance cannot be skipped ---------------------------------------------------------------


def test_the_drafter_cannot_remove_a_clearance_stage(case, officer, supervisor, stages):
    press, _ = stages
    services.case_set_clearance(case=case, actor=supervisor, stages=[press])
    with pytest.raises(ApprovalRefused, match="Only a supervisor can remove a clearance stage"):
        services.case_set_clearance(case=case, actor=officer, stages=[])
    assert list(case.clearance_stages.all()) == [press]


def test_anyone_drafting_may_ask_for_more_clearance(case, officer, stages):
    press, _ = stages
    services.case_set_clearance(case=case, actor=officer, stages=[press])
    assert list(case.clearance_stages.all()) == [press]


def test_a_submitted_letter_keeps_the_stages_it_was_submitted_with(submitted, case, supervisor, press_officer, stages):
    press, _ = stages
    services.case_set_clearance(case=case, actor=supervisor, stages=[press])
    services.letter_recall(letter=submitted, actor=submitted.created_by)
    letter = submit(submitted, submitted.created_by)
    services.case_set_clearance(case=case, actor=supervisor, stages=[])
    approve(letter, supervisor)
    letter.refresh_from_db()
    assert (letter.status, letter.awaiting_stage) == ("submitted", press)
    approve(letter, press_officer)
    letter.refresh_from_db()
    assert letter.status == "approved"


# --- s12 -------------------------------------------------------------------------------------------


def test_the_cost_limit_of_an_s12_letter_cannot_be_cleared(draft, officer):
    letter = draft("s12", [])
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=letter, actor=officer, changes={"cost_limit": None})
    assert "Choose the appropriate limit" in refused.value.message_dict["cost_limit"][0]
    letter.refresh_from_db()
    assert letter.cost_limit == 450


def test_an_estimate_under_the_bodys_limit_fails_even_without_the_letters_own(draft, officer):
    letter = ready(draft("s12", []), officer)
    services.letter_update(
        letter=letter,
        actor=officer,
        changes={"cost_lines": [{"activity": "locating", "description": "One box", "hours": "1"}]},
    )
    type(letter).objects.filter(pk=letter.pk).update(cost_limit=None)
    letter.refresh_from_db()
    assert any("does not exceed the appropriate limit (GBP 450)" in p for p in services.letter_check(letter))


def test_similar_requests_are_aggregated_and_printed(draft, officer, body):
    letter = draft("s12", [])
    other = make_case(actor=officer, body=body, subject="More ANPR")
    services.letter_update(letter=letter, actor=officer, changes={"aggregated": [other.reference]})
    assert [c.reference for c in letter.aggregated_cases.all()] == [other.reference]
    services.letter_update(
        letter=letter,
        actor=officer,
        changes={"cost_lines": [{"activity": "extracting", "description": "Both requests", "hours": "20"}]},
    )
    assert (
        f"It includes the similar requests {other.reference}, aggregated."
        in selectors.letter_document(letter).cost_summary
    )


@pytest.mark.parametrize(
    ("reference", "message"),
    [("FOI1999/00001", "No case has the reference FOI1999/00001."), (None, "is this letter's own case")],
)
def test_aggregating_an_unknown_or_the_same_case_is_refused(draft, officer, case, reference, message):
    letter = draft("s12", [])
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=letter, actor=officer, changes={"aggregated": [reference or case.reference]})
    assert message in " ".join(refused.value.message_dict["aggregated"])
    assert not letter.aggregated_cases.exists()


def test_requests_more_than_sixty_working_days_apart_cannot_be_aggregated(draft, officer, body, case):
    later = make_case(actor=officer, body=body, received_on=case.received_on + timedelta(days=120))
    letter = draft("s12", [])
    with pytest.raises(ValidationError, match="more than 60 working days apart"):
        services.letter_update(letter=letter, actor=officer, changes={"aggregated": [later.reference]})


def test_only_an_s12_letter_aggregates(draft, officer, body):
    other = make_case(actor=officer, body=body)
    with pytest.raises(ValidationError, match="Only a cost limit"):
        services.letter_update(letter=draft(), actor=officer, changes={"aggregated": [other.reference]})


# --- an approved letter prints what it was approved with -----------------------------------------


def test_an_approved_letters_letterhead_does_not_follow_later_changes(submitted, case, officer, supervisor, other_body):
    approve(submitted, supervisor)
    Unit.objects.update(name="Renamed Unit", address="Somewhere else")
    case_services.case_link(
        case=case, actor=officer, other=make_case(actor=officer, body=other_body), kind="answered_with"
    )
    submitted.refresh_from_db()
    head = selectors.letter_document(submitted).letterhead
    assert (head.name, head.bodies) == ("Information Rights Unit", ["Bedfordshire Police"])


# --- the library withdrawing an entry -------------------------------------------------------------


def test_an_exemption_withdrawn_from_the_library_stays_in_drafts_that_cite_it(draft, officer):
    letter = draft()
    services.letter_update(
        letter=letter, actor=officer, changes={"exemption_texts": {"s31(3)": {"why": "Our own words."}}}
    )
    LibraryEntry.objects.filter(code="s31").update(is_active=False)
    services.letter_update(letter=letter, actor=officer, changes={"exemptions": ["s24(2)", "s31(3)"]})
    assert LetterExemption.objects.get(letter=letter, code="s31(3)").why == "Our own words."


def test_a_withdrawn_exemption_cannot_be_added_afresh(draft, officer):
    LibraryEntry.objects.filter(code="s31").update(is_active=False)
    letter = draft("ncnd", ["s24(2)"])
    with pytest.raises(ValidationError, match="Unknown for this case"):
        services.letter_update(letter=letter, actor=officer, changes={"exemptions": ["s24(2)", "s31(3)"]})


# --- provisions are refined, never swapped ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "code", "provision"),
    [("refusal", "s40(2)", "40(5A)"), ("refusal", "s27(1)", "27(4)(b)"), ("s14", "s14(1)", "14(2)")],
)
def test_a_provision_cannot_become_another_subsection(draft, officer, kind, code, provision):
    letter = draft(kind, [code])
    with pytest.raises(ValidationError, match="must stay within"):
        services.letter_update(
            letter=letter, actor=officer, changes={"exemption_texts": {code: {"provision": provision}}}
        )
    assert letter.exemptions.get(code=code).provision == code[1:]


def test_a_provision_can_be_refined_below_itself(draft, officer):
    letter = draft("refusal", ["s31(1)"])
    services.letter_update(
        letter=letter, actor=officer, changes={"exemption_texts": {"s31(1)": {"provision": "31(1)(a)"}}}
    )
    assert letter.exemptions.get(code="s31(1)").provision == "31(1)(a)"


# --- outcomes --------------------------------------------------------------------------------------


def test_a_second_response_cannot_be_submitted_while_one_is_approved(submitted, draft, officer, supervisor):
    approve(submitted, supervisor)
    second = ready(draft("full_disclosure", []), officer)
    with pytest.raises(TransitionNotAllowed, match="already has an approved response"):
        submit(second, officer)
    assert Case.objects.get(pk=submitted.case_id).outcome == "ncnd"


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sections", "exemption_texts"])
def test_a_null_character_in_a_name_is_a_field_error(draft, officer, name):
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=draft(), actor=officer, changes={name: {"in\x00tro": "x"}})
    assert name in refused.value.message_dict


def test_a_null_character_in_text_is_a_field_error(draft, officer):
    letter = draft()
    with pytest.raises(ValidationError, match="null character"):
        services.letter_update(letter=letter, actor=officer, changes={"sections": {"intro": "a\x00b"}})
    complete(letter, officer)


def test_a_gap_typed_into_a_links_address_does_not_break_the_markup():
    html = str(text.to_html("See [our site](https://example.org/[[x]]) and [[fill me]]."))
    assert html.count('<mark class="letter-gap">') == 1
    assert '"https://example.org/[[x]]"' in html or "https://example.org/%5B%5Bx%5D%5D" in html


# --- second review ---------------------------------------------------------------------------------


def test_a_letter_whose_case_changed_regime_since_drafting_cannot_be_submitted(draft, case, officer):
    letter = ready(draft("ncnd", ["s24(2)", "s31(3)"]), officer)
    case_services.case_update(case=case, actor=officer, regime="sar")
    with pytest.raises(ValidationError) as refused:
        submit(letter, officer)
    assert any("cannot answer a request under the UK GDPR" in p for p in refused.value.messages)


def test_an_exemption_from_another_law_is_reported_after_a_regime_change(draft, case, officer):
    letter = ready(draft("refusal", ["s31(1)"]), officer)
    case_services.case_update(case=case, actor=officer, regime="eir")
    assert "Section 31(1) is not in the Environmental Information Regulations 2004: remove it." in (
        services.letter_check(letter)
    )


def test_a_letter_that_no_longer_passes_its_checks_cannot_be_approved(submitted, case, officer, supervisor):
    case_services.case_update(case=case, actor=officer, regime="sar")
    with pytest.raises(TransitionNotAllowed, match="no longer passes its checks"):
        approve(submitted, supervisor)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_pit_extension_submitted_in_time_cannot_be_approved_after_the_twentieth_day(
    draft, officer, supervisor, body, monkeypatch
):
    from datetime import date

    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 14))
    recent = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    letter = submit(ready(draft("pit_extension", ["s31(1)"], on=recent), officer), officer)
    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 20))
    with pytest.raises(TransitionNotAllowed, match="within the first 20 working days"):
        approve(letter, supervisor)


def test_the_request_split_again_after_drafting_is_reported(draft, case, officer):
    letter = ready(draft("refusal", ["s31(1)"]), officer)
    case_services.case_set_items(case=case, actor=officer, items=["One?", "Two?", "Three?"])
    assert any("items have changed since this letter was drafted" in p for p in services.letter_check(letter))


def test_a_new_response_can_be_approved_after_the_case_was_closed_and_reopened(
    submitted, draft, case, officer, supervisor
):
    from datetime import date

    approve(submitted, supervisor)
    case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=date(2020, 1, 10))
    case_services.case_reopen(case=case, actor=supervisor, reason="The review found more to say.")
    second = approve(submit(ready(draft("full_disclosure", []), officer), officer), supervisor)
    assert second.status == "approved"


def test_an_internal_review_outcome_is_not_drafted_on_the_answered_request_itself(submitted, case, officer, supervisor):
    # The review is a case of its own (responses/tests/test_review_outcome.py): the request it
    # reviews keeps its outcome and statistics.
    from datetime import date

    approve(submitted, supervisor)
    closed = case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=date(2020, 1, 10))
    with pytest.raises(ValidationError, match="draft it on the review's own case"):
        services.letter_create(case=closed, actor=officer, kind="review_outcome")


def test_a_supervisor_writing_a_letter_on_the_case_cannot_remove_its_clearance(
    case, draft, supervisor, supervisor2, stages
):
    press, _ = stages
    services.case_set_clearance(case=case, actor=supervisor2, stages=[press])
    draft(actor=supervisor)
    with pytest.raises(ApprovalRefused, match="drafted or edited a letter on this case"):
        services.case_set_clearance(case=case, actor=supervisor, stages=[])
    services.case_set_clearance(case=case, actor=supervisor2, stages=[])
    assert not case.clearance_stages.exists()


def test_a_stage_flagged_late_is_still_required_whatever_its_order(
    submitted, case, supervisor, press_officer, lawyer, stages
):
    press, legal = stages
    services.case_set_clearance(case=case, actor=supervisor, stages=[legal])
    services.letter_recall(letter=submitted, actor=submitted.created_by)
    letter = submit(submitted, submitted.created_by)
    approve(letter, supervisor)
    services.case_set_clearance(case=case, actor=supervisor, stages=[legal, press])
    approve(letter, lawyer)
    letter.refresh_from_db()
    assert (letter.status, letter.awaiting_stage) == ("submitted", press)
    approve(letter, press_officer)
    letter.refresh_from_db()
    assert letter.status == "approved"


def test_an_officer_may_add_a_stage_when_the_case_has_one_no_longer_in_use(case, officer, supervisor, stages):
    press, legal = stages
    services.case_set_clearance(case=case, actor=supervisor, stages=[press])
    press.is_active = False
    press.save()
    services.case_set_clearance(case=case, actor=officer, stages=[legal])
    assert list(case.clearance_stages.all()) == [legal]


def test_requests_to_another_body_cannot_be_aggregated(draft, officer, other_body):
    other = make_case(actor=officer, body=other_body)
    with pytest.raises(ValidationError, match="only requests to the same body under the same law"):
        services.letter_update(letter=draft("s12", []), actor=officer, changes={"aggregated": [other.reference]})


def test_aggregated_requests_must_all_fall_within_one_run_of_sixty_working_days(draft, officer, body, case):
    before = make_case(actor=officer, body=body, received_on=case.received_on - timedelta(days=70))
    after = make_case(actor=officer, body=body, received_on=case.received_on + timedelta(days=70))
    with pytest.raises(ValidationError, match="received more than 60 working days apart"):
        services.letter_update(
            letter=draft("s12", []), actor=officer, changes={"aggregated": [before.reference, after.reference]}
        )


def test_our_ref_and_the_letterhead_are_fixed_together_at_approval(submitted, case, officer, supervisor, other_body):
    other = make_case(actor=officer, body=other_body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    approve(submitted, supervisor)
    submitted.refresh_from_db()
    assert submitted.references == f"{case.reference} & {other.reference}"
    assert submitted.letterhead["bodies"] == ["Bedfordshire Police", "Hertfordshire Constabulary"]


def test_every_case_answered_together_is_ready_to_send_with_the_outcome(submitted, case, officer, supervisor, body):
    other = make_case(actor=officer, body=body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    approve(submitted, supervisor)
    other.refresh_from_db()
    assert (other.status, other.outcome) == ("ready_to_send", "ncnd")
    assert sorted(CaseExemption.objects.filter(case=other).values_list("code", flat=True)) == ["s24(2)", "s31(3)"]
    assert "answered together with" in other.audit_events.get(action="response_approved").summary
