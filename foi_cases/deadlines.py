"""Statutory response deadlines for UK information-rights requests.

Plain Python on purpose: no Django imports, so the legal rules can be read, reasoned about and
tested on their own. The rules come from ../shared/domain/uk-foi.md section 1:

* Day one is the first working day *after* the date of receipt (FOIA s10(1), EIR reg 5(2)).
* A working day excludes weekends, Christmas Day, Good Friday and every bank holiday in any part
  of the UK for FOIA and EIR (s10(6)); FOISA and EIR (Scotland) count Scottish holidays only (s73).
* Clarification (s1(3)) *restarts* the 20 working days from the day it arrives.
* A fees notice (s10(2)) *pauses* the clock: working days from the day the notice is given to the day
  the fee is received, both inclusive, are disregarded.
* Extensions add working days after the statutory due date; EIR and EIR (Scotland) may reach 40
  working days in total, FOISA has none, and FOIA public interest extensions past 20 extra working
  days draw an ICO warning.
* A subject access request (UK GDPR) is due one calendar month later (the same date, or the last day
  of a shorter month), rolled forward to the next working day.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

STATUTORY_WORKING_DAYS = 20
# The ICO expects a public interest extension under FOIA of no more than 20 further working days.
FOIA_EXTENSION_GUIDANCE_DAYS = 20
SAR_MAX_EXTENSION_MONTHS = 2
# The span of dates the engine accepts: a request waiting three years for a fee or clarification has
# long lapsed, and anything outside these years is a typing error rather than a request.
MAX_CASE_SPAN = timedelta(days=3 * 366)
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)


class Regime(StrEnum):
    FOIA = "foia"
    EIR = "eir"
    FOISA = "foisa"
    EISR = "eisr"
    SAR = "sar"

    @property
    def label(self) -> str:
        return REGIME_LABELS[self]

    @property
    def counts_working_days(self) -> bool:
        return self is not Regime.SAR

    @property
    def max_extension_days(self) -> int | None:
        """Working days an extension may add; None means no statutory cap (FOIA: guidance only)."""
        return {Regime.FOIA: None, Regime.EIR: 20, Regime.EISR: 20, Regime.FOISA: 0}.get(self, 0)


REGIME_CODES = frozenset(regime.value for regime in Regime)

REGIME_LABELS = {
    Regime.FOIA: "Freedom of Information Act 2000",
    Regime.EIR: "Environmental Information Regulations 2004",
    Regime.FOISA: "Freedom of Information (Scotland) Act 2002",
    Regime.EISR: "Environmental Information (Scotland) Regulations 2004",
    Regime.SAR: "UK GDPR subject access request",
}


class Nation(StrEnum):
    """The UK's bank-holiday divisions, spelled as gov.uk's bank-holidays.json spells them."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"

    @property
    def label(self) -> str:
        return NATION_LABELS[self]


NATION_LABELS = {
    Nation.ENGLAND_AND_WALES: "England and Wales",
    Nation.SCOTLAND: "Scotland",
    Nation.NORTHERN_IRELAND: "Northern Ireland",
}
NATION_ORDER = tuple(Nation)
_SUBDIVISIONS = {
    Nation.ENGLAND_AND_WALES: ("ENG", "WLS"),
    Nation.SCOTLAND: ("SCT",),
    Nation.NORTHERN_IRELAND: ("NIR",),
}


@lru_cache(maxsize=512)
def _installed_holidays(nation: Nation, year: int) -> dict[date, str]:
    observed: dict[date, str] = {}
    for subdivision in _SUBDIVISIONS[nation]:
        observed.update(holidays.UK(subdiv=subdivision, years=year))
    return observed


@dataclass(frozen=True)
class ExtraHoliday:
    """A bank holiday proclaimed after the installed `holidays` data was released."""

    day: date
    name: str
    nation: Nation


