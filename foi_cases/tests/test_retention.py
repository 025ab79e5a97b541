"""Retention: which closed cases are due for anonymisation, and what a run removes and keeps.

The unit keeps requester data six years (the default). A case closed on Friday 10 January 2020 is
due once its group has been finished for more than six years: from 11 January 2026."""

import threading
from datetime import date, datetime, time

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from foi_cases import portal, retention, services, tasks
from foi_cases.models import (
    AuditEvent,
    Case,
    ClockEvent,
    Complaint,
    ComplaintFinding,
    ComplaintStep,
    Reminder,
    Requester,
    RequesterMessage,
    RetentionRun,
    StatusToken,
    TribunalAppeal,
)
from foi_cases.tests.factories import make_case
from responses import issuing
from responses.models import CaseExemption, Dispatch, LetterPdf

CLOSED = date(2020, 1, 10)
ANNIVERSARY = date(2026, 1, 10)
DAY_AFTER = date(2026, 1, 11)


def closed_at(day: date):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def close(case, actor, on: date = CLOSED, outcome: str = "granted"):
    """Close the case as responded on `on`, as if it had been closed that day."""
    services.case_close(case=case, actor=actor, outcome=outcome, responded_on=on)
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at(on))
    case.refresh_from_db()
    return case


@pytest.fixture(autouse=True)
def today(on_day):
    on_day(date(2026, 11, 26))


@pytest.fixture
def closed(officer, body):
    return close(make_case(actor=officer, body=body), officer)


def due_on(day: date) -> list[str]:
    return sorted(retention.retention_due(on=day).values_list("reference", flat=True))


def review_of(case, actor, received_on=date(2020, 1, 15)):
    return services.review_log(case=case, actor=actor, received_on=received_on, channel="email", reasons="Unhappy.")


def complaint_about(case, **dates):
    return Complaint.objects.create(case=case, reference=f"IC-{case.pk}-X", received_on=date(2020, 3, 1), **dates)


# --- the rule ----------------------------------------------------------------------------------------


def test_six_years_to_the_day_after_closing_a_case_is_not_yet_due(closed):
    assert due_on(ANNIVERSARY) == []


def test_the_day_after_six_years_a_closed_case_is_due(closed):
    assert due_on(DAY_AFTER) == [closed.reference]


def test_an_open_case_is_never_due(officer, body):
    make_case(actor=officer, body=body)
    assert due_on(date(2040, 1, 1)) == []


def test_the_units_retention_period_sets_when_a_case_is_due(closed):
    unit = services.unit_get()
    unit.retention_years = 3
    unit.save()
    assert (due_on(date(2023, 1, 10)), due_on(date(2023, 1, 11))) == ([], [closed.reference])


def test_a_case_closed_on_a_leap_day_is_due_from_the_first_of_march(officer, body):
    case = close(make_case(actor=officer, body=body, received_on=date(2020, 2, 3)), officer, date(2020, 2, 29))
    assert (due_on(date(2026, 2, 28)), due_on(date(2026, 3, 1))) == ([], [case.reference])


def test_on_a_leap_day_the_cases_closed_six_years_before_on_the_28th_are_not_yet_due(officer, body):
    case = close(make_case(actor=officer, body=body, received_on=date(2018, 2, 1)), officer, date(2018, 2, 28))
    assert (due_on(date(2024, 2, 29)), due_on(date(2024, 3, 1))) == ([], [case.reference])


def test_an_open_review_keeps_the_case_it_reviews(closed, officer):
    review_of(closed, officer)
    assert due_on(date(2040, 1, 1)) == []


def test_a_review_is_due_with_its_original_when_the_later_of_them_finished_six_years_ago(closed, officer, officer2):
    review = close(review_of(closed, officer), officer2, date(2020, 2, 5), outcome="review_upheld")
    assert (due_on(date(2026, 2, 5)), due_on(date(2026, 2, 6))) == ([], sorted([closed.reference, review.reference]))


def test_an_open_complaint_to_the_commissioner_keeps_the_case(closed):
    complaint_about(closed)
    assert due_on(date(2040, 1, 1)) == []


def test_a_complaint_closed_later_keeps_the_case_until_six_years_after_it_closed(closed):
    complaint_about(closed, decision_on=date(2021, 2, 1), closed_on=date(2021, 3, 1))
    assert (due_on(date(2027, 3, 1)), due_on(date(2027, 3, 2))) == ([], [closed.reference])


