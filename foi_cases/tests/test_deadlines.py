"""Statutory deadline engine: every expected date here was counted by hand from a calendar.

Legal reference: ../shared/domain/uk-foi.md section 1. In short:
- FOIA s10(1), EIR reg 5(2), FOISA s10, EISR: 20 working days; day one is the first working day
  after the date of receipt.
- FOIA s10(6) (and EIR): a working day excludes weekends, Christmas Day, Good Friday and bank
  holidays in ANY part of the UK. FOISA s73 (and EISR): Scottish bank holidays only.
- Clarification (s1(3)) restarts the clock; a fees notice (s10(2)) pauses it, the notice day and
  the payment day both disregarded.
- SAR (UK GDPR art 12(3)): one calendar month, month-end clamped, rolled to the next UK working day.

Bank holidays used below (from `holidays.UK(subdiv=...)`, checked for each year):
  2019: 18 Mar Mon (NI, St Patrick's observed); 19 Apr Good Friday; 2 Dec Mon (Scot, St Andrew's
        observed); 25, 26 Dec.
  2020: 1 Jan; 2 Jan Thu (Scot); 13 Jul Mon (NI, Boyne observed); 3 Aug (Scot); 30 Nov Mon
        (Scot); 25 Dec; 28 Dec Mon (Boxing Day observed).
  2021: 1 Jan; 4 Jan Mon (Scot, 2 January observed); 27, 28 Dec (Christmas/Boxing observed).
  2022: 3 Jan Mon (New Year observed); 4 Jan Tue (Scot); 2 Jun, 3 Jun (Jubilee); 19 Sep (State
        Funeral); 30 May 2022 was a working day (spring holiday moved to 2 Jun).
  2023: 1 May; 8 May (Coronation); 29 May.
  2024: 1 Jan; 2 Jan (Scot); 18 Mar Mon (NI, observed); 29 Mar Good Friday; 1 Apr Easter Monday
        (not Scot); 6 May; 27 May; 12 Jul Fri (NI); 5 Aug (Scot); 26 Aug (not Scot); 2 Dec Mon
        (Scot, St Andrew's observed); 25, 26 Dec.
  2025: 17 Mar Mon (NI); 18 Apr Good Friday; 21 Apr Easter Monday (not Scot); 5 May; 14 Jul Mon
        (NI, Boyne observed); 1 Dec Mon (Scot, St Andrew's observed); 25, 26 Dec.
September and early October 2024 contain no bank holiday anywhere in the UK, so the
"quiet" examples use receipt dates there.
"""

from datetime import date, timedelta

import pytest

from foi_cases.deadlines import (
    ClockEvent,
    DeadlineError,
    EventKind,
    ExtraHoliday,
    Nation,
    Regime,
    SkippedDay,
    WorkingCalendar,
    compute_deadline,
    sar_due,
)

WORKING_DAY_REGIMES = [Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR]
UK_WIDE_REGIMES = [Regime.FOIA, Regime.EIR]
SCOTTISH_REGIMES = [Regime.FOISA, Regime.EISR]


def d(text: str) -> date:
    return date.fromisoformat(text)


def clarification_requested(on: str) -> ClockEvent:
    return ClockEvent(EventKind.CLARIFICATION_REQUESTED, d(on))


def clarification_received(on: str) -> ClockEvent:
    return ClockEvent(EventKind.CLARIFICATION_RECEIVED, d(on))


def fee_notice_sent(on: str) -> ClockEvent:
    return ClockEvent(EventKind.FEE_NOTICE_SENT, d(on))


def fee_received(on: str) -> ClockEvent:
    return ClockEvent(EventKind.FEE_RECEIVED, d(on))


def extension(on: str, days: int) -> ClockEvent:
    return ClockEvent(EventKind.EXTENSION, d(on), days=days)


def uk_calendar() -> WorkingCalendar:
    return WorkingCalendar.for_regime(Regime.FOIA)


def scottish_calendar() -> WorkingCalendar:
    return WorkingCalendar.for_regime(Regime.FOISA)


def england_and_wales_calendar() -> WorkingCalendar:
    return WorkingCalendar([Nation.ENGLAND_AND_WALES])


def days(text: str) -> list[date]:
    return [d(day) for day in text.split()]


def skipped_days(deadline) -> list[date]:
    return [skipped.day for skipped in deadline.skipped]


def reason_on(deadline, day: str) -> str:
    reasons = {skipped.day: skipped.reason for skipped in deadline.skipped}
    return reasons[d(day)]


# --- Worked examples from the legal reference -------------------------------------------------


def test_foia_request_received_thursday_12_december_2019_is_due_wednesday_15_january_2020():
    # Day 1 Fri 13 Dec; 16-20 Dec days 2-6; 23, 24 Dec days 7-8; 25, 26 Dec holidays; 27 Dec day 9;
    # 30, 31 Dec days 10-11; 1 Jan (UK) and 2 Jan (Scotland) holidays; 3 Jan day 12;
    # 6-10 Jan days 13-17; 13, 14, 15 Jan days 18-20.
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert deadline.due == d("2020-01-15")
    assert deadline.statutory_due == d("2020-01-15")


def test_a_plain_foia_deadline_reports_a_running_clock_from_receipt():
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert deadline.regime == Regime.FOIA
    assert deadline.received == d("2019-12-12")
    assert deadline.clock_start == d("2019-12-12")
    assert deadline.state == "running"
    assert deadline.working_days == 20
    assert deadline.extension_days == 0
    assert deadline.days_used == 0
    assert deadline.warnings == ()


def test_foia_skips_the_scottish_2_january_holiday():
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert d("2020-01-02") in skipped_days(deadline)
    assert deadline.due == d("2020-01-15")


def test_counting_with_england_and_wales_holidays_alone_gives_the_wrong_14_january():
    # The reference's warning: without Scotland's 2 January the 20th day is Tue 14 Jan 2020.
    # This pins that WorkingCalendar composes nations rather than always using all of them.
    assert england_and_wales_calendar().add_working_days(d("2019-12-12"), 20) == d("2020-01-14")
    assert uk_calendar().add_working_days(d("2019-12-12"), 20) == d("2020-01-15")


def test_eir_extended_to_40_working_days_from_12_december_2019_is_due_12_february_2020():
    # 15 Jan is day 20; 16-17 Jan, 20-24, 27-31, 3-7 Feb, 10-12 Feb are days 21-40.
    deadline = compute_deadline(Regime.EIR, d("2019-12-12"), [extension("2020-01-10", 20)])

    assert deadline.statutory_due == d("2020-01-15")
    assert deadline.due == d("2020-02-12")
    assert deadline.working_days == 40
    assert deadline.extension_days == 20
    assert deadline.warnings == ()


def test_sar_received_12_december_2019_is_due_monday_13_january_2020():
    # 12 Jan 2020 is a Sunday, so the month rolls on to Monday 13 Jan.
    deadline = compute_deadline(Regime.SAR, d("2019-12-12"))

    assert deadline.due == d("2020-01-13")
    assert deadline.statutory_due == d("2020-01-13")
    assert deadline.working_days == 0
    assert deadline.extension_days == 0


def test_the_regime_may_be_given_as_its_string_value():
    deadline = compute_deadline("foia", d("2019-12-12"))

    assert deadline.regime == Regime.FOIA
    assert deadline.due == d("2020-01-15")


def test_an_unknown_regime_is_rejected():
    with pytest.raises(ValueError):
        compute_deadline("gdpr-article-15-and-a-half", d("2019-12-12"))


# --- Working calendar: reasons ----------------------------------------------------------------


def test_an_ordinary_weekday_has_no_non_working_reason():
    calendar = uk_calendar()

    assert calendar.non_working_reason(d("2024-09-11")) is None
    assert calendar.is_working_day(d("2024-09-11"))


@pytest.mark.parametrize(
    ("day", "reason"),
    [("2024-09-07", "Saturday"), ("2024-09-08", "Sunday")],
)
def test_weekends_are_named_saturday_and_sunday(day, reason):
    calendar = uk_calendar()

    assert calendar.non_working_reason(d(day)) == reason
    assert not calendar.is_working_day(d(day))