class WorkingCalendar:
    def __init__(self, nations: Iterable[Nation], extra_holidays: Iterable[ExtraHoliday] = ()):
        self.nations = tuple(n for n in NATION_ORDER if n in set(nations))
        self._extra: dict[date, dict[Nation, str]] = {}
        for extra in extra_holidays:
            if extra.nation in self.nations:
                self._extra.setdefault(extra.day, {}).setdefault(extra.nation, extra.name)
        self._reasons: dict[date, str | None] = {}
        self._holiday_years: dict[int, frozenset[date]] = {}

    @classmethod
    def for_regime(cls, regime: Regime | str, extra_holidays: Iterable[ExtraHoliday] = ()) -> WorkingCalendar:
        if Regime(regime) in (Regime.FOISA, Regime.EISR):
            return cls([Nation.SCOTLAND], extra_holidays)
        return cls(NATION_ORDER, extra_holidays)

    def non_working_reason(self, day: date) -> str | None:
        if day not in self._reasons:
            self._reasons[day] = self._reason(day)
        return self._reasons[day]

    def _reason(self, day: date) -> str | None:
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        observers = {
            nation: name for nation in self.nations if (name := _installed_holidays(nation, day.year).get(day))
        }
        for nation, name in self._extra.get(day, {}).items():
            observers.setdefault(nation, name)
        if not observers:
            return None
        if len(observers) == len(NATION_ORDER):
            where = "UK"
        else:
            where = ", ".join(nation.label for nation in NATION_ORDER if nation in observers)
        names = " / ".join(
            dict.fromkeys(name.strip() for n in NATION_ORDER if n in observers for name in observers[n].split(";"))
        )
        return f"Bank holiday ({where}): {names}"

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (before it, for negative n); `start` never counts."""
        step = timedelta(days=1 if n >= 0 else -1)
        day, remaining = start, abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        # Whole weeks hold five weekdays each; walk only the leftover days, then take off the
        # weekday holidays in range. A case overdue for years costs a few steps, not thousands.
        weeks, leftover = divmod((end - start).days, 7)
        tail_start = start + timedelta(days=7 * weeks)
        weekdays = 5 * weeks + sum(1 for i in range(1, leftover + 1) if (tail_start + timedelta(days=i)).weekday() < 5)
        holidays_in_range = sum(
            1 for year in range(start.year, end.year + 1) for day in self._weekday_holidays(year) if start < day <= end
        )
        return weekdays - holidays_in_range

    def _weekday_holidays(self, year: int) -> frozenset[date]:
        if year not in self._holiday_years:
            days = {day for nation in self.nations for day in _installed_holidays(nation, year)}
            days |= {day for day in self._extra if day.year == year}
            self._holiday_years[year] = frozenset(day for day in days if day.weekday() < 5)
        return self._holiday_years[year]


class EventKind(StrEnum):
    CLARIFICATION_REQUESTED = "clarification_requested"
    CLARIFICATION_RECEIVED = "clarification_received"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_RECEIVED = "fee_received"
    EXTENSION = "extension"


# Events on the same day apply in this order (a clarification asked and answered the same day).
_SAME_DAY_ORDER = {kind: position for position, kind in enumerate(EventKind)}


@dataclass(frozen=True)
class ClockEvent:
    kind: EventKind
    on: date
    days: int = 0  # extension length: working days, or calendar months for a subject access request


class DeadlineError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str


@dataclass(frozen=True)
class Deadline:
    regime: Regime
    received: date
    clock_start: date
    state: str
    statutory_due: date | None
    due: date | None
    working_days: int
    extension_days: int
    warnings: tuple[str, ...]
    skipped: tuple[SkippedDay, ...]
    internal_target: date | None
    days_used: int
    steps: tuple[str, ...] = ()
    calendar: WorkingCalendar | None = field(default=None, repr=False, compare=False)

    RUNNING = "running"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    AWAITING_FEE = "awaiting_fee"

    @property
    def is_running(self) -> bool:
        return self.state == self.RUNNING

    def working_days_left(self, today: date) -> int | None:
        if self.due is None:
            return None
        calendar = self.calendar or WorkingCalendar.for_regime(self.regime)
        return calendar.working_days_between(today, self.due)


def long_date(day: date) -> str:
    """'Thursday 12 December 2019', the form used when explaining a count."""
    return f"{day:%A} {short_date(day)}"


def short_date(day: date) -> str:
    """'12 December 2019' (strftime has no portable day without a leading zero)."""
    return f"{day.day} {day:%B %Y}"


def ordinal_date(day: date) -> str:
    """UK letter style: '14th January 2020'."""
    suffix = "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B %Y}"


def same_date_months_later(start: date, months: int) -> date:
    """The same date `months` later, or the last day of that month when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, month_calendar.monthrange(year, month)[1]))


