"""The letter API: thin views over the same services and selectors the staff screens use.

Services refuse with ValidationError (400 field errors), TransitionNotAllowed (409: the letter's
state does not allow it) and ApprovalRefused (403: this person may not decide, with the reason).
Every address is for a casework role; drafting and editing also need foi_cases.change_case, while
approving and returning are for the services to allow or refuse (four eyes, the supervisor role,
clearance stages).
"""

from contextlib import contextmanager

import django_filters
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from foi_cases.api.permissions import IsCaseworker
from foi_cases.api.serializers import DetailSerializer
from foi_cases.api.views import NOT_SIGNED_IN, CasePagination, service_errors
from foi_cases.models import Case
from responses import issuing, selectors, services
from responses.api import serializers as s
from responses.models import Letter, LetterPdf

# --- errors and permissions ------------------------------------------------------------------

# Service field names -> the API's.
RENAMES = {"signatory_name": "signatory.name", "signatory_role": "signatory.role"}


@contextmanager
def letter_errors():
    """Run a letter service; its refusals become API errors (its transaction has rolled back)."""
    try:
        with service_errors(**RENAMES):
            yield
    except (services.ApprovalRefused, issuing.SendRefused) as error:
        # DRF would answer a Django PermissionDenied with a generic message; the reason matters here.
        raise PermissionDenied(str(error)) from None


PDF_NOT_APPROVED = "This letter is not approved, so it has no signed PDF."
DRAFTING_REFUSAL = "You need an information rights officer role to draft or change letters."


class CanDraftLetters(BasePermission):
    """Writes need foi_cases.change_case; deciding on a letter is checked by the services instead."""

    message = DRAFTING_REFUSAL

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS or getattr(view, "action", None) in ("approve", "return_letter"):
            return True
        return request.user.has_perm("foi_cases.change_case")


# --- documentation pieces --------------------------------------------------------------------

NCND_REQUEST = {"kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"]}
NCND_BY_ITEM_REQUEST = {"kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"], "items": {"1": ["s24(2)"]}}


def _section(key, placement, heading, markdown, html):
    return {"key": key, "placement": placement, "heading": heading, "text": markdown, "html": html}


LETTER_EXAMPLE = {
    "id": 7,
    "url": "https://foi.example.org/api/v1/letters/7/",
    "case": {"id": 1, "url": "https://foi.example.org/api/v1/cases/1/", "reference": "FOI2019/07799"},
    "kind": "ncnd",
    "kind_label": "Neither confirm nor deny",
    "status": "draft",
    "status_label": "Draft",
    "version": 1,
    "heading": "Response to your request: Freedom of Information Act 2000",
    "awaiting": None,
    "due": "2020-01-15",
    "drafted_by": "Olivia Officer",
    "created_at": "2020-01-08T09:30:00Z",
    "updated_at": "2020-01-08T09:30:00Z",
    "submitted_at": None,
    "previous_version": None,
    "next_version": None,
    "references": "FOI2019/07799 & FOI2019/07795",
    "letter_date": None,
    "estimated_decision_on": None,
    "fee_amount": None,
    "cost_limit": None,
    "signatory": {"name": "Olivia Officer", "role": "Information Rights Officer"},
    "contributors": ["Olivia Officer"],
    "blocks": {
        "opening": [
            _section(
                "intro",
                "opening",
                "",
                "I write in connection with your request for information received on 12th December 2019.",
                "<p>I write in connection with your request for information received on 12th December 2019.</p>",
            )
        ],
        "items": [
            {
                "position": 1,
                "question": "When did your police force introduce facial recognition technology?",
                "answer": "",
                "answer_html": "",
                "exemptions": ["s24(2)", "s31(3)"],
            }
        ],
        "response": [
            _section(
                "ncnd_statement",
                "response",
                "Response",
                "Bedfordshire Police can neither confirm nor deny that it holds the information you requested, "
                "by virtue of {exemptions}.",
                "<p>Bedfordshire Police can neither confirm nor deny that it holds the information you requested, "
                "by virtue of section 24(2) (National security) and section 31(3) (Law enforcement).</p>",
            )
        ],
        "exemptions": [
            {
                "code": "s24(2)",
                "citation": "Section 24(2)",
                "provision": "24(2)",
                "title": "National security",
                "absolute": False,
                "basis": "required_for",
                "ncnd": True,
                "why": "Confirming or denying would reveal the capabilities available to the force.",
                "harm": "[[the harm in confirming or denying, for this request]]",
                "factors_for": "Confirming or denying would inform public debate.",
                "factors_against": "It would help those who wish to evade detection.",
                "balancing": "The balance lies in neither confirming nor denying.",
                "html": {
                    "why": "<p>Confirming or denying would reveal the capabilities available to the force.</p>",
                    "harm": '<p><mark class="letter-gap">[[the harm in confirming or denying, for this request]]'
                    "</mark></p>",
                    "factors_for": "<p>Confirming or denying would inform public debate.</p>",
                    "factors_against": "<p>It would help those who wish to evade detection.</p>",
                    "balancing": "<p>The balance lies in neither confirming nor denying.</p>",
                },
                "items": [1],
                "library_entry": "s24",
                "library_version": 1,
            }
        ],
        "closing": [
            _section(
                "ncnd_caveat",
                "closing",
                "",
                "This should not be taken as an indication that the information you requested is or is not held.",
                "<p>This should not be taken as an indication that the information you requested is or is not "
                "held.</p>",
            )
        ],
        "rights": [
            _section(
                "review_rights",
                "rights",
                "Your right to ask for an internal review",
                "Please write to us by **{review_by}**.",
                "<p>Please write to us by <strong>11th March 2020</strong>.</p>",
            )
        ],
    },
    "cost_lines": [],
    "aggregated": [],
    "problems": [
        "Section 24(2) (National security), harm: fill in the gap (the harm in confirming or denying, for this "
        "request)."
    ],
    "approvals": [],
    "approved_at": None,
    "approved_by": None,
    "pdf": None,
    "dispatches": [],
    "review_result": "",
    "findings": [],
}
LETTER_RESPONSE = OpenApiResponse(
    s.LetterSerializer,
    description="The letter.",
    examples=[OpenApiExample("An NCND draft", value=LETTER_EXAMPLE, response_only=True)],
)