def test_a_scotland_only_holiday_names_scotland_and_the_holiday():
    assert uk_calendar().non_working_reason(d("2020-01-02")) == "Bank holiday (Scotland): New Year Holiday"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2019-12-25", "Bank holiday (UK): Christmas Day"),
        ("2024-03-29", "Bank holiday (UK): Good Friday"),
        ("2022-09-19", "Bank holiday (UK): State Funeral of Queen Elizabeth II"),
    ],
)
def test_a_holiday_observed_in_all_three_nations_is_labelled_uk(day, reason):
    assert uk_calendar().non_working_reason(d(day)) == reason


def test_easter_monday_names_england_and_wales_and_northern_ireland():
    assert (
        uk_calendar().non_working_reason(d("2024-04-01"))
        == "Bank holiday (England and Wales, Northern Ireland): Easter Monday"
    )


def test_st_patricks_day_names_northern_ireland_alone():
    assert uk_calendar().non_working_reason(d("2025-03-17")) == "Bank holiday (Northern Ireland): Saint Patrick's Day"


def test_a_scottish_substitute_day_is_named_as_observed():
    assert uk_calendar().non_working_reason(d("2025-12-01")) == "Bank holiday (Scotland): Saint Andrew's Day (observed)"


def test_an_extra_holiday_is_reported_with_its_nation_and_name():
    calendar = WorkingCalendar(
        list(Nation),
        [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", Nation.SCOTLAND)],
    )

    assert calendar.non_working_reason(d("2024-09-11")) == "Bank holiday (Scotland): Proclaimed holiday"


# --- Working calendar: which days count -------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "2024-04-01",  # Easter Monday (England, Wales, Northern Ireland)
        "2025-04-21",  # Easter Monday
        "2025-03-17",  # St Patrick's Day (Northern Ireland)
        "2024-03-18",  # St Patrick's Day observed: 17 Mar 2024 was a Sunday
        "2019-03-18",  # St Patrick's Day observed: 17 Mar 2019 was a Sunday
        "2024-07-12",  # Battle of the Boyne (Northern Ireland)
        "2020-07-13",  # Battle of the Boyne observed: 12 Jul 2020 was a Sunday
        "2025-07-14",  # Battle of the Boyne observed: 12 Jul 2025 was a Saturday
        "2024-08-26",  # Late summer holiday (not Scotland)
    ],
)
def test_holidays_outside_scotland_are_not_working_days_for_foia_but_are_for_foisa(day):
    assert not uk_calendar().is_working_day(d(day))
    assert scottish_calendar().is_working_day(d(day))


@pytest.mark.parametrize(
    "day",
    [
        "2020-01-02",  # 2 January
        "2024-01-02",
        "2021-01-04",  # 2 January observed: 2 Jan 2021 was a Saturday
        "2022-01-04",  # 2 January observed: 2 Jan 2022 was a Sunday
        "2023-01-03",  # 2 January observed: 1 and 2 Jan 2023 were Sun and Mon
        "2024-08-05",  # first Monday of August
        "2020-08-03",
        "2020-11-30",  # St Andrew's Day on a Monday
        "2019-12-02",  # St Andrew's Day observed: 30 Nov 2019 was a Saturday
        "2024-12-02",  # St Andrew's Day observed: 30 Nov 2024 was a Saturday
        "2025-12-01",  # St Andrew's Day observed: 30 Nov 2025 was a Sunday
    ],
)
def test_scottish_holidays_are_not_working_days_for_any_regime(day):
    for regime in Regime:
        assert not WorkingCalendar.for_regime(regime).is_working_day(d(day)), regime


@pytest.mark.parametrize(
    "day",
    [
        "2020-12-28",  # Boxing Day observed (26 Dec 2020 was a Saturday)
        "2021-12-27",  # Christmas Day observed (25 Dec 2021 was a Saturday)
        "2021-12-28",  # Boxing Day observed (26 Dec 2021 was a Sunday)
        "2022-01-03",  # New Year's Day observed (1 Jan 2022 was a Saturday)
        "2022-12-27",  # Christmas Day observed (25 Dec 2022 was a Sunday)
        "2023-01-02",  # New Year's Day observed (1 Jan 2023 was a Sunday)
    ],
)
def test_uk_wide_substitute_days_are_not_working_days_for_any_regime(day):
    for regime in Regime:
        assert not WorkingCalendar.for_regime(regime).is_working_day(d(day)), regime


@pytest.mark.parametrize(
    "day",
    [
        "2022-06-02",  # spring bank holiday moved for the Platinum Jubilee
        "2022-06-03",  # Platinum Jubilee
        "2022-09-19",  # State Funeral of Queen Elizabeth II
        "2023-05-08",  # Coronation of King Charles III
    ],
)
def test_one_off_proclaimed_days_are_not_working_days_for_any_regime(day):
    for regime in Regime:
        assert not WorkingCalendar.for_regime(regime).is_working_day(d(day)), regime


def test_the_last_monday_of_may_2022_was_a_working_day_because_the_holiday_moved_to_june():
    assert uk_calendar().is_working_day(d("2022-05-30"))
    assert scottish_calendar().is_working_day(d("2022-05-30"))


@pytest.mark.parametrize("regime", [Regime.FOIA, Regime.EIR, Regime.SAR])
def test_uk_wide_regimes_use_every_nations_holidays(regime):
    calendar = WorkingCalendar.for_regime(regime)

    assert not calendar.is_working_day(d("2020-01-02"))  # Scotland only
    assert not calendar.is_working_day(d("2024-04-01"))  # not Scotland
    assert not calendar.is_working_day(d("2025-03-17"))  # Northern Ireland only


@pytest.mark.parametrize("regime", SCOTTISH_REGIMES)
def test_scottish_regimes_use_scottish_holidays_only(regime):
    calendar = WorkingCalendar.for_regime(regime)

    assert not calendar.is_working_day(d("2020-01-02"))
    assert not calendar.is_working_day(d("2019-12-25"))
    assert calendar.is_working_day(d("2024-04-01"))
    assert calendar.is_working_day(d("2025-03-17"))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2024-09-06", "2024-09-09"),  # Friday -> Monday
        ("2024-09-07", "2024-09-09"),  # Saturday -> Monday
        ("2024-09-08", "2024-09-09"),  # Sunday -> Monday
        ("2024-09-09", "2024-09-10"),  # a working start day is not itself counted
        ("2019-12-24", "2019-12-27"),  # over Christmas and Boxing Day
        ("2019-12-31", "2020-01-03"),  # over 1 Jan (UK) and 2 Jan (Scotland)
    ],
)
def test_add_one_working_day_gives_the_next_working_day_after_the_start(start, expected):
    assert uk_calendar().add_working_days(d(start), 1) == d(expected)


def test_add_working_days_skips_2_january_in_scotland_but_not_in_england_and_wales():
    assert scottish_calendar().add_working_days(d("2019-12-31"), 1) == d("2020-01-03")
    assert england_and_wales_calendar().add_working_days(d("2019-12-31"), 1) == d("2020-01-02")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-09-06", "2024-09-06", 0),  # same day
        ("2024-09-06", "2024-09-09", 1),  # Fri -> Mon: only Monday counts
        ("2024-09-07", "2024-09-08", 0),  # Sat -> Sun
        ("2024-09-06", "2024-09-08", 0),  # Fri -> Sun: start excluded, weekend not counted
        ("2024-09-08", "2024-09-06", 0),  # and backwards
        ("2024-09-09", "2024-09-06", -1),  # Mon -> previous Fri: minus Monday
        ("2019-12-20", "2020-01-03", 6),  # 23, 24, 27, 30, 31 Dec and 3 Jan
        ("2020-01-03", "2019-12-20", -6),
        ("2020-01-01", "2020-01-02", 0),  # both holidays in the union
    ],
)
def test_working_days_between_counts_days_after_start_up_to_and_including_end(start, end, expected):
    assert uk_calendar().working_days_between(d(start), d(end)) == expected


