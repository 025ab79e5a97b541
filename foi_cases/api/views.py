"""The REST API: thin views over the same services and selectors the staff screens use.

Services raise django ValidationError (field -> message) and workflow.TransitionNotAllowed;
`service_errors` turns them into 400 field errors under the API's field names and 409 conflicts.
"""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from foi_cases import selectors, services, workflow
from foi_cases.api import serializers as s
from foi_cases.api.permissions import IsCaseworker
from foi_cases.api.throttling import ScopedRateThrottle
from foi_cases.deadlines import ClockEvent as EngineEvent
from foi_cases.deadlines import DeadlineError, EventKind
from foi_cases.filters import CaseFilter
from foi_cases.models import Case, ClockEvent

# --- errors --------------------------------------------------------------------------------


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This action does not fit the case's current state."
    default_code = "conflict"


def api_errors(error: DjangoValidationError, renames: dict[str, str]) -> dict:
    """A service's field errors under the API's names; 'requester.email' nests under requester."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    errors: dict = {}
    for field, messages in error.message_dict.items():
        name = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else renames.get(field, field)
        *parents, leaf = name.split(".")
        target = errors
        for parent in parents:
            target = target.setdefault(parent, {})
        target.setdefault(leaf, []).extend(messages)
    return errors


@contextmanager
def service_errors(**renames: str):
    """Run a service call; its refusals become API errors. The service's transaction has rolled back."""
    try:
        yield
    except DjangoValidationError as error:
        raise ValidationError(api_errors(error, renames)) from None
    except workflow.TransitionNotAllowed as error:
        raise Conflict(str(error)) from None


# --- documentation pieces --------------------------------------------------------------------

FIELD_ERRORS = OpenApiResponse(
    {"type": "object", "additionalProperties": {}, "description": "Messages by field name: {field: [message]}."},
    description="Invalid input: messages by field name.",
    examples=[
        OpenApiExample(
            "Field errors",
            value={"received": ["The date of receipt cannot be in the future."]},
            status_codes=["400"],
        )
    ],
)
NOT_SIGNED_IN = OpenApiResponse(s.DetailSerializer, description="No valid token or session.")
FORBIDDEN = OpenApiResponse(s.DetailSerializer, description="The user lacks the role or permission.")
NOT_FOUND = OpenApiResponse(s.DetailSerializer, description="No such case.")
CONFLICT = OpenApiResponse(
    s.DetailSerializer,
    description="The action does not fit the case's current state.",
    examples=[
        OpenApiExample(
            "Not allowed now",
            value={"detail": "Only a case whose clock is running can be closed with a response."},
            status_codes=["409"],
        )
    ],
)
READ_ERRORS = {401: NOT_SIGNED_IN, 403: FORBIDDEN, 404: NOT_FOUND}
WRITE_ERRORS = {400: FIELD_ERRORS, **READ_ERRORS, 409: CONFLICT}