def _errors(description: str, examples: dict[str, dict], serializer=DetailSerializer) -> OpenApiResponse:
    return OpenApiResponse(
        serializer,
        description=description,
        examples=[OpenApiExample(name, value=value, response_only=True) for name, value in examples.items()],
    )


FIELD_ERRORS_SCHEMA = {"type": "object", "additionalProperties": {}, "description": "Messages by field name."}
LETTER_FIELD_ERRORS = _errors(
    "Invalid input: messages by field name (nested for sections, items and exemption texts). Nothing was saved.",
    {
        "Unknown code": {
            "exemptions": ["Unknown for this case (FOIA exemptions): s99(1). See GET /api/v1/exemptions/."]
        },
        "Text too long": {"sections": {"intro": ["Too long (20,001 characters; the limit is 20,000)."]}},
    },
    FIELD_ERRORS_SCHEMA,
)
SUBMIT_PROBLEMS = _errors(
    "The letter is not complete: every problem, in plain words, under non_field_errors.",
    {
        "Not complete": {
            "non_field_errors": [
                "Section 31(3) (Law enforcement): add the balancing test and its conclusion.",
                "Add the caveat that neither confirming nor denying is not an indication of whether information "
                "is held.",
            ]
        }
    },
    FIELD_ERRORS_SCHEMA,
)
FORBIDDEN = _errors("The user lacks the role or permission.", {"No drafting role": {"detail": DRAFTING_REFUSAL}})
DECISION_FORBIDDEN = _errors(
    "This person may not decide on the letter: the reason says why.",
    {
        "Self-approval": {
            "detail": "You drafted or edited this letter, so you cannot approve it: another person must."
        },
        "Not a supervisor": {"detail": "Only a supervisor can approve letters."},
    },
)
LETTER_NOT_FOUND = _errors("No such letter.", {"Not found": {"detail": "No Letter matches the given query."}})
CASE_NOT_FOUND = _errors("No such case.", {"Not found": {"detail": "No Case matches the given query."}})


def _conflict(*messages: str) -> OpenApiResponse:
    return _errors(
        "The letter's (or case's) state does not allow this.",
        {f"Conflict {n}": {"detail": message} for n, message in enumerate(messages, start=1)},
    )


EDIT_CONFLICT = _conflict(
    "The letter is approved and cannot be changed: start a new version.",
    "The letter is awaiting approval: recall it before editing.",
)
DECISION_CONFLICT = _conflict("Only a letter awaiting approval can be approved or returned.")
READ_ERRORS = {401: NOT_SIGNED_IN, 403: FORBIDDEN, 404: LETTER_NOT_FOUND}


