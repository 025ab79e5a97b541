"""Actions on the case page: each goes through its service, and refusals change nothing."""

from datetime import date

import pytest
from django.urls import reverse

from foi_cases import services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body)


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def post(client, case, name, data, **kwargs):
    return client.post(reverse(f"foi_cases:{name}", kwargs={"pk": case.pk, **kwargs}), data, follow=True)


def record(client, case, kind, on, **extra):
    data = {f"{kind}-on": on, f"{kind}-note": "", **{f"{kind}-{k}": v for k, v in extra.items()}}
    return post(client, case, "clock_event_record", data, kind=kind)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def timeline(case) -> list[str]:
    return [event.summary for event in case.audit_events.order_by("at", "id")]


# --- the clock ---------------------------------------------------------------------------------


def test_requesting_clarification_stops_the_clock(signed_in, case):
    html = record(signed_in, case, "clarification_requested", "2019-12-16").content.decode()
    assert (fresh(case).status, fresh(case).due_on) == ("awaiting_clarification", None)
    assert "Clock stopped: awaiting clarification (2 working days used)" in html


def test_receiving_clarification_restarts_the_count(signed_in, case):
    record(signed_in, case, "clarification_requested", "2019-12-16")
    html = record(signed_in, case, "clarification_received", "2020-01-06").content.decode()
    assert fresh(case).due_on == date(2020, 2, 3)
    assert "Due Monday 3 February 2020" in html
    assert "Clarification received on 6 January 2020; now due 3 February 2020." in timeline(case)


def test_a_fees_notice_and_its_payment_move_the_due_date(signed_in, case):
    record(signed_in, case, "fee_notice_sent", "2019-12-16")
    record(signed_in, case, "fee_received", "2019-12-18")
    # Three working days paused (16, 17 and 18 December): due three working days later.
    assert fresh(case).due_on == date(2020, 1, 20)


def test_an_extension_adds_working_days_and_records_its_notice(signed_in, case):
    record(signed_in, case, "extension", "2020-01-10", days=10)
    case = fresh(case)
    assert (case.due_on, case.extension_days) == (date(2020, 1, 29), 10)
    assert case.clock_events.get().days == 10


def test_a_clock_event_in_the_future_is_a_field_error_and_records_nothing(signed_in, case):
    response = record(signed_in, case, "clarification_requested", "2999-01-01")
    form = next(action.form for action in response.context["actions"] if action.key == "clarification_requested")
    assert form.errors["on"] == ["The date cannot be in the future."]
    assert not case.clock_events.exists()


def test_a_refused_action_opens_its_form_with_the_error(signed_in, case):
    html = record(signed_in, case, "clarification_requested", "2999-01-01").content.decode()
    assert '<details class="case-action" id="action-clarification_requested" open>' in html


def test_an_extension_too_long_for_the_eir_is_a_field_error(signed_in, officer, body):
    case = make_case(actor=officer, body=body, regime="eir")
    response = record(signed_in, case, "extension", "2020-01-10", days=25)
    form = next(action.form for action in response.context["actions"] if action.key == "extension")
    assert "at most 40 working days in total" in form.errors["days"][0]
    assert not case.clock_events.exists()


def test_an_action_the_workflow_does_not_allow_is_refused_with_a_message(signed_in, case):
    response = record(signed_in, case, "clarification_received", "2020-01-06")
    assert "Record the clarification request before its receipt." in response.content.decode()
    assert not case.clock_events.exists()


def test_an_unknown_clock_event_is_not_found(signed_in, case):
    url = reverse("foi_cases:clock_event_record", kwargs={"pk": case.pk, "kind": "abracadabra"})
    assert signed_in.post(url, {}).status_code == 404


def test_voiding_the_latest_event_restores_the_deadline(signed_in, case):
    record(signed_in, case, "clarification_requested", "2019-12-16")
    event = case.clock_events.get()
    post(signed_in, case, "clock_event_void", {"void-event": event.pk, "void-reason": "Logged on the wrong case"})
    event.refresh_from_db()
    assert (fresh(case).status, fresh(case).due_on) == ("open", date(2020, 1, 15))
    assert event.void_reason == "Logged on the wrong case"


def test_voiding_needs_a_reason(signed_in, case):
    record(signed_in, case, "clarification_requested", "2019-12-16")
    event = case.clock_events.get()
    response = post(signed_in, case, "clock_event_void", {"void-event": event.pk, "void-reason": ""})
    assert "reason" in next(a.form for a in response.context["actions"] if a.key == "void").errors
    assert fresh(case).status == "awaiting_clarification"


# --- closing -----------------------------------------------------------------------------------


def close(client, case, responded_on, outcome="granted"):
    data = {"close-outcome": outcome, "close-responded_on": responded_on, "close-note": ""}
    return post(client, case, "case_close", data)