def test_working_days_between_in_england_and_wales_alone_counts_2_january():
    assert england_and_wales_calendar().working_days_between(d("2019-12-20"), d("2020-01-03")) == 7


def test_an_extra_scottish_holiday_is_not_a_working_day_for_foia_or_foisa():
    extra = [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", Nation.SCOTLAND)]

    assert not WorkingCalendar.for_regime(Regime.FOIA, extra).is_working_day(d("2024-09-11"))
    assert not WorkingCalendar.for_regime(Regime.FOISA, extra).is_working_day(d("2024-09-11"))


@pytest.mark.parametrize("nation", [Nation.NORTHERN_IRELAND, Nation.ENGLAND_AND_WALES])
def test_an_extra_holiday_outside_scotland_affects_foia_but_not_foisa(nation):
    extra = [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", nation)]

    assert not WorkingCalendar.for_regime(Regime.FOIA, extra).is_working_day(d("2024-09-11"))
    assert WorkingCalendar.for_regime(Regime.FOISA, extra).is_working_day(d("2024-09-11"))


# --- Day of receipt ---------------------------------------------------------------------------


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2024-09-02", "2024-09-30"),  # Monday -> Monday four weeks on
        ("2024-09-03", "2024-10-01"),  # Tuesday
        ("2024-09-04", "2024-10-02"),  # Wednesday
        ("2024-09-05", "2024-10-03"),  # Thursday
        ("2024-09-06", "2024-10-04"),  # Friday
        ("2024-09-07", "2024-10-04"),  # Saturday: day one is Mon 9 Sep
        ("2024-09-08", "2024-10-04"),  # Sunday: day one is Mon 9 Sep
    ],
)
def test_twenty_working_days_for_each_day_of_receipt_in_a_month_without_holidays(regime, received, due):
    assert compute_deadline(regime, d(received)).due == d(due)


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
@pytest.mark.parametrize("received", ["2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06"])
def test_receipt_on_a_friday_weekend_or_bank_holiday_all_start_day_one_on_the_tuesday(regime, received):
    # Mon 6 May 2024 was the early May bank holiday everywhere, so day one is Tue 7 May:
    # 7-10 May days 1-4, 13-17 days 5-9, 20-24 days 10-14, 27 May holiday, 28-31 days 15-18,
    # 3-4 Jun days 19-20.
    deadline = compute_deadline(regime, d(received))

    assert deadline.due == d("2024-06-04")
    assert deadline.clock_start == d(received)


def test_a_bank_holiday_receipt_day_is_not_itself_listed_as_skipped():
    deadline = compute_deadline(Regime.FOIA, d("2024-05-06"))

    assert skipped_days(deadline) == days(
        "2024-05-11 2024-05-12 2024-05-18 2024-05-19 2024-05-25 2024-05-26 2024-05-27 2024-06-01 2024-06-02"
    )


def test_a_saturday_receipt_lists_the_sunday_after_it_as_skipped_but_not_itself():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-07"))

    assert skipped_days(deadline) == days(
        "2024-09-08 2024-09-14 2024-09-15 2024-09-21 2024-09-22 2024-09-28 2024-09-29"
    )


# --- Christmas and New Year -------------------------------------------------------------------


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 2019/20: 25, 26 Dec, 1 Jan, 2 Jan (Scot).
        ("2019-12-12", "2020-01-15"),
        # 2020/21: 25 Dec Fri, 28 Dec Mon (Boxing Day observed), 1 Jan Fri, 4 Jan Mon (Scottish
        # 2 January observed). 18 Dec day 1; 21-24 days 2-5; 29-31 days 6-8; 5-8 Jan days 9-12;
        # 11-15 days 13-17; 18-20 days 18-20.
        ("2020-12-17", "2021-01-20"),
        # 2021/22: 27, 28 Dec (observed), 3 Jan (observed), 4 Jan (Scot observed).
        # 20-24 Dec days 1-5; 29-31 days 6-8; 5-7 Jan days 9-11; 10-14 days 12-16; 17-20 days 17-20.
        ("2021-12-17", "2022-01-20"),
        # 2022/23: 26 Dec, 27 Dec (observed), 2 Jan (observed), 3 Jan (Scot observed).
        # 28-30 Dec days 1-3; 4-6 Jan days 4-6; 9-13 days 7-11; 16-20 days 12-16; 23-26 days 17-20.
        ("2022-12-23", "2023-01-26"),
    ],
)
def test_christmas_and_new_year_holidays_including_substitute_days(regime, received, due):
    # Scotland observes every one of these days, so all four regimes agree.
    assert compute_deadline(regime, d(received)).due == d(due)


@pytest.mark.parametrize(
    ("received", "england_and_wales_only"),
    [
        ("2019-12-12", "2020-01-14"),
        ("2020-12-17", "2021-01-19"),
        ("2021-12-17", "2022-01-19"),
        ("2022-12-23", "2023-01-25"),
    ],
)
def test_the_scottish_new_year_day_is_what_separates_foia_from_england_and_wales_counting(
    received, england_and_wales_only
):
    assert england_and_wales_calendar().add_working_days(d(received), 20) == d(england_and_wales_only)
    assert compute_deadline(Regime.FOIA, d(received)).due > d(england_and_wales_only)


# --- Easter, St Patrick, 12 July, August, St Andrew -------------------------------------------


@pytest.mark.parametrize(
    ("received", "foia_due", "foisa_due"),
    [
        # 2024: 18 Mar (NI observed), 29 Mar Good Friday, 1 Apr Easter Monday.
        # FOIA: 15 Mar d1; 19-22 d2-5; 25-28 d6-9; 2-5 Apr d10-13; 8-12 d14-18; 15-16 d19-20.
        # FOISA: 15 Mar d1; 18-22 d2-6; 25-28 d7-10; 1-5 Apr d11-15; 8-12 d16-20.
        ("2024-03-14", "2024-04-16", "2024-04-12"),
        # 2024, after St Patrick's: FOIA loses Good Friday and Easter Monday; FOISA, Good Friday.
        ("2024-03-20", "2024-04-19", "2024-04-18"),
        # 2025: 18 Apr Good Friday, 21 Apr Easter Monday, 5 May early May holiday.
        # FOIA: 11 Apr d1; 14-17 d2-5; 22-25 d6-9; 28 Apr-2 May d10-14; 6-9 d15-18; 12-13 d19-20.
        ("2025-04-10", "2025-05-13", "2025-05-12"),
    ],
)
def test_easter_monday_delays_foia_but_not_foisa(received, foia_due, foisa_due):
    assert compute_deadline(Regime.FOIA, d(received)).due == d(foia_due)
    assert compute_deadline(Regime.FOISA, d(received)).due == d(foisa_due)


def test_eir_follows_foia_and_eisr_follows_foisa_over_easter():
    assert compute_deadline(Regime.EIR, d("2024-03-20")).due == d("2024-04-19")
    assert compute_deadline(Regime.EISR, d("2024-03-20")).due == d("2024-04-18")


def test_good_friday_is_skipped_under_foisa():
    deadline = compute_deadline(Regime.FOISA, d("2024-03-20"))

    assert d("2024-03-29") in skipped_days(deadline)
    assert d("2024-04-01") not in skipped_days(deadline)


def test_st_patricks_day_on_a_monday_delays_foia_only():
    # 17 Mar 2025 was a Monday. FOIA: 18-21 Mar d1-4 ... 7-11 Apr d15-19, 14 Apr d20.
    # FOISA counts 17 Mar as day one, so day 20 is Fri 11 Apr.
    assert compute_deadline(Regime.FOIA, d("2025-03-14")).due == d("2025-04-14")
    assert compute_deadline(Regime.FOISA, d("2025-03-14")).due == d("2025-04-11")


def test_st_patricks_day_on_a_sunday_is_substituted_by_the_monday_for_foia():
    # 17 Mar 2019 was a Sunday; Mon 18 Mar was the Northern Ireland holiday.
    assert compute_deadline(Regime.FOIA, d("2019-03-15")).due == d("2019-04-15")
    assert compute_deadline(Regime.FOISA, d("2019-03-15")).due == d("2019-04-12")


