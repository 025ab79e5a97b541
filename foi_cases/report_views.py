"""The performance reports: the page with its charts, the quarterly return layout and the CSV.

Supervisors and administrators (`foi_cases.view_reports`) only. The figures come from
`foi_cases.reports`; this module lays them out: bar charts are inline SVG drawn on the server (no
script, no outside library) with the same numbers in a table beside each.
"""

import csv
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.text import slugify

from foi_cases import reports, services
from foi_cases.models import Complaint
from foi_cases.report_forms import ReportPeriodForm
from foi_cases.views import caseworker_required

VIEW_REPORTS = "foi_cases.view_reports"

# SVG user units: bar charts are 420 wide (each row the label above its bar, the value after it),
# the timeliness gauge 600.
ROW_HEIGHT, BAR_SPACE, GAUGE_SPACE = 44, 350, 520


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float
    y: int

    @property
    def value_x(self) -> float:
        return self.width + 6


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str
    bars: list[Bar]
    height: int
    section: reports.Section


def bar_chart(section: reports.Section, title: str, *, keys: list[str] | None = None) -> Chart:
    figures = [f for f in section.figures if keys is None or f.key in keys]
    most = max((f.value for f in figures), default=0) or 1
    bars = [
        Bar(_short(f.label), f.value, round(BAR_SPACE * f.value / most, 1), index * ROW_HEIGHT)
        for index, f in enumerate(figures)
    ]
    summary = "; ".join(f"{bar.label}: {bar.value}" for bar in bars) or "Nothing to show."
    return Chart(section.key, title, summary, bars, max(len(bars), 1) * ROW_HEIGHT, section)


def _short(label: str) -> str:
    """Chart labels drop the explanation in brackets that the table beside them keeps."""
    return label.split(" (")[0] if not label.startswith(("Section", "Regulation")) else label


@dataclass(frozen=True)
class Timeliness:
    """The stacked bar of requests answered or past their deadline: statutory deadline met, extension, late,
    not yet answered with the deadline passed, with the band lines."""

    statutory: float
    extension: float
    late: float
    overdue: float
    percent: float | None
    band: str
    band_label: str
    summary: str
    good_x: float = GAUGE_SPACE * 0.95
    adequate_x: float = GAUGE_SPACE * 0.90

    @property
    def late_x(self) -> float:
        return self.statutory + self.extension

    @property
    def overdue_x(self) -> float:
        return self.late_x + self.late


def timeliness_gauge(section: reports.Section, noun: str = "requests") -> Timeliness:
    v = section.values
    statutory, extension, late, overdue = (
        (v["in_time_statutory"], v["in_time_extension"] + v["in_time_beyond_guidance"], v["late"])
        if "in_time_statutory" in v
        else (v["in_time"], 0, v["late"])
    ) + (v["open_past_deadline"],)
    counted = statutory + extension + late + overdue
    scale = GAUGE_SPACE / counted if counted else 0
    if v["in_time_percent"] is None:
        summary = f"No {noun} were answered or past their deadline in the period."
    else:
        summary = (
            f"{v['in_time_percent']}% of {counted} {noun} answered or past their deadline were in time "
            f"({reports.BANDS[v['band']].split(' (')[0].lower()}): {statutory + extension} in time, {late} late, "
            f"{overdue} not yet answered with the deadline passed. Lines mark 90% and 95%."
        )
    return Timeliness(
        statutory * scale,
        extension * scale,
        late * scale,
        overdue * scale,
        v["in_time_percent"],
        v["band"],
        reports.BANDS.get(v["band"], ""),
        summary,
    )


def _report(request):
    form = ReportPeriodForm(request.GET or None, today=services.today())
    if form.is_bound and not form.is_valid():
        return form, None
    return form, reports.report_build(period=form.chosen_period(), body=form.chosen_body(), today=services.today())


def _query(request) -> str:
    return urlencode([(key, value) for key, value in request.GET.items() if value])


def _context(request, form, report) -> dict:
    return {
        "form": form,
        "report": report,
        "query": _query(request),
        "quick_picks": [
            (label, urlencode([("period", key), *([("body", request.GET["body"])] if request.GET.get("body") else [])]))
            for key, (label, _) in reports.QUICK_PICKS.items()
        ],
    }


