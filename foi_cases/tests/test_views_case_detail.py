"""The case page: details, the deadline panel and its workings, the timeline, and its cost."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foi_cases import services
from foi_cases.tests.factories import make_case


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body, assigned_to=officer, name="Alex Requester", email="alex@example.org")


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def page(client, case) -> str:
    return client.get(reverse("foi_cases:case_detail", args=[case.pk])).content.decode()


def clock(case, actor, kind, on, days=0):
    return services.clock_event_record(case=case, actor=actor, kind=kind, on=on, days=days)


def test_the_reference_is_the_pages_heading(signed_in, case):
    assert '<h1 class="mb-1">FOI2019/00001</h1>' in page(signed_in, case)


def test_it_shows_the_cases_details(signed_in, case):
    html = page(signed_in, case)
    for text in [
        "Open: clock running",
        "Freedom of Information Act 2000",
        "Bedfordshire Police",
        "Olivia Officer",
        "Facial recognition",
        "Thursday 12 December 2019 by email",
    ]:
        assert text in html


def test_it_shows_the_request_text_and_its_numbered_items(signed_in, case):
    html = page(signed_in, case)
    assert "<p>1. When did you start?<br>2. How much did it cost?</p>" in html
    assert '<li value="1">When did you start?</li>' in html
    assert '<li value="2">How much did it cost?</li>' in html


def test_it_shows_the_requester_after_a_reveal(signed_in, case):
    html = signed_in.post(reverse("foi_cases:case_reveal_requester", args=[case.pk])).content.decode()
    assert "Alex Requester" in html
    assert '<a href="mailto:alex@example.org">alex@example.org</a>' in html


def test_html_in_the_request_text_shows_as_text(signed_in, officer, body):
    case = make_case(actor=officer, body=body, subject="<b>bold</b>", request_text="<script>alert(1)</script>")
    html = page(signed_in, case)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_deadline_panel_shows_the_due_date_and_the_internal_target(signed_in, case):
    html = page(signed_in, case)
    assert "Due Wednesday 15 January 2020" in html
    assert "Draft to supervisor by Wednesday 8 January 2020" in html


def test_a_case_past_its_due_date_says_by_how_many_working_days(signed_in, case):
    assert "Overdue by " in page(signed_in, case)


def test_a_running_case_says_how_many_working_days_are_left(signed_in, officer, body):
    case = make_case(actor=officer, body=body, received_on=services.today())
    assert "20 working days left" in page(signed_in, case)


def test_the_workings_list_the_steps_and_the_days_not_counted(signed_in, case):
    html = page(signed_in, case)
    assert "<summary>How this deadline was counted</summary>" in html
    assert "Day 1 is Friday 13 December 2019; day 20 is Wednesday 15 January 2020." in html
    assert "<caption>Days not counted</caption>" in html
    assert "Bank holiday (Scotland): New Year Holiday" in html


def test_a_stopped_clock_says_why_and_how_many_days_were_used(signed_in, case, officer):
    clock(case, officer, "clarification_requested", date(2019, 12, 16))
    assert "Clock stopped: awaiting clarification (2 working days used)" in page(signed_in, case)


def test_an_extended_case_shows_the_statutory_date_and_the_extension_total(signed_in, case, officer):
    clock(case, officer, "extension", date(2020, 1, 10), days=10)
    html = page(signed_in, case)
    assert "Due Wednesday 29 January 2020" in html
    assert "Wednesday 15 January 2020" in html
    assert "10 working days" in html


def test_an_extension_past_twenty_working_days_shows_the_icos_warning(signed_in, case, officer):
    clock(case, officer, "extension", date(2020, 1, 10), days=25)
    assert "the ICO expects a public interest extension of no more than 20 working days" in page(signed_in, case)


def test_the_timeline_shows_who_did_what(signed_in, case, officer):
    clock(case, officer, "clarification_requested", date(2019, 12, 16))
    html = page(signed_in, case)
    assert "Logged Freedom of Information Act 2000 request received 12 December 2019" in html
    assert "Clarification requested on 16 December 2019; the clock is stopped." in html
    assert "Olivia Officer" in html


def test_only_the_actions_the_workflow_allows_are_offered(signed_in, case, officer):
    clock(case, officer, "clarification_requested", date(2019, 12, 16))
    html = page(signed_in, case)
    assert "<summary>Clarification received</summary>" in html
    assert "<summary>Lapsed: no clarification or fee</summary>" in html
    assert "<summary>Request clarification</summary>" not in html
    assert "<summary>Close with a response</summary>" not in html


def test_a_foisa_case_is_not_offered_an_extension(signed_in, officer, body):
    case = make_case(actor=officer, body=body, regime="foisa")
    assert "<summary>Extend the deadline</summary>" not in page(signed_in, case)


def test_a_sar_extension_is_counted_in_months(signed_in, officer, body):
    case = make_case(actor=officer, body=body, regime="sar")
    assert "Extension (calendar months)" in page(signed_in, case)


def test_the_extension_form_asks_for_the_exemption_and_an_estimated_date(signed_in, case):
    html = page(signed_in, case)
    assert "Name the exemption being considered and give an estimated decision date." in html


def test_reopening_is_offered_to_supervisors_only(client, case, officer, supervisor):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    client.force_login(officer)
    assert "<summary>Reopen the case</summary>" not in page(client, case)
    client.force_login(supervisor)
    assert "<summary>Reopen the case</summary>" in page(client, case)


def test_an_unknown_case_is_not_found(signed_in, db):
    assert signed_in.get(reverse("foi_cases:case_detail", args=[999999])).status_code == 404


def case_page_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("foi_cases:case_detail", args=[case.pk])).status_code == 200
    return len(queries)


def add_events(case, actor, pairs: int) -> None:
    """Pairs of fees notice + fee received: each pair also writes two timeline entries."""
    for offset in range(pairs):
        day = date(2019, 12, 13) + timedelta(days=offset)
        clock(case, actor, "fee_notice_sent", day)
        clock(case, actor, "fee_received", day)


def test_the_case_pages_queries_are_the_same_for_2_and_12_clock_events(signed_in, officer, body, other_body):
    few = make_case(actor=officer, body=body)
    many = make_case(actor=officer, body=other_body)
    add_events(few, officer, 1)
    add_events(many, officer, 6)
    services.case_link(case=many, actor=officer, other=few, kind="answered_with")
    services.case_link(case=many, actor=officer, other=few, kind="related_to")
    assert case_page_queries(signed_in, many) == case_page_queries(signed_in, few)