def test_the_twelfth_of_july_delays_foia_only():
    # Fri 12 Jul 2024. FOIA: 5 Jul d1; 8-11 d2-5; 15-19 d6-10; 22-26 d11-15; 29 Jul-2 Aug d16-20.
    assert compute_deadline(Regime.FOIA, d("2024-07-04")).due == d("2024-08-02")
    assert compute_deadline(Regime.FOISA, d("2024-07-04")).due == d("2024-08-01")


def test_the_battle_of_the_boyne_substitute_monday_delays_foia_only():
    # 12 Jul 2020 was a Sunday; Mon 13 Jul was the Northern Ireland holiday.
    # FOIA: 29 Jun-3 Jul d1-5; 6-10 d6-10; 14-17 d11-14; 20-24 d15-19; 27 Jul d20.
    assert compute_deadline(Regime.FOIA, d("2020-06-26")).due == d("2020-07-27")
    assert compute_deadline(Regime.FOISA, d("2020-06-26")).due == d("2020-07-24")


def test_the_twelfth_of_july_and_the_scottish_august_holiday_both_count_for_foia():
    # 12 Jul 2024 (NI) and 5 Aug 2024 (Scot) both fall inside this window.
    # FOIA: 15-19 Jul d1-5; 22-26 d6-10; 29 Jul-2 Aug d11-15; 6-9 Aug d16-19; 12 Aug d20.
    # FOISA: 12 Jul d1; ...; 29 Jul-2 Aug d12-16; 6-9 Aug d17-20.
    # England and Wales alone: 12 Jul d1 ... 5-8 Aug d17-20.
    assert compute_deadline(Regime.FOIA, d("2024-07-11")).due == d("2024-08-12")
    assert compute_deadline(Regime.FOISA, d("2024-07-11")).due == d("2024-08-09")
    assert england_and_wales_calendar().add_working_days(d("2024-07-11"), 20) == d("2024-08-08")


def test_the_scottish_first_monday_in_august_delays_foia_and_foisa():
    # Mon 5 Aug 2024 (Scot) and Mon 26 Aug 2024 (not Scot).
    # FOIA: 29 Jul-2 Aug d1-5; 6-9 d6-9; 12-16 d10-14; 19-23 d15-19; 27 Aug d20.
    # FOISA: same to 23 Aug (d19); Mon 26 Aug is d20.
    assert compute_deadline(Regime.FOIA, d("2024-07-26")).due == d("2024-08-27")
    assert compute_deadline(Regime.FOISA, d("2024-07-26")).due == d("2024-08-26")
    assert england_and_wales_calendar().add_working_days(d("2024-07-26"), 20) == d("2024-08-23")


def test_the_late_summer_holiday_delays_foia_but_not_foisa():
    # Mon 26 Aug 2024. FOIA: 19-23 Aug d1-5; 27-30 d6-9; 2-6 Sep d10-14; 9-13 d15-19; 16 Sep d20.
    assert compute_deadline(Regime.FOIA, d("2024-08-16")).due == d("2024-09-16")
    assert compute_deadline(Regime.FOISA, d("2024-08-16")).due == d("2024-09-13")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_st_andrews_day_on_a_monday_delays_every_working_day_regime(regime):
    # Mon 30 Nov 2020, then 25 Dec and 28 Dec (Boxing Day observed).
    # 1-4 Dec d1-4; 7-11 d5-9; 14-18 d10-14; 21-24 d15-18; 29-30 Dec d19-20.
    assert compute_deadline(regime, d("2020-11-27")).due == d("2020-12-30")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_st_andrews_day_on_a_sunday_is_substituted_by_monday_1_december(regime):
    # 30 Nov 2025 was a Sunday; Mon 1 Dec 2025 was the Scottish holiday.
    # 2-5 Dec d1-4; 8-12 d5-9; 15-19 d10-14; 22-24 d15-17; 25, 26 Dec holidays; 29-31 d18-20.
    assert compute_deadline(regime, d("2025-11-28")).due == d("2025-12-31")


def test_england_and_wales_counting_would_miss_the_st_andrews_substitute_day():
    assert england_and_wales_calendar().add_working_days(d("2025-11-28"), 20) == d("2025-12-30")
    assert england_and_wales_calendar().add_working_days(d("2020-11-27"), 20) == d("2020-12-29")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_the_state_funeral_on_19_september_2022_was_not_a_working_day(regime):
    # 20-23 Sep d1-4; 26-30 d5-9; 3-7 Oct d10-14; 10-14 d15-19; 17 Oct d20.
    assert compute_deadline(regime, d("2022-09-16")).due == d("2022-10-17")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_the_coronation_holiday_on_8_may_2023_was_not_a_working_day(regime):
    # 1 May holiday; 2-5 May d1-4; 8 May Coronation; 9-12 d5-8; 15-19 d9-13; 22-26 d14-18;
    # 29 May holiday; 30-31 May d19-20.
    assert compute_deadline(regime, d("2023-04-28")).due == d("2023-05-31")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_the_platinum_jubilee_holidays_on_2_and_3_june_2022_were_not_working_days(regime):
    # Mon 30 May 2022 was a working day (d1); 31 May, 1 Jun d2-3; 2, 3 Jun holidays;
    # 6-10 d4-8; 13-17 d9-13; 20-24 d14-18; 27-28 Jun d19-20.
    assert compute_deadline(regime, d("2022-05-27")).due == d("2022-06-28")


# --- Extra (newly proclaimed) holidays --------------------------------------------------------


def test_an_extra_scottish_holiday_moves_foia_and_foisa_deadlines():
    extra = [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", Nation.SCOTLAND)]

    assert compute_deadline(Regime.FOIA, d("2024-09-02"), extra_holidays=extra).due == d("2024-10-01")
    assert compute_deadline(Regime.FOISA, d("2024-09-02"), extra_holidays=extra).due == d("2024-10-01")


@pytest.mark.parametrize("nation", [Nation.NORTHERN_IRELAND, Nation.ENGLAND_AND_WALES])
def test_an_extra_holiday_outside_scotland_moves_foia_but_not_foisa(nation):
    extra = [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", nation)]

    assert compute_deadline(Regime.FOIA, d("2024-09-02"), extra_holidays=extra).due == d("2024-10-01")
    assert compute_deadline(Regime.FOISA, d("2024-09-02"), extra_holidays=extra).due == d("2024-09-30")


def test_an_extra_holiday_is_listed_as_skipped_with_its_nation_and_name():
    extra = [ExtraHoliday(d("2024-09-11"), "Proclaimed holiday", Nation.SCOTLAND)]

    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), extra_holidays=extra)

    assert SkippedDay(d("2024-09-11"), "Bank holiday (Scotland): Proclaimed holiday") in (deadline.skipped)


def test_an_extra_holiday_on_the_sar_due_date_rolls_it_to_the_next_working_day():
    # SAR received Mon 2 Sep 2024 is due Wed 2 Oct; a new Scottish holiday that day moves it.
    extra = [ExtraHoliday(d("2024-10-02"), "Proclaimed holiday", Nation.SCOTLAND)]

    assert compute_deadline(Regime.SAR, d("2024-09-02")).due == d("2024-10-02")
    assert compute_deadline(Regime.SAR, d("2024-09-02"), extra_holidays=extra).due == d("2024-10-03")


def test_an_extra_holiday_duplicating_an_installed_one_changes_nothing():
    extra = [ExtraHoliday(d("2019-12-25"), "Christmas Day", Nation.SCOTLAND)]

    assert compute_deadline(Regime.FOIA, d("2019-12-12"), extra_holidays=extra).due == d("2020-01-15")


# --- Skipped days -----------------------------------------------------------------------------


