"""Complaints to the commissioner: the rules of logging one, the decision notice, appeals, and the
deadlines the reminder sweep reads."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from foi_cases import complaints, services
from foi_cases.complaints import FindingInput, StepInput
from foi_cases.models import AuditEvent, Complaint, ExtraBankHoliday, TribunalAppeal
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

RESPONDED = date(2020, 1, 10)


@pytest.fixture
def responded(officer, body, on_day):
    """A FOIA request received 12 December 2019, answered 10 January 2020; today is 3 February 2020."""
    case = make_case(actor=officer, body=body, assigned_to=officer)
    on_day(RESPONDED)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=RESPONDED)
    on_day(date(2020, 2, 3))
    case.refresh_from_db()
    return case


def log(case, actor, **overrides):
    values = {
        "regulator": "ico",
        "reference": "IC-123456-A1B2",
        "received_on": date(2020, 2, 3),
        "submission_due_on": date(2020, 2, 24),
    }
    values.update(overrides)
    return complaints.complaint_log(case=case, actor=actor, **values)


def decide(complaint, actor, *, on=date(2020, 3, 2), steps=(), findings=(), outcome="upheld"):
    return complaints.complaint_record_decision(
        complaint=complaint,
        actor=actor,
        decision_notice_reference="IC-123456-A1B2",
        decision_on=on,
        outcome=outcome,
        findings=list(findings),
        steps=list(steps),
    )


# --- references ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["IC-123456-A1B2", "ic-12345-zz99", " IC-1234567-ABCD ", "FS50123456"])
def test_it_accepts_ico_references_and_stores_them_upper_case(reference, responded, officer):
    complaint = log(responded, officer, reference=reference)

    assert complaint.reference == reference.strip().upper()


@pytest.mark.parametrize(
    "reference", ["IC-1234-A1B2", "IC-12345678-A1B2", "IC-123456-A1B", "IC123456A1B2", "FS5012345", "123456789"]
)
def test_it_refuses_references_the_ico_does_not_use(reference, responded, officer):
    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, reference=reference)

    assert "IC-123456-A1B2" in refusal.value.message_dict["reference"][0]


@pytest.mark.parametrize("reference", ["202100123", "2021-00123", "123456"])
def test_it_accepts_scottish_commissioner_references(reference, responded, officer):
    assert log(responded, officer, regulator="sic", reference=reference).reference == reference


@pytest.mark.parametrize("reference", ["12345", "1234567890123", "IC-123456-A1B2", "-2021-001", "2021-ab-123"])
def test_it_refuses_references_the_scottish_commissioner_does_not_use(reference, responded, officer):
    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, regulator="sic", reference=reference)

    assert "reference" in refusal.value.message_dict


def test_a_reference_can_be_logged_only_once(responded, officer):
    log(responded, officer)

    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, reference="ic-123456-a1b2")

    assert refusal.value.message_dict["reference"] == [
        "A complaint with the reference IC-123456-A1B2 is already logged."
    ]


# --- who may complain, and when --------------------------------------------------------------


@pytest.mark.parametrize(("regime", "regulator"), [("foia", "ico"), ("eir", "ico"), ("foisa", "sic"), ("eisr", "sic")])
def test_the_commissioner_defaults_to_the_scottish_one_for_scottish_law(regime, regulator, officer, body):
    case = make_case(actor=officer, body=body, regime=regime)

    assert complaints.default_regulator(case) == regulator


def test_a_complaint_logged_from_a_review_hangs_on_the_original_request(responded, officer, on_day, officer2):
    review = services.review_log(
        case=responded, actor=officer, received_on=date(2020, 1, 20), channel="email", reasons="Not happy."
    )
    review = services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=date(2020, 2, 3))

    complaint = log(review, officer, received_on=date(2020, 2, 3))

    assert complaint.case == responded


def test_a_request_still_in_time_cannot_be_complained_of(officer, body, on_day):
    case = make_case(actor=officer, body=body)
    on_day(date(2019, 12, 20))

    with pytest.raises(ValidationError) as refusal:
        log(case, officer, received_on=date(2019, 12, 20), submission_due_on=None)

    assert "once it is overdue" in refusal.value.message_dict["case"][0]


def test_a_request_never_answered_by_its_deadline_can_be_complained_of(officer, body, on_day):
    case = make_case(actor=officer, body=body)  # due 15 January 2020
    on_day(date(2020, 2, 3))

    assert log(case, officer, received_on=date(2020, 2, 3)).case == case


def test_a_withdrawn_request_cannot_be_complained_of(officer, body, on_day):
    case = make_case(actor=officer, body=body)
    on_day(date(2019, 12, 20))
    services.case_withdraw(case=case, actor=officer, on=date(2019, 12, 20))

    with pytest.raises(ValidationError) as refusal:
        log(case, officer, received_on=date(2019, 12, 20), submission_due_on=None)

    assert "case" in refusal.value.message_dict


def test_a_complaint_cannot_be_received_in_the_future(responded, officer):
    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, received_on=date(2020, 2, 4))

    assert refusal.value.message_dict["received_on"] == ["The date cannot be in the future."]


def test_a_complaint_cannot_be_received_before_the_response(responded, officer):
    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, received_on=date(2020, 1, 9))

    assert refusal.value.message_dict["received_on"] == [
        "The date cannot be before the response was sent (10 January 2020)."
    ]


def test_submissions_cannot_be_due_before_the_complaint_arrived(responded, officer):
    with pytest.raises(ValidationError) as refusal:
        log(responded, officer, submission_due_on=date(2020, 2, 2))

    assert "submission_due_on" in refusal.value.message_dict


def test_logging_a_complaint_is_audited_on_the_case(responded, officer):
    log(responded, officer)

    event = AuditEvent.objects.get(case=responded, action="complaint_logged")
    assert event.actor == officer
    assert "IC-123456-A1B2" in event.summary


# --- the decision notice -----------------------------------------------------------------------


def test_findings_are_offered_for_the_exemptions_the_response_relied_on(issued, officer):
    assert [code for code, _ in complaints.exemption_codes(issued.case)] == ["s24(2)", "s31(3)"]


def test_a_step_is_due_35_calendar_days_after_the_decision_by_default(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer, steps=[StepInput("Disclose the report.")])

    assert complaint.steps.get().comply_by == date(2020, 4, 6)


def test_a_step_keeps_the_date_the_notice_gives(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer, steps=[StepInput("Disclose.", date(2020, 3, 20))])

    assert complaint.steps.get().comply_by == date(2020, 3, 20)


def test_a_step_cannot_be_due_before_the_decision(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    with pytest.raises(ValidationError) as refusal:
        decide(log(responded, officer), officer, steps=[StepInput("Disclose.", date(2020, 3, 1))])

    assert "steps" in refusal.value.message_dict


def test_a_decision_cannot_be_dated_in_the_future(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 1))

    with pytest.raises(ValidationError) as refusal:
        decide(complaint, officer, on=date(2020, 3, 2))

    assert refusal.value.message_dict["decision_on"] == ["The date cannot be in the future."]


def test_the_decision_records_a_finding_per_exemption(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    findings = [FindingInput("s24(2)", "upheld"), FindingInput("s10", "overturned", "Late.")]

    complaint = decide(log(responded, officer), officer, findings=findings)

    assert list(complaint.findings.values_list("code", "finding")) == [("s24(2)", "upheld"), ("s10", "overturned")]


def test_a_decision_with_the_same_exemption_twice_is_refused_whole(responded, officer):
    complaint = log(responded, officer)

    with pytest.raises(ValidationError):
        decide(complaint, officer, findings=[FindingInput("s24(2)", "upheld"), FindingInput("s24(2)", "overturned")])

    complaint.refresh_from_db()
    assert (complaint.decision_on, complaint.findings.count()) == (None, 0)


def test_the_ico_decision_can_be_appealed_to_the_tribunal_within_28_days(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer)
    on_day(date(2020, 3, 20))

    window = complaints.appeal_window(complaint)

    assert (window.body, window.closes_on, window.days_left) == ("First-tier Tribunal", date(2020, 3, 30), 10)


def test_the_scottish_commissioners_decision_goes_to_the_court_of_session_within_42_days(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer, regulator="sic", reference="202000123"), officer)
    on_day(date(2020, 3, 20))

    window = complaints.appeal_window(complaint)

    assert (window.body, window.closes_on, window.days_left) == ("Court of Session", date(2020, 4, 13), 24)


def test_the_authoritys_appeal_after_the_window_is_refused(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer)
    on_day(date(2020, 4, 1))

    with pytest.raises(ValidationError) as refusal:
        complaints.complaint_appeal_record(
            complaint=complaint, actor=officer, appellant="authority", reference="", lodged_on=date(2020, 3, 31)
        )

    assert "closed on 30 March 2020" in refusal.value.message_dict["lodged_on"][0]


def test_the_requesters_late_appeal_is_recorded_with_a_warning(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer)
    on_day(date(2020, 4, 1))

    recorded = complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="requester", reference="EA/2020/0042", lodged_on=date(2020, 3, 31)
    )

    assert recorded.appeal.appellant == TribunalAppeal.Appellant.REQUESTER
    assert "lodged late" in recorded.warning


def test_a_complaint_with_steps_outstanding_cannot_be_closed(responded, officer, on_day):
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer, steps=[StepInput("Disclose.")])

    with pytest.raises(ValidationError):
        complaints.complaint_close(complaint=complaint, actor=officer, closed_on=date(2020, 3, 2))


def test_a_complaint_resolved_informally_closes_before_a_decision(responded, officer):
    complaint = log(responded, officer)

    complaints.complaint_close(
        complaint=complaint, actor=officer, closed_on=date(2020, 2, 3), outcome="informally_resolved"
    )

    complaint.refresh_from_db()
    assert (complaint.closed_on, complaint.outcome) == (date(2020, 2, 3), Complaint.Outcome.INFORMALLY_RESOLVED)


def test_before_a_decision_a_complaint_cannot_close_as_upheld(responded, officer):
    with pytest.raises(ValidationError) as refusal:
        complaints.complaint_close(
            complaint=log(responded, officer), actor=officer, closed_on=date(2020, 2, 3), outcome="upheld"
        )

    assert "outcome" in refusal.value.message_dict


def test_each_change_to_a_complaint_is_audited(responded, officer, on_day):
    complaint = log(responded, officer)
    complaints.complaint_record_submissions(complaint=complaint, actor=officer, submitted_on=date(2020, 2, 3))
    on_day(date(2020, 3, 10))
    decide(complaint, officer, steps=[StepInput("Disclose.")])
    complaints.complaint_step_comply(step=complaint.steps.get(), actor=officer, complied_on=date(2020, 3, 10))
    appeal = complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="requester", reference="", lodged_on=date(2020, 3, 10)
    ).appeal
    complaints.complaint_appeal_decide(appeal=appeal, actor=officer, outcome="dismissed", decided_on=date(2020, 3, 10))
    complaints.complaint_close(complaint=complaint, actor=officer, closed_on=date(2020, 3, 10))

    assert list(
        AuditEvent.objects.filter(case=responded, action__startswith="complaint_").values_list("action", flat=True)
    ) == [
        "complaint_logged",
        "complaint_submissions",
        "complaint_decision",
        "complaint_step_complied",
        "complaint_appeal",
        "complaint_appeal_decided",
        "complaint_closed",
    ]


# --- the deadlines the reminder sweep reads --------------------------------------------------------


def test_submissions_not_yet_made_are_a_deadline(responded, officer):
    complaint = log(responded, officer)

    [deadline] = complaints.complaint_deadlines(until=date(2020, 2, 24))

    assert (deadline.complaint, deadline.what, deadline.due_on, deadline.responsible) == (
        complaint,
        "Submissions due to the ICO",
        date(2020, 2, 24),
        officer,
    )
    assert deadline.key == f"complaint:{complaint.pk}:submissions:2020-02-24"


def test_deadlines_after_the_last_day_asked_for_are_left_out(responded, officer):
    log(responded, officer)

    assert complaints.complaint_deadlines(until=date(2020, 2, 23)) == []


def test_overdue_submissions_stay_until_sent(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 1))

    assert [d.due_on for d in complaints.complaint_deadlines(until=date(2020, 3, 1))] == [date(2020, 2, 24)]
    complaints.complaint_record_submissions(complaint=complaint, actor=officer, submitted_on=date(2020, 3, 1))
    assert complaints.complaint_deadlines(until=date(2020, 3, 1)) == []


def test_the_handling_officer_is_responsible_before_the_cases_officer(responded, officer, officer2):
    log(responded, officer, handled_by=officer2)

    assert complaints.complaint_deadlines(until=date(2020, 2, 24))[0].responsible == officer2


def test_steps_and_the_appeal_window_are_deadlines_earliest_first(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 2))
    decide(
        complaint,
        officer,
        steps=[StepInput("Disclose the report in full, " * 5), StepInput("Apologise.", date(2020, 3, 20))],
    )

    deadlines = complaints.complaint_deadlines(until=date(2020, 4, 30))

    assert [(d.what[:31], d.due_on) for d in deadlines] == [
        ("Step ordered: Apologise.", date(2020, 3, 20)),
        ("Tribunal appeal window closes", date(2020, 3, 30)),
        ("Step ordered: Disclose the repo", date(2020, 4, 6)),
    ]
    assert len(deadlines[2].what) == len("Step ordered: ") + 80


def test_a_step_complied_with_drops_out(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 2))
    decide(complaint, officer, steps=[StepInput("Disclose.")])
    complaints.complaint_step_comply(step=complaint.steps.get(), actor=officer, complied_on=date(2020, 3, 2))

    assert [d.what for d in complaints.complaint_deadlines(until=date(2020, 4, 30))] == [
        "Tribunal appeal window closes"
    ]


def test_the_appeal_window_drops_out_once_it_has_passed(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 2))
    decide(complaint, officer)
    on_day(date(2020, 3, 31))

    assert complaints.complaint_deadlines(until=date(2020, 4, 30)) == []


def test_the_appeal_window_drops_out_once_an_appeal_is_lodged(responded, officer, on_day):
    complaint = log(responded, officer)
    on_day(date(2020, 3, 2))
    decide(complaint, officer)
    complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="authority", reference="", lodged_on=date(2020, 3, 2)
    )

    assert complaints.complaint_deadlines(until=date(2020, 4, 30)) == []


def test_the_scottish_appeal_window_is_the_court_of_sessions(responded, officer, on_day):
    complaint = log(responded, officer, regulator="sic", reference="202000123", submission_due_on=None)
    on_day(date(2020, 3, 2))
    decide(complaint, officer)

    [deadline] = complaints.complaint_deadlines(until=date(2020, 4, 30))

    assert (deadline.what, deadline.due_on) == ("Court of Session appeal window closes", date(2020, 4, 13))


def test_a_closed_complaint_has_no_deadlines(responded, officer):
    complaint = log(responded, officer)
    complaints.complaint_close(complaint=complaint, actor=officer, closed_on=date(2020, 2, 3), outcome="withdrawn")

    assert complaints.complaint_deadlines(until=date(2020, 4, 30)) == []


# --- an appeal window ending on a day the court is closed ---------------------------------------------


def test_an_ico_appeal_window_ending_on_a_saturday_runs_to_the_monday(responded, officer, on_day):
    on_day(date(2020, 3, 7))
    complaint = decide(log(responded, officer), officer, on=date(2020, 3, 7))  # + 28 days: Saturday 4 April

    assert complaints.appeal_window(complaint).closes_on == date(2020, 4, 6)


def test_an_ico_appeal_window_ending_on_easter_monday_runs_to_the_tuesday(responded, officer, on_day):
    on_day(date(2020, 3, 16))
    complaint = decide(log(responded, officer), officer, on=date(2020, 3, 16))  # + 28 days: 13 April 2020

    assert complaints.appeal_window(complaint).closes_on == date(2020, 4, 14)


def test_an_ico_appeal_window_ending_on_an_extra_bank_holiday_runs_past_it(responded, officer, on_day):
    ExtraBankHoliday.objects.create(date=date(2020, 3, 30), name="Proclaimed holiday", nation="england-and-wales")
    on_day(date(2020, 3, 2))
    complaint = decide(log(responded, officer), officer)  # + 28 days: Monday 30 March

    assert complaints.appeal_window(complaint).closes_on == date(2020, 3, 31)


def test_the_court_of_sessions_window_runs_past_a_scottish_bank_holiday(responded, officer, on_day):
    on_day(date(2020, 10, 19))
    complaint = log(responded, officer, regulator="sic", reference="202000123", submission_due_on=None)
    complaint = decide(complaint, officer, on=date(2020, 10, 19))  # + 42 days: St Andrew's Day, 30 November

    assert complaints.appeal_window(complaint).closes_on == date(2020, 12, 1)


def test_the_authoritys_appeal_on_the_next_working_day_after_a_weekend_end_is_in_time(responded, officer, on_day):
    on_day(date(2020, 3, 7))
    complaint = decide(log(responded, officer), officer, on=date(2020, 3, 7))
    on_day(date(2020, 4, 6))

    recorded = complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="authority", reference="", lodged_on=date(2020, 4, 6)
    )

    assert (recorded.appeal.lodged_on, recorded.warning) == (date(2020, 4, 6), None)


def test_the_appeal_window_deadline_falls_on_the_next_working_day(responded, officer, on_day):
    complaint = log(responded, officer, submission_due_on=None)
    on_day(date(2020, 3, 7))
    decide(complaint, officer, on=date(2020, 3, 7))

    [deadline] = complaints.complaint_deadlines(until=date(2020, 4, 30))

    assert (deadline.due_on, deadline.key) == (date(2020, 4, 6), f"complaint:{complaint.pk}:appeal:2020-04-06")


def test_the_deadlines_are_read_as_on_the_day_asked_for(responded, officer, on_day):
    complaint = log(responded, officer, submission_due_on=None)
    on_day(date(2020, 3, 2))
    decide(complaint, officer)
    on_day(date(2020, 3, 31))  # the window closed on 30 March

    deadlines = complaints.complaint_deadlines(until=date(2020, 4, 30), on=date(2020, 3, 30))

    assert [(d.what, d.due_on) for d in deadlines] == [("Tribunal appeal window closes", date(2020, 3, 30))]


# --- closing while an appeal is undecided -------------------------------------------------------------


def test_a_complaint_cannot_be_closed_while_an_appeal_is_undecided(responded, officer, on_day):
    on_day(date(2020, 3, 10))
    complaint = decide(log(responded, officer), officer, on=date(2020, 3, 10))
    complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="requester", reference="", lodged_on=date(2020, 3, 10)
    )

    with pytest.raises(ValidationError) as refusal:
        complaints.complaint_close(complaint=complaint, actor=officer, closed_on=date(2020, 3, 10))

    complaint.refresh_from_db()
    assert "record its outcome before closing" in refusal.value.messages[0]
    assert complaint.closed_on is None


def test_one_undecided_appeal_of_two_keeps_the_complaint_open(responded, officer, on_day):
    on_day(date(2020, 3, 10))
    complaint = decide(log(responded, officer), officer, on=date(2020, 3, 10))
    for appellant in ("requester", "authority"):
        complaints.complaint_appeal_record(
            complaint=complaint, actor=officer, appellant=appellant, reference="", lodged_on=date(2020, 3, 10)
        )
    first = complaint.appeals.order_by("pk").first()
    complaints.complaint_appeal_decide(appeal=first, actor=officer, outcome="dismissed", decided_on=date(2020, 3, 10))

    with pytest.raises(ValidationError):
        complaints.complaint_close(complaint=complaint, actor=officer, closed_on=date(2020, 3, 10))