def sar_due(received: date, months: int, calendar: WorkingCalendar) -> date:
    """Same date `months` later (or that month's last day), rolled forward to a working day."""
    day = same_date_months_later(received, months)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass
class _Clock:
    """The clock's state after replaying the events in date order."""

    start: date
    clarification_pending_since: date | None = None
    fee_pending_since: date | None = None
    fee_pauses: list[tuple[date, date]] = field(default_factory=list)
    extensions: list[ClockEvent] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _replay(regime: Regime, received: date, events: Sequence[ClockEvent], today: date | None):
    clock = _Clock(start=received)
    for event in sorted(events, key=lambda e: (e.on, _SAME_DAY_ORDER[e.kind])):
        if event.on < received:
            raise DeadlineError(
                event.kind.value,
                f"{_EVENT_NAMES[event.kind]} cannot be before the request was received ({long_date(received)}).",
            )
        if today is not None and event.on > today:
            raise DeadlineError(event.kind.value, f"{_EVENT_NAMES[event.kind]} cannot be in the future.")
        if event.on > received + MAX_CASE_SPAN:
            # Keeps every count bounded (the public calculator is reachable anonymously).
            raise DeadlineError(
                event.kind.value, f"{_EVENT_NAMES[event.kind]} cannot be more than three years after the request."
            )
        _APPLY[event.kind](regime, clock, event)
    return clock


def _clarification_requested(regime: Regime, clock: _Clock, event: ClockEvent) -> None:
    if clock.clarification_pending_since is None:
        clock.clarification_pending_since = event.on
    clock.steps.append(f"Clarification requested on {long_date(event.on)}: the clock stops.")


def _clarification_received(regime: Regime, clock: _Clock, event: ClockEvent) -> None:
    pending = clock.clarification_pending_since
    if pending is not None and event.on < pending:
        raise DeadlineError("clarification_received", "Clarification cannot arrive before it was requested.")
    if clock.extensions:
        clock.warnings.append(
            "An extension notified before the clarification arrived no longer applies; the clock restarted."
        )
    # s1(3): a restart, not a pause. Earlier pauses and extensions belong to the old count.
    clock.start, clock.clarification_pending_since = event.on, None
    clock.fee_pauses, clock.extensions = [], []
    clock.steps.append(f"Clarification received on {long_date(event.on)}: the count starts again from that day.")


def _fee_notice_sent(regime: Regime, clock: _Clock, event: ClockEvent) -> None:
    if clock.fee_pending_since is not None:
        raise DeadlineError("fee_notice_sent", "A fees notice is already awaiting payment.")
    clock.fee_pending_since = event.on
    clock.steps.append(f"Fees notice given on {long_date(event.on)}: the clock is paused until the fee is received.")


def _fee_received(regime: Regime, clock: _Clock, event: ClockEvent) -> None:
    notice = clock.fee_pending_since
    if notice is None:
        # Events replay in date order, so this also catches a fee dated before its notice.
        raise DeadlineError("fee_received", "A fee can only be received after a fees notice has been given.")
    clock.fee_pending_since = None
    if regime is Regime.SAR:
        # A subject access request's month runs from receipt of the fee.
        clock.start = event.on
    else:
        clock.fee_pauses.append((notice, event.on))
    clock.steps.append(f"Fee received on {long_date(event.on)}: the clock runs again.")


