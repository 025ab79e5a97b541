"""Safeguards found in review: each test is a case that used to go wrong.

Dates: FOIA received Mon 1 Sep 2025 is due Mon 29 Sep 2025. A SAR received then is due Wed 1 Oct;
extended by one month it is due Mon 3 Nov (1 Nov is a Saturday).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services
from foi_cases.models import Case, ExtraBankHoliday
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db
RECEIVED = date(2025, 9, 1)


def test_references_already_taken_are_skipped_after_the_unit_changes_its_sequences(officer, body):
    make_case(actor=officer, body=body, received_on=RECEIVED)
    make_case(actor=officer, body=body, received_on=RECEIVED)
    unit = services.unit_get()
    unit.sequence_per_prefix = True  # the new "FOI" series starts again at 1
    unit.full_clean()
    unit.save()

    third = make_case(actor=officer, body=body, received_on=RECEIVED)

    assert third.reference == "FOI2025/00003"


def test_a_sar_extension_notified_after_the_first_month_is_refused(officer, body):
    case = make_case(actor=officer, body=body, regime="sar", received_on=RECEIVED)
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 9, 20), days=1)

    with pytest.raises(ValidationError) as refusal:
        services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 10, 20), days=1)

    assert "late" in refusal.value.message_dict["on"][0]
    assert Case.objects.get(pk=case.pk).due_on == date(2025, 11, 3)
    assert case.clock_events.count() == 1


def test_an_extension_note_is_kept_in_the_timeline(officer, body):
    case = make_case(actor=officer, body=body, received_on=RECEIVED)
    services.clock_event_record(
        case=case, actor=officer, kind="extension", on=date(2025, 9, 20), days=10, note="s31 PIT; decision by 13 Oct"
    )
    assert case.audit_events.last().summary.endswith("Note: s31 PIT; decision by 13 Oct")


def test_a_recomputed_deadline_is_audited(officer, body):
    case = make_case(actor=officer, body=body, received_on=RECEIVED)
    ExtraBankHoliday.objects.create(date=date(2025, 9, 10), name="Proclaimed", nation="england-and-wales")

    assert services.open_cases_refresh_deadlines() == 1

    event = case.audit_events.last()
    assert event.action == "deadline_recomputed"
    assert event.changes == {"due_on": ["2025-09-29", "2025-09-30"]}


def test_closing_judges_timeliness_on_the_current_deadline_not_a_stale_stored_one(officer, body):
    case = make_case(actor=officer, body=body, received_on=RECEIVED)
    # A holiday added with no refresh yet (the broker was down): the stored date is a day early.
    ExtraBankHoliday.objects.create(date=date(2025, 9, 10), name="Proclaimed", nation="england-and-wales")

    closed = services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2025, 9, 30))

    assert closed.answered_in_time is True


def test_reopening_recomputes_the_deadline(officer, supervisor, body):
    case = make_case(actor=officer, body=body, received_on=RECEIVED)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2025, 9, 20))
    ExtraBankHoliday.objects.create(date=date(2025, 9, 10), name="Proclaimed", nation="england-and-wales")

    reopened = services.case_reopen(case=case, actor=supervisor, reason="Answered the wrong question")

    assert reopened.due_on == date(2025, 9, 30)


def test_a_case_with_an_extension_cannot_move_between_sar_and_foia(officer, body):
    case = make_case(actor=officer, body=body, regime="sar", received_on=RECEIVED)
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 9, 20), days=2)

    with pytest.raises(ValidationError) as refusal:
        services.case_update(case=case, actor=officer, regime="foia")

    assert "regime" in refusal.value.message_dict
    assert Case.objects.get(pk=case.pk).regime == "sar"


def test_cases_answered_together_form_one_group(officer, body):
    a, b, c = (make_case(actor=officer, body=body, received_on=RECEIVED) for _ in range(3))
    services.case_link(case=a, actor=officer, other=b, kind="answered_with")
    services.case_link(case=c, actor=officer, other=b, kind="answered_with")

    group = ["FOI2025/00001", "FOI2025/00002", "FOI2025/00003"]
    for case in (a, b, c):
        assert sorted(Case.objects.get(pk=case.pk).joint_reference.split(" & ")) == group


def test_unlinking_takes_a_case_out_of_its_group_and_leaves_the_rest_together(officer, body):
    a, b, c = (make_case(actor=officer, body=body, received_on=RECEIVED) for _ in range(3))
    services.case_link(case=a, actor=officer, other=b, kind="answered_with")
    services.case_link(case=a, actor=officer, other=c, kind="answered_with")

    services.case_unlink(case=a, actor=officer, other=c, kind="answered_with")

    assert not c.answered_with.exists()
    assert list(a.answered_with.all()) == [b]


def test_items_given_on_create_are_bounded_like_corrections(officer, body):
    with pytest.raises(ValidationError) as refusal:
        make_case_with_items(officer, body, ["x" * 20_001])
    assert "items" in refusal.value.message_dict
    assert not Case.objects.exists()


def test_a_case_cannot_be_logged_for_a_body_the_unit_no_longer_serves(officer, body):
    body.is_active = False
    body.save()
    with pytest.raises(ValidationError) as refusal:
        make_case(actor=officer, body=body, received_on=RECEIVED)
    assert "body" in refusal.value.message_dict


def make_case_with_items(actor, body, items):
    return services.case_create(
        actor=actor,
        regime="foia",
        received_on=RECEIVED,
        channel="email",
        subject="Cameras",
        request_text="Cameras",
        requester=services.RequesterDetails(name="Alex"),
        body=body,
        items=items,
    )
