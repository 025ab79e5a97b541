"""The complaint screens: logging a complaint from a case, the complaint's page, and the list.

The request: FOIA, received 12 December 2019, answered 10 January 2020.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from foi_cases import complaints, services
from foi_cases.complaints import StepInput
from foi_cases.models import AuditEvent, Complaint
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def responded(officer, body, on_day):
    case = make_case(actor=officer, body=body, assigned_to=officer)
    on_day(date(2020, 1, 10))
    case = services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    on_day(date(2020, 2, 3))
    return case


@pytest.fixture
def complaint(responded, officer):
    return complaints.complaint_log(
        case=responded,
        actor=officer,
        regulator="ico",
        reference="IC-123456-A1B2",
        received_on=date(2020, 2, 3),
        submission_due_on=date(2020, 2, 24),
    )


def log(client, case, **overrides):
    data = {
        "complaint-regulator": "ico",
        "complaint-reference": "ic-654321-zz99",
        "complaint-received_on": "2020-02-03",
        "complaint-submission_due_on": "2020-02-24",
        "complaint-handled_by": "",
        "complaint-notes": "",
    }
    return client.post(reverse("foi_cases:complaint_log", args=[case.pk]), {**data, **overrides})


def complaint_page(client, complaint) -> str:
    return client.get(reverse("foi_cases:complaint_detail", args=[complaint.pk])).content.decode()


def panel(client, case) -> str:
    html = client.get(reverse("foi_cases:case_detail", args=[case.pk])).content.decode()
    found = re.search(r'<section class="card mb-4 case-complaints".*?</section>', html, re.S)
    return found.group(0) if found else ""


# --- logging -------------------------------------------------------------------------------------


def decided(complaint, officer, decision_on):
    """The decision notice, upholding the complaint, with no findings or steps."""
    return complaints.complaint_record_decision(
        complaint=complaint,
        actor=officer,
        decision_notice_reference="",
        decision_on=decision_on,
        outcome="upheld",
        findings=[],
        steps=[],
    )


def test_an_officer_logs_a_complaint_from_a_responded_case(client, officer, responded):
    client.force_login(officer)

    response = log(client, responded)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("foi_cases:complaint_detail", args=[complaint.pk])
    assert (complaint.case, complaint.reference, complaint.created_by) == (responded, "IC-654321-ZZ99", officer)


def test_a_bad_reference_is_refused_on_the_form(client, officer, responded):
    client.force_login(officer)

    response = log(client, responded, **{"complaint-reference": "IC-12-AB"})

    assert response.status_code == 400
    assert response.context["form"].errors["reference"] == [complaints.REFERENCE_HELP["ico"]]
    assert not Complaint.objects.exists()


def test_a_reference_already_logged_is_refused_on_the_form(client, officer, responded, complaint):
    client.force_login(officer)

    response = log(client, responded, **{"complaint-reference": "IC-123456-a1b2"})

    assert response.context["form"].errors["reference"] == [
        "A complaint with the reference IC-123456-A1B2 is already logged."
    ]


def test_the_log_form_defaults_to_the_scottish_commissioner_for_a_foisa_case(client, officer, body, on_day):
    case = make_case(actor=officer, body=body, regime="foisa")
    on_day(date(2020, 3, 1))  # long overdue: a complaint that no response was sent
    client.force_login(officer)

    response = client.get(reverse("foi_cases:complaint_log", args=[case.pk]))

    assert response.context["form"]["regulator"].value() == "sic"


def test_a_case_still_in_time_is_refused_a_complaint(client, officer, body, on_day):
    case = make_case(actor=officer, body=body)
    on_day(date(2019, 12, 20))
    client.force_login(officer)

    response = log(client, case, **{"complaint-received_on": "2019-12-20", "complaint-submission_due_on": ""})

    assert response.status_code == 400
    assert "once it is overdue" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_stranger_cannot_log_a_complaint(client, stranger, responded):
    client.force_login(stranger)

    assert log(client, responded).status_code == 403
    assert not Complaint.objects.exists()


def test_a_visitor_is_sent_to_log_in_for_the_list(client):
    response = client.get(reverse("foi_cases:complaint_list"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_stranger_cannot_see_a_complaint(client, stranger, complaint):
    client.force_login(stranger)

    assert client.get(reverse("foi_cases:complaint_detail", args=[complaint.pk])).status_code == 403


# --- the case page's panel and the list ----------------------------------------------------------


def test_the_case_page_offers_to_log_a_complaint_once_answered(client, officer, responded):
    client.force_login(officer)

    assert "Log a complaint" in panel(client, responded)


def test_the_case_page_shows_a_complaint_with_its_stage_and_next_deadline(client, officer, complaint):
    client.force_login(officer)

    card = panel(client, complaint.case)

    assert "IC-123456-A1B2" in card
    assert "Awaiting our submissions" in card
    assert "Submissions due to the ICO by 24 February 2020" in card


def test_a_case_in_time_has_no_complaints_panel(client, officer, body, on_day):
    case = make_case(actor=officer, body=body)
    on_day(date(2019, 12, 20))
    client.force_login(officer)

    assert panel(client, case) == ""


def test_the_list_shows_open_complaints_with_their_next_deadline(client, officer, complaint):
    client.force_login(officer)

    html = client.get(reverse("foi_cases:complaint_list")).content.decode()

    assert "IC-123456-A1B2" in html
    assert "Submissions due to the ICO: 24 February 2020" in html


def test_the_list_leaves_out_closed_complaints(client, officer, complaint):
    complaints.complaint_close(
        complaint=complaint, actor=officer, closed_on=date(2020, 2, 3), outcome="informally_resolved"
    )
    client.force_login(officer)

    html = client.get(reverse("foi_cases:complaint_list")).content.decode()

    assert "IC-123456-A1B2" not in html


# --- the complaint's page ------------------------------------------------------------------------


def test_notes_are_shown_escaped(client, officer, responded):
    client.force_login(officer)
    log(client, responded, **{"complaint-notes": "<script>alert(1)</script>"})

    html = complaint_page(client, Complaint.objects.get())

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_submissions_sent_are_recorded_and_audited(client, officer, complaint):
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_submissions", args=[complaint.pk]), {"submissions-submitted_on": "2020-02-03"}
    )

    complaint.refresh_from_db()
    assert response.status_code == 302
    assert complaint.submitted_on == date(2020, 2, 3)
    assert AuditEvent.objects.filter(case=complaint.case, action="complaint_submissions", actor=officer).exists()


def test_submissions_dated_in_the_future_are_refused_on_the_form(client, officer, complaint):
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_submissions", args=[complaint.pk]), {"submissions-submitted_on": "2020-02-04"}
    )

    assert response.status_code == 400
    assert response.context["forms"]["submissions"].errors["submitted_on"] == ["The date cannot be in the future."]


def test_the_decision_form_offers_a_finding_for_each_exemption_of_the_response(client, officer, issued, on_day):
    case = services.case_close(case=issued.case, actor=officer, outcome="ncnd", responded_on=date(2020, 1, 10))
    on_day(date(2020, 2, 3))
    complaint = complaints.complaint_log(
        case=case, actor=officer, regulator="ico", reference="IC-123456-A1B2", received_on=date(2020, 2, 3)
    )
    client.force_login(officer)

    response = client.get(reverse("foi_cases:complaint_decision", args=[complaint.pk]))

    assert [row["code"].value() for row in response.context["findings"].forms] == ["s24(2)", "s31(3)", None, None]


def decision_data(**overrides):
    data = {
        "decision-decision_notice_reference": "IC-123456-A1B2",
        "decision-decision_on": "2020-03-02",
        "decision-outcome": "upheld",
        "findings-TOTAL_FORMS": "2",
        "findings-INITIAL_FORMS": "0",
        "findings-0-code": "s10",
        "findings-0-finding": "overturned",
        "findings-0-note": "Answered late.",
        "findings-1-code": "s24(2)",
        "findings-1-finding": "",
        "findings-1-note": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-description": "Disclose the <b>report</b>.",
        "steps-0-comply_by": "",
    }
    return {**data, **overrides}


def test_recording_the_decision_shows_the_step_date_and_the_appeal_window(client, officer, complaint, on_day):
    on_day(date(2020, 3, 20))
    client.force_login(officer)

    response = client.post(reverse("foi_cases:complaint_decision", args=[complaint.pk]), decision_data())
    html = complaint_page(client, complaint)

    assert response.status_code == 302
    assert "Comply by 6 April 2020" in html
    assert "Appeal to the First-tier Tribunal by 30 March 2020 (10 days left)" in html
    assert "Disclose the &lt;b&gt;report&lt;/b&gt;." in html
    assert list(complaint.findings.values_list("code", "finding")) == [("s10", "overturned")]


def test_a_decision_with_a_finding_but_no_code_is_refused_whole(client, officer, complaint, on_day):
    on_day(date(2020, 3, 20))
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_decision", args=[complaint.pk]), decision_data(**{"findings-0-code": ""})
    )

    complaint.refresh_from_db()
    assert response.status_code == 400
    assert response.context["findings"].forms[0].errors["code"]
    assert (complaint.decision_on, complaint.steps.count()) == (None, 0)


def test_a_step_is_marked_complied_with(client, officer, complaint, on_day):
    on_day(date(2020, 3, 20))
    complaints.complaint_record_decision(
        complaint=complaint,
        actor=officer,
        decision_notice_reference="",
        decision_on=date(2020, 3, 2),
        outcome="upheld",
        findings=[],
        steps=[StepInput("Disclose.")],
    )
    step = complaint.steps.get()
    client.force_login(officer)

    client.post(
        reverse("foi_cases:complaint_step_comply", args=[complaint.pk, step.pk]),
        {f"step-{step.pk}-complied_on": "2020-03-20"},
    )

    assert "Comply by 6 April 2020: complied with 20 March 2020" in complaint_page(client, complaint)


def test_the_authoritys_late_appeal_is_refused_on_the_form(client, officer, complaint, on_day):
    on_day(date(2020, 4, 2))
    decided(complaint, officer, date(2020, 3, 2))
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_appeal", args=[complaint.pk]),
        {"appeal-appellant": "authority", "appeal-reference": "", "appeal-lodged_on": "2020-04-01"},
    )

    assert response.status_code == 400
    assert "closed on 30 March 2020" in response.context["forms"]["appeal"].errors["lodged_on"][0]
    assert not complaint.appeals.exists()


def test_a_complaint_withdrawn_before_a_decision_is_closed(client, officer, complaint):
    client.force_login(officer)

    client.post(
        reverse("foi_cases:complaint_close", args=[complaint.pk]),
        {"close-outcome": "withdrawn", "close-closed_on": "2020-02-03", "close-note": ""},
    )

    complaint.refresh_from_db()
    assert (complaint.closed_on, complaint.outcome) == (date(2020, 2, 3), "withdrawn")


def test_a_stranger_cannot_record_submissions(client, stranger, complaint):
    client.force_login(stranger)

    response = client.post(
        reverse("foi_cases:complaint_submissions", args=[complaint.pk]), {"submissions-submitted_on": "2020-02-03"}
    )

    complaint.refresh_from_db()
    assert response.status_code == 403
    assert complaint.submitted_on is None


def test_the_page_shows_an_appeal_window_ending_on_a_weekend_running_to_the_monday(client, officer, complaint, on_day):
    on_day(date(2020, 3, 20))
    decided(complaint, officer, date(2020, 3, 7))  # + 28 days: Saturday 4 April
    client.force_login(officer)

    assert "Appeal to the First-tier Tribunal by 6 April 2020" in complaint_page(client, complaint)


def test_the_authoritys_appeal_on_the_monday_after_a_weekend_end_is_recorded(client, officer, complaint, on_day):
    on_day(date(2020, 4, 6))
    decided(complaint, officer, date(2020, 3, 7))
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_appeal", args=[complaint.pk]),
        {"appeal-appellant": "authority", "appeal-reference": "", "appeal-lodged_on": "2020-04-06"},
    )

    assert response.status_code == 302
    assert complaint.appeals.get().lodged_on == date(2020, 4, 6)


def test_closing_while_an_appeal_is_undecided_is_refused_on_the_form(client, officer, complaint, on_day):
    on_day(date(2020, 3, 10))
    decided(complaint, officer, date(2020, 3, 2))
    complaints.complaint_appeal_record(
        complaint=complaint, actor=officer, appellant="requester", reference="", lodged_on=date(2020, 3, 10)
    )
    client.force_login(officer)

    response = client.post(
        reverse("foi_cases:complaint_close", args=[complaint.pk]),
        {"close-outcome": "", "close-closed_on": "2020-03-10", "close-note": ""},
    )

    complaint.refresh_from_db()
    assert response.status_code == 400
    assert "still undecided" in response.context["forms"]["close"].non_field_errors()[0]
    assert complaint.closed_on is None