def _extension(regime: Regime, clock: _Clock, event: ClockEvent) -> None:
    if event.days < 1:
        raise DeadlineError("extension_days", "An extension must add at least one day.")
    if regime is Regime.FOISA:
        raise DeadlineError("extension_days", "FOISA has no extension of the 20 working days.")
    clock.extensions.append(event)


_APPLY = {
    EventKind.CLARIFICATION_REQUESTED: _clarification_requested,
    EventKind.CLARIFICATION_RECEIVED: _clarification_received,
    EventKind.FEE_NOTICE_SENT: _fee_notice_sent,
    EventKind.FEE_RECEIVED: _fee_received,
    EventKind.EXTENSION: _extension,
}
_EVENT_NAMES = {
    EventKind.CLARIFICATION_REQUESTED: "A clarification request",
    EventKind.CLARIFICATION_RECEIVED: "A clarification",
    EventKind.FEE_NOTICE_SENT: "A fees notice",
    EventKind.FEE_RECEIVED: "A fee payment",
    EventKind.EXTENSION: "An extension",
}


def _check_extension_cap(regime: Regime, total: int) -> None:
    if regime is Regime.SAR:
        if total > SAR_MAX_EXTENSION_MONTHS:
            raise DeadlineError(
                "extension_days", "A subject access request may be extended by at most two further months."
            )
        return
    cap = regime.max_extension_days
    if cap is not None and total > cap:
        raise DeadlineError(
            "extension_days",
            f"{regime.label} allows at most {STATUTORY_WORKING_DAYS + cap} working days in total "
            f"(an extension of {cap}); this would extend by {total}.",
        )


class _Counter:
    """Counts working days after the clock start, leaving out fee-paused days."""

    def __init__(self, calendar: WorkingCalendar, start: date, fee_pauses: list[tuple[date, date]]):
        self.calendar, self.start, self.fee_pauses = calendar, start, fee_pauses
        self.counted: list[date] = []
        self.skipped: list[SkippedDay] = []
        self._cursor = start

    def _pause_reason(self, day: date) -> str | None:
        for notice, paid in self.fee_pauses:
            if notice <= day <= paid:
                return (
                    f"Fee notice: clock paused from {long_date(notice)} until the fee was received on {long_date(paid)}"
                )
        return None

    def nth(self, n: int) -> date:
        while len(self.counted) < n:
            self._cursor += timedelta(days=1)
            reason = self.calendar.non_working_reason(self._cursor) or self._pause_reason(self._cursor)
            if reason:
                self.skipped.append(SkippedDay(self._cursor, reason))
            else:
                self.counted.append(self._cursor)
        return self.counted[n - 1]

    def used_before(self, end: date) -> int:
        """Working days counted from the start up to `end`, inclusive."""
        days = (self.start + timedelta(days=offset) for offset in range(1, (end - self.start).days + 1))
        return sum(1 for day in days if self.calendar.is_working_day(day) and not self._pause_reason(day))


def compute_deadline(
    regime: Regime | str,
    received: date,
    events: Sequence[ClockEvent] = (),
    *,
    extra_holidays: Iterable[ExtraHoliday] = (),
    internal_target_day: int = 15,
    today: date | None = None,
    review: bool = False,
) -> Deadline:
    """The deadline of a request, or with `review` of an internal review of one (its own clock,
    from the day the review was asked for: EIR and EIR (Scotland) 40 working days, else 20)."""
    try:
        regime = Regime(regime)
    except ValueError:
        raise DeadlineError("regime", f"Unknown regime {regime!r}; use one of {', '.join(Regime)}.") from None
    if today is not None and received > today:
        raise DeadlineError("received", "The date of receipt cannot be in the future.")
    if not EARLIEST_DATE <= received <= LATEST_DATE:
        raise DeadlineError(
            "received", f"The date of receipt must fall between {EARLIEST_DATE.year} and {LATEST_DATE.year}."
        )
    if not 1 <= internal_target_day <= STATUTORY_WORKING_DAYS:
        raise DeadlineError("internal_target_day", "The internal target must be between working day 1 and 20.")
    if review and regime is Regime.SAR:
        raise DeadlineError("regime", "Subject access has no internal review in law: complaints go to the ICO.")
    calendar = WorkingCalendar.for_regime(regime, extra_holidays)
    clock = _replay(regime, received, events, today)
    if regime is Regime.SAR:
        return _sar_deadline(received, clock, calendar, internal_target_day)
    days = STATUTORY_WORKING_DAYS
    if review:
        days = review_working_days(regime)
        _check_review_extensions(regime, clock.extensions)
    return _working_day_deadline(regime, received, clock, calendar, internal_target_day, days, review)


