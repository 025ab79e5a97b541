"""GET /api/v1/reports/: the performance report as JSON, the same figures as the page and its CSV."""

from django.core.exceptions import NON_FIELD_ERRORS
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from foi_cases import reports, services
from foi_cases.api.permissions import IsCaseworker
from foi_cases.report_forms import ReportPeriodForm


class CanViewReports(BasePermission):
    message = "You need a supervisor or administrator role to see performance reports."

    def has_permission(self, request, view):
        return request.user.has_perm("foi_cases.view_reports")


SECTION = {"type": "object", "additionalProperties": {"oneOf": [{"type": "number"}, {"type": "string"}]}}
REPORT_SCHEMA = {
    "type": "object",
    "properties": {
        "period": {
            "type": "object",
            "properties": {
                "from": {"type": "string", "format": "date"},
                "to": {"type": "string", "format": "date"},
                "label": {"type": "string"},
                "body": {"type": "integer", "nullable": True},
                "body_name": {"type": "string"},
            },
        },
        **{
            key: {**SECTION, "description": description}
            for key, description in (
                ("requests", "FOI and EIR requests (no subject access requests): received, processed, eir_handled"),
                (
                    "timeliness",
                    "in_time_statutory, in_time_extension, in_time_beyond_guidance (extension over 20 working days), "
                    "late, open_past_deadline (still open today, deadline passed), in_time_percent (in time / (in "
                    "time + late + open_past_deadline), cut to one decimal), band (good, adequate, unsatisfactory "
                    "or empty), median_working_days (and _in_time, _late; null when none)",
                ),
                ("outcomes", "granted, partially_withheld, fully_withheld, not_held, not_yet_provided, ..., other"),
                ("refusals", "s12, s14_1, s14_2"),
                (
                    "extensions",
                    "extended; FOIA public interest bands foia_1_10, foia_11_20, foia_21_40, foia_over_40 and EIR "
                    "reg 7 bands eir_1_10, eir_11_20 (working days)",
                ),
                ("exemptions_foia", "requests per FOIA section relied on: {'24': 3, '40': 7}"),
                ("exemptions_eir", "requests per EIR regulation relied on: {'12(5)(b)': 1}"),
                ("requesters", "requests per requester type"),
                (
                    "reviews",
                    "internal reviews: received, decided, in time, late, open_past_deadline, band, upheld, "
                    "upheld_in_part, overturned, not_yet_decided, withdrawn_lapsed, other",
                ),
                (
                    "complaints",
                    "complaints to the commissioner received, concluded (decision notice or closed), and by outcome",
                ),
                (
                    "complaint_findings",
                    "the commissioner's findings on exemptions (s21 to s44, reg 12, reg 13): upheld, upheld_in_part, "
                    "overturned",
                ),
                (
                    "subject_access",
                    "subject access requests, outside every other figure: received, answered, in_time, late, "
                    "open_past_deadline",
                ),
            )
        },
    },
}


def _form_errors(form) -> dict:
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
        for name, messages in form.errors.items()
    }


class ReportView(APIView):
    permission_classes = (IsCaseworker, CanViewReports)

    @extend_schema(
        summary="Performance report for a period and body",
        description=(
            "Supervisors and administrators. Give `from` and `to` (both inclusive), or `quarter` (2026-Q3 is "
            "July to September), or `period` (this_quarter, last_quarter, this_year, last_12_months); with none, "
            "this quarter. `body` limits the report to one public body. Initial requests are those received in "
            "the period that are not internal reviews or subject access requests; in time means within the "
            "statutory deadline or an extension, and the share in time counts requests still open past their "
            "deadline (as of today) against it. Every figure is also on the reports page and in its CSV."
        ),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day of the period (YYYY-MM-DD)."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day of the period; at most 10 years on."),
            OpenApiParameter("quarter", OpenApiTypes.STR, description="A calendar quarter instead: 2026-Q3."),
            OpenApiParameter("period", OpenApiTypes.STR, enum=list(reports.QUICK_PICKS), description="A quick pick."),
            OpenApiParameter("body", OpenApiTypes.INT, description="A public body's id (default: all bodies)."),
        ],
        responses={
            200: OpenApiResponse(REPORT_SCHEMA, description="The report's figures, section by section."),
            400: OpenApiResponse(
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                description="Bad parameters: messages by parameter name.",
                examples=[
                    OpenApiExample(
                        "Dates the wrong way round", value={"to": ["The last day cannot be before the first day."]}
                    )
                ],
            ),
            401: OpenApiResponse(description="No valid token or session."),
            403: OpenApiResponse(description="The user may not see performance reports."),
        },
        tags=["reports"],
    )
    def get(self, request):
        form = ReportPeriodForm(request.query_params or None, today=services.today())
        if form.is_bound and not form.is_valid():
            raise ValidationError(_form_errors(form))
        report = reports.report_build(period=form.chosen_period(), body=form.chosen_body(), today=services.today())
        return Response(report.as_dict())