def test_a_complaint_about_the_review_keeps_the_original_too(closed, officer, officer2):
    review = close(review_of(closed, officer), officer2, date(2020, 2, 5), outcome="review_upheld")
    complaint_about(review)
    assert due_on(date(2040, 1, 1)) == []


def test_an_undecided_tribunal_appeal_keeps_the_case(closed, officer):
    complaint = complaint_about(closed, decision_on=date(2021, 2, 1), closed_on=date(2021, 2, 1))
    TribunalAppeal.objects.create(complaint=complaint, appellant="requester", lodged_on=date(2021, 2, 20))
    assert due_on(date(2040, 1, 1)) == []


def test_a_decided_appeal_keeps_the_case_until_six_years_after_its_decision(closed):
    complaint = complaint_about(closed, decision_on=date(2021, 2, 1), closed_on=date(2021, 2, 1))
    TribunalAppeal.objects.create(
        complaint=complaint, appellant="requester", lodged_on=date(2021, 2, 20), decided_on=date(2022, 5, 3)
    )
    assert (due_on(date(2028, 5, 3)), due_on(date(2028, 5, 4))) == ([], [closed.reference])


def test_an_anonymised_case_is_no_longer_due(closed):
    retention.retention_run(on=DAY_AFTER)
    assert due_on(DAY_AFTER) == []


def test_cases_becoming_due_within_30_days_are_previewed_with_their_date(closed):
    upcoming = list(retention.retention_upcoming(on=date(2025, 12, 15)))
    assert [(case.reference, retention.retention_due_on(case, 6)) for case in upcoming] == [
        (closed.reference, DAY_AFTER)
    ]


def test_a_case_due_in_more_than_30_days_is_not_previewed(closed):
    assert list(retention.retention_upcoming(on=date(2025, 12, 10))) == []


def test_a_leap_day_finish_becomes_due_on_the_first_of_march():
    class Annotated:
        group_finished_on = date(2020, 2, 29)

    assert retention.retention_due_on(Annotated(), 6) == date(2026, 3, 1)


# --- what a run removes ---------------------------------------------------------------------------------


@pytest.fixture
def sent(issued, officer, on_day):
    """The case answered by an emailed NCND letter on 10 January 2020, closed that day."""
    on_day(CLOSED)
    issuing.letter_send(letter=issued, actor=officer, method="email")
    case = issued.case
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at(CLOSED))
    on_day(date(2026, 11, 26))
    case.refresh_from_db()
    return case


@pytest.fixture
def personal(sent, officer):
    """Everything that names or reaches the requester."""
    requester = sent.requester
    requester.address, requester.organisation = "1 High Street\nBedford MK40 1AA", "Bedford Residents"
    requester.save()
    portal.status_token_issue(case=sent)
    RequesterMessage.objects.create(case=sent, kind="clarification", text="I am Alex, at 1 High Street.")
    Reminder.objects.create(
        key=f"chase:{sent.pk}",
        kind="clarification_chase",
        swept_on=date(2020, 1, 5),
        to_email="alex@example.org",
        case=sent,
        subject="Your request",
        body="Dear Alex Requester, we are still waiting.",
    )
    services.audit(
        case=sent,
        actor=officer,
        action="requester_updated",
        summary="Requester email changed from alex@example.org.",
        changes={"email": ["alex@example.org", "alex@example.com"], "address": ["Bedford MK40 1AA", ""]},
    )
    return sent


@pytest.fixture
def anonymised(personal):
    run = retention.retention_run(on=DAY_AFTER)
    personal.refresh_from_db()
    return personal, run


def test_the_requesters_name_and_contact_details_are_removed(anonymised):
    case, _ = anonymised
    requester = case.requester
    assert (requester.name, requester.email, requester.address, requester.organisation) == (
        "Anonymised requester",
        "",
        "",
        "",
    )


def test_the_requester_type_is_kept_for_the_statistics(anonymised):
    case, _ = anonymised
    assert case.requester.requester_type == "public"


def test_the_cases_private_status_links_are_deleted(anonymised):
    case, _ = anonymised
    assert not StatusToken.objects.filter(case=case).exists()


def test_messages_sent_through_the_portal_are_removed(anonymised):
    case, _ = anonymised
    assert list(RequesterMessage.objects.filter(case=case).values_list("text", flat=True)) == [
        "[Removed under the retention policy]"
    ]


def test_the_address_a_letter_was_emailed_to_is_removed(anonymised):
    case, _ = anonymised
    assert list(Dispatch.objects.filter(cases=case).values_list("sent_to", flat=True)) == [""]