def working_days_used(
    regime: Regime | str,
    received: date,
    events: Sequence[ClockEvent],
    until: date,
    *,
    extra_holidays: Iterable[ExtraHoliday] = (),
) -> int:
    """Working days counted on the statutory clock up to `until` (inclusive): from its last start (the
    day after receipt, or after a clarification arrived), leaving out days paused for a fee. How long
    a response took, measured the way its deadline was."""
    regime = Regime(regime)
    clock = _replay(regime, received, events, None)
    if until <= clock.start:
        return 0
    calendar = WorkingCalendar.for_regime(regime, extra_holidays)
    return _Counter(calendar, clock.start, clock.fee_pauses).used_before(until)


def review_working_days(regime: Regime | str) -> int:
    """Working days an authority has to decide an internal review: EIR reg 11(4) 40; EIR (Scotland)
    reg 16(4) and FOISA s21(1) 20; FOIA 20 under the s45 Code of Practice."""
    return 40 if Regime(regime) is Regime.EIR else STATUTORY_WORKING_DAYS


# The s45 Code: a FOIA review may take up to 40 working days in exceptional cases. The EIR and the
# Scottish laws fix the review period with no extension (EIR reg 7 extends requests, not reviews).
FOIA_REVIEW_MAX_EXTENSION_DAYS = 20


def _check_review_extensions(regime: Regime, extensions) -> None:
    total = sum(extension.days for extension in extensions)
    if total and regime is not Regime.FOIA:
        raise DeadlineError("extension_days", f"An internal review under the {regime.label} cannot be extended.")
    if total > FOIA_REVIEW_MAX_EXTENSION_DAYS:
        raise DeadlineError(
            "extension_days",
            f"A FOIA internal review may take at most 40 working days in exceptional cases (an extension of "
            f"{FOIA_REVIEW_MAX_EXTENSION_DAYS}); this would extend by {total}.",
        )


def _stopped_state(clock: _Clock) -> tuple[str, date] | None:
    if clock.clarification_pending_since is not None:
        return Deadline.AWAITING_CLARIFICATION, clock.clarification_pending_since
    if clock.fee_pending_since is not None:
        return Deadline.AWAITING_FEE, clock.fee_pending_since
    return None


def _working_day_deadline(
    regime, received, clock, calendar, internal_target_day, days=STATUTORY_WORKING_DAYS, review=False
) -> Deadline:
    counter = _Counter(calendar, clock.start, clock.fee_pauses)
    what = f"{regime.label}, internal review" if review else regime.label
    steps = [
        f"Received on {long_date(received)}. {what}: {days} working days; "
        f"weekends and bank holidays in {_nation_list(calendar)} are not working days.",
        *clock.steps,
    ]
    stopped = _stopped_state(clock)
    if stopped:
        state, since = stopped
        used = counter.used_before(since - timedelta(days=1) if state == Deadline.AWAITING_FEE else since)
        steps.append(f"{used} working days had been used when the clock stopped on {long_date(since)}.")
        return Deadline(
            regime,
            received,
            clock.start,
            state,
            None,
            None,
            days,
            0,
            tuple(clock.warnings),
            (),
            None,
            max(used, 0),
            tuple(steps),
            calendar,
        )

    statutory_due = counter.nth(days)
    steps.append(f"Day 1 is {long_date(counter.counted[0])}; day {days} is {long_date(statutory_due)}.")
    total, due, warnings, extension_steps = _apply_extensions(regime, clock, counter, statutory_due, days)
    steps += extension_steps
    target_index = total + internal_target_day
    return Deadline(
        regime=regime,
        received=received,
        clock_start=clock.start,
        state=Deadline.RUNNING,
        statutory_due=statutory_due,
        due=due,
        working_days=days + total,
        extension_days=total,
        warnings=tuple(clock.warnings + warnings),
        skipped=tuple(s for s in counter.skipped if s.day <= due),
        internal_target=counter.nth(target_index),
        days_used=0,
        steps=tuple(steps + [f"Due on {long_date(due)}."]),
        calendar=calendar,
    )


