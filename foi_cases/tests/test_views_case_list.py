"""The case list: the shared CaseFilter, sorting, pagination and the time left on each row."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foi_cases import services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case

URL = reverse("foi_cases:case_list")


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def listed(client, query=""):
    response = client.get(f"{URL}?{query}")
    return [case.reference for case, _ in response.context["rows"]]


def test_with_no_filters_it_lists_every_case_newest_received_first(signed_in, officer, body):
    older = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    newer = make_case(actor=officer, body=body, received_on=date(2020, 3, 2))
    assert listed(signed_in) == [newer.reference, older.reference]


def test_it_filters_by_status(signed_in, officer, body):
    running = make_case(actor=officer, body=body)
    waiting = make_case(actor=officer, body=body)
    services.clock_event_record(case=waiting, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    assert listed(signed_in, "status=awaiting_clarification") == [waiting.reference]
    assert listed(signed_in, "status=open") == [running.reference]


def test_it_filters_by_regime(signed_in, officer, body):
    make_case(actor=officer, body=body, regime="foia")
    scottish = make_case(actor=officer, body=body, regime="foisa")
    assert listed(signed_in, "regime=foisa") == [scottish.reference]


def test_it_filters_by_body(signed_in, officer, body, other_body):
    make_case(actor=officer, body=body)
    theirs = make_case(actor=officer, body=other_body)
    assert listed(signed_in, f"body={other_body.pk}") == [theirs.reference]


def test_it_filters_by_officer(signed_in, officer, officer2, body):
    make_case(actor=officer, body=body, assigned_to=officer)
    owens = make_case(actor=officer, body=body, assigned_to=officer2)
    assert listed(signed_in, f"officer={officer2.pk}") == [owens.reference]


def test_it_filters_to_unassigned_cases(signed_in, officer, body):
    make_case(actor=officer, body=body, assigned_to=officer)
    nobodys = make_case(actor=officer, body=body)
    assert listed(signed_in, "unassigned=on") == [nobodys.reference]


def test_it_filters_to_overdue_cases(signed_in, officer, body):
    late = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    make_case(actor=officer, body=body, received_on=services.today())
    assert listed(signed_in, "overdue=on") == [late.reference]


def test_it_filters_by_a_range_of_receipt_dates(signed_in, officer, body):
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    january = make_case(actor=officer, body=body, received_on=date(2020, 1, 20))
    make_case(actor=officer, body=body, received_on=date(2020, 3, 2))
    assert listed(signed_in, "received_after=2020-01-01&received_before=2020-01-31") == [january.reference]


def test_it_filters_by_a_range_of_due_dates(signed_in, officer, body):
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    february = make_case(actor=officer, body=body, received_on=date(2020, 1, 20))
    assert listed(signed_in, "due_after=2020-02-01&due_before=2020-02-29") == [february.reference]


@pytest.mark.parametrize(
    "query", ["FOI2019/00002", "drones", "helicopter"], ids=["reference", "subject", "request text"]
)
def test_it_searches_reference_subject_and_request_text(signed_in, officer, body, query):
    make_case(actor=officer, body=body, subject="Facial recognition", request_text="How many cameras?")
    wanted = make_case(actor=officer, body=body, subject="Police drones", request_text="Any helicopter costs?")
    assert listed(signed_in, f"q={query}") == [wanted.reference]


def test_it_sorts_by_due_date(signed_in, officer, body):
    later = make_case(actor=officer, body=body, received_on=date(2020, 3, 2))
    sooner = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    assert listed(signed_in, "sort=due") == [sooner.reference, later.reference]
    assert listed(signed_in, "sort=-due") == [later.reference, sooner.reference]


def test_it_sorts_by_reference(signed_in, officer, body):
    first = make_case(actor=officer, body=body, received_on=date(2020, 3, 2))
    second = make_case(actor=officer, body=body, received_on=date(2020, 3, 2))
    assert listed(signed_in, "sort=reference") == [first.reference, second.reference]


def test_it_shows_twenty_five_cases_a_page_and_keeps_the_filters_in_page_links(signed_in, officer, body):
    for _ in range(27):
        make_case(actor=officer, body=body)
    first = signed_in.get(f"{URL}?regime=foia&sort=reference")
    html = first.content.decode()
    assert len(first.context["rows"]) == 25
    assert "27 cases found" in html
    assert 'href="?regime=foia&amp;sort=reference&amp;page=2"' in html
    assert listed(signed_in, "regime=foia&sort=reference&page=2") == ["FOI2019/00026", "FOI2019/00027"]


def test_rows_show_working_days_left_or_overdue_or_a_stopped_clock(signed_in, officer, body):
    make_case(actor=officer, body=body, received_on=services.today())
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    waiting = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    services.clock_event_record(case=waiting, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    html = signed_in.get(URL).content.decode()
    assert "20 working days left" in html
    assert "Overdue by " in html and " working days" in html
    assert "Clock stopped" in html


def test_a_case_whose_response_is_approved_but_not_sent_still_shows_its_time_left(signed_in, officer, body):
    case = make_case(actor=officer, body=body, received_on=services.today())
    Case.objects.filter(pk=case.pk).update(status=Case.Status.READY_TO_SEND)
    html = signed_in.get(URL).content.decode()
    assert "20 working days left" in html
    assert "Clock stopped" not in html


def test_the_time_left_is_counted_with_the_regimes_own_bank_holidays(signed_in, officer, body):
    make_case(actor=officer, body=body, regime="foisa")
    make_case(actor=officer, body=body, regime="foia")
    rows = signed_in.get(URL).context["rows"]
    late = {case.regime: -left.days for case, left in rows}
    # FOIA skips every UK nation's bank holidays, FOISA only Scotland's: more FOISA days have passed.
    assert late["foisa"] > late["foia"]


def test_the_number_of_queries_does_not_grow_with_the_rows(signed_in, officer, officer2, body, other_body):
    make_case(actor=officer, body=body, assigned_to=officer)
    with CaptureQueriesContext(connection) as one_row:
        signed_in.get(URL)
    for index in range(10):
        make_case(
            actor=officer,
            body=[body, other_body][index % 2],
            assigned_to=[officer, officer2][index % 2],
            regime=["foia", "foisa", "sar"][index % 3],
        )
    with CaptureQueriesContext(connection) as eleven_rows:
        signed_in.get(URL)
    assert len(eleven_rows) == len(one_row)


def test_an_empty_result_offers_to_clear_the_filters(signed_in, db):
    assert "No cases match these filters." in signed_in.get(f"{URL}?q=nothing-like-this").content.decode()


@pytest.mark.parametrize("sort", ["due", "-due"])
def test_cases_with_the_clock_stopped_sort_after_dated_ones_either_way(signed_in, officer, body, sort):
    stopped = make_case(actor=officer, body=body, subject="Stopped", received_on=date(2019, 12, 12))
    services.clock_event_record(case=stopped, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    make_case(actor=officer, body=body, subject="Early", received_on=date(2019, 11, 1))
    make_case(actor=officer, body=body, subject="Late", received_on=date(2020, 2, 3))
    assert listed(signed_in, f"sort={sort}")[-1] == stopped.reference