def test_closing_by_the_due_date_is_answered_in_time(signed_in, case):
    html = close(signed_in, case, "2020-01-15").content.decode()
    assert (fresh(case).status, fresh(case).answered_in_time) == ("responded", True)
    assert "Answered in time" in html


def test_closing_after_the_due_date_is_answered_late(signed_in, case):
    html = close(signed_in, case, "2020-01-16").content.decode()
    assert fresh(case).answered_in_time is False
    assert "Answered late (deadline was Wednesday 15 January 2020)" in html


def test_the_close_form_does_not_offer_withdrawn_or_lapsed(signed_in, case):
    response = close(signed_in, case, "2020-01-15", outcome="withdrawn")
    assert "outcome" in next(a.form for a in response.context["actions"] if a.key == "close").errors
    assert fresh(case).status == "open"


def test_a_response_dated_before_receipt_is_a_field_error(signed_in, case):
    response = close(signed_in, case, "2019-12-01")
    form = next(a.form for a in response.context["actions"] if a.key == "close")
    assert form.errors["responded_on"] == ["The date cannot be before the request was received."]


def test_an_officer_can_record_a_withdrawal(signed_in, case):
    post(signed_in, case, "case_withdraw", {"withdraw-on": "2019-12-20", "withdraw-note": "By email"})
    assert (fresh(case).status, fresh(case).outcome, fresh(case).answered_in_time) == ("closed", "withdrawn", None)


def test_a_running_case_cannot_lapse(signed_in, case):
    response = post(signed_in, case, "case_lapse", {"lapse-on": "2020-03-20"})
    assert "Only a case waiting for clarification or a fee can lapse." in response.content.decode()
    assert fresh(case).status == "open"


def test_a_case_awaiting_clarification_can_lapse(signed_in, case):
    record(signed_in, case, "clarification_requested", "2019-12-16")
    post(signed_in, case, "case_lapse", {"lapse-on": "2020-03-20"})
    assert (fresh(case).status, fresh(case).outcome) == ("closed", "lapsed")


def test_an_officer_cannot_reopen_a_case(signed_in, case, officer):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    response = signed_in.post(reverse("foi_cases:case_reopen", args=[case.pk]), {"reopen-reason": "Mistake"})
    assert response.status_code == 403
    assert fresh(case).status == "responded"


def test_a_supervisor_can_reopen_a_case(client, case, officer, supervisor):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    client.force_login(supervisor)
    post(client, case, "case_reopen", {"reopen-reason": "Closed on the wrong case"})
    assert (fresh(case).status, fresh(case).outcome) == ("open", "")
    assert "Reopened. Reason: Closed on the wrong case" in timeline(case)


# --- assignment and links ----------------------------------------------------------------------


def test_an_officer_can_assign_a_colleague(signed_in, case, officer2):
    html = post(signed_in, case, "case_assign", {"assign-officer": officer2.pk}).content.decode()
    assert fresh(case).assigned_to == officer2
    assert "Assigned to Owen Other." in html


def test_a_user_without_a_role_cannot_be_assigned(signed_in, case, stranger):
    response = post(signed_in, case, "case_assign", {"assign-officer": stranger.pk})
    assert "officer" in response.context["assign_form"].errors
    assert fresh(case).assigned_to is None


def test_cases_answered_together_show_the_joint_reference(signed_in, officer, body):
    first = make_case(actor=officer, body=body)
    second = make_case(actor=officer, body=body)
    html = post(
        signed_in, first, "case_link", {"answered_with-reference": second.reference}, kind="answered_with"
    ).content.decode()
    assert "Our ref: <strong>FOI2019/00001 &amp; FOI2019/00002</strong>" in html


def test_a_related_case_is_listed_on_both_cases(signed_in, officer, body):
    first = make_case(actor=officer, body=body)
    second = make_case(actor=officer, body=body)
    post(signed_in, first, "case_link", {"related_to-reference": "foi2019/00002"}, kind="related_to")
    assert list(second.related_to.all()) == [first]


def test_linking_an_unknown_reference_is_a_field_error(signed_in, case):
    response = post(signed_in, case, "case_link", {"answered_with-reference": "FOI1999/1"}, kind="answered_with")
    form = next(form for kind, *_, form in response.context["links"] if kind == "answered_with")
    assert form.errors["reference"] == ["No case has the reference FOI1999/1."]


def test_a_case_cannot_be_linked_to_itself(signed_in, case):
    response = post(signed_in, case, "case_link", {"related_to-reference": case.reference}, kind="related_to")
    form = next(form for kind, *_, form in response.context["links"] if kind == "related_to")
    assert form.errors["reference"] == ["A case cannot be linked to itself."]


