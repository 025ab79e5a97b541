"""Performance reports: the figures the Cabinet Office's quarterly return and the ICO ask for (see
uk-foi.md section 6), for any period and one body or all of them.

Everything is counted in the database: one aggregate query per kind of record (initial requests,
internal reviews, complaints to the commissioner) with conditional counts, and a grouped query each
for requester types, exemptions by section and the commissioner's findings. Medians use PostgreSQL's
`percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)`; on SQLite (`make run`), which has no such
function, the median is taken in Python over one values_list of working days per median.

Initial requests are cases that are not internal reviews. Subject access requests (UK GDPR, a
one-month clock) are kept out of every FOI and EIR figure and counted in a section of their own. "In
time" means answered within the statutory deadline or an extension, as the case recorded when it was
closed; the share in time also counts against it the requests not yet answered whose deadline has passed.
"""

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from statistics import median

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Coalesce

from foi_cases.deadlines import FOIA_EXTENSION_GUIDANCE_DAYS, STATUTORY_WORKING_DAYS
from foi_cases.models import Case, Complaint, ComplaintFinding, Finding, PublicBody, Requester
from responses.models import CaseExemption, LibraryEntry

# Reports reach back at most this far in one go: a longer span is a mistake, and a slow one.
MAX_YEARS = 10

# The ICO's bands for the share of requests (and internal reviews) answered in time.
GOOD, ADEQUATE = Decimal(95), Decimal(90)
BANDS = {
    "good": "Good (95% or more in time)",
    "adequate": "Adequate (90% to under 95% in time)",
    "unsatisfactory": "Unsatisfactory (under 90% in time): the ICO may monitor the authority",
}

# Extension lengths in working days, as the quarterly return bands them, FOIA public interest test
# extensions (s10(3)) and EIR complex and voluminous ones (reg 7, at most 20 working days) apart:
# {regimes: ((key, label, first, last), ...)}. FOISA has no extension; a subject access request's
# extension is counted in months and is left out.
EXTENSION_BANDS = {
    ("foia",): (
        ("foia_1_10", "FOIA public interest extension: 1 to 10 working days", 1, 10),
        ("foia_11_20", "FOIA public interest extension: 11 to 20 working days", 11, 20),
        ("foia_21_40", "FOIA public interest extension: 21 to 40 working days (beyond ICO guidance)", 21, 40),
        ("foia_over_40", "FOIA public interest extension: more than 40 working days (beyond ICO guidance)", 41, None),
    ),
    ("eir", "eisr"): (
        ("eir_1_10", "EIR reg 7 extension: 1 to 10 working days", 1, 10),
        ("eir_11_20", "EIR reg 7 extension: 11 to 20 working days", 11, 20),
    ),
}
EXTENSION_BAND_KEYS = [key for bands in EXTENSION_BANDS.values() for key, *_ in bands]
# Answered after this many working days on the clock, a response in time was so only by an extension
# longer than the 20 further working days the ICO expects.
GUIDANCE_LIMIT_DAYS = STATUTORY_WORKING_DAYS + FOIA_EXTENSION_GUIDANCE_DAYS
BEYOND_GUIDANCE_LABEL = "In time, extension beyond 20 working days (beyond ICO guidance)"
OPEN_PAST_DEADLINE_LABEL = "Not yet answered, deadline passed"
OPEN_PAST_DEADLINE_DEFINITION = (
    "Not yet answered, deadline passed: received in the period, still open today (the day the report is "
    "made, even for a period long past) and with its deadline before today; it counts against the share in time."
)
# The commissioner's findings on exemptions: FOIA (and FOISA) Part II sections 21 to 44, EIR regulations
# 12 and 13. Procedural points (s1, s10, s12, s14, s17...) are not exemptions.
EXEMPTION_CODE = r"^(s(2[1-9]|3[0-9]|4[0-4])([^0-9]|$)|reg ?1[23]([^0-9]|$))"
SAR = "sar"