def test_skipped_lists_every_non_counted_day_after_receipt_up_to_the_due_date():
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert skipped_days(deadline) == days(
        "2019-12-14 2019-12-15 "  # weekend
        "2019-12-21 2019-12-22 "  # weekend
        "2019-12-25 2019-12-26 "  # Christmas Day, Boxing Day
        "2019-12-28 2019-12-29 "  # weekend
        "2020-01-01 2020-01-02 "  # New Year's Day; 2 January (Scotland)
        "2020-01-04 2020-01-05 "  # weekend
        "2020-01-11 2020-01-12"  # weekend
    )


def test_skipped_reasons_name_weekends_uk_wide_and_scotland_only_days():
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert SkippedDay(d("2019-12-14"), "Saturday") in deadline.skipped
    assert SkippedDay(d("2019-12-15"), "Sunday") in deadline.skipped
    assert SkippedDay(d("2019-12-25"), "Bank holiday (UK): Christmas Day") in deadline.skipped
    assert SkippedDay(d("2019-12-26"), "Bank holiday (UK): Boxing Day") in deadline.skipped
    assert SkippedDay(d("2020-01-02"), "Bank holiday (Scotland): New Year Holiday") in deadline.skipped


def test_foia_skipped_reasons_name_the_nations_observing_each_easter_holiday():
    deadline = compute_deadline(Regime.FOIA, d("2024-03-14"))

    assert reason_on(deadline, "2024-03-18") == "Bank holiday (Northern Ireland): Saint Patrick's Day (observed)"
    assert reason_on(deadline, "2024-03-29") == "Bank holiday (UK): Good Friday"
    assert reason_on(deadline, "2024-04-01") == "Bank holiday (England and Wales, Northern Ireland): Easter Monday"


def test_foisa_skipped_days_leave_out_holidays_outside_scotland():
    deadline = compute_deadline(Regime.FOISA, d("2024-03-14"))

    assert skipped_days(deadline) == days(
        "2024-03-16 2024-03-17 2024-03-23 2024-03-24 2024-03-29 2024-03-30 2024-03-31 2024-04-06 2024-04-07"
    )


def test_skipped_days_run_on_through_an_extension_to_the_extended_due_date():
    deadline = compute_deadline(Regime.EIR, d("2019-12-12"), [extension("2020-01-10", 20)])

    for weekend_day in ["2020-01-18", "2020-01-19", "2020-02-08", "2020-02-09"]:
        assert d(weekend_day) in skipped_days(deadline)
    assert max(skipped_days(deadline)) < d("2020-02-12")


# --- Clarification (s1(3)): stop, then restart ------------------------------------------------


def test_requesting_clarification_stops_the_clock():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_requested("2024-09-05")])

    assert deadline.state == "awaiting_clarification"
    assert deadline.due is None
    assert deadline.statutory_due is None
    assert deadline.working_days_left(d("2024-09-20")) is None


@pytest.mark.parametrize(
    ("requested", "days_used"),
    [
        ("2024-09-02", 0),  # on the day of receipt
        ("2024-09-03", 1),  # Tue, day one itself
        ("2024-09-05", 3),  # Tue, Wed, Thu
        ("2024-09-06", 4),
        ("2024-09-07", 4),  # a Saturday adds nothing
        ("2024-09-09", 5),
    ],
)
def test_days_used_counts_working_days_up_to_and_including_the_request_day(requested, days_used):
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_requested(requested)])

    assert deadline.days_used == days_used


def test_receiving_clarification_restarts_the_full_twenty_working_days_from_that_day():
    # Restart, not resume: 17-20 Sep d1-4; 23-27 d5-9; 30 Sep-4 Oct d10-14; 7-11 d15-19; 14 Oct d20.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [clarification_requested("2024-09-05"), clarification_received("2024-09-16")],
    )

    assert deadline.state == "running"
    assert deadline.clock_start == d("2024-09-16")
    assert deadline.statutory_due == d("2024-10-14")
    assert deadline.due == d("2024-10-14")
    assert deadline.days_used == 0


def test_clarification_received_on_a_saturday_restarts_with_day_one_on_monday():
    # Day one Mon 23 Sep 2024, day 20 Fri 18 Oct.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [clarification_requested("2024-09-05"), clarification_received("2024-09-21")],
    )

    assert deadline.clock_start == d("2024-09-21")
    assert deadline.due == d("2024-10-18")


def test_clarification_received_without_a_request_event_is_accepted_as_a_restart():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_received("2024-09-16")])

    assert deadline.state == "running"
    assert deadline.clock_start == d("2024-09-16")
    assert deadline.due == d("2024-10-14")


def test_a_second_request_for_clarification_stops_the_restarted_clock_again():
    # After the restart on Mon 16 Sep: Tue 17 to Fri 20 Sep are four counted days.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [
            clarification_requested("2024-09-05"),
            clarification_received("2024-09-16"),
            clarification_requested("2024-09-20"),
        ],
    )

    assert deadline.state == "awaiting_clarification"
    assert deadline.due is None
    assert deadline.days_used == 4


def test_a_second_clarification_restarts_the_clock_from_its_own_date():
    # Restart from Tue 1 Oct 2024: 2-4 Oct d1-3; 7-11 d4-8; 14-18 d9-13; 21-25 d14-18; 28-29 d19-20.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [
            clarification_requested("2024-09-05"),
            clarification_received("2024-09-16"),
            clarification_requested("2024-09-20"),
            clarification_received("2024-10-01"),
        ],
    )

    assert deadline.state == "running"
    assert deadline.clock_start == d("2024-10-01")
    assert deadline.due == d("2024-10-29")


@pytest.mark.parametrize("regime", WORKING_DAY_REGIMES)
def test_a_clarification_restart_over_christmas_skips_the_holidays(regime):
    # Restart Mon 23 Dec 2019: 24 Dec d1; 27 Dec d2; 30-31 d3-4; 3 Jan d5; 6-10 d6-10;
    # 13-17 d11-15; 20-24 Jan d16-20.
    deadline = compute_deadline(
        regime,
        d("2019-12-12"),
        [clarification_requested("2019-12-13"), clarification_received("2019-12-23")],
    )

    assert deadline.due == d("2020-01-24")


def test_skipped_days_after_a_clarification_restart_start_after_the_new_clock_start():
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [clarification_requested("2024-09-05"), clarification_received("2024-09-16")],
    )

    assert min(skipped_days(deadline)) == d("2024-09-21")


def test_a_clarification_requested_before_receipt_is_rejected():
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_requested("2024-08-30")])

    assert error.value.field == "clarification_requested"


def test_a_clarification_received_before_receipt_is_rejected():
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_received("2024-08-30")])

    assert error.value.field == "clarification_received"


def test_a_date_of_receipt_after_today_is_rejected():
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.FOIA, d("2024-09-10"), today=d("2024-09-09"))

    assert error.value.field == "received"


def test_deadline_error_is_a_value_error_with_a_message():
    with pytest.raises(ValueError) as error:
        compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_received("2024-08-30")])

    assert isinstance(error.value, DeadlineError)
    assert isinstance(error.value.message, str)
    assert error.value.message


# --- Fees notice (s9, s10(2)): a pause, both ends disregarded ----------------------------------


def test_a_fee_pause_disregards_working_days_from_notice_to_payment_inclusive():
    # Received Mon 2 Sep 2024. Counted before the notice: Tue 3, Wed 4 (2 days).
    # Disregarded: Thu 5, Fri 6, Mon 9, Tue 10 (notice and payment days included).
    # Resume Wed 11: 11-13 d3-5; 16-20 d6-10; 23-27 d11-15; 30 Sep-4 Oct d16-20.
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-05"), fee_received("2024-09-10")]
    )

    assert deadline.state == "running"
    assert deadline.clock_start == d("2024-09-02")
    assert deadline.statutory_due == d("2024-10-04")
    assert deadline.due == d("2024-10-04")


def test_a_fee_pause_applies_under_foisa_too():
    deadline = compute_deadline(
        Regime.FOISA, d("2024-09-02"), [fee_notice_sent("2024-09-05"), fee_received("2024-09-10")]
    )

    assert deadline.due == d("2024-10-04")