def test_a_link_can_be_removed(signed_in, officer, body):
    first = make_case(actor=officer, body=body)
    second = make_case(actor=officer, body=body)
    services.case_link(case=first, actor=officer, other=second, kind="answered_with")
    signed_in.post(reverse("foi_cases:case_unlink", args=[first.pk, "answered_with", second.pk]))
    assert not first.answered_with.exists()


# --- editing -----------------------------------------------------------------------------------


def edit_form(case, **overrides):
    requester = case.requester
    data = {
        "regime": case.regime,
        "received_on": case.received_on.isoformat(),
        "channel": case.channel,
        "subject": case.subject,
        "request_text": case.request_text,
        "body": case.body_id,
        "requester_name": requester.name,
        "requester_email": requester.email,
        "requester_address": requester.address,
        "requester_organisation": requester.organisation,
        "requester_type": requester.requester_type,
    }
    return {**data, **overrides}


def test_the_edit_page_starts_from_the_cases_current_details(signed_in, case):
    form = signed_in.get(reverse("foi_cases:case_edit", args=[case.pk])).context["form"]
    assert (form["subject"].value(), form["requester_email"].value()) == ("Facial recognition", "alex@example.org")
    assert 'value="2019-12-12"' in str(form["received_on"])


def test_editing_the_date_of_receipt_recalculates_the_deadline(signed_in, case):
    post(signed_in, case, "case_edit", edit_form(case, received_on="2019-12-13"))
    assert fresh(case).due_on == date(2020, 1, 16)


def test_editing_the_requester_updates_their_details(signed_in, case):
    post(signed_in, case, "case_edit", edit_form(case, requester_email="new@example.org"))
    assert fresh(case).requester.email == "new@example.org"
    assert timeline(case)[-1] == "Edited requester email."


def test_an_edit_with_a_future_date_is_a_field_error_and_saves_nothing(signed_in, case):
    response = post(signed_in, case, "case_edit", edit_form(case, received_on="2999-01-01", subject="Changed"))
    assert response.context["form"].errors["received_on"] == ["The date of receipt cannot be in the future."]
    assert fresh(case).subject == "Facial recognition"


def test_a_closed_case_cannot_be_edited(signed_in, case, officer):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    response = signed_in.get(reverse("foi_cases:case_edit", args=[case.pk]), follow=True)
    assert "This case is closed; reopen it first." in response.content.decode()


def test_the_edit_page_shows_the_items_one_per_paragraph(signed_in, case):
    form = signed_in.get(reverse("foi_cases:case_edit", args=[case.pk])).context["form"]
    assert form["items"].value() == "When did you start?\n\nHow much did it cost?"


def test_an_officer_can_correct_how_the_request_was_split(signed_in, case):
    items = "When did you start?\n\nHow much did it cost\nin 2019?\n\nWho approved it?"
    post(signed_in, case, "case_edit", edit_form(case, items=items))
    assert [i.text for i in fresh(case).items.all()] == [
        "When did you start?",
        "How much did it cost in 2019?",
        "Who approved it?",
    ]
    assert timeline(case)[-1] == "Request items corrected: now 3 item(s)."


def test_emptying_the_items_splits_them_from_the_request_text_again(signed_in, case, officer):
    services.case_set_items(case=case, actor=officer, items=["Everything"])
    post(signed_in, case, "case_edit", edit_form(case, items=""))
    assert [i.text for i in fresh(case).items.all()] == ["When did you start?", "How much did it cost?"]


def test_editing_the_request_text_in_a_browser_splits_the_items_again(signed_in, case):
    # Browsers send textareas with CRLF line ends: the unchanged items must not undo the re-split.
    items = "When did you start?\r\n\r\nHow much did it cost?"
    text = "1. One\r\n2. Two\r\n3. Three"
    post(signed_in, case, "case_edit", edit_form(case, items=items, request_text=text))
    assert [i.text for i in fresh(case).items.all()] == ["One", "Two", "Three"]
    assert "items_updated" not in list(fresh(case).audit_events.values_list("action", flat=True))


def test_removing_a_link_that_is_already_gone_is_a_message_not_an_error(signed_in, case, officer, body):
    other = make_case(actor=officer, body=body)
    response = signed_in.post(reverse("foi_cases:case_unlink", args=[case.pk, "related_to", other.pk]), follow=True)
    assert response.status_code == 200
    assert f"{other.reference} is not related to this case." in response.content.decode()


def test_extending_a_foisa_case_says_why_it_was_refused(signed_in, officer, body):
    foisa = make_case(actor=officer, body=body, regime="foisa")
    response = record(signed_in, foisa, "extension", "2019-12-20", days=10)
    page = response.content.decode()
    assert "FOISA has no extension of the 20 working days." in page
    assert not foisa.clock_events.exists()
