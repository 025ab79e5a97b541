"""Editing a case, its requester, its officer and its links to other cases.

Dates: a FOIA request received Mon 1 Sep 2025 is due Mon 29 Sep 2025; received Tue 2 Sep it is due
Tue 30 Sep (no bank holiday anywhere in the UK in September 2025). The worked example received
Thu 12 Dec 2019 is due Wed 15 Jan 2020 under FOIA, and Mon 13 Jan 2020 as a subject access request.
"""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from foi_cases import services
from foi_cases.models import AuditEvent, Case
from foi_cases.tests.factories import BodyFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(officer):
    return make_case(actor=officer, received_on=date(2025, 9, 1), name="Alex Requester", email="alex@example.org")


def update(case: Case, actor, **changes) -> Case:
    return services.case_update(case=case, actor=actor, **changes)


def last_audit(case: Case) -> AuditEvent:
    return case.audit_events.order_by("-at", "-id").first()


# --- case_update ---------------------------------------------------------------------------------


def test_changing_the_receipt_date_recomputes_the_due_date(case, officer):
    updated = update(case, officer, received_on=date(2025, 9, 2))
    case.refresh_from_db()
    assert (updated.due_on, case.due_on) == (date(2025, 9, 30), date(2025, 9, 30))


def test_changing_the_regime_recomputes_the_due_date(officer):
    case = make_case(actor=officer, received_on=date(2019, 12, 12))
    update(case, officer, regime="sar")
    case.refresh_from_db()
    assert case.due_on == date(2020, 1, 13)


def test_an_edit_records_each_changed_field_before_and_after(case, officer):
    update(case, officer, received_on=date(2025, 9, 2), subject="Facial recognition vans")
    audit = last_audit(case)
    assert (audit.action, audit.actor, audit.changes) == (
        "case_updated",
        officer,
        {"received_on": ["2025-09-01", "2025-09-02"], "subject": ["Facial recognition", "Facial recognition vans"]},
    )


def test_an_edit_that_changes_nothing_writes_no_audit_event(case, officer):
    update(case, officer, subject="Facial recognition", received_on=date(2025, 9, 1))
    assert last_audit(case).action == "case_created"


def test_moving_a_case_to_another_body_records_the_bodies_by_name(case, officer):
    before = case.body.name
    update(case, officer, body=BodyFactory(name="Cambridgeshire Constabulary"))
    assert last_audit(case).changes == {"body": [before, "Cambridgeshire Constabulary"]}


def test_editing_the_request_text_splits_the_questions_again(case, officer):
    update(case, officer, request_text="Please send:\n(a) the policy\n(b) the budget\n(c) the contract")
    assert list(case.items.values_list("position", "text")) == [
        (1, "the policy"),
        (2, "the budget"),
        (3, "the contract"),
    ]


def test_a_field_that_is_not_editable_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        update(case, officer, status="closed", reference="FOI2025/99999")
    assert set(refused.value.message_dict) == {"status", "reference"}


def test_a_receipt_date_in_the_future_is_refused_on_edit(case, officer):
    with pytest.raises(ValidationError) as refused:
        update(case, officer, received_on=services.today() + timedelta(days=1))
    assert set(refused.value.message_dict) == {"received_on"}


def test_an_unknown_regime_is_refused_on_edit(case, officer):
    with pytest.raises(ValidationError) as refused:
        update(case, officer, regime="gdpr")
    assert set(refused.value.message_dict) == {"regime"}


def test_a_receipt_date_after_the_cases_clock_events_is_refused(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2025, 9, 5))
    with pytest.raises(ValidationError) as refused:
        update(case, officer, received_on=date(2025, 9, 8))
    assert set(refused.value.message_dict) == {"received_on"}


def test_an_over_long_subject_is_refused_on_edit_and_nothing_changes(case, officer):
    with pytest.raises(ValidationError) as refused:
        update(case, officer, subject="s" * 301)
    case.refresh_from_db()
    assert (set(refused.value.message_dict), case.subject) == ({"subject"}, "Facial recognition")


def test_changing_to_a_regime_that_forbids_the_recorded_extension_is_refused_as_a_field_error(case, officer):
    # FOISA has no extension: the edit must be refused with a message, not crash the request.
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 9, 22), days=10)
    with pytest.raises(ValidationError) as refused:
        update(case, officer, regime="foisa")
    assert set(refused.value.message_dict) == {"regime"}


def test_a_refused_regime_change_leaves_the_case_as_it_was(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 9, 22), days=10)
    with pytest.raises(Exception):  # noqa: B017 - whatever is raised, nothing may have been written
        update(case, officer, regime="foisa")
    case.refresh_from_db()
    assert (case.regime, case.due_on, last_audit(case).action) == ("foia", date(2025, 10, 13), "clock_extension")