@pytest.fixture
def linked_dispatch(sent, officer, body):
    """The letter also went, in the same dispatch, to the requester of a linked case still running."""
    other = make_case(actor=officer, body=body, name="Sam Other", email="sam@example.org")
    dispatch = Dispatch.objects.get(cases=sent)
    dispatch.cases.add(other)
    Dispatch.objects.filter(pk=dispatch.pk).update(sent_to="alex@example.org, sam@example.org")
    return dispatch


def test_a_letter_that_also_reached_a_kept_case_keeps_that_requesters_address(linked_dispatch):
    retention.retention_run(on=DAY_AFTER)

    linked_dispatch.refresh_from_db()
    assert linked_dispatch.sent_to == "sam@example.org"


def test_a_letter_whose_cases_are_all_anonymised_loses_every_address(linked_dispatch, officer):
    other = linked_dispatch.cases.get(requester__email="sam@example.org")
    close(other, officer)

    retention.retention_run(on=DAY_AFTER)

    linked_dispatch.refresh_from_db()
    assert linked_dispatch.sent_to == ""


def test_an_address_a_kept_cases_requester_shares_is_kept(sent, officer, body):
    other = make_case(actor=officer, body=body, email="alex@example.org")
    dispatch = Dispatch.objects.get(cases=sent)
    dispatch.cases.add(other)

    retention.retention_run(on=DAY_AFTER)

    dispatch.refresh_from_db()
    assert dispatch.sent_to == "alex@example.org"


def test_a_chaser_to_the_requester_loses_its_address_and_text(anonymised):
    case, _ = anonymised
    chaser = Reminder.objects.get(case=case)
    assert (chaser.to_email, chaser.body) == ("", "[Removed under the retention policy]")


def test_the_requesters_details_are_removed_from_the_audit_trail_and_the_event_kept(anonymised):
    case, _ = anonymised
    event = AuditEvent.objects.get(case=case, action="requester_updated")
    assert (event.summary, event.changes) == (
        "Requester email changed from [removed].",
        {"email": ["[removed]", "alex@example.com"], "address": ["[removed]", ""]},
    )


def test_no_trace_of_the_requester_is_left_on_the_case(anonymised):
    case, _ = anonymised
    trail = " ".join(f"{event.summary} {event.changes}" for event in AuditEvent.objects.filter(case=case))
    assert not any(detail in trail for detail in ("alex@example.org", "Alex Requester", "High Street"))


def test_the_case_is_stamped_anonymised(anonymised):
    case, _ = anonymised
    assert case.anonymised_at is not None


def test_each_anonymised_case_gets_one_audit_event(anonymised):
    case, _ = anonymised
    event = AuditEvent.objects.get(case=case, action="case_anonymised")
    assert "removed under the retention policy" in event.summary


# --- what a run keeps --------------------------------------------------------------------------------


@pytest.fixture
def before(personal):
    case = Case.objects.get(pk=personal.pk)
    letter = case.letters.get()
    pdf = LetterPdf.objects.get(letter=letter)
    return {
        "case": (
            case.status,
            case.outcome,
            case.received_on,
            case.responded_on,
            case.due_on,
            case.answered_in_time,
            case.working_days_taken,
            case.request_text,
            case.subject,
        ),
        "letter": [section.text for section in letter.sections.all()],
        "pdf": (pdf.sha256, pdf.file.name, pdf.file.storage.exists(pdf.file.name)),
        "exemptions": sorted(CaseExemption.objects.filter(case=case).values_list("code", flat=True)),
    }


def test_the_case_its_dates_outcome_and_statistics_are_kept(before, personal):
    retention.retention_run(on=DAY_AFTER)
    case = Case.objects.get(pk=personal.pk)
    assert (
        case.status,
        case.outcome,
        case.received_on,
        case.responded_on,
        case.due_on,
        case.answered_in_time,
        case.working_days_taken,
        case.request_text,
        case.subject,
    ) == before["case"]


def test_the_letters_text_is_kept(before, personal):
    retention.retention_run(on=DAY_AFTER)
    assert [section.text for section in personal.letters.get().sections.all()] == before["letter"]


def test_the_signed_pdf_is_kept(before, personal):
    retention.retention_run(on=DAY_AFTER)
    pdf = LetterPdf.objects.get(letter=personal.letters.get())
    assert (pdf.sha256, pdf.file.name, pdf.file.storage.exists(pdf.file.name)) == before["pdf"]


