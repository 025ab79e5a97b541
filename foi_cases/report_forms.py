"""The reports' choice of period and body: shared by the reports page, its CSV and the API.

A period is one of: a quick pick (`period=last_quarter`), a calendar quarter (`quarter=2026-Q3`),
or dates (`from` and `to`, both inclusive). With none of them, this quarter.
"""

import re
from datetime import date

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms

from foi_cases import reports, services
from foi_cases.forms import DateInput
from foi_cases.models import PublicBody

FIRST_YEAR = services.EARLIEST_RECEIPT.year
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_choices(today: date) -> list[tuple[str, str]]:
    """Every quarter from the first year a case can be received in to this one, latest first."""
    year, quarter = reports.quarter_of(today)
    choices = []
    while year >= FIRST_YEAR:
        choices.append((f"{year}-Q{quarter}", reports.quarter_period(year, quarter).label))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return choices


class ReportPeriodForm(forms.Form):
    period = forms.ChoiceField(
        required=False, choices=[("", "Choose")] + [(key, label) for key, (label, _) in reports.QUICK_PICKS.items()]
    )
    quarter = forms.CharField(
        required=False, help_text="A calendar quarter: Q3 is July to September.", widget=forms.Select
    )
    body = forms.ModelChoiceField(
        queryset=PublicBody.objects.order_by("name"), required=False, empty_label="All bodies"
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        # "from" is a Python keyword, so these two are added here rather than declared above.
        self.fields["from"] = forms.DateField(label="From", required=False, widget=DateInput())
        self.fields["to"] = forms.DateField(label="To", required=False, widget=DateInput())
        self.fields["quarter"].widget.choices = [("", "Dates below")] + quarter_choices(today)
        self.order_fields(["period", "quarter", "from", "to", "body"])
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.layout = Layout(
            "quarter",
            Row(Column("from", css_class="col-sm-6"), Column("to", css_class="col-sm-6")),
            "body",
            StrictButton("Show the report", type="submit", css_class="btn-primary"),
        )

    def clean_quarter(self) -> tuple[int, int] | None:
        text = self.cleaned_data["quarter"].strip().upper()
        if not text:
            return None
        found = _QUARTER.match(text)
        if not found or not FIRST_YEAR <= int(found.group(1)) <= self.today.year + 1:
            raise forms.ValidationError(f"Choose a quarter such as {self.today.year}-Q1.")
        return int(found.group(1)), int(found.group(2))

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        chosen = [name for name in ("period", "quarter") if data.get(name)]
        if start or end:
            chosen.append("dates")
        if self.errors:
            return data
        if len(chosen) > 1:
            raise forms.ValidationError("Choose one period: a quick pick, a quarter, or from and to dates.")
        if chosen == ["dates"]:
            self._check_dates(start, end)
        return data

    def _check_dates(self, start: date | None, end: date | None) -> None:
        if not start:
            self.add_error("from", "Give the first day of the period too.")
        if not end:
            self.add_error("to", "Give the last day of the period too.")
        if not (start and end):
            return
        if start > end:
            self.add_error("to", "The last day cannot be before the first day.")
        elif end.year - start.year > reports.MAX_YEARS or (
            end.year - start.year == reports.MAX_YEARS and (end.month, end.day) >= (start.month, start.day)
        ):
            self.add_error("to", f"Choose a period of at most {reports.MAX_YEARS} years.")
        elif start < services.EARLIEST_RECEIPT:
            self.add_error("from", "Choose a first day on or after 1 January 2005.")

    def chosen_period(self) -> reports.Period:
        """The period asked for (this quarter when none was). Call after is_valid()."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("period"):
            _, pick = reports.QUICK_PICKS[data["period"]]
            return pick(self.today)
        if data.get("quarter"):
            return reports.quarter_period(*data["quarter"])
        if data.get("from"):
            return reports.Period(data["from"], data["to"])
        return reports.this_quarter(self.today)

    def chosen_body(self) -> PublicBody | None:
        return self.cleaned_data.get("body") if self.is_bound else None