# --- the requester ---------------------------------------------------------------------------


def test_editing_the_requester_saves_the_new_details(case, officer):
    details = services.RequesterDetails(name="Alexandra Requester", email="alexandra@example.org")
    services.case_update_requester(case=case, actor=officer, details=details)
    case.requester.refresh_from_db()
    assert (case.requester.name, case.requester.email) == ("Alexandra Requester", "alexandra@example.org")


def test_the_requester_audit_names_the_changed_fields_only(case, officer):
    details = services.RequesterDetails(name="Alexandra Requester", email="alexandra@example.org")
    services.case_update_requester(case=case, actor=officer, details=details)
    audit = last_audit(case)
    assert (audit.action, audit.changes) == ("requester_updated", {"fields": ["email", "name"]})


def test_the_requester_audit_does_not_store_the_personal_data(case, officer):
    details = services.RequesterDetails(
        name="Alexandra Requester", email="alexandra@example.org", address="1 High Street, Bedford"
    )
    services.case_update_requester(case=case, actor=officer, details=details)
    audit = last_audit(case)
    recorded = audit.summary + json.dumps(audit.changes)
    for value in ("Alex Requester", "alex@example.org", "Alexandra", "alexandra@example.org", "High Street"):
        assert value not in recorded


def test_an_unchanged_requester_writes_no_audit_event(case, officer):
    details = services.RequesterDetails(name="Alex Requester", email="alex@example.org")
    services.case_update_requester(case=case, actor=officer, details=details)
    assert last_audit(case).action == "case_created"


def test_a_bad_requester_email_is_refused_and_not_saved(case, officer):
    details = services.RequesterDetails(name="Alex Requester", email="not-an-email")
    with pytest.raises(ValidationError) as refused:
        services.case_update_requester(case=case, actor=officer, details=details)
    case.requester.refresh_from_db()
    assert (set(refused.value.message_dict), case.requester.email) == ({"email"}, "alex@example.org")


def test_revealing_the_requester_returns_them_and_records_who_looked(case, officer):
    requester = services.case_reveal_requester(case=case, actor=officer)
    audit = last_audit(case)
    assert requester.name == "Alex Requester"
    assert (audit.action, audit.actor, audit.summary) == (
        "requester_revealed",
        officer,
        "Requester's identity revealed on the case page.",
    )


def test_a_reveal_to_edit_the_case_says_so(case, officer):
    services.case_reveal_requester(case=case, actor=officer, where="to edit the case")
    assert last_audit(case).summary == "Requester's identity revealed to edit the case."


def test_the_reveal_audit_does_not_store_the_personal_data(case, officer):
    services.case_reveal_requester(case=case, actor=officer)
    audit = last_audit(case)
    recorded = audit.summary + json.dumps(audit.changes)
    assert "Alex Requester" not in recorded and "alex@example.org" not in recorded


def test_a_user_without_the_permission_is_refused_the_reveal_and_nothing_is_recorded(case, stranger):
    with pytest.raises(PermissionDenied, match="You do not have permission to see the requester's identity."):
        services.case_reveal_requester(case=case, actor=stranger)
    assert last_audit(case).action == "case_created"


# --- assignment ------------------------------------------------------------------------------


def test_a_case_can_be_assigned_to_an_officer(case, supervisor, officer):
    services.case_assign(case=case, actor=supervisor, officer=officer)
    case.refresh_from_db()
    assert case.assigned_to == officer


def test_assigning_records_who_it_went_from_and_to(case, supervisor, officer, officer2):
    services.case_assign(case=case, actor=supervisor, officer=officer)
    services.case_assign(case=case, actor=supervisor, officer=officer2)
    audit = last_audit(case)
    assert (audit.action, audit.actor, audit.summary, audit.changes) == (
        "case_assigned",
        supervisor,
        "Assigned to Owen Other.",
        {"assigned_to": ["Olivia Officer", "Owen Other"], "assigned_to_id": [officer.pk, officer2.pk]},
    )


def test_a_user_without_a_casework_role_cannot_be_assigned(case, supervisor, stranger):
    with pytest.raises(ValidationError) as refused:
        services.case_assign(case=case, actor=supervisor, officer=stranger)
    case.refresh_from_db()
    assert (set(refused.value.message_dict), case.assigned_to) == ({"assigned_to"}, None)


def test_a_case_can_be_unassigned(case, supervisor, officer):
    services.case_assign(case=case, actor=supervisor, officer=officer)
    services.case_assign(case=case, actor=supervisor, officer=None)
    case.refresh_from_db()
    assert (case.assigned_to, last_audit(case).summary) == (None, "Unassigned.")