def letter_action(summary: str, request=None, *, description="", examples=(), created=False, responses=None):
    """The schema of a POST action on a letter: its body, the letter in return, and the refusals."""
    ok = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={ok: LETTER_RESPONSE, **READ_ERRORS, **(responses or {})},
        examples=[OpenApiExample(name, value=value, request_only=True) for name, value in examples],
        tags=["letters"],
    )


# --- the exemption library -------------------------------------------------------------------

LIBRARY_EXAMPLE = {
    "kinds": [
        {
            "code": "ncnd",
            "label": "Neither confirm nor deny",
            "heading": "Response to your request",
            "cites_exemptions": True,
            "exemptions_required": True,
            "exemption_sections": True,
            "ncnd_only": True,
            "qualified_only": False,
            "allowed_codes": None,
            "default_codes": [],
            "answers_each_item": False,
            "final": True,
            "needs_estimated_date": False,
            "needs_fee": False,
            "cost_worksheet": False,
            "review_rights": True,
            "commissioner_rights": True,
            "reviews_only": False,
        }
    ],
    "exemptions": [
        {
            "code": "s24(2)",
            "citation": "Section 24(2)",
            "provision": "24(2)",
            "title": "National security",
            "family": "foia",
            "section": "24",
            "absolute": False,
            "basis": "required_for",
            "ncnd": True,
            "library_entry": "s24",
            "library_version": 1,
        }
    ],
}