def test_a_fee_notice_without_payment_leaves_the_case_awaiting_the_fee():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-05")])

    assert deadline.state == "awaiting_fee"
    assert deadline.due is None
    assert deadline.statutory_due is None
    assert deadline.internal_target is None
    assert deadline.working_days_left(d("2024-09-20")) is None


def test_days_counted_before_the_fee_notice_are_kept_and_the_notice_day_is_not_one_of_them():
    # Tue 3 and Wed 4 Sep counted; Thu 5 Sep (the notice day) is disregarded.
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-05")])

    assert deadline.days_used == 2


def test_a_fee_paid_on_the_day_of_the_notice_pauses_exactly_one_working_day():
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-04"), fee_received("2024-09-04")]
    )

    assert deadline.due == d("2024-10-01")


def test_a_fee_pause_falling_wholly_on_a_weekend_changes_nothing():
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-07"), fee_received("2024-09-08")]
    )

    assert deadline.due == d("2024-09-30")


def test_a_fee_notice_given_on_the_day_of_receipt_delays_day_one_until_after_payment():
    # Disregarded Mon 2 (not counted anyway), Tue 3, Wed 4. Day one Thu 5 Sep:
    # 5-6 d1-2; 9-13 d3-7; 16-20 d8-12; 23-27 d13-17; 30 Sep-2 Oct d18-20.
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-02"), fee_received("2024-09-04")]
    )

    assert deadline.due == d("2024-10-02")


@pytest.mark.parametrize("regime", [Regime.FOIA, Regime.FOISA])
def test_a_fee_pause_spanning_christmas_disregards_the_working_days_within_it(regime):
    # Received Thu 12 Dec 2019. Counted: 13, 16-19 Dec (5 days). Notice Fri 20 Dec, fee Fri 3 Jan.
    # Within the pause the holidays (25, 26 Dec, 1, 2 Jan) were never working days anyway.
    # Resume Mon 6 Jan: 6-10 d6-10; 13-17 d11-15; 20-24 d16-20.
    deadline = compute_deadline(regime, d("2019-12-12"), [fee_notice_sent("2019-12-20"), fee_received("2020-01-03")])

    assert deadline.due == d("2020-01-24")


def test_fee_paused_working_days_are_skipped_with_a_fee_notice_reason():
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-05"), fee_received("2024-09-10")]
    )

    for paused in ["2024-09-05", "2024-09-06", "2024-09-09", "2024-09-10"]:
        assert reason_on(deadline, paused).startswith("Fee notice")
    assert reason_on(deadline, "2024-09-14") == "Saturday"
    assert skipped_days(deadline) == days(
        "2024-09-05 2024-09-06 2024-09-07 2024-09-08 2024-09-09 "
        "2024-09-10 2024-09-14 2024-09-15 2024-09-21 2024-09-22 "
        "2024-09-28 2024-09-29"
    )


def test_a_fee_received_before_the_notice_is_rejected():
    with pytest.raises(DeadlineError) as error:
        compute_deadline(
            Regime.FOIA,
            d("2024-09-02"),
            [fee_notice_sent("2024-09-10"), fee_received("2024-09-05")],
        )

    assert error.value.field == "fee_received"


# --- Extensions (FOIA s10(3) PIT, EIR reg 7, EISR) ---------------------------------------------


def test_a_foia_pit_extension_adds_working_days_after_the_statutory_due_date():
    # Statutory due Mon 30 Sep 2024; 1-4 Oct e1-4; 7-11 e5-9; 14 Oct e10.
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [extension("2024-09-27", 10)])

    assert deadline.statutory_due == d("2024-09-30")
    assert deadline.due == d("2024-10-14")
    assert deadline.working_days == 30
    assert deadline.extension_days == 10
    assert deadline.warnings == ()


def test_chained_foia_extensions_add_up():
    # 10 days to Mon 14 Oct, then 10 more notified on Thu 10 Oct: 15-18 Oct, 21-25, 28 Oct.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [extension("2024-09-27", 10), extension("2024-10-10", 10)],
    )

    assert deadline.statutory_due == d("2024-09-30")
    assert deadline.due == d("2024-10-28")
    assert deadline.working_days == 40
    assert deadline.extension_days == 20


def test_a_foia_extension_of_exactly_20_working_days_has_no_warning():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [extension("2024-09-27", 20)])

    assert deadline.due == d("2024-10-28")
    assert deadline.warnings == ()


@pytest.mark.parametrize(
    ("events", "due", "total"),
    [
        # One long extension: 21 working days after Mon 30 Sep is Tue 29 Oct.
        ([extension("2024-09-27", 21)], "2024-10-29", 21),
        # A chain of 20 then 5: 29-31 Oct, 1 Nov, 4 Nov.
        ([extension("2024-09-27", 20), extension("2024-10-25", 5)], "2024-11-04", 25),
    ],
)
def test_foia_extensions_beyond_20_working_days_are_applied_with_a_warning(events, due, total):
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), events)

    assert deadline.due == d(due)
    assert deadline.extension_days == total
    assert deadline.working_days == 20 + total
    assert any("20 working days" in warning for warning in deadline.warnings)


@pytest.mark.parametrize("regime", [Regime.EIR, Regime.EISR])
def test_eir_and_eisr_allow_up_to_40_working_days_in_all(regime):
    deadline = compute_deadline(regime, d("2024-09-02"), [extension("2024-09-27", 20)])

    assert deadline.due == d("2024-10-28")
    assert deadline.working_days == 40
    assert deadline.warnings == ()


@pytest.mark.parametrize("regime", [Regime.EIR, Regime.EISR])
def test_chained_eir_and_eisr_extensions_within_40_days_in_all_add_up(regime):
    deadline = compute_deadline(regime, d("2024-09-02"), [extension("2024-09-27", 10), extension("2024-10-10", 10)])

    assert deadline.due == d("2024-10-28")
    assert deadline.extension_days == 20


@pytest.mark.parametrize("regime", [Regime.EIR, Regime.EISR])
@pytest.mark.parametrize(
    "events",
    [
        [extension("2024-09-27", 21)],
        [extension("2024-09-27", 15), extension("2024-10-10", 10)],
    ],
)
def test_eir_and_eisr_reject_more_than_40_working_days_in_all(regime, events):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(regime, d("2024-09-02"), events)

    assert error.value.field == "extension_days"


@pytest.mark.parametrize("days", [1, 10, 20])
def test_foisa_allows_no_extension_at_all(days):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.FOISA, d("2024-09-02"), [extension("2024-09-27", days)])

    assert error.value.field == "extension_days"


@pytest.mark.parametrize("regime", [Regime.FOIA, Regime.EIR, Regime.EISR])
@pytest.mark.parametrize("days", [0, -1])
def test_an_extension_must_be_at_least_one_working_day(regime, days):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(regime, d("2024-09-02"), [extension("2024-09-27", days)])

    assert error.value.field == "extension_days"


def test_an_extension_notified_on_the_due_date_is_applied():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [extension("2024-09-30", 10)])

    assert deadline.due == d("2024-10-14")
    assert deadline.warnings == ()


def test_an_extension_notified_after_the_due_date_is_not_applied_and_warns_it_was_late():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [extension("2024-10-01", 10)])

    assert deadline.due == d("2024-09-30")
    assert deadline.extension_days == 0
    assert deadline.working_days == 20
    assert any("late" in warning.lower() for warning in deadline.warnings)


def test_a_chained_extension_notified_after_the_extended_due_date_is_not_applied():
    # The first extension moves the due date to Mon 14 Oct; the second arrives Tue 15 Oct.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [extension("2024-09-27", 10), extension("2024-10-15", 10)],
    )

    assert deadline.due == d("2024-10-14")
    assert deadline.extension_days == 10
    assert any("late" in warning.lower() for warning in deadline.warnings)