def _apply_extensions(regime, clock, counter, statutory_due, days=STATUTORY_WORKING_DAYS):
    """Extensions count on from the statutory due date; one notified after the due date in force is late."""
    total, due, warnings, steps = 0, statutory_due, [], []
    for extension in clock.extensions:
        if extension.on > due:
            warnings.append(
                f"The extension notified on {long_date(extension.on)} was late: it came after the "
                f"deadline of {long_date(due)}, so it does not move the deadline."
            )
            continue
        total += extension.days
        _check_extension_cap(regime, total)
        due = counter.nth(days + total)
        steps.append(
            f"Extended by {extension.days} working days on {long_date(extension.on)}: "
            f"day {days + total} is {long_date(due)}."
        )
    if regime is Regime.FOIA and total > FOIA_EXTENSION_GUIDANCE_DAYS:
        warnings.append(
            f"Extended by {total} working days in total: the ICO expects a public interest extension "
            f"of no more than {FOIA_EXTENSION_GUIDANCE_DAYS} working days."
        )
    return total, due, warnings, steps


def _sar_deadline(received, clock, calendar, internal_target_day) -> Deadline:
    steps = [f"Received on {long_date(received)}. {Regime.SAR.label}: one calendar month.", *clock.steps]
    stopped = _stopped_state(clock)
    if stopped:
        state, since = stopped
        return Deadline(
            Regime.SAR,
            received,
            clock.start,
            state,
            None,
            None,
            0,
            0,
            tuple(clock.warnings),
            (),
            None,
            0,
            tuple(steps),
            calendar,
        )
    statutory_due = sar_due(clock.start, 1, calendar)
    months, warnings = 0, list(clock.warnings)
    for extension in clock.extensions:
        if extension.on > statutory_due:
            warnings.append(
                f"The extension notified on {long_date(extension.on)} was late: it must be notified "
                f"within the first month (by {long_date(statutory_due)})."
            )
            continue
        months += extension.days
        _check_extension_cap(Regime.SAR, months)
    due = sar_due(clock.start, 1 + months, calendar)
    # Show the days the due date was rolled over: from the month date up to the working day.
    month_date = same_date_months_later(clock.start, 1 + months)
    skipped = [
        SkippedDay(day, calendar.non_working_reason(day))
        for day in (month_date + timedelta(days=offset) for offset in range((due - month_date).days))
    ]
    steps.append(f"Due on {long_date(due)}" + (f", after an extension of {months} month(s)." if months else "."))
    return Deadline(
        regime=Regime.SAR,
        received=received,
        clock_start=clock.start,
        state=Deadline.RUNNING,
        statutory_due=statutory_due,
        due=due,
        working_days=0,
        extension_days=months,
        warnings=tuple(warnings),
        skipped=tuple(skipped),
        internal_target=calendar.add_working_days(due, -(STATUTORY_WORKING_DAYS - internal_target_day)),
        days_used=0,
        steps=tuple(steps),
        calendar=calendar,
    )


def _nation_list(calendar: WorkingCalendar) -> str:
    labels = [nation.label for nation in calendar.nations]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
