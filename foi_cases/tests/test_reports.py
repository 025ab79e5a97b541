"""The performance report's figures, checked against a seeded register whose answers are known.

The register (2026 Q3, Bedfordshire Police unless said otherwise; today is 26 November 2026):

    ref  outcome              timeliness               working days  notes
    A    granted              statutory deadline met   10            received 1 July (first day)
    B    granted              statutory deadline met   14            journalist
    C    partially withheld   within its extension     29            s40, s31; extended 20; journalist
    D    fully withheld       late                     35            s40; extended 30; MP
    E    NCND                 statutory deadline met   18            s24(2)
    F    s12                  late                     22            extended 45
    G    s14(1)               statutory deadline met   5             extended 5
    H    not held (EIR)       statutory deadline met   8             EIR reg 7 extension of 15
    I    partially withheld   statutory deadline met   20            EIR reg 12(5)(b)
    J    withdrawn; K lapsed
    L    transferred          statutory deadline met   3             (a granted-in-full s43 row on A is ignored)
    M    open, past its deadline
    N    awaiting clarification                                      received 30 September (last day)
    O    granted              in time, extended 30     45            beyond the ICO's 20 further working days
    P    closed with a review's outcome (other)
    S    SAR awaiting fee, extended 2 months (not banded)
    S2   SAR answered in time                          25            MP
    S3   SAR answered late                             40
    S4   SAR open, past its deadline

So: 16 FOI and EIR requests (the four SARs apart), 11 answered: 9 in time (7 by the statutory deadline,
1 within a permitted extension, 1 beyond ICO guidance), 2 late and 1 open past its deadline: 75.0%.

Outside it: a case received 30 June, one received 1 October, and one for another body in the quarter.
Internal reviews of D (upheld, in time), C (overturned, late), E (upheld in part, in time), F (open,
past its deadline) and B (withdrawn), and a review of the SAR S2 (left out). Complaints to the
commissioner: on D (received in the quarter, decided upheld in it, finding s40(2) overturned, s31(1)
upheld in part and s10 upheld), on E (received, not decided), on F (received in March, decided not
upheld in the quarter, finding s12 upheld), on B (received in May, resolved informally and closed in
the quarter), on C (received and withdrawn in the quarter), and one received in October.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from foi_cases import reports
from foi_cases.models import Case, Complaint, ComplaintFinding, Requester
from foi_cases.tests.factories import make_case
from responses.models import CaseExemption, Letter

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)
Q3 = reports.quarter_period(2026, 3)
STATUTORY = date(2026, 8, 7)


def _case(actor, body, *, received=date(2026, 7, 10), regime="foia", requester_type="public", **fields) -> Case:
    case = make_case(actor=actor, body=body, regime=regime, received_on=received)
    Requester.objects.filter(cases=case).update(requester_type=requester_type)
    Case.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def _answered(actor, body, outcome, *, days, in_time=True, responded=date(2026, 8, 3), **fields) -> Case:
    return _case(
        actor,
        body,
        status=Case.Status.RESPONDED,
        outcome=outcome,
        responded_on=responded,
        answered_in_time=in_time,
        statutory_due_on=STATUTORY,
        working_days_taken=days,
        **fields,
    )


def _exemptions(case, actor, *rows) -> None:
    letter = Letter.objects.create(
        case=case, kind=Letter.Kind.REFUSAL, references=case.reference, heading="Refusal", created_by=actor
    )
    for code, section, family, *ncnd in rows:
        CaseExemption.objects.create(
            case=case, letter=letter, code=code, section=section, family=family, ncnd=bool(ncnd)
        )


def _review(of, actor, body, *, received, **fields) -> Case:
    review = _case(actor, body, received=received, **fields)
    Case.objects.filter(pk=review.pk).update(review_of=of)
    return review


def _complaint(case, reference, *, received, decided=None, closed=None, outcome="", findings=()) -> Complaint:
    complaint = Complaint.objects.create(
        case=case, reference=reference, received_on=received, decision_on=decided, closed_on=closed, outcome=outcome
    )
    for code, section, finding in findings:
        ComplaintFinding.objects.create(complaint=complaint, code=code, section=section, finding=finding)
    return complaint


@pytest.fixture
def register(on_day, officer, body, other_body):
    on_day(TODAY)
    Out = Case.Outcome  # noqa: N806
    a = _answered(officer, body, Out.GRANTED, days=10, received=date(2026, 7, 1))
    b = _answered(officer, body, Out.GRANTED, days=14, requester_type="journalist")
    c = _answered(
        officer,
        body,
        Out.PARTIALLY_WITHHELD,
        days=29,
        responded=date(2026, 8, 20),
        extension_days=20,
        requester_type="journalist",
    )
    d = _answered(
        officer,
        body,
        Out.FULLY_WITHHELD,
        days=35,
        in_time=False,
        responded=date(2026, 9, 1),
        extension_days=30,
        requester_type="mp",
    )
    e = _answered(officer, body, Out.NCND, days=18)
    f = _answered(officer, body, Out.COST, days=22, in_time=False, responded=date(2026, 8, 28), extension_days=45)
    _answered(officer, body, Out.VEXATIOUS, days=5, extension_days=5)
    _answered(officer, body, Out.NOT_HELD, days=8, regime="eir", extension_days=15)
    i = _answered(officer, body, Out.PARTIALLY_WITHHELD, days=20, regime="eir")
    _case(officer, body, status=Case.Status.CLOSED, outcome=Out.WITHDRAWN, responded_on=date(2026, 7, 20))
    _case(officer, body, status=Case.Status.CLOSED, outcome=Out.LAPSED, responded_on=date(2026, 9, 20))
    _answered(officer, body, Out.TRANSFERRED, days=3)
    _case(officer, body, due_on=date(2026, 8, 10))
    _case(officer, body, received=date(2026, 9, 30), status=Case.Status.AWAITING_CLARIFICATION, due_on=None)
    _answered(officer, body, Out.GRANTED, days=45, responded=date(2026, 9, 15), extension_days=30)
    _case(officer, body, status=Case.Status.CLOSED, outcome=Out.REVIEW_UPHELD)
    _case(officer, body, regime="sar", status=Case.Status.AWAITING_FEE, due_on=None, extension_days=2)
    s2 = _answered(officer, body, Out.GRANTED, days=25, regime="sar", requester_type="mp")
    _answered(officer, body, Out.GRANTED, days=40, in_time=False, regime="sar", responded=date(2026, 9, 1))
    _case(officer, body, regime="sar", due_on=date(2026, 8, 15))

    _exemptions(a, officer, ("s43(2)", "43", "foia"))
    _exemptions(c, officer, ("s40(2)", "40", "foia"), ("s31(1)", "31", "foia"))
    _exemptions(d, officer, ("s40(2)", "40", "foia"))
    _exemptions(e, officer, ("s24(2)", "24", "foia", "ncnd"))
    _exemptions(i, officer, ("reg12(5)(b)", "12(5)(b)", "eir"))

    _answered(officer, body, Out.GRANTED, days=4, received=date(2026, 6, 30))
    _answered(officer, body, Out.GRANTED, days=4, received=date(2026, 10, 1), responded=date(2026, 10, 5))
    _answered(officer, other_body, Out.GRANTED, days=4)

    reviewed = {"status": Case.Status.RESPONDED, "responded_on": date(2026, 10, 1)}
    _review(d, officer, body, received=date(2026, 9, 5), outcome=Out.REVIEW_UPHELD, answered_in_time=True, **reviewed)
    _review(
        c, officer, body, received=date(2026, 9, 10), outcome=Out.REVIEW_OVERTURNED, answered_in_time=False, **reviewed
    )
    _review(
        e,
        officer,
        body,
        received=date(2026, 8, 20),
        outcome=Out.REVIEW_UPHELD_IN_PART,
        answered_in_time=True,
        **reviewed,
    )
    _review(f, officer, body, received=date(2026, 9, 25), due_on=date(2026, 10, 23))
    _review(b, officer, body, received=date(2026, 8, 25), status=Case.Status.CLOSED, outcome=Out.WITHDRAWN)
    _review(
        s2,
        officer,
        body,
        received=date(2026, 9, 1),
        regime="sar",
        outcome=Out.REVIEW_UPHELD,
        answered_in_time=True,
        **reviewed,
    )

    _complaint(
        d,
        "IC-100001-A1B2",
        received=date(2026, 7, 20),
        decided=date(2026, 9, 15),
        outcome=Complaint.Outcome.UPHELD,
        findings=[("s40(2)", "40", "overturned"), ("s31(1)", "31", "upheld_in_part"), ("s10", "10", "upheld")],
    )
    _complaint(e, "IC-100002-A1B2", received=date(2026, 8, 1))
    _complaint(
        f,
        "IC-100003-A1B2",
        received=date(2026, 3, 1),
        decided=date(2026, 8, 30),
        outcome=Complaint.Outcome.NOT_UPHELD,
        findings=[("s12(1)", "12", "upheld")],
    )
    _complaint(f, "IC-100004-A1B2", received=date(2026, 10, 5))
    _complaint(
        b,
        "IC-100005-A1B2",
        received=date(2026, 5, 1),
        closed=date(2026, 8, 10),
        outcome=Complaint.Outcome.INFORMALLY_RESOLVED,
    )
    _complaint(
        c, "IC-100006-A1B2", received=date(2026, 8, 5), closed=date(2026, 9, 20), outcome=Complaint.Outcome.WITHDRAWN
    )
    return body


def build(body=None, period=Q3):
    return reports.report_build(period=period, body=body, today=TODAY)


def section(key, body=None, period=Q3) -> dict:
    return build(body, period).sections[key].values


# --- requests and timeliness -------------------------------------------------------------------


def test_received_counts_the_initial_foi_and_eir_requests_received_in_the_period_and_no_reviews(register):
    assert section("requests", register)["received"] == 16


def test_processed_counts_the_requests_answered_and_not_withdrawn_or_lapsed(register):
    assert section("requests", register)["processed"] == 11


def test_eir_handled_counts_requests_under_the_regulations(register):
    assert section("requests", register)["eir_handled"] == 2


def test_timeliness_splits_the_answered_requests_by_deadline_extension_and_late(register):
    figures = section("timeliness", register)

    assert [figures[key] for key in ("in_time_statutory", "in_time_extension", "in_time_beyond_guidance", "late")] == [
        7,
        1,
        1,
        2,
    ]


def test_a_response_in_time_only_by_an_extension_beyond_20_working_days_is_not_a_permitted_extension(
    on_day, officer, body
):
    on_day(TODAY)
    _answered(officer, body, Case.Outcome.GRANTED, days=45, responded=date(2026, 9, 15), extension_days=30)

    figures = section("timeliness", body)

    assert (figures["in_time_extension"], figures["in_time_beyond_guidance"]) == (0, 1)


def test_a_response_within_the_first_20_days_of_a_longer_extension_is_a_permitted_extension(on_day, officer, body):
    on_day(TODAY)
    _answered(officer, body, Case.Outcome.GRANTED, days=30, responded=date(2026, 8, 21), extension_days=30)

    figures = section("timeliness", body)

    assert (figures["in_time_extension"], figures["in_time_beyond_guidance"]) == (1, 0)


def test_an_open_request_past_its_deadline_is_counted_apart(register):
    assert section("timeliness", register)["open_past_deadline"] == 1


def test_the_share_in_time_counts_open_requests_past_their_deadline_against_it(register):
    figures = section("timeliness", register)

    assert (figures["in_time_percent"], figures["band"]) == (75.0, "unsatisfactory")


def test_a_body_whose_only_request_is_overdue_and_unanswered_is_unsatisfactory(on_day, officer, body):
    on_day(TODAY)
    _case(officer, body, due_on=date(2026, 8, 7))

    figures = section("timeliness", body)

    assert (figures["in_time_percent"], figures["band"]) == (0.0, "unsatisfactory")


def test_an_open_request_whose_deadline_is_still_ahead_today_does_not_count_against_the_share(on_day, officer, body):
    on_day(TODAY)
    _answered(officer, body, Case.Outcome.GRANTED, days=10)
    _case(officer, body, due_on=TODAY)

    assert section("timeliness", body)["in_time_percent"] == 100.0


def test_the_median_working_days_of_an_odd_count_leave_out_subject_access_requests(register):
    figures = section("timeliness", register)

    assert figures["median_working_days"] == 18.0
    assert figures["median_working_days_in_time"] == 14.0
    assert figures["median_working_days_late"] == 28.5


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(on_day, officer, body):
    on_day(TODAY)
    for days in (3, 9, 13, 30):
        _answered(officer, body, Case.Outcome.GRANTED, days=days)

    assert section("timeliness", body)["median_working_days"] == 11.0


def test_the_median_taken_in_python_for_sqlite_agrees_with_postgresql(register, monkeypatch):
    in_database = section("timeliness", register)
    monkeypatch.setattr(reports.connection, "vendor", "sqlite")
    in_python = section("timeliness", register)

    keys = ("median_working_days", "median_working_days_in_time", "median_working_days_late")
    assert [in_python[key] for key in keys] == [in_database[key] for key in keys]


def test_with_nothing_answered_or_overdue_there_is_no_share_band_or_median(on_day, officer, body):
    on_day(TODAY)
    _case(officer, body, due_on=TODAY)

    figures = section("timeliness", body)

    assert (figures["in_time_percent"], figures["band"], figures["median_working_days"]) == (None, "", None)


# --- subject access requests --------------------------------------------------------------------


def test_subject_access_requests_are_counted_in_their_own_section(register):
    assert section("subject_access", register) == {
        "received": 4,
        "answered": 2,
        "in_time": 1,
        "late": 1,
        "open_past_deadline": 1,
    }


def test_a_subject_access_request_is_in_no_foi_figure(on_day, officer, body):
    on_day(TODAY)
    _answered(officer, body, Case.Outcome.GRANTED, days=25, regime="sar", requester_type="mp")
    report = build(body)

    assert report.sections["requests"].values["received"] == 0
    assert report.sections["timeliness"].values["in_time_percent"] is None
    assert report.sections["outcomes"].values["granted"] == 0
    assert report.sections["requesters"].values["mp"] == 0


def test_an_internal_review_of_a_subject_access_request_is_left_out_of_the_reviews(on_day, officer, body):
    on_day(TODAY)
    sar = _answered(officer, body, Case.Outcome.GRANTED, days=25, regime="sar")
    _review(sar, officer, body, received=date(2026, 9, 1), regime="sar")

    assert section("reviews", body)["received"] == 0


# --- outcomes, refusals, extensions, requesters ----------------------------------------------


def test_initial_outcomes_follow_the_quarterly_return(register):
    assert section("outcomes", register) == {
        "granted": 3,
        "partially_withheld": 2,
        "fully_withheld": 4,
        "not_held": 1,
        "not_yet_provided": 2,
        "withdrawn_lapsed": 2,
        "transferred": 1,
        "other": 1,
    }


def test_the_initial_outcomes_add_up_to_the_requests_received(register):
    assert sum(section("outcomes", register).values()) == section("requests", register)["received"]


def test_a_request_closed_with_an_outcome_outside_the_groups_is_other(on_day, officer, body):
    on_day(TODAY)
    _case(officer, body, status=Case.Status.CLOSED, outcome=Case.Outcome.REVIEW_OVERTURNED)

    assert section("outcomes", body)["other"] == 1


def test_refusals_by_reason_count_cost_vexatious_and_repeated(register):
    assert section("refusals", register) == {"s12": 1, "s14_1": 1, "s14_2": 0}


def test_foia_exemptions_count_requests_per_section_in_the_statutes_order(register):
    assert list(section("exemptions_foia", register).items()) == [("24", 1), ("31", 1), ("40", 2)]


def test_eir_exceptions_are_counted_apart(register):
    assert section("exemptions_eir", register) == {"12(5)(b)": 1}


def test_an_exemption_on_a_request_granted_in_full_is_not_a_refusal(register):
    assert "43" not in section("exemptions_foia", register)


def test_foia_and_eir_extensions_are_banded_apart_and_a_sars_months_are_left_out(register):
    assert section("extensions", register) == {
        "extended": 6,
        "foia_1_10": 1,
        "foia_11_20": 1,
        "foia_21_40": 2,
        "foia_over_40": 1,
        "eir_1_10": 0,
        "eir_11_20": 1,
    }


def test_requester_types_cover_every_type_and_leave_out_subject_access_requests(register):
    figures = section("requesters", register)

    assert (figures["public"], figures["journalist"], figures["mp"], figures["academic"]) == (13, 2, 1, 0)


# --- reviews and complaints -------------------------------------------------------------------


def test_internal_reviews_received_decided_and_in_time(register):
    figures = section("reviews", register)

    assert [figures[key] for key in ("received", "decided", "in_time", "late", "open_past_deadline")] == [5, 3, 2, 1, 1]


def test_the_reviews_share_in_time_counts_open_reviews_past_their_deadline_against_it(register):
    figures = section("reviews", register)

    assert (figures["in_time_percent"], figures["band"]) == (50.0, "unsatisfactory")


def test_internal_review_outcomes_add_up_to_the_reviews_received(register):
    figures = section("reviews", register)
    outcomes = ("upheld", "upheld_in_part", "overturned", "not_yet_decided", "withdrawn_lapsed", "other")

    assert [figures[key] for key in outcomes] == [1, 1, 1, 1, 1, 0]


def test_complaints_received_and_concluded_in_the_period_by_outcome(register):
    figures = section("complaints", register)

    assert {key: figures[key] for key in ("received", "concluded", "upheld", "not_upheld", "no_outcome")} == {
        "received": 3,
        "concluded": 4,
        "upheld": 1,
        "not_upheld": 1,
        "no_outcome": 0,
    }


def test_complaints_resolved_informally_or_withdrawn_are_concluded_on_the_day_they_closed(register):
    figures = section("complaints", register)

    assert (figures["informally_resolved"], figures["withdrawn"]) == (1, 1)


def test_a_complaint_is_concluded_on_its_decision_notice_even_if_closed_in_another_period(on_day, officer, body):
    on_day(TODAY)
    case = _answered(officer, body, Case.Outcome.GRANTED, days=5)
    _complaint(
        case,
        "IC-200001-A1B2",
        received=date(2026, 6, 1),
        decided=date(2026, 6, 30),
        closed=date(2026, 7, 15),
        outcome=Complaint.Outcome.UPHELD,
    )

    assert section("complaints", body)["concluded"] == 0


def test_the_commissioners_findings_count_exemptions_and_leave_out_procedural_points(register):
    assert section("complaint_findings", register) == {"upheld": 0, "upheld_in_part": 1, "overturned": 1}


@pytest.mark.parametrize(
    ("code", "counted"),
    [
        ("s21", True),
        ("s22A(1)", True),
        ("s44(1)(a)", True),
        ("reg12(5)(b)", True),
        ("reg13(1)", True),
        ("s1(1)(a)", False),
        ("s10", False),
        ("s12(1)", False),
        ("s14(1)", False),
        ("s17", False),
        ("s45", False),
        ("reg7", False),
    ],
)
def test_only_exemption_codes_count_as_findings_on_exemptions(on_day, officer, body, code, counted):
    on_day(TODAY)
    case = _answered(officer, body, Case.Outcome.FULLY_WITHHELD, days=5)
    _complaint(
        case, "IC-300001-A1B2", received=date(2026, 7, 1), decided=date(2026, 9, 1), findings=[(code, "", "upheld")]
    )

    assert section("complaint_findings", body)["upheld"] == int(counted)


# --- periods and bodies -------------------------------------------------------------------------


def test_the_first_and_last_days_of_the_period_are_included(register):
    inside = section("requests", register, reports.Period(date(2026, 7, 1), date(2026, 7, 1)))

    assert inside["received"] == 1
    assert section("requests", register, reports.Period(date(2026, 9, 30), date(2026, 9, 30)))["received"] == 1


def test_a_period_a_day_shorter_at_each_end_leaves_out_the_first_and_last_requests(register):
    assert section("requests", register, reports.Period(date(2026, 7, 2), date(2026, 9, 29)))["received"] == 14


def test_all_bodies_includes_the_other_bodys_request(register):
    assert section("requests")["received"] == 17


def test_a_body_sees_none_of_another_bodys_requests(register, other_body):
    assert section("requests", other_body)["received"] == 1


def test_the_report_takes_a_handful_of_queries(register, django_assert_max_num_queries):
    # SQLite has no percentile_cont: its three medians are one values_list each.
    with django_assert_max_num_queries(6 if connection.vendor == "postgresql" else 9):
        build(register)


# --- bands, shares and quarters ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "band"),
    [("100", "good"), ("95.0", "good"), ("94.9", "adequate"), ("90.0", "adequate"), ("89.9", "unsatisfactory")],
)
def test_the_ico_bands_start_at_95_and_90_percent(percent, band):
    assert reports.timeliness_band(Decimal(percent)) == band


def test_a_share_just_under_95_percent_is_shown_as_94_9_and_adequate():
    percent = reports.percent_in_time(1899, 2000)

    assert (percent, reports.timeliness_band(percent)) == (Decimal("94.9"), "adequate")


def test_exactly_90_percent_is_adequate():
    assert reports.timeliness_band(reports.percent_in_time(9, 10)) == "adequate"


def test_quarter_3_runs_from_july_to_september():
    assert (Q3.start, Q3.end, Q3.name) == (date(2026, 7, 1), date(2026, 9, 30), "2026 Q3")


def test_last_quarter_in_january_is_the_previous_years_fourth():
    period = reports.last_quarter(date(2027, 1, 15))

    assert (period.start, period.end) == (date(2026, 10, 1), date(2026, 12, 31))


def test_the_last_12_months_end_today():
    period = reports.last_12_months(TODAY)

    assert (period.start, period.end) == (date(2025, 11, 27), TODAY)


def test_a_period_reads_as_long_dates():
    assert Q3.label == "2026 Q3 (1 July 2026 to 30 September 2026)"