@pytest.mark.parametrize(
    ("regime", "events", "due", "applied"),
    [
        # EIR: 20 days on time (due Mon 28 Oct 2024), then 5 more on Wed 30 Oct, after that date.
        (Regime.EIR, [extension("2024-09-27", 20), extension("2024-10-30", 5)], "2024-10-28", 20),
        (Regime.EISR, [extension("2024-09-27", 20), extension("2024-10-30", 5)], "2024-10-28", 20),
        # SAR: 2 months on time (due Tue 3 Dec 2024), then 1 more on 20 Oct, after the first month.
        (Regime.SAR, [extension("2024-09-20", 2), extension("2024-10-20", 1)], "2024-12-03", 2),
    ],
)
def test_a_late_extension_that_is_not_applied_does_not_count_towards_the_cap(regime, events, due, applied):
    # A late extension never takes effect, so it cannot take the total over the statutory cap;
    # the case keeps its lawful due date and shows the late warning instead of failing outright.
    deadline = compute_deadline(regime, d("2024-09-02"), events)

    assert deadline.due == d(due)
    assert deadline.extension_days == applied
    assert any("late" in warning.lower() for warning in deadline.warnings)


def test_an_extension_after_a_fee_pause_counts_from_the_paused_statutory_due_date():
    # Statutory due with the 5-10 Sep fee pause is Fri 4 Oct; 10 more: 7-11 Oct, 14-18 Oct.
    deadline = compute_deadline(
        Regime.FOIA,
        d("2024-09-02"),
        [fee_notice_sent("2024-09-05"), fee_received("2024-09-10"), extension("2024-10-01", 10)],
    )

    assert deadline.statutory_due == d("2024-10-04")
    assert deadline.due == d("2024-10-18")


# --- Internal target (draft to supervisor) ----------------------------------------------------


def test_the_internal_target_defaults_to_the_fifteenth_working_day():
    # From 13 Dec 2019 with union holidays the 15th working day is Wed 8 Jan 2020.
    assert compute_deadline(Regime.FOIA, d("2019-12-12")).internal_target == d("2020-01-08")


def test_the_internal_target_day_is_configurable():
    # 13 Dec d1; 16-20 d2-6; 23-24 d7-8; 27 d9; 30 Dec d10.
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"), internal_target_day=10)

    assert deadline.internal_target == d("2019-12-30")


def test_the_internal_target_moves_with_an_extension():
    # Extended due Mon 14 Oct 2024; five counted working days earlier is Mon 7 Oct.
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [extension("2024-09-27", 10)])

    assert deadline.internal_target == d("2024-10-07")


def test_the_internal_target_moves_with_a_clarification_restart():
    # Restart Mon 16 Sep 2024: 17-20 d1-4; 23-27 d5-9; 30 Sep-4 Oct d10-14; Mon 7 Oct d15.
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_received("2024-09-16")])

    assert deadline.internal_target == d("2024-10-07")


def test_the_internal_target_counts_only_counted_days_when_a_fee_pause_falls_near_the_end():
    # Counted: 3-6 Sep d1-4; 9-13 d5-9; 16-20 d10-14; Mon 23 Sep d15; Tue 24 d16.
    # Fee notice Wed 25, paid Thu 26 (disregarded); 27 Sep d17; 30 Sep d18; 1-2 Oct d19-20.
    # Five plain working days before Wed 2 Oct would be Wed 25 Sep, a paused day: wrong.
    deadline = compute_deadline(
        Regime.FOIA, d("2024-09-02"), [fee_notice_sent("2024-09-25"), fee_received("2024-09-26")]
    )

    assert deadline.due == d("2024-10-02")
    assert deadline.internal_target == d("2024-09-23")


def test_the_internal_target_is_none_while_awaiting_clarification():
    deadline = compute_deadline(Regime.FOIA, d("2024-09-02"), [clarification_requested("2024-09-05")])

    assert deadline.internal_target is None


@pytest.mark.parametrize(
    ("received", "target"),
    [
        # Due Mon 13 Jan 2020; five working days earlier: 10, 9, 8, 7, 6 Jan.
        ("2019-12-12", "2020-01-06"),
        # Due Thu 29 Feb 2024; five working days earlier: 28, 27, 26, 23, 22 Feb.
        ("2024-01-31", "2024-02-22"),
    ],
)
def test_the_sar_internal_target_is_five_working_days_before_the_due_date(received, target):
    assert compute_deadline(Regime.SAR, d(received)).internal_target == d(target)


def test_the_sar_internal_target_follows_an_extended_due_date():
    # Extended due Tue 30 Apr 2024; five working days earlier: 29, 26, 25, 24, 23 Apr.
    deadline = compute_deadline(Regime.SAR, d("2024-01-31"), [extension("2024-02-15", 2)])

    assert deadline.internal_target == d("2024-04-23")


# --- SAR: one calendar month ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2024-09-02", "2024-10-02"),  # same date next month, a Wednesday
        ("2023-12-31", "2024-01-31"),  # across the year end, 31 -> 31
        ("2024-09-07", "2024-10-07"),  # a Saturday receipt still counts from that date
        ("2024-01-31", "2024-02-29"),  # no 31 Feb: last day of February, leap year
        ("2023-01-31", "2023-02-28"),  # ... and in a common year
        ("2023-01-30", "2023-02-28"),
        ("2025-01-29", "2025-02-28"),
        ("2024-08-31", "2024-09-30"),  # no 31 Sep
        ("2025-03-31", "2025-04-30"),
        ("2025-05-31", "2025-06-30"),
    ],
)
def test_a_sar_is_due_on_the_same_date_next_month_or_that_months_last_day(received, due):
    assert compute_deadline(Regime.SAR, d(received)).due == d(due)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2019-12-12", "2020-01-13"),  # Sun 12 Jan -> Mon 13 Jan
        ("2024-11-25", "2024-12-27"),  # Christmas Day, Boxing Day -> Fri 27 Dec
        ("2021-11-27", "2021-12-29"),  # Mon 27, Tue 28 Dec 2021 substitute days -> Wed 29
        ("2019-12-02", "2020-01-03"),  # Thu 2 Jan 2020 is a Scottish holiday -> Fri 3 Jan
        ("2024-02-29", "2024-04-02"),  # Good Friday 29 Mar, weekend, Easter Monday -> Tue 2 Apr
        ("2025-06-12", "2025-07-15"),  # Sat 12 Jul, Sun, Mon 14 Jul (NI observed) -> Tue 15 Jul
        # 31 Oct -> 30 Nov 2024 (Sat), Sun, Mon 2 Dec (St Andrew's observed, Scotland) -> Tue 3 Dec
        ("2024-10-31", "2024-12-03"),
    ],
)
def test_a_sar_due_date_on_a_non_working_day_rolls_to_the_next_uk_working_day(received, due):
    assert compute_deadline(Regime.SAR, d(received)).due == d(due)


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-01-31", 3, "2024-04-30"),
        ("2024-12-31", 2, "2025-02-28"),
        ("2019-12-12", 1, "2020-01-13"),
        ("2024-09-02", 3, "2024-12-03"),  # Mon 2 Dec 2024 is St Andrew's observed (Scotland)
    ],
)
def test_sar_due_counts_whole_months_from_receipt_then_rolls_forward(received, months, due):
    assert sar_due(d(received), months, WorkingCalendar.for_regime(Regime.SAR)) == d(due)


def test_a_two_month_sar_extension_from_31_january_ends_on_30_april():
    deadline = compute_deadline(Regime.SAR, d("2024-01-31"), [extension("2024-02-15", 2)])

    assert deadline.statutory_due == d("2024-02-29")
    assert deadline.due == d("2024-04-30")
    assert deadline.extension_days == 2
    assert deadline.working_days == 0


def test_a_sar_extension_counts_months_from_receipt_not_from_the_rolled_due_date():
    # Statutory due rolled from Sun 12 Jan to Mon 13 Jan; one more month is 12 Feb, not 13 Feb.
    deadline = compute_deadline(Regime.SAR, d("2019-12-12"), [extension("2020-01-06", 1)])

    assert deadline.statutory_due == d("2020-01-13")
    assert deadline.due == d("2020-02-12")