@caseworker_required(VIEW_REPORTS)
def reports_page(request):
    form, report = _report(request)
    context = _context(request, form, report)
    if report:
        s = report.sections
        context |= {
            "timeliness": timeliness_gauge(s["timeliness"]),
            "review_timeliness": timeliness_gauge(s["reviews"], "internal reviews"),
            "bands": reports.BANDS,
            "open_past_deadline": reports.OPEN_PAST_DEADLINE_DEFINITION,
            "charts": [
                bar_chart(s["outcomes"], "Initial outcomes"),
                bar_chart(s["exemptions_foia"], "FOIA exemptions by section"),
                bar_chart(s["exemptions_eir"], "EIR exceptions by regulation"),
                bar_chart(s["refusals"], "Refusals on cost or as vexatious or repeated"),
                bar_chart(s["extensions"], "Extensions by length", keys=reports.EXTENSION_BAND_KEYS),
                bar_chart(s["requesters"], "Requester types"),
                bar_chart(
                    s["reviews"],
                    "Internal review outcomes",
                    keys=[*(k for k, *_ in reports.REVIEW_OUTCOMES), "not_yet_decided", "withdrawn_lapsed", "other"],
                ),
                bar_chart(
                    s["complaints"], "Complaints concluded by outcome", keys=[*Complaint.Outcome.values, "no_outcome"]
                ),
            ],
        }
    return render(request, "foi_cases/reports/report.html", context)


def quarterly_rows(report: reports.Report) -> list[tuple[str, list[tuple[str, object]]]]:
    """The quarterly return's categories (uk-foi.md section 6), in its order, from the same figures."""
    s = report.sections

    def pick(section: str, *keys: str) -> list[tuple[str, object]]:
        figures = s[section].figures
        return [(f.label, f.value) for f in figures if not keys or f.key in keys]

    timeliness = pick(
        "timeliness",
        "in_time_statutory",
        "in_time_extension",
        "in_time_beyond_guidance",
        "late",
        "open_past_deadline",
        "in_time_percent",
    )
    band = s["timeliness"].values["band"]
    return [
        ("Requests received", pick("requests", "received")),
        ("Requests processed", pick("requests", "processed")),
        ("Timeliness", [*timeliness, ("ICO band", reports.BANDS.get(band, "None answered"))]),
        (
            "Initial outcome",
            pick("outcomes", "granted", "partially_withheld", "fully_withheld", "not_yet_provided", "other"),
        ),
        ("Information not held", pick("outcomes", "not_held")),
        (
            "Refusals by reason",
            [*pick("exemptions_foia"), *pick("exemptions_eir"), *pick("refusals")],
        ),
        ("EIR requests handled", pick("requests", "eir_handled")),
        (
            "Internal reviews",
            pick(
                "reviews",
                "received",
                "decided",
                "open_past_deadline",
                "in_time_percent",
                "upheld",
                "upheld_in_part",
                "overturned",
            ),
        ),
        ("Complaints to the commissioner", pick("complaints")),
        ("Extension lengths", pick("extensions")),
        ("Subject access requests (not in the figures above)", pick("subject_access")),
    ]


@caseworker_required(VIEW_REPORTS)
def reports_quarterly(request):
    form, report = _report(request)
    context = _context(request, form, report)
    if report:
        context["rows"] = quarterly_rows(report)
        context["open_past_deadline"] = reports.OPEN_PAST_DEADLINE_DEFINITION
    return render(request, "foi_cases/reports/quarterly.html", context)


def csv_filename(report: reports.Report) -> str:
    body = f"-{slugify(report.body.short_name or report.body.name)}" if report.body else ""
    return f"foi-report-{report.period.slug}{body}.csv"


@caseworker_required(VIEW_REPORTS)
def reports_csv(request):
    form, report = _report(request)
    if report is None:
        errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
        return HttpResponse(f"Bad report parameters: {errors}", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(report)}"'
    writer = csv.writer(response)
    writer.writerow(["section", "measure", "value"])
    writer.writerow(["Period", "From", report.period.start.isoformat()])
    writer.writerow(["Period", "To", report.period.end.isoformat()])
    writer.writerow(["Period", "Body", _cell(report.body.name) if report.body else "All bodies"])
    writer.writerows(report.rows())
    return response


def _cell(text: str) -> str:
    """A spreadsheet must not take a body's name for a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