def test_the_exemptions_relied_on_are_kept(before, personal):
    retention.retention_run(on=DAY_AFTER)
    assert sorted(CaseExemption.objects.filter(case=personal).values_list("code", flat=True)) == before["exemptions"]
    assert before["exemptions"] == ["s24(2)", "s31(3)"]


def test_a_case_not_yet_due_keeps_its_requester(personal):
    retention.retention_run(on=ANNIVERSARY)
    personal.requester.refresh_from_db()
    assert personal.requester.name == "Alex Requester"


def test_a_review_is_anonymised_with_its_original(closed, officer, officer2):
    review = close(review_of(closed, officer), officer2, date(2020, 2, 5), outcome="review_upheld")
    run = retention.retention_run(on=date(2026, 2, 6))
    names = set(Case.objects.filter(pk__in=[closed.pk, review.pk]).values_list("requester__name", flat=True))
    assert (sorted(run.references), names) == (sorted([closed.reference, review.reference]), {"Anonymised requester"})


# --- runs ---------------------------------------------------------------------------------------------


def test_a_run_records_the_rule_and_the_cases_it_anonymised(closed, administrator):
    run = retention.retention_run(actor=administrator, on=DAY_AFTER)
    run.refresh_from_db()
    assert (run.closed_before, run.retention_years, run.actor, run.anonymised, run.references) == (
        date(2020, 1, 11),
        6,
        administrator,
        1,
        [closed.reference],
    )


def test_a_run_is_audited(closed):
    run = retention.retention_run(on=DAY_AFTER)
    event = AuditEvent.objects.get(action="retention_run")
    assert (event.case, event.changes["run"], event.changes["anonymised"]) == (None, run.pk, 1)


def test_a_second_run_anonymises_nothing_and_is_recorded_too(closed):
    retention.retention_run(on=DAY_AFTER)
    second = retention.retention_run(on=DAY_AFTER)
    assert (second.anonymised, RetentionRun.objects.count()) == (0, 2)


def test_a_second_run_leaves_a_single_anonymised_event_per_case(closed):
    retention.retention_run(on=DAY_AFTER)
    retention.retention_run(on=DAY_AFTER)
    assert AuditEvent.objects.filter(case=closed, action="case_anonymised").count() == 1


def test_a_run_with_nothing_due_is_recorded(db):
    run = retention.retention_run(on=DAY_AFTER)
    assert (run.anonymised, run.finished_at is not None, RetentionRun.objects.count()) == (0, True, 1)


def test_a_run_sends_no_email(personal):
    mail.outbox.clear()
    retention.retention_run(on=DAY_AFTER)
    assert mail.outbox == []


def test_the_nightly_task_runs_the_retention_job(closed, on_day):
    on_day(DAY_AFTER)
    assert (tasks.anonymise_expired_cases.delay().get(), RetentionRun.objects.get().actor) == (1, None)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_anonymise_each_case_once(officer, body):
    assert connection.vendor == "postgresql"
    cases = [close(make_case(actor=officer, body=body), officer) for _ in range(6)]
    barrier = threading.Barrier(2)
    runs = []

    def run():
        try:
            barrier.wait()
            runs.append(retention.retention_run(on=DAY_AFTER))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    anonymised = AuditEvent.objects.filter(action="case_anonymised").values_list("case_id", flat=True)
    assert (sum(r.anonymised for r in runs), sorted(anonymised)) == (6, sorted(c.pk for c in cases))


# --- officers' notes that name the requester ---------------------------------------------------------

NOTE = "Alex Requester (alex@example.org, 1 High Street) says the s24 point was never addressed."
SCRUBBED = "[removed] ([removed], [removed]) says the s24 point was never addressed."
AFTER_ALL = date(2030, 1, 1)


@pytest.fixture
def decided(closed):
    """A complaint to the commissioner about the case, decided and closed in 2020."""
    requester = closed.requester
    requester.address = "1 High Street\nBedford MK40 1AA"
    requester.save()
    return complaint_about(closed, decision_on=date(2020, 5, 1), closed_on=date(2020, 5, 1), notes=NOTE)


def test_a_complaint_note_naming_the_requester_loses_their_details_and_keeps_the_rest(decided):
    retention.retention_run(on=AFTER_ALL)
    decided.refresh_from_db()
    assert decided.notes == SCRUBBED


def test_a_decision_notice_finding_note_naming_the_requester_loses_their_details(decided):
    finding = ComplaintFinding.objects.create(complaint=decided, code="s24(2)", finding="upheld", note=NOTE)
    retention.retention_run(on=AFTER_ALL)
    finding.refresh_from_db()
    assert finding.note == SCRUBBED