def test_an_extended_sar_due_date_on_a_scottish_holiday_rolls_forward():
    # 2 Sep 2024 + 3 months = Mon 2 Dec 2024, St Andrew's Day observed in Scotland.
    deadline = compute_deadline(Regime.SAR, d("2024-09-02"), [extension("2024-09-20", 2)])

    assert deadline.due == d("2024-12-03")


def test_chained_sar_extensions_notified_within_the_first_month_add_up_to_two_months():
    deadline = compute_deadline(
        Regime.SAR,
        d("2019-12-12"),
        [extension("2020-01-06", 1), extension("2020-01-08", 1)],
    )

    assert deadline.due == d("2020-03-12")
    assert deadline.extension_days == 2


def test_a_sar_extension_notified_on_the_rolled_forward_due_date_is_in_time():
    # The first month ends on Mon 13 Jan 2020 (12 Jan was a Sunday).
    deadline = compute_deadline(Regime.SAR, d("2019-12-12"), [extension("2020-01-13", 1)])

    assert deadline.due == d("2020-02-12")
    assert deadline.warnings == ()


def test_a_second_sar_extension_notified_after_the_first_month_is_late_under_article_12_3():
    # UK GDPR art 12(3): the data subject must be told of any extension within one month of
    # receipt. A second extension sent on 3 Feb 2020 (inside the once-extended period, but after
    # the first month ended on 13 Jan) cannot take effect.
    deadline = compute_deadline(
        Regime.SAR,
        d("2019-12-12"),
        [extension("2020-01-06", 1), extension("2020-02-03", 1)],
    )

    assert deadline.due == d("2020-02-12")
    assert deadline.extension_days == 1
    assert any("late" in warning.lower() for warning in deadline.warnings)


@pytest.mark.parametrize(
    "events",
    [
        [extension("2024-09-20", 3)],
        [extension("2024-09-20", 2), extension("2024-09-25", 1)],
    ],
)
def test_sar_extensions_beyond_two_further_months_are_rejected(events):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.SAR, d("2024-09-02"), events)

    assert error.value.field == "extension_days"


@pytest.mark.parametrize("months", [0, -1])
def test_a_sar_extension_must_be_at_least_one_month(months):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(Regime.SAR, d("2024-09-02"), [extension("2024-09-20", months)])

    assert error.value.field == "extension_days"


def test_a_sar_extension_notified_after_the_first_month_is_not_applied():
    # Due Wed 2 Oct 2024; notified Thu 3 Oct.
    deadline = compute_deadline(Regime.SAR, d("2024-09-02"), [extension("2024-10-03", 2)])

    assert deadline.due == d("2024-10-02")
    assert deadline.extension_days == 0
    assert any("late" in warning.lower() for warning in deadline.warnings)


# --- Working days left ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "left"),
    [
        ("2020-01-15", 0),  # due today
        ("2020-01-14", 1),  # the working day before
        ("2020-01-16", -1),  # the working day after: overdue by one
        ("2020-01-03", 8),  # 6-10, 13-15 Jan
        ("2020-01-02", 9),  # from a Scottish holiday: 3 Jan counts too
        ("2020-01-18", -2),  # a Saturday after the due date: 16 and 17 Jan
        ("2020-01-20", -3),
    ],
)
def test_working_days_left_counts_forward_to_the_due_date_and_negative_when_overdue(today, left):
    deadline = compute_deadline(Regime.FOIA, d("2019-12-12"))

    assert deadline.working_days_left(d(today)) == left


def test_working_days_left_on_the_friday_before_a_monday_due_date_is_one():
    deadline = compute_deadline(Regime.SAR, d("2019-12-12"))

    assert deadline.working_days_left(d("2020-01-10")) == 1
    assert deadline.working_days_left(d("2020-01-13")) == 0


def test_working_days_left_under_foisa_counts_easter_monday():
    # FOISA due Thu 18 Apr 2024 (received 20 Mar). From Thu 28 Mar: 1-5 Apr, 8-12, 15-18 = 14.
    deadline = compute_deadline(Regime.FOISA, d("2024-03-20"))

    assert deadline.working_days_left(d("2024-03-28")) == 14


def test_working_days_between_agrees_with_walking_the_calendar_day_by_day():
    import random

    rng = random.Random(2026)
    for regime in ("foia", "foisa"):
        extra = [ExtraHoliday(date(2027, 3, 10), "Proclaimed holiday", Nation.SCOTLAND)]
        calendar = WorkingCalendar.for_regime(regime, extra)
        for _ in range(300):
            start = date(2018, 1, 1) + timedelta(days=rng.randrange(3650))
            end = start + timedelta(days=rng.randrange(-800, 800))
            low, high = min(start, end), max(start, end)
            walked = sum(1 for i in range(1, (high - low).days + 1) if calendar.is_working_day(low + timedelta(days=i)))
            assert calendar.working_days_between(start, end) == (walked if end >= start else -walked)


@pytest.mark.parametrize("received", [date(1999, 12, 31), date(2100, 1, 1), date(9999, 12, 25)])
def test_a_receipt_date_outside_the_supported_years_is_an_error_not_a_crash(received):
    for regime in ("foia", "sar"):
        with pytest.raises(DeadlineError) as error:
            compute_deadline(regime, received)
        assert error.value.field == "received"


@pytest.mark.parametrize("kind", list(EventKind))
def test_an_event_more_than_three_years_after_receipt_is_refused(kind):
    with pytest.raises(DeadlineError) as error:
        compute_deadline("foia", date(2019, 12, 12), [ClockEvent(kind, date(9999, 12, 31), 1)])
    assert error.value.field == kind.value


# --- internal reviews: a clock of their own, from the day the review was asked for ---------------


@pytest.mark.parametrize(
    ("regime", "due"),
    [
        # FOIA: 20 working days under the s45 Code; Christmas, Boxing Day, 1 and 2 January skipped.
        ("foia", date(2020, 1, 15)),
        # FOISA s21: 20 working days, Scottish bank holidays.
        ("foisa", date(2020, 1, 15)),
        # EIR (Scotland) reg 16(4): 20 working days.
        ("eisr", date(2020, 1, 15)),
        # EIR reg 11(4): 40 working days.
        ("eir", date(2020, 2, 12)),
    ],
)
def test_an_internal_review_runs_its_own_statutory_period_from_the_day_it_was_asked_for(regime, due):
    deadline = compute_deadline(regime, date(2019, 12, 12), review=True)
    assert deadline.due == due
    assert "internal review" in deadline.steps[0]


def test_an_eir_review_has_twice_the_working_days_of_the_request():
    request = compute_deadline("eir", date(2019, 12, 12))
    review = compute_deadline("eir", date(2019, 12, 12), review=True)
    assert (request.working_days, review.working_days) == (20, 40)


def test_subject_access_has_no_internal_review_clock():
    with pytest.raises(DeadlineError) as error:
        compute_deadline("sar", date(2019, 12, 12), review=True)
    assert error.value.field == "regime"


def test_a_foia_review_may_be_extended_to_40_working_days_in_exceptional_cases():
    extended = compute_deadline(
        "foia", date(2019, 12, 12), [ClockEvent(EventKind.EXTENSION, date(2020, 1, 10), 20)], review=True
    )
    assert (extended.working_days, extended.due) == (40, date(2020, 2, 12))


def test_a_foia_review_may_not_go_past_40_working_days():
    with pytest.raises(DeadlineError) as error:
        compute_deadline(
            "foia", date(2019, 12, 12), [ClockEvent(EventKind.EXTENSION, date(2020, 1, 10), 21)], review=True
        )
    assert error.value.field == "extension_days"


@pytest.mark.parametrize("regime", ["eir", "eisr", "foisa"])
def test_reviews_under_the_eir_and_the_scottish_laws_cannot_be_extended(regime):
    with pytest.raises(DeadlineError) as error:
        compute_deadline(
            regime, date(2019, 12, 12), [ClockEvent(EventKind.EXTENSION, date(2020, 1, 10), 5)], review=True
        )
    assert error.value.field == "extension_days"