WORKED_EXAMPLE = {
    "regime": "foia",
    "received": "2019-12-12",
    "clock_start": "2019-12-12",
    "state": "running",
    "due": "2020-01-15",
    "statutory_due": "2020-01-15",
    "working_days": 20,
    "extension_days": 0,
    "internal_target": "2020-01-08",
    "days_used": 0,
    "warnings": [],
    "skipped": [
        {"date": "2019-12-14", "reason": "Saturday"},
        {"date": "2019-12-15", "reason": "Sunday"},
        {"date": "2019-12-21", "reason": "Saturday"},
        {"date": "2019-12-22", "reason": "Sunday"},
        {"date": "2019-12-25", "reason": "Bank holiday (UK): Christmas Day"},
        {"date": "2019-12-26", "reason": "Bank holiday (UK): Boxing Day"},
        {"date": "2019-12-28", "reason": "Saturday"},
        {"date": "2019-12-29", "reason": "Sunday"},
        {"date": "2020-01-01", "reason": "Bank holiday (UK): New Year's Day"},
        {"date": "2020-01-02", "reason": "Bank holiday (Scotland): New Year Holiday"},
        {"date": "2020-01-04", "reason": "Saturday"},
        {"date": "2020-01-05", "reason": "Sunday"},
        {"date": "2020-01-11", "reason": "Saturday"},
        {"date": "2020-01-12", "reason": "Sunday"},
    ],
    "steps": [
        "Received on Thursday 12 December 2019. Freedom of Information Act 2000: 20 working days; weekends "
        "and bank holidays in England and Wales, Scotland and Northern Ireland are not working days.",
        "Day 1 is Friday 13 December 2019; day 20 is Wednesday 15 January 2020.",
        "Due on Wednesday 15 January 2020.",
    ],
}
CASE_EXAMPLE = {
    "id": 1,
    "url": "https://foi.example.org/api/v1/cases/1/",
    "reference": "FOI2019/00001",
    "regime": "foia",
    "received": "2019-12-12",
    "channel": "email",
    "subject": "Facial recognition",
    "request_text": "1. When did you start?\n2. How much did it cost?",
    "items": ["When did you start?", "How much did it cost?"],
    "requester": {
        "name": "Alex Requester",
        "email": "alex@example.org",
        "address": "",
        "organisation": "",
        "requester_type": "public",
    },
    "body": 1,
    "body_name": "Bedfordshire Police",
    "assigned_to": 3,
    "assigned_to_name": "Olivia Officer",
    "status": "open",
    "due": "2020-01-15",
    "statutory_due": "2020-01-15",
    "internal_target": "2020-01-08",
    "extension_days": 0,
    "outcome": "",
    "responded_on": None,
    "answered_in_time": None,
    "answered_with": [],
    "related_to": [],
    "review_of": None,
    "clock_events": [],
    "created_at": "2019-12-12T10:15:00Z",
    "updated_at": "2019-12-12T10:15:00Z",
}
CASE_RESPONSE = OpenApiResponse(
    s.CaseSerializer,
    description="The case.",
    examples=[OpenApiExample("A case", value=CASE_EXAMPLE, response_only=True)],
)


def case_action(summary: str, request, *, examples=(), created=False, description="", parameters=()):
    """The schema of a POST action on a case: its body, the case in return, and the refusals."""
    ok = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        parameters=list(parameters),
        responses={ok: CASE_RESPONSE, **WRITE_ERRORS},
        examples=[OpenApiExample(name, value=value, request_only=True) for name, value in examples],
        tags=["cases"],
    )


# --- auth ------------------------------------------------------------------------------------


@extend_schema(
    summary="Get an API token",
    description="Send a username and password; use the token as `Authorization: Token <token>`.",
    request=AuthTokenSerializer,
    responses={
        200: OpenApiResponse(
            {"type": "object", "properties": {"token": {"type": "string"}}, "required": ["token"]},
            examples=[OpenApiExample("Token", value={"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"})],
        ),
        400: OpenApiResponse(
            {"type": "object", "additionalProperties": {}},
            description="Wrong username or password.",
            examples=[
                OpenApiExample(
                    "Wrong credentials",
                    value={"non_field_errors": ["Unable to log in with provided credentials."]},
                )
            ],
        ),
    },
    examples=[OpenApiExample("Credentials", value={"username": "officer", "password": "..."}, request_only=True)],
    tags=["auth"],
)
class TokenView(ObtainAuthToken):
    # Credentials are in the body: an old or bad token in the header must not get in the way.
    authentication_classes = ()
    permission_classes = (AllowAny,)
    # Password guessing: a few attempts a minute per client address.
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "auth"


# --- the public deadline calculator ----------------------------------------------------------

# DeadlineError names the event or setting at fault; the calculator's parameters are named after them.
DEADLINE_PARAMETERS = {"extension": "extension_days"}
CALCULATOR_EVENTS = (EventKind.CLARIFICATION_RECEIVED, EventKind.FEE_NOTICE_SENT, EventKind.FEE_RECEIVED)


def calculator_events(params: dict) -> list[EngineEvent]:
    events = [EngineEvent(kind, params[kind.value]) for kind in CALCULATOR_EVENTS if params.get(kind.value)]
    if params.get("extension_days"):
        # Notified after everything else, so a clarification's restart does not cancel it.
        notified = max([params["received"], *(event.on for event in events)])
        events.append(EngineEvent(EventKind.EXTENSION, notified, params["extension_days"]))
    return events