Outcome = Case.Outcome
NOT_ANSWERED = (Outcome.WITHDRAWN, Outcome.LAPSED)
WITHHELD = (Outcome.PARTIALLY_WITHHELD, Outcome.FULLY_WITHHELD, Outcome.NCND)
# The quarterly return's initial outcomes: (key, label, outcomes recorded at close).
OUTCOME_GROUPS = (
    ("granted", "Granted in full", (Outcome.GRANTED,)),
    ("partially_withheld", "Partially withheld", (Outcome.PARTIALLY_WITHHELD,)),
    (
        "fully_withheld",
        "Fully withheld (exemption, neither confirm nor deny, s12 cost, s14 vexatious or repeated)",
        (Outcome.FULLY_WITHHELD, Outcome.NCND, Outcome.COST, Outcome.VEXATIOUS, Outcome.REPEATED),
    ),
    ("not_held", "Information not held", (Outcome.NOT_HELD,)),
    ("withdrawn_lapsed", "Withdrawn or lapsed", NOT_ANSWERED),
    ("transferred", "Transferred", (Outcome.TRANSFERRED,)),
)
REFUSAL_REASONS = (
    ("s12", "Cost limit (s12)", Outcome.COST),
    ("s14_1", "Vexatious (s14(1))", Outcome.VEXATIOUS),
    ("s14_2", "Repeated (s14(2))", Outcome.REPEATED),
)
REVIEW_OUTCOMES = (
    ("upheld", "Original decision upheld", Outcome.REVIEW_UPHELD),
    ("upheld_in_part", "Upheld in part", Outcome.REVIEW_UPHELD_IN_PART),
    ("overturned", "Original decision overturned", Outcome.REVIEW_OVERTURNED),
)
EIR_REGIMES = ("eir", "eisr")


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    name: str = ""

    @property
    def label(self) -> str:
        dates = f"{_day(self.start)} to {_day(self.end)}"
        return f"{self.name} ({dates})" if self.name else dates

    @property
    def slug(self) -> str:
        return f"{self.start.isoformat()}-to-{self.end.isoformat()}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_period(year: int, quarter: int) -> Period:
    """Calendar quarters: Q1 is January to March, Q3 July to September."""
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return Period(
        date(year, first_month, 1), date(year, last_month, monthrange(year, last_month)[1]), f"{year} Q{quarter}"
    )


def this_quarter(today: date) -> Period:
    return quarter_period(*quarter_of(today))


def last_quarter(today: date) -> Period:
    year, quarter = quarter_of(today)
    return quarter_period(year - 1, 4) if quarter == 1 else quarter_period(year, quarter - 1)


def this_year(today: date) -> Period:
    return Period(date(today.year, 1, 1), date(today.year, 12, 31), str(today.year))


def last_12_months(today: date) -> Period:
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return Period(start + timedelta(days=1), today, "Last 12 months")


QUICK_PICKS = {
    "this_quarter": ("This quarter", this_quarter),
    "last_quarter": ("Last quarter", last_quarter),
    "this_year": ("This year", this_year),
    "last_12_months": ("Last 12 months", last_12_months),
}


# --- bands and medians -----------------------------------------------------------------------