def test_an_ordered_step_naming_the_requester_loses_their_details(decided):
    step = ComplaintStep.objects.create(
        complaint=decided, description=NOTE, comply_by=date(2020, 6, 1), complied_on=date(2020, 5, 20)
    )
    retention.retention_run(on=AFTER_ALL)
    step.refresh_from_db()
    assert step.description == SCRUBBED


def test_a_tribunal_appeal_note_naming_the_requester_loses_their_details(decided):
    appeal = TribunalAppeal.objects.create(
        complaint=decided, appellant="requester", lodged_on=date(2020, 5, 20), decided_on=date(2020, 9, 1), notes=NOTE
    )
    retention.retention_run(on=AFTER_ALL)
    appeal.refresh_from_db()
    assert appeal.notes == SCRUBBED


def test_a_complaint_about_the_review_loses_the_details_the_original_case_had(closed, officer, officer2):
    review = close(review_of(closed, officer), officer2, date(2020, 2, 5), outcome="review_upheld")
    Requester.objects.filter(pk=closed.requester_id).update(email="alex.old@example.org")
    complaint = complaint_about(
        review,
        decision_on=date(2020, 5, 1),
        closed_on=date(2020, 5, 1),
        notes="Complainant wrote from alex.old@example.org.",
    )
    retention.retention_run(on=AFTER_ALL)
    complaint.refresh_from_db()
    assert complaint.notes == "Complainant wrote from [removed]."


def test_a_complaint_note_not_naming_the_requester_is_kept_as_it_was(closed):
    complaint = complaint_about(closed, decision_on=date(2020, 5, 1), closed_on=date(2020, 5, 1), notes="Late, s10.")
    retention.retention_run(on=AFTER_ALL)
    complaint.refresh_from_db()
    assert complaint.notes == "Late, s10."


def test_a_clock_event_note_and_void_reason_naming_the_requester_lose_their_details(closed, officer):
    event = ClockEvent.objects.create(
        case=closed,
        kind="clarification_requested",
        occurred_on=date(2019, 12, 13),
        note="Phoned Alex Requester to ask which cameras.",
        void_reason="Alex Requester had already said which cameras.",
        voided_at=closed_at(date(2019, 12, 16)),
        voided_by=officer,
    )
    retention.retention_run(on=DAY_AFTER)
    event.refresh_from_db()
    assert (event.note, event.void_reason) == (
        "Phoned [removed] to ask which cameras.",
        "[removed] had already said which cameras.",
    )


def staff_reminder(officer, case=None, **fields):
    return Reminder.objects.create(
        key=f"test:{Reminder.objects.count()}",
        kind="complaint-due",
        swept_on=date(2020, 3, 2),
        recipient=officer,
        to_email=officer.email or "officer@example.org",
        case=case,
        **fields,
    )


def test_a_staff_reminder_quoting_the_requester_loses_their_details_and_keeps_the_rest(closed, officer):
    reminder = staff_reminder(
        officer,
        closed,
        subject="IC-1: Step ordered: write to Alex Requester is due",
        body=f"- IC-1 (case {closed.reference}): Step ordered: write to Alex Requester\n  Due 1 April 2020",
    )
    retention.retention_run(on=DAY_AFTER)
    reminder.refresh_from_db()
    assert (reminder.subject, reminder.body) == (
        "IC-1: Step ordered: write to [removed] is due",
        f"- IC-1 (case {closed.reference}): Step ordered: write to [removed]\n  Due 1 April 2020",
    )


def test_a_staff_digest_listing_the_case_loses_the_requesters_details(closed, officer):
    digest = staff_reminder(
        officer,
        subject="Your reminders for 2 March 2020: 1 item",
        body=f"- IC-1 (case {closed.reference}): Step ordered: write to Alex Requester",
    )
    retention.retention_run(on=DAY_AFTER)
    digest.refresh_from_db()
    assert digest.body == f"- IC-1 (case {closed.reference}): Step ordered: write to [removed]"


def test_a_staff_digest_not_listing_the_case_is_kept_as_it_was(closed, officer):
    digest = staff_reminder(
        officer, subject="Your reminders", body="- FOI-OTHER: Step ordered: write to Alex Requester"
    )
    retention.retention_run(on=DAY_AFTER)
    digest.refresh_from_db()
    assert digest.body == "- FOI-OTHER: Step ordered: write to Alex Requester"