def test_assigning_to_the_current_officer_writes_nothing(case, supervisor, officer):
    services.case_assign(case=case, actor=supervisor, officer=officer)
    services.case_assign(case=case, actor=supervisor, officer=officer)
    assert case.audit_events.filter(action="case_assigned").count() == 1


# --- links ---------------------------------------------------------------------------------


@pytest.fixture
def trio(officer):
    """FOI2019/00001, FOI2019/00002 and FOI2019/00003."""
    return [make_case(actor=officer) for _ in range(3)]


def link(case, other, actor, kind="answered_with"):
    services.case_link(case=case, actor=actor, other=other, kind=kind)


def test_answering_together_is_symmetrical(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    assert (list(first.answered_with.all()), list(second.answered_with.all())) == ([second], [first])


def test_relating_cases_is_symmetrical(trio, officer):
    first, second, _ = trio
    link(first, second, officer, kind="related_to")
    assert (list(first.related_to.all()), list(second.related_to.all())) == ([second], [first])


def test_answering_together_does_not_also_mark_cases_as_related(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    assert not first.related_to.exists()


def test_a_case_cannot_be_linked_to_itself(trio, officer):
    with pytest.raises(ValidationError) as refused:
        link(trio[0], trio[0], officer)
    assert set(refused.value.message_dict) == {"other"}


def test_linking_the_same_cases_twice_is_refused(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    with pytest.raises(ValidationError) as refused:
        link(first, second, officer)
    assert set(refused.value.message_dict) == {"other"}


def test_linking_the_same_cases_twice_from_the_other_side_is_refused(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    with pytest.raises(ValidationError):
        link(second, first, officer)


def test_an_unknown_kind_of_link_is_refused(trio, officer):
    with pytest.raises(ValidationError) as refused:
        link(trio[0], trio[1], officer, kind="duplicate_of")
    assert set(refused.value.message_dict) == {"kind"}


def test_the_joint_reference_joins_the_cases_answered_together_in_order(trio, officer):
    first, second, third = trio
    link(second, third, officer)
    link(second, first, officer)
    assert second.joint_reference == "FOI2019/00002 & FOI2019/00001 & FOI2019/00003"


def test_a_pair_answered_together_prints_both_references(trio, officer):
    first, second, _ = trio
    link(second, first, officer)
    assert first.joint_reference == "FOI2019/00001 & FOI2019/00002"


def test_a_case_answered_alone_prints_its_own_reference(trio):
    assert trio[0].joint_reference == "FOI2019/00001"


def test_linking_writes_an_audit_event_on_both_cases(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    assert (last_audit(first).summary, last_audit(second).summary) == (
        "Marked as answered together with FOI2019/00002.",
        "Marked as answered together with FOI2019/00001.",
    )


def test_unlinking_removes_the_link_from_both_cases(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    services.case_unlink(case=second, actor=officer, other=first, kind="answered_with")
    assert (first.answered_with.exists(), second.answered_with.exists()) == (False, False)


def test_unlinking_writes_an_audit_event_on_both_cases(trio, officer):
    first, second, _ = trio
    link(first, second, officer)
    services.case_unlink(case=first, actor=officer, other=second, kind="answered_with")
    assert (last_audit(first).action, last_audit(second).action) == ("case_unlinked", "case_unlinked")


def test_unlinking_cases_that_are_not_linked_is_refused(trio, officer):
    first, second, _ = trio
    with pytest.raises(ValidationError) as refused:
        services.case_unlink(case=first, actor=officer, other=second, kind="answered_with")
    assert set(refused.value.message_dict) == {"other"}
    assert not AuditEvent.objects.filter(action="case_unlinked").exists()


def test_items_can_be_corrected_and_the_change_is_audited(case, officer):
    services.case_set_items(case=case, actor=officer, items=["Start date?", "  ", "Cost per year?"])
    assert list(case.items.values_list("text", flat=True)) == ["Start date?", "Cost per year?"]
    event = last_audit(case)
    assert event.action == "items_updated"
    assert event.changes["items"][1] == ["Start date?", "Cost per year?"]


def test_a_case_cannot_be_left_without_items(case, officer):
    with pytest.raises(ValidationError) as refusal:
        services.case_set_items(case=case, actor=officer, items=["", "   "])
    assert "items" in refusal.value.message_dict
    assert case.items.count() == 2


def test_unchanged_items_write_no_audit_event(case, officer):
    before = case.audit_events.count()
    services.case_set_items(case=case, actor=officer, items=["When did you start?", "How much did it cost?"])
    assert case.audit_events.count() == before