def percent_in_time(in_time: int, total: int) -> Decimal | None:
    """The share in time, cut (not rounded) to one decimal place, so 94.96% reads 94.9% and is
    never shown, or banded, as the 95% it did not reach."""
    if not total:
        return None
    return (Decimal(100 * in_time) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def timeliness_band(percent: Decimal | None) -> str | None:
    if percent is None:
        return None
    if percent >= GOOD:
        return "good"
    if percent >= ADEQUATE:
        return "adequate"
    return "unsatisfactory"


class Median(Aggregate):
    """PostgreSQL's median: percentile_cont(0.5) WITHIN GROUP (ORDER BY x), FILTER-able."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _with_medians(cases: QuerySet, counts: dict, medians: dict[str, Q]) -> dict:
    """The counts and the medians of working days taken, in one query on PostgreSQL. SQLite has no
    percentile_cont: there each median is taken in Python over one values_list of working days."""
    if connection.vendor == "postgresql":
        return cases.aggregate(
            **counts, **{name: Median("working_days_taken", filter=where) for name, where in medians.items()}
        )
    found = cases.aggregate(**counts)
    for name, where in medians.items():
        days = list(cases.filter(where).values_list("working_days_taken", flat=True))
        found[name] = float(median(days)) if days else None
    return found


# --- the report ------------------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | str | None


@dataclass
class Section:
    key: str
    title: str
    definition: str
    figures: list[Figure] = field(default_factory=list)

    def add(self, key: str, label: str, value) -> None:
        self.figures.append(Figure(key, label, value))

    @property
    def values(self) -> dict:
        return {figure.key: figure.value for figure in self.figures}


@dataclass
class Report:
    period: Period
    body: PublicBody | None
    sections: dict[str, Section]

    def as_dict(self) -> dict:
        return {
            "period": {
                "from": self.period.start.isoformat(),
                "to": self.period.end.isoformat(),
                "label": self.period.label,
                "body": self.body.pk if self.body else None,
                "body_name": self.body.name if self.body else "All bodies",
            },
            **{key: section.values for key, section in self.sections.items()},
        }

    def rows(self) -> list[tuple[str, str, object]]:
        """(section, measure, value): the CSV export."""
        return [
            (section.title, figure.label, "" if figure.value is None else figure.value)
            for section in self.sections.values()
            for figure in section.figures
        ]


def _dated(queryset: QuerySet, field_name: str, period: Period) -> QuerySet:
    return queryset.filter(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def report_build(*, period: Period, body: PublicBody | None, today: date) -> Report:
    """The report for the period, with "not yet answered, deadline passed" judged as of `today` (the day
    the report is made, even for a period that ended long ago)."""
    cases = Case.objects.all() if body is None else Case.objects.filter(body=body)
    requests = _dated(cases.filter(review_of__isnull=True), "received_on", period)
    initial = requests.exclude(regime=SAR)
    reviews = _dated(cases.filter(review_of__isnull=False).exclude(regime=SAR), "received_on", period)
    sections = {}
    for section in (
        *_initial_sections(requests, today),
        *_exemption_sections(initial),
        _requester_section(initial),
        _review_section(reviews, today),
        *_complaint_sections(period, body),
    ):
        sections[section.key] = section
    return Report(period, body, sections)


def _answered() -> Q:
    return Q(status__in=Case.FINISHED, responded_on__isnull=False) & ~Q(outcome__in=NOT_ANSWERED)


def _open_past_deadline(today: date) -> Q:
    return Q(status__in=Case.RUNNING, due_on__lt=today)


def _initial_sections(requests: QuerySet, today: date) -> list[Section]:
    """FOI and EIR requests and, apart, subject access requests: one aggregate over the period's requests."""
    foi, sar = ~Q(regime=SAR), Q(regime=SAR)
    finished = Q(status__in=Case.FINISHED)
    answered = _answered()
    in_time = answered & Q(answered_in_time=True)
    after_statutory = Q(responded_on__gt=F("statutory_due_on"))
    within_statutory = in_time & (Q(statutory_due_on__isnull=True) | ~after_statutory)
    # In time only because the extension ran past the ICO's 20 further working days: answered after more
    # than 20 + 20 working days on the clock (working days taken unknown: the extension itself is longer).
    beyond_guidance = (
        in_time
        & after_statutory
        & Q(extension_days__gt=FOIA_EXTENSION_GUIDANCE_DAYS)
        & (Q(working_days_taken__isnull=True) | Q(working_days_taken__gt=GUIDANCE_LIMIT_DAYS))
    )
    counts = {
        "received": Q(),
        "processed": answered,
        "in_time_statutory": within_statutory,
        "in_time_extension": in_time & after_statutory & ~beyond_guidance,
        "in_time_beyond_guidance": beyond_guidance,
        "late": answered & Q(answered_in_time=False),
        "open_past_deadline": _open_past_deadline(today),
        "not_yet_provided": ~finished,
        "eir": Q(regime__in=EIR_REGIMES),
        "extended": Q(extension_days__gt=0),
        "outcome_other": finished & ~Q(outcome__in=[o for _, _, group in OUTCOME_GROUPS for o in group]),
    }
    for key, _, outcomes in OUTCOME_GROUPS:
        counts[f"outcome_{key}"] = finished & Q(outcome__in=outcomes)
    for key, _, outcome in REFUSAL_REASONS:
        counts[f"refusal_{key}"] = finished & Q(outcome=outcome)
    for regimes, bands in EXTENSION_BANDS.items():
        for key, _, first, last in bands:
            length = Q(extension_days__gte=first) if last is None else Q(extension_days__range=(first, last))
            counts[key] = Q(regime__in=regimes) & length
    sar_counts = {
        "sar_received": Q(),
        "sar_answered": answered,
        "sar_in_time": in_time,
        "sar_late": answered & Q(answered_in_time=False),
        "sar_open_past_deadline": _open_past_deadline(today),
    }
    timed = foi & answered & Q(working_days_taken__isnull=False)
    n = _with_medians(
        requests,
        {
            **{name: Count("pk", filter=foi & where) for name, where in counts.items()},
            **{name: Count("pk", filter=sar & where) for name, where in sar_counts.items()},
        },
        {
            "median_all": timed,
            "median_in_time": timed & Q(answered_in_time=True),
            "median_late": timed & Q(answered_in_time=False),
        },
    )

    requests_section = Section(
        "requests",
        "Requests",
        "Initial FOI and EIR requests (not internal reviews, not subject access requests) received in the "
        "period; processed means answered, not withdrawn or lapsed.",
    )
    requests_section.add("received", "Received", n["received"])
    requests_section.add("processed", "Processed (answered)", n["processed"])
    requests_section.add("eir_handled", "Handled under the EIR (including Scotland's)", n["eir"])

    all_in_time = n["in_time_statutory"] + n["in_time_extension"] + n["in_time_beyond_guidance"]
    percent = percent_in_time(all_in_time, all_in_time + n["late"] + n["open_past_deadline"])
    timeliness = Section(
        "timeliness",
        "Timeliness",
        "Of the requests answered or already past their deadline, how many were answered by the statutory "
        "deadline, within a permitted extension, in time only by an extension longer than the ICO expects, "
        "late, or not yet answered; the share in time is in time / (in time + late + not yet answered, "
        "deadline passed).",
    )
    timeliness.add("in_time_statutory", "In time: statutory deadline met", n["in_time_statutory"])
    timeliness.add("in_time_extension", "In time: within a permitted extension", n["in_time_extension"])
    timeliness.add("in_time_beyond_guidance", BEYOND_GUIDANCE_LABEL, n["in_time_beyond_guidance"])
    timeliness.add("late", "Answered late", n["late"])
    timeliness.add("open_past_deadline", OPEN_PAST_DEADLINE_LABEL, n["open_past_deadline"])
    timeliness.add("in_time_percent", "Answered in time (%)", None if percent is None else float(percent))
    timeliness.add("band", "ICO band", timeliness_band(percent) or "")
    timeliness.add("median_working_days", "Median working days to respond", n["median_all"])
    timeliness.add("median_working_days_in_time", "Median working days (answered in time)", n["median_in_time"])
    timeliness.add("median_working_days_late", "Median working days (answered late)", n["median_late"])

    outcomes = Section(
        "outcomes",
        "Initial outcomes",
        "How the requests received in the period ended; not yet provided means still open, and other is any "
        "request closed with an outcome outside these groups, so that the figures add up to those received.",
    )
    for key, label, _ in OUTCOME_GROUPS[:4]:
        outcomes.add(key, label, n[f"outcome_{key}"])
    outcomes.add("not_yet_provided", "Not yet provided (still open)", n["not_yet_provided"])
    for key, label, _ in OUTCOME_GROUPS[4:]:
        outcomes.add(key, label, n[f"outcome_{key}"])
    outcomes.add("other", "Other (closed with any other outcome, or none)", n["outcome_other"])

    refusals = Section(
        "refusals",
        "Refusals by reason",
        "Requests refused in full on cost (s12) or as vexatious or repeated (s14); exemptions by section follow.",
    )
    for key, label, _ in REFUSAL_REASONS:
        refusals.add(key, label, n[f"refusal_{key}"])

    extensions = Section(
        "extensions",
        "Extensions",
        "Requests whose deadline was extended, by the length of the extension in working days: FOIA public "
        "interest test extensions (s10(3); the ICO expects no more than 20) and EIR complex and voluminous "
        "extensions (reg 7; at most 20) apart. FOISA has no extension.",
    )
    extensions.add("extended", "Extended", n["extended"])
    for bands in EXTENSION_BANDS.values():
        for key, label, _, _ in bands:
            extensions.add(key, label, n[key])

    sar_in_time = n["sar_in_time"]
    subject_access = Section(
        "subject_access",
        "Subject access requests",
        "Subject access requests under UK GDPR received in the period, counted here and in no FOI or EIR "
        "figure: their clock is one calendar month (two more if extended), so the ICO's FOI bands do not apply.",
    )
    subject_access.add("received", "Received", n["sar_received"])
    subject_access.add("answered", "Answered", n["sar_answered"])
    subject_access.add("in_time", "Answered in time", sar_in_time)
    subject_access.add("late", "Answered late", n["sar_late"])
    subject_access.add("open_past_deadline", OPEN_PAST_DEADLINE_LABEL, n["sar_open_past_deadline"])
    return [requests_section, timeliness, outcomes, refusals, extensions, subject_access]


def _section_order(section: str) -> tuple:
    """Sections in the statute's order: 12(5)(b) after 12(4)(a), 40 after 24, 22A after 22."""
    digits = re.match(r"\d*", section).group()
    return (int(digits) if digits else 10_000, section)


def _exemption_sections(initial: QuerySet) -> list[Section]:
    rows = (
        CaseExemption.objects.filter(
            case__in=initial.filter(status__in=Case.FINISHED, outcome__in=WITHHELD),
            family__in=(LibraryEntry.Family.FOIA, LibraryEntry.Family.EIR),
        )
        .values_list("family", "section")
        .annotate(cases=Count("case", distinct=True))
        .order_by()
    )
    found = sorted(rows, key=lambda row: _section_order(row[1]))
    sections = []
    for family, title, word, kind in (
        (LibraryEntry.Family.FOIA, "FOIA exemptions by section", "Section", "exemption"),
        (LibraryEntry.Family.EIR, "EIR exceptions by regulation", "Regulation", "exception"),
    ):
        section = Section(
            f"exemptions_{family}",
            title,
            f"Requests partially or fully withheld, or neither confirmed nor denied, relying on each {kind}; "
            "a request relying on several is counted under each.",
        )
        for _, name, cases in (row for row in found if row[0] == family):
            section.add(name or "unspecified", f"{word} {name or '(unspecified)'}", cases)
        sections.append(section)
    return sections


def _requester_section(initial: QuerySet) -> Section:
    found = dict(initial.values_list("requester__requester_type").annotate(n=Count("pk")).order_by())
    section = Section("requesters", "Requester types", "Who made the FOI and EIR requests received in the period.")
    for value, label in Requester.Type.choices:
        section.add(value, label, found.get(value, 0))
    return section


def _review_section(reviews: QuerySet, today: date) -> Section:
    decided = _answered()
    finished = Q(status__in=Case.FINISHED)
    named = [outcome for _, _, outcome in REVIEW_OUTCOMES]
    counts = {
        "received": Count("pk"),
        "decided": Count("pk", filter=decided),
        "in_time": Count("pk", filter=decided & Q(answered_in_time=True)),
        "late": Count("pk", filter=decided & Q(answered_in_time=False)),
        "open_past_deadline": Count("pk", filter=_open_past_deadline(today)),
        "not_yet_decided": Count("pk", filter=~finished),
        "withdrawn_lapsed": Count("pk", filter=finished & Q(outcome__in=NOT_ANSWERED)),
        "other": Count("pk", filter=finished & ~Q(outcome__in=[*named, *NOT_ANSWERED])),
    }
    for key, _, outcome in REVIEW_OUTCOMES:
        counts[key] = Count("pk", filter=finished & Q(outcome=outcome))
    n = reviews.aggregate(**counts)
    percent = percent_in_time(n["in_time"], n["in_time"] + n["late"] + n["open_past_deadline"])
    section = Section(
        "reviews",
        "Internal reviews",
        "FOI and EIR internal reviews asked for in the period, how many were decided and how many in time, "
        "with what they found; the share in time counts reviews not yet decided past their deadline against it.",
    )
    section.add("received", "Received", n["received"])
    section.add("decided", "Decided", n["decided"])
    section.add("in_time", "Decided in time", n["in_time"])
    section.add("late", "Decided late", n["late"])
    section.add("open_past_deadline", "Not yet decided, deadline passed", n["open_past_deadline"])
    section.add("in_time_percent", "Decided in time (%)", None if percent is None else float(percent))
    section.add("band", "ICO band", timeliness_band(percent) or "")
    for key, label, _ in REVIEW_OUTCOMES:
        section.add(key, label, n[key])
    section.add("not_yet_decided", "Not yet decided (still open)", n["not_yet_decided"])
    section.add("withdrawn_lapsed", "Withdrawn or lapsed", n["withdrawn_lapsed"])
    section.add("other", "Other (closed with any other outcome, or none)", n["other"])
    return section


def _complaint_sections(period: Period, body: PublicBody | None) -> list[Section]:
    complaints = Complaint.objects.all() if body is None else Complaint.objects.filter(case__body=body)
    complaints = complaints.annotate(concluded_on=Coalesce("decision_on", "closed_on"))
    received = Q(received_on__range=(period.start, period.end))
    concluded = Q(concluded_on__range=(period.start, period.end))
    counts = {
        "received": Count("pk", filter=received),
        "concluded": Count("pk", filter=concluded),
        "no_outcome": Count("pk", filter=concluded & Q(outcome="")),
    }
    for value, _ in Complaint.Outcome.choices:
        counts[value] = Count("pk", filter=concluded & Q(outcome=value))
    n = complaints.filter(received | concluded).aggregate(**counts)
    section = Section(
        "complaints",
        "Complaints to the commissioner",
        "Complaints the commissioner told us of in the period, and complaints concluded in the period (by a "
        "decision notice, or closed when resolved informally or withdrawn) by outcome.",
    )
    section.add("received", "Received", n["received"])
    section.add("concluded", "Concluded", n["concluded"])
    for value, label in Complaint.Outcome.choices:
        section.add(value, label, n[value])
    section.add("no_outcome", "Concluded with no outcome recorded", n["no_outcome"])

    findings = (
        ComplaintFinding.objects.filter(
            complaint__in=complaints.filter(concluded).values("pk"), code__iregex=EXEMPTION_CODE
        )
        .values_list("finding")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = dict(findings)
    on_exemptions = Section(
        "complaint_findings",
        "Commissioner's findings on exemptions",
        "In the complaints concluded in the period: the commissioner's finding on each exemption (FOIA s21 to "
        "s44) or EIR exception (reg 12, reg 13) we relied on; findings on procedure, such as s1, s10, s12, s14 "
        "or s17, are left out.",
    )
    for value, label in Finding.choices:
        on_exemptions.add(value, label, found.get(value, 0))
    return [section, on_exemptions]