class ExemptionLibraryView(APIView):
    permission_classes = [IsCaseworker]

    @extend_schema(
        summary="Kinds of letter and the exemption codes letters can cite",
        description=(
            "Every kind of letter with what it requires, and every code a letter can cite: FOIA exemptions "
            "under their withholding and neither confirm nor deny provisions (s24(1), s24(2)), procedural "
            "refusals (s12(1), s14(1)) and EIR exceptions (reg12(5)(b)), each with the library version a new "
            "letter copies. `regime` narrows the codes to those a case under it can cite."
        ),
        parameters=[s.LibraryQuerySerializer],
        responses={
            200: OpenApiResponse(
                s.ExemptionLibrarySerializer, examples=[OpenApiExample("The library", value=LIBRARY_EXAMPLE)]
            ),
            400: _errors(
                "Bad parameters.",
                {"Unknown regime": {"regime": ['Unknown regime "gdpr"; use one of foia, eir, foisa, eisr, sar.']}},
                FIELD_ERRORS_SCHEMA,
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
        },
        tags=["letters"],
    )
    def get(self, request):
        query = s.LibraryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        regime = query.validated_data.get("regime")
        library = {"kinds": s.kind_rows(), "exemptions": s.code_rows(regime)}
        return Response(s.ExemptionLibrarySerializer(library).data)


# --- a case's letters ------------------------------------------------------------------------


CASE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The case's id.")


class CaseLettersView(GenericAPIView):
    """GET and POST <case url>letters/."""

    queryset = Case.objects.all()
    permission_classes = [IsCaseworker, CanDraftLetters]
    parser_classes = [JSONParser]
    pagination_class = None
    filter_backends = []

    def get_serializer_class(self):
        return s.LetterCreateSerializer if self.request.method == "POST" else s.LetterSummarySerializer

    @extend_schema(
        summary="The case's letters",
        description="Every letter drafted for the case, every version, oldest first.",
        parameters=[CASE_ID],
        responses={200: s.LetterSummarySerializer(many=True), 401: NOT_SIGNED_IN, 403: FORBIDDEN, 404: CASE_NOT_FOUND},
        tags=["letters"],
    )
    def get(self, request, pk=None):
        letters = selectors.case_letters(self.get_object())
        return Response(s.LetterSummarySerializer(letters, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Draft a letter",
        description=(
            "Composes a draft from the library: the request quoted item by item, the kind's paragraphs, one "
            "section per exemption (applied to every request item unless `items` says which) and the rights. "
            "The wording is copied: later library edits never change this letter."
        ),
        request=s.LetterCreateSerializer,
        parameters=[CASE_ID],
        responses={
            201: LETTER_RESPONSE,
            400: LETTER_FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: CASE_NOT_FOUND,
            409: _conflict("The case is closed: reopen it before drafting a letter."),
        },
        examples=[
            OpenApiExample("NCND under s24(2) and s31(3)", value=NCND_REQUEST, request_only=True),
            OpenApiExample("Exemptions chosen per request item", value=NCND_BY_ITEM_REQUEST, request_only=True),
            OpenApiExample("Acknowledgement", value={"kind": "acknowledgement"}, request_only=True),
        ],
        tags=["letters"],
    )
    def post(self, request, pk=None):
        case = self.get_object()
        serializer = s.LetterCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with letter_errors():
            letter = services.letter_create(case=case, actor=request.user, **serializer.service_arguments())
        data = letter_data(letter, self.get_serializer_context())
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


def letter_data(letter: Letter, context: dict) -> dict:
    """The letter in full, read afresh after a service changed it."""
    return s.LetterSerializer(selectors.letter_detail_queryset().get(pk=letter.pk), context=context).data


# --- letters ---------------------------------------------------------------------------------


class LetterFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Letter.Status.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Letter.Kind.choices, distinct=False)
    case = django_filters.ModelChoiceFilter(queryset=Case.objects.all(), label="Case id")
    # Last, so it narrows what the other filters left; the queue keeps its own order.
    awaiting = django_filters.ChoiceFilter(
        choices=[("me", "me")],
        method="filter_awaiting",
        label="me: the letters you may approve now (not your own), the oldest deadline first",
    )

    class Meta:
        model = Letter
        fields = ["status", "kind", "case", "awaiting"]

    def filter_awaiting(self, queryset, name, value):
        return selectors.approval_queue(self.request.user).filter(pk__in=queryset.values("pk"))


@extend_schema_view(
    list=extend_schema(
        summary="List letters, or your approval queue",
        description=(
            "Newest first. `awaiting=me` lists the letters you may approve now, the oldest deadline first; "
            "filter by `status`, `kind` and `case` (a case id)."
        ),
        responses={
            200: s.LetterSummarySerializer(many=True),
            400: _errors(
                "Bad filter values.", {"Unknown status": {"status": ["Select a valid choice."]}}, FIELD_ERRORS_SCHEMA
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
        },
        tags=["letters"],
    ),
    retrieve=extend_schema(summary="Show a letter", responses={200: LETTER_RESPONSE, **READ_ERRORS}, tags=["letters"]),
)
class LetterViewSet(GenericViewSet):
    serializer_class = s.LetterSerializer
    filterset_class = LetterFilter
    pagination_class = CasePagination
    permission_classes = [IsCaseworker, CanDraftLetters]
    parser_classes = [JSONParser]

    def get_queryset(self):
        if self.action == "list":
            return selectors.letter_queryset().order_by("-created_at", "-id")
        if self.action == "retrieve":
            return selectors.letter_detail_queryset()
        return Letter.objects.all()

    def filter_queryset(self, queryset):
        # The list's filters must not hide a letter from its own address or actions.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = s.LetterSummarySerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Edit a draft",
        description=(
            "Send only what changes. Texts are light Markdown: HTML is never kept as markup. Whoever edits a "
            "letter may no longer approve it. A letter awaiting approval must be recalled first; an approved "
            "letter never changes: start a new version (revise)."
        ),
        request=s.LetterUpdateSerializer,
        responses={200: LETTER_RESPONSE, 400: LETTER_FIELD_ERRORS, **READ_ERRORS, 409: EDIT_CONFLICT},
        examples=[
            OpenApiExample(
                "Fill in the harm",
                request_only=True,
                value={
                    "exemption_texts": {
                        "s24(2)": {"harm": "Confirming or denying would show where the technology is used."}
                    }
                },
            ),
            OpenApiExample(
                "Answer an item and sign",
                request_only=True,
                value={
                    "items": {"1": {"answer": "We introduced it in **March 2019**.", "exemptions": []}},
                    "signatory": {"name": "Olivia Officer", "role": "Information Rights Officer"},
                },
            ),
            OpenApiExample(
                "A s12 cost estimate",
                request_only=True,
                value={
                    "cost_limit": 450,
                    "cost_lines": [
                        {"activity": "locating", "description": "Search 600 case files", "hours": "20"},
                        {"activity": "extracting", "description": "Read each file", "hours": "10.5"},
                    ],
                },
            ),
        ],
        tags=["letters"],
    )
    def partial_update(self, request, pk=None):
        letter = self.get_object()
        serializer = s.LetterUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with letter_errors():
            services.letter_update(letter=letter, actor=request.user, changes=serializer.service_changes())
        return Response(self._letter_data(letter))

    @letter_action(
        "Submit for approval",
        description="Checks the letter first: when something is missing, every problem is listed.",
        responses={400: SUBMIT_PROBLEMS, 409: EDIT_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(services.letter_submit)

    @letter_action(
        "Approve (supervisors; never your own letter)",
        s.ApproveSerializer,
        description=(
            "Nobody who drafted or edited the letter may approve it. A case flagged for further clearance "
            "moves on to its next stage; the last approval dates the letter, and approving a final response "
            "readies the case to send."
        ),
        examples=[("Approve", {"comment": "Fine to send."})],
        responses={403: DECISION_FORBIDDEN, 409: DECISION_CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        comment = self._valid(s.ApproveSerializer)["comment"]
        return self._act(services.letter_approve, comment=comment)

    @letter_action(
        "Return for changes, with a comment",
        s.ReturnSerializer,
        examples=[("Return", {"comment": "Say more about the harm under s31(3)."})],
        responses={
            400: _errors(
                "The comment is missing.", {"No comment": {"comment": [s.RETURN_COMMENT_NEEDED]}}, FIELD_ERRORS_SCHEMA
            ),
            403: DECISION_FORBIDDEN,
            409: DECISION_CONFLICT,
        },
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_letter(self, request, pk=None):
        comment = self._valid(s.ReturnSerializer)["comment"]
        return self._act(services.letter_return, comment=comment)

    @letter_action(
        "Recall a submitted letter to edit it",
        responses={409: _conflict("Only a letter awaiting approval can be recalled.")},
    )
    @action(detail=True, methods=["post"])
    def recall(self, request, pk=None):
        return self._act(services.letter_recall)

    @letter_action(
        "Start a new version of an approved letter",
        description="The approved version is kept unchanged, marked superseded; the new one needs approval again.",
        created=True,
        responses={409: _conflict("Only an approved letter is changed by starting a new version; edit the draft.")},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        with letter_errors():
            new = services.letter_revise(letter=self.get_object(), actor=request.user)
        data = self._letter_data(new)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    @extend_schema(
        summary="The signed PDF of an approved letter",
        description=(
            "The PDF is rendered and signed in the background after approval: `pdf.state` on the letter says "
            "how far it has got. 404 before the letter is approved; 409 while the PDF is queued, rendering or "
            "has failed."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The signed PDF."),
            **READ_ERRORS,
            404: _errors(
                "No such letter, or it is not approved.",
                {"Not approved": {"detail": PDF_NOT_APPROVED}},
            ),
            409: _errors(
                "The PDF is not ready yet.",
                {
                    "Rendering": {
                        "detail": "The signed PDF is not ready yet (rendering and signing): try again shortly."
                    }
                },
            ),
        },
        tags=["letters"],
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        letter = self.get_object()
        if letter.status not in (Letter.Status.APPROVED, Letter.Status.SUPERSEDED):
            raise NotFound(PDF_NOT_APPROVED)
        pdf = LetterPdf.objects.filter(letter=letter).first()
        if pdf is None or pdf.state != LetterPdf.State.READY:
            state = pdf.get_state_display().lower() if pdf else "not started"
            detail = f"The signed PDF is not ready yet ({state}): try again shortly."
            if pdf is not None and pdf.state == LetterPdf.State.FAILED:
                detail = f"The signed PDF could not be made: {pdf.error}"
            return Response({"detail": detail, "state": pdf.state if pdf else None}, status=status.HTTP_409_CONFLICT)
        return FileResponse(
            issuing.pdf_open(pdf), filename=issuing.attachment_name(letter), content_type="application/pdf"
        )

    @letter_action(
        "Send an approved letter (email) or record that it was posted",
        s.SendSerializer,
        description=(
            "Needs the signed PDF to be ready. The first dispatch of a final response records the case, and "
            "every case answered with it, as responded on that date (in time or late, from the clock). "
            "Sending a final response needs the right to close cases."
        ),
        examples=[("Email", {"method": "email"}), ("Posted", {"method": "post", "sent_on": "2026-11-26"})],
        responses={
            400: _errors("Invalid input.", {"No date": {"sent_on": ["Give the date the letter was posted."]}}),
            409: _conflict("The signed PDF is not ready yet (rendering and signing): send the letter once it is."),
        },
    )
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        data = self._valid(s.SendSerializer)
        letter = self.get_object()
        with letter_errors():
            issuing.letter_send(letter=letter, actor=request.user, method=data["method"], sent_on=data.get("sent_on"))
        return Response(self._letter_data(letter))

    # --- helpers ---

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _act(self, service, **arguments):
        letter = self.get_object()
        with letter_errors():
            service(letter=letter, actor=self.request.user, **arguments)
        return Response(self._letter_data(letter))

    def _letter_data(self, letter: Letter) -> dict:
        return letter_data(letter, self.get_serializer_context())
