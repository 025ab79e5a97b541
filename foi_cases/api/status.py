"""The status API for requesters' own tools (request-tracking sites, say): POST /api/v1/status/.

The same answer as the status page, from the same place (portal.public_status), found the same way
(portal.case_lookup): the reference and the email address the requester used. No account, no token,
no session, so no CSRF either. Guessing is throttled by the portal, not by DRF: failed lookups count
per client address and per reference (an hour) and per email address (a day), and once over a limit
even a right pair gets HTTP 429. Any wrong pair gets one 404 answer, the same byte for byte
whichever of the two was wrong.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.network import client_address
from foi_cases import portal
from foi_cases.api.serializers import DetailSerializer

STAGES = [
    portal.Stage.RECEIVED,
    portal.Stage.AWAITING_CLARIFICATION,
    portal.Stage.FEE_DUE,
    portal.Stage.IN_PROGRESS,
    portal.Stage.EXTENDED,
    portal.Stage.RESPONDED,
    portal.Stage.UNDER_REVIEW,
    portal.Stage.CLOSED,
]


class StatusLookupSerializer(serializers.Serializer):
    reference = serializers.CharField(
        max_length=40, help_text="The reference in our acknowledgement, e.g. FOI2019/00001 (case does not matter)."
    )
    email = serializers.EmailField(
        max_length=254, help_text="The email address the request was made from (case does not matter)."
    )


class StageField(serializers.CharField):
    """A stable code: tools may rely on it. The label beside it is for people and may change."""


class StageFieldExtension(OpenApiSerializerFieldExtension):
    """The stage codes as one named enum component. (Inline, drf-spectacular would try to name it
    after the field, "status", which the cases' own status enum already uses.)"""

    target_class = StageField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="PortalStageEnum",
            type=ResolvedComponent.SCHEMA,
            object="PortalStageEnum",
            schema={
                "type": "string",
                "enum": STAGES,
                "description": "Where a request stands: "
                + "; ".join(f"`{code}`: {portal.Stage.LABELS[code]}" for code in STAGES)
                + " (the label gives the date for `extended`).",
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class PortalLetterSerializer(serializers.Serializer):
    title = serializers.CharField()
    reference = serializers.CharField(help_text="Every reference the letter answers, as it prints them.")
    sent_on = serializers.DateField()
    signatory = serializers.CharField(help_text="Who signed the letter, as it prints the name.")
    download_url = serializers.SerializerMethodField(
        help_text=f"The signed PDF. The link works for {settings.PORTAL_DOWNLOAD_LINK_HOURS} hours: ask again for a "
        "new one."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, letter: portal.PublicLetter) -> str:
        return f"{settings.SITE_URL}{letter.download_path}"


class PortalReviewSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="The internal review's own reference.")
    status = StageField(source="stage")
    status_label = serializers.CharField(source="label", help_text="The stage in plain words.")
    explanation = serializers.CharField(help_text="What the stage means, in plain words.")
    received = serializers.DateField(source="received_on")
    due = serializers.DateField(source="due_on", allow_null=True, help_text="Null while the clock is paused.")
    extended = serializers.BooleanField()
    letters = PortalLetterSerializer(many=True, help_text="Letters sent about this review, newest first.")


class PortalCommissionerSerializer(serializers.Serializer):
    name = serializers.CharField()
    website = serializers.URLField()
    helpline = serializers.CharField()


class PortalStatusSerializer(PortalReviewSerializer):
    review_of = serializers.SerializerMethodField(help_text="For an internal review: the request it reviews.")
    statutory_due = serializers.DateField(
        source="statutory_due_on", allow_null=True, help_text="The due date before any extension."
    )
    review_by = serializers.DateField(
        allow_null=True, help_text="Once we have responded: the last day to ask for an internal review."
    )
    can_request_review = serializers.BooleanField(help_text="An internal review can be asked for on the status page.")
    review_window_open = serializers.BooleanField(help_text="False once review_by has passed: we may decline.")
    can_answer_clarification = serializers.BooleanField(help_text="We are waiting for the requester's clarification.")
    commissioner = PortalCommissionerSerializer(
        allow_null=True, help_text="Whom to complain to, once we have responded."
    )
    reviews = PortalReviewSerializer(many=True, help_text="Internal reviews of this request, oldest first.")
    letters = PortalLetterSerializer(many=True, help_text="Letters sent to the requester, newest first.")

    @extend_schema_field(OpenApiTypes.STR)
    def get_review_of(self, public: portal.PublicStatus) -> str | None:
        return public.case.review_of.reference if public.case.is_review else None


STATUS_EXAMPLE = {
    "reference": "FOI2019/00001",
    "status": "extended",
    "status_label": "Extended to 12 February 2020",
    "explanation": "We have extended the time for our response to Wednesday 12 February 2020 because we need more "
    "time to consider the public interest, as the Freedom of Information Act allows.",
    "received": "2019-12-12",
    "due": "2020-02-12",
    "extended": True,
    "letters": [
        {
            "title": "Your request for information: public interest extension",
            "reference": "FOI2019/00001",
            "sent_on": "2020-01-10",
            "signatory": "Sam Supervisor",
            "download_url": "https://foi.example.org/status/letters/.eJyrVkpWsjI0NNRRygExSjVKOSDOm5CVlF8G/",
        }
    ],
    "review_of": None,
    "statutory_due": "2020-01-15",
    "review_by": None,
    "can_request_review": False,
    "review_window_open": False,
    "can_answer_clarification": False,
    "commissioner": None,
    "reviews": [],
}


class StatusView(APIView):
    # Credentials are the body's reference and email address: no session (so no CSRF) and no token.
    authentication_classes = ()
    permission_classes = (AllowAny,)
    # The portal throttles failed lookups itself, per address, reference and email, as on the web page.
    throttle_classes = ()
    parser_classes = (JSONParser,)

    @extend_schema(
        operation_id="status_lookup",
        summary="Where a request stands, for its requester",
        description=(
            "Public: no account or token. Give the request's reference and the email address it was made from "
            "(compared without regard to case). The answer is what the requester's status page shows: the stage "
            "as a stable code with plain words, the dates, the letters sent with download links, and any "
            "internal reviews. A wrong reference and a wrong email address get the same 404. Failed lookups are "
            "counted per client address and per reference (for an hour) and per email address (for a day); past "
            "a limit every lookup, right or wrong, gets 429 with a Retry-After header (seconds)."
        ),
        request=StatusLookupSerializer,
        examples=[
            OpenApiExample(
                "A reference and email address",
                value={"reference": "FOI2019/00001", "email": "alex@example.org"},
                request_only=True,
            )
        ],
        responses={
            200: OpenApiResponse(
                PortalStatusSerializer,
                description="The request's status.",
                examples=[OpenApiExample("An extended request", value=STATUS_EXAMPLE, response_only=True)],
            ),
            400: OpenApiResponse(
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                description="Missing or invalid fields: messages by field name.",
                examples=[
                    OpenApiExample(
                        "No email address",
                        value={"email": ["This field may not be blank."]},
                        status_codes=["400"],
                        response_only=True,
                    )
                ],
            ),
            404: OpenApiResponse(
                DetailSerializer,
                description="No request with that reference and email address (whichever was wrong).",
                examples=[
                    OpenApiExample(
                        "Not found",
                        value={"detail": portal.NOT_FOUND_MESSAGE},
                        status_codes=["404"],
                        response_only=True,
                    )
                ],
            ),
            429: OpenApiResponse(
                DetailSerializer,
                description="Too many failed lookups from this address, for this reference or with this email address.",
                examples=[
                    OpenApiExample(
                        "Throttled",
                        value={"detail": portal.THROTTLED_MESSAGE},
                        status_codes=["429"],
                        response_only=True,
                    )
                ],
            ),
        },
        tags=["status"],
    )
    def post(self, request):
        query = StatusLookupSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        try:
            case = portal.case_lookup(
                reference=query.validated_data["reference"],
                email=query.validated_data["email"],
                address=client_address(request),
            )
        except portal.Throttled as throttled:
            return Response(
                {"detail": throttled.message},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(throttled.retry_after)},
            )
        except portal.CaseNotFound:
            return Response({"detail": portal.NOT_FOUND_MESSAGE}, status=status.HTTP_404_NOT_FOUND)
        return Response(PortalStatusSerializer(portal.public_status(case)).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # A requester's case, or an answer about one: never stored by a cache on the way.
        add_never_cache_headers(response)
        return response