class DeadlineView(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "deadline"

    @extend_schema(
        summary="Work out a statutory deadline",
        description=(
            "Public. Counts working days as the law does, with the unit's extra bank holidays, and explains "
            "the count: each skipped day with its reason, then the steps."
        ),
        parameters=[s.DeadlineQuerySerializer],
        responses={
            200: OpenApiResponse(
                s.DeadlineSerializer,
                examples=[OpenApiExample("FOIA request received 12 December 2019", value=WORKED_EXAMPLE)],
            ),
            400: OpenApiResponse(
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                description="Bad parameters: messages by parameter name.",
                examples=[
                    OpenApiExample("Impossible date", value={"received": ["2019-02-30 is not a real date."]}),
                    OpenApiExample(
                        "EIR extension too long",
                        value={
                            "extension_days": [
                                "Environmental Information Regulations 2004 allows at most 40 working days in "
                                "total (an extension of 20); this would extend by 25."
                            ]
                        },
                    ),
                ],
            ),
        },
        tags=["deadlines"],
    )
    def get(self, request):
        query = s.DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # An unsaved case through the cases' own service: same extra bank holidays, same internal target.
        sketch = Case(regime=params["regime"], received_on=params["received"])
        try:
            deadline = services.case_deadline(sketch, events=calculator_events(params))
        except DeadlineError as error:
            raise ValidationError({DEADLINE_PARAMETERS.get(error.field, error.field): [error.message]}) from None
        return Response(s.DeadlineSerializer(deadline).data)


# --- cases -----------------------------------------------------------------------------------

PERMISSION_REFUSALS = {
    "foi_cases.add_case": "You need an information rights officer role to log cases.",
    "foi_cases.change_case": "You need an information rights officer role to change cases.",
    "foi_cases.close_case": "You need permission to close, withdraw or lapse cases.",
    "foi_cases.reopen_case": "Only a supervisor can reopen a closed case.",
}


REVEAL = services.REVEAL_REQUESTER
REQUESTER_REFUSAL = "You need permission to see the requester's identity to change their details."


class HasActionPermission(BasePermission):
    """The permission an action needs on top of the casework role, from `view.action_permissions`."""

    def has_permission(self, request, view):
        needed = getattr(view, "action_permissions", {}).get(view.action)
        if needed is None or request.user.has_perm(needed):
            return True
        self.message = PERMISSION_REFUSALS[needed]
        return False


class CasePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


@extend_schema_view(
    list=extend_schema(
        summary="List cases",
        description="Filters are the staff case list's own (q searches reference, subject and request text).",
        responses={200: s.CaseSerializer(many=True), 400: FIELD_ERRORS, 401: NOT_SIGNED_IN, 403: FORBIDDEN},
        tags=["cases"],
    ),
    retrieve=extend_schema(summary="Show a case", responses={200: CASE_RESPONSE, **READ_ERRORS}, tags=["cases"]),
)
class CaseViewSet(GenericViewSet):
    serializer_class = s.CaseSerializer
    filterset_class = CaseFilter
    pagination_class = CasePagination
    permission_classes = [IsCaseworker, HasActionPermission]
    # JSON only: the request's shape (a nested requester, lists of items) has no form encoding.
    parser_classes = [JSONParser]
    action_permissions = {
        "create": "foi_cases.add_case",
        "partial_update": "foi_cases.change_case",
        "clock_events": "foi_cases.change_case",
        "void_clock_event": "foi_cases.change_case",
        "assign": "foi_cases.change_case",
        "link": "foi_cases.change_case",
        "unlink": "foi_cases.change_case",
        "close": "foi_cases.close_case",
        "withdraw": "foi_cases.close_case",
        "lapse": "foi_cases.close_case",
        "reopen": "foi_cases.reopen_case",
    }

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            return selectors.case_detail_queryset()
        return Case.objects.all()

    def filter_queryset(self, queryset):
        # The list's filters must not hide a case from its own address or actions.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Log a request, or an internal review of a responded case",
        description=(
            "With `review_of` (the id or reference of a case whose response was sent), logs an internal review "
            "asked for by email, post or phone: send `received`, `channel` and the requester's reasons as "
            "`request_text`; the review takes the original's regime, body and requester, and gets its own "
            "reference and clock. A subject access request has no review, and a case already under review (a "
            "review not withdrawn) gets 400 under `review_of`."
        ),
        request=PolymorphicProxySerializer(
            component_name="CaseCreateRequest",
            serializers=[s.CaseCreateSerializer, s.ReviewCreateSerializer],
            resource_type_field_name=None,
        ),
        responses={201: CASE_RESPONSE, 400: FIELD_ERRORS, 401: NOT_SIGNED_IN, 403: FORBIDDEN},
        examples=[
            OpenApiExample(
                "A FOIA request by email",
                request_only=True,
                value={
                    "regime": "foia",
                    "received": "2019-12-12",
                    "channel": "email",
                    "subject": "Facial recognition",
                    "request_text": "1. When did you start?\n2. How much did it cost?",
                    "requester": {"name": "Alex Requester", "email": "alex@example.org"},
                },
            ),
            OpenApiExample(
                "An internal review asked for by email",
                request_only=True,
                value={
                    "review_of": "FOI2019/00001",
                    "received": "2020-01-20",
                    "channel": "email",
                    "request_text": "I do not accept that the cost of the system is exempt.",
                },
            ),
        ],
        tags=["cases"],
    )
    def create(self, request):
        if isinstance(request.data, dict) and "review_of" in request.data:
            return self._create_review()
        arguments = self._valid(s.CaseCreateSerializer).service_arguments()
        requester_fields = {field: f"requester.{field}" for field in s.RequesterSerializer.Meta.fields}
        with service_errors(received_on="received", **requester_fields):
            case = services.case_create(actor=request.user, **arguments)
        return self._created(case)

    def _create_review(self):
        # The same service as the case page's "Log an internal review".
        arguments = self._valid(s.ReviewCreateSerializer).service_arguments()
        with service_errors(received_on="received", reasons="request_text", items="request_text"):
            review = services.review_log(actor=self.request.user, **arguments)
        return self._created(review)

    def _created(self, case: Case) -> Response:
        data = self._case_data(case)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    @extend_schema(
        summary="Edit a case's details",
        description=(
            "Send only the fields to change. Changing `received` or `regime` recomputes the deadline. Changing "
            "`requester` needs permission to see the requester's identity (403 otherwise)."
        ),
        request=s.CaseUpdateSerializer,
        responses={200: CASE_RESPONSE, **WRITE_ERRORS},
        examples=[
            OpenApiExample("Correct the subject", value={"subject": "Facial recognition trials"}, request_only=True)
        ],
        tags=["cases"],
    )
    def partial_update(self, request, pk=None):
        case = self.get_object()
        if isinstance(request.data, dict) and "requester" in request.data and not request.user.has_perm(REVEAL):
            # Requests are handled applicant blind: only those who may see who asked may change it.
            raise PermissionDenied(REQUESTER_REFUSAL)
        changes = self._valid(s.CaseUpdateSerializer).service_changes()
        items, requester = changes.pop("items", None), changes.pop("requester", None)
        requester_fields = {field: f"requester.{field}" for field in s.RequesterSerializer.Meta.fields}
        with service_errors(received_on="received", **requester_fields), transaction.atomic():
            if changes:
                services.case_update(case=case, actor=request.user, **changes)
            if items is not None:
                services.case_set_items(case=case, actor=request.user, items=items)
            if requester:
                current = {field: getattr(case.requester, field) for field in s.RequesterSerializer.Meta.fields}
                details = services.RequesterDetails(**{**current, **requester})
                services.case_update_requester(case=case, actor=request.user, details=details)
        return Response(self._case_data(case))

    @case_action(
        "Record a clock event",
        s.ClockEventCreateSerializer,
        created=True,
        description="Clarification requested or received, fees notice sent, fee received, or an extension.",
        examples=[
            ("Clarification requested", {"kind": "clarification_requested", "on": "2019-12-16"}),
            (
                "Public interest extension",
                {"kind": "extension", "on": "2020-01-10", "days": 20, "note": "s31 public interest test"},
            ),
        ],
    )
    @action(detail=True, methods=["post"], url_path="clock-events")
    def clock_events(self, request, pk=None):
        case = self.get_object()
        event = self._valid(s.ClockEventCreateSerializer).validated_data
        with service_errors():
            services.clock_event_record(case=case, actor=request.user, **event)
        return Response(self._case_data(case), status=status.HTTP_201_CREATED)

    @case_action(
        "Void a clock event recorded by mistake",
        s.ReasonSerializer,
        description="Only the most recent clock event can be voided.",
        examples=[("Wrong case", {"reason": "Recorded on the wrong case."})],
        parameters=[OpenApiParameter("event_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
    )
    @action(detail=True, methods=["post"], url_path=r"clock-events/(?P<event_id>[0-9]+)/void")
    def void_clock_event(self, request, pk=None, event_id=None):
        case = self.get_object()
        event = get_object_or_404(ClockEvent, pk=event_id, case=case)
        reason = self._valid(s.ReasonSerializer).validated_data["reason"]
        with service_errors():
            services.clock_event_void(case=case, actor=request.user, event=event, reason=reason)
        return Response(self._case_data(case))

    @case_action(
        "Assign or unassign the officer",
        s.AssignSerializer,
        examples=[("Assign", {"officer": 3}), ("Unassign", {"officer": None})],
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        case = self.get_object()
        officer = self._valid(s.AssignSerializer).validated_data["officer"]
        with service_errors(assigned_to="officer"):
            services.case_assign(case=case, actor=request.user, officer=officer)
        return Response(self._case_data(case))

    @case_action(
        "Link another case",
        s.LinkSerializer,
        examples=[("Answered together", {"reference": "FOI2019/00002", "kind": "answered_with"})],
    )
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        return self._relink(services.case_link)

    @case_action(
        "Unlink another case",
        s.LinkSerializer,
        examples=[("No longer related", {"reference": "FOI2019/00002", "kind": "related_to"})],
    )
    @action(detail=True, methods=["post"])
    def unlink(self, request, pk=None):
        return self._relink(services.case_unlink)

    @case_action(
        "Close with a response",
        s.CloseSerializer,
        examples=[("Granted", {"outcome": "granted", "responded_on": "2020-01-14"})],
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        closing = self._valid(s.CloseSerializer).validated_data
        with service_errors():
            services.case_close(case=case, actor=request.user, **closing)
        return Response(self._case_data(case))

    @case_action(
        "Record that the requester withdrew",
        s.EndSerializer,
        examples=[("Withdrawn", {"on": "2019-12-20", "note": "By email."})],
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._end(services.case_withdraw)

    @case_action(
        "Lapse a request never clarified or paid for", s.EndSerializer, examples=[("Lapsed", {"on": "2020-03-16"})]
    )
    @action(detail=True, methods=["post"])
    def lapse(self, request, pk=None):
        return self._end(services.case_lapse)

    @case_action(
        "Reopen a closed case (supervisors)",
        s.ReasonSerializer,
        examples=[("Reopen", {"reason": "The response missed question 2."})],
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        case = self.get_object()
        reason = self._valid(s.ReasonSerializer).validated_data["reason"]
        with service_errors():
            services.case_reopen(case=case, actor=request.user, reason=reason)
        return Response(self._case_data(case))

    @extend_schema(
        summary="The case's audit trail",
        responses={200: s.TimelineEventSerializer(many=True), **READ_ERRORS},
        tags=["cases"],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def timeline(self, request, pk=None):
        events = selectors.case_timeline(self.get_object())
        return Response(s.TimelineEventSerializer(events, many=True).data)

    @extend_schema(
        summary="The case's deadline, with its working",
        responses={
            200: OpenApiResponse(s.DeadlineSerializer, examples=[OpenApiExample("Working", value=WORKED_EXAMPLE)]),
            **READ_ERRORS,
        },
        tags=["cases"],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def deadline(self, request, pk=None):
        return Response(s.DeadlineSerializer(services.case_deadline(self.get_object())).data)

    # --- helpers ---

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer

    def _case_data(self, case: Case) -> dict:
        fresh = selectors.case_detail_queryset().get(pk=case.pk)
        return s.CaseSerializer(fresh, context=self.get_serializer_context()).data

    def _relink(self, service):
        case = self.get_object()
        link = self._valid(s.LinkSerializer).validated_data
        with service_errors(other="reference"):
            service(case=case, actor=self.request.user, other=link["reference"], kind=link["kind"])
        return Response(self._case_data(case))

    def _end(self, service):
        case = self.get_object()
        ending = self._valid(s.EndSerializer).validated_data
        with service_errors(responded_on="on"):
            service(case=case, actor=self.request.user, **ending)
        return Response(self._case_data(case))
