"""The API's shapes. Serializers check types and formats only; the rules live in services.

Input serializers turn JSON into the arguments a service takes; output serializers describe a case,
its deadline working and its timeline. Field names are the API's contract: `received`, `due` and
`on`, not the model's `received_on`, `due_on` and `occurred_on`.
"""

import re
from datetime import date

from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from foi_cases import services
from foi_cases.deadlines import EventKind, Regime
from foi_cases.models import AuditEvent, Case, ClockEvent, PublicBody, Requester

REGIME_CHOICES = [regime.value for regime in Regime]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def display_name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def active_users():
    return get_user_model().objects.filter(is_active=True)


class CalendarDateField(serializers.DateField):
    """A YYYY-MM-DD date that says so plainly when the day does not exist (2019-02-30)."""

    default_error_messages = {
        "impossible": "{value} is not a real date.",
        "invalid": "Enter a date in the form YYYY-MM-DD.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            try:
                date.fromisoformat(value.strip())
            except ValueError:
                self.fail("impossible", value=value.strip())
        return super().to_internal_value(value)


class RegimeField(serializers.ChoiceField):
    default_error_messages = {
        "invalid_choice": f'Unknown regime "{{input}}"; use one of {", ".join(REGIME_CHOICES)}.',
    }

    def __init__(self, **kwargs):
        super().__init__(choices=Case.REGIME_CHOICES, **kwargs)


# --- deadlines -------------------------------------------------------------------------------


class DeadlineQuerySerializer(serializers.Serializer):
    """The query parameters of the public deadline calculator."""

    regime = RegimeField(help_text=f"One of {', '.join(REGIME_CHOICES)}.")
    received = CalendarDateField(help_text="Date of receipt (YYYY-MM-DD), a calendar date in Europe/London.")
    clarification_received = CalendarDateField(
        required=False, help_text="Date clarification arrived: the count starts again from that day (FOIA s1(3))."
    )
    fee_notice_sent = CalendarDateField(
        required=False, help_text="Date a fees notice was given: the clock pauses until the fee is received."
    )
    fee_received = CalendarDateField(required=False, help_text="Date the fee was received (needs fee_notice_sent).")
    extension_days = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=260,
        help_text="Extension: working days (EIR up to 20, FOISA none), or calendar months for sar (up to 2).",
    )

    def validate_received(self, received):
        if received < services.EARLIEST_RECEIPT:
            raise serializers.ValidationError("The date of receipt must be on or after 1 January 2005.")
        # Bank holidays are proclaimed about a year ahead; a count further out would be a guess.
        last = date(services.today().year + 1, 12, 31)
        if received > last:
            raise serializers.ValidationError(f"Bank holidays are not known that far ahead; use a date up to {last}.")
        return received

    def validate(self, attrs):
        notice, paid = attrs.get("fee_notice_sent"), attrs.get("fee_received")
        if paid and not notice:
            raise serializers.ValidationError(
                {"fee_received": "Give fee_notice_sent too: a fee is paid after a fees notice."}
            )
        if paid and paid < notice:
            raise serializers.ValidationError(
                {"fee_received": "The fee cannot be received before the fees notice was given."}
            )
        return attrs


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    reason = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    """The working of a statutory deadline (deadlines.Deadline)."""

    regime = serializers.CharField()
    received = serializers.DateField()
    clock_start = serializers.DateField(help_text="Receipt, or the day clarification (or a SAR fee) arrived.")
    state = serializers.ChoiceField(choices=["running", "awaiting_clarification", "awaiting_fee"])
    due = serializers.DateField(allow_null=True, help_text="Null while the clock is stopped.")
    statutory_due = serializers.DateField(allow_null=True, help_text="Due date before any extension.")
    working_days = serializers.IntegerField(help_text="Working days allowed, extensions included (0 for sar).")
    extension_days = serializers.IntegerField(help_text="Working days added (calendar months for sar).")
    internal_target = serializers.DateField(allow_null=True, help_text="The unit's internal target for a draft.")
    days_used = serializers.IntegerField(help_text="Working days used when the clock stopped.")
    warnings = serializers.ListField(child=serializers.CharField())
    skipped = SkippedDaySerializer(many=True, help_text="Days not counted, with the reason for each.")
    steps = serializers.ListField(child=serializers.CharField(), help_text="The count explained step by step.")


# --- cases: output ---------------------------------------------------------------------------


class RequesterSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)

    class Meta:
        model = Requester
        fields = ["name", "email", "address", "organisation", "requester_type"]


class RequesterUpdateSerializer(RequesterSerializer):
    """A correction of some requester details: nothing is required, what is sent is checked."""

    class Meta(RequesterSerializer.Meta):
        extra_kwargs = {"name": {"required": False}}


class CaseClockEventSerializer(serializers.ModelSerializer):
    on = serializers.DateField(source="occurred_on", read_only=True)
    recorded_by = serializers.SerializerMethodField()
    voided_by = serializers.SerializerMethodField()

    class Meta:
        model = ClockEvent
        fields = [
            "id",
            "kind",
            "on",
            "days",
            "note",
            "recorded_by",
            "recorded_at",
            "voided_at",
            "voided_by",
            "void_reason",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_recorded_by(self, event) -> str | None:
        return display_name(event.recorded_by)

    @extend_schema_field(OpenApiTypes.STR)
    def get_voided_by(self, event) -> str | None:
        return display_name(event.voided_by)


def may_see_requester(context: dict) -> bool:
    """Requests are handled applicant blind; without a signed-in user allowed to see who asked, nobody is."""
    user = getattr(context.get("request"), "user", None)
    return user is not None and user.has_perm(services.REVEAL_REQUESTER)


class CaseSerializer(serializers.ModelSerializer):
    """A case as the API shows it. Dates of the deadline are computed by services, never written here."""

    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail", help_text="This case's API address.")
    received = serializers.DateField(source="received_on", read_only=True)
    due = serializers.DateField(
        source="due_on", read_only=True, allow_null=True, help_text="Null while the clock is stopped."
    )
    statutory_due = serializers.DateField(source="statutory_due_on", read_only=True, allow_null=True)
    internal_target = serializers.DateField(source="internal_target_on", read_only=True, allow_null=True)
    items = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="text", help_text="The request's numbered questions, in order."
    )
    requester = RequesterSerializer(
        read_only=True,
        allow_null=True,
        help_text=(
            "Who asked. Requests are handled applicant blind: only users with permission to see the requester's "
            "identity (officers, supervisors, administrators) get it; everyone else gets null. Reading it here is "
            "not audited per request, because integrations read it to correspond with the requester; the staff "
            "screens record every reveal on the case timeline."
        ),
    )
    body_name = serializers.CharField(source="body.name", read_only=True)
    assigned_to_name = serializers.SerializerMethodField()
    answered_with = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="reference", help_text="References answered in the same response."
    )
    related_to = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    clock_events = CaseClockEventSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "url",
            "reference",
            "regime",
            "received",
            "channel",
            "subject",
            "request_text",
            "items",
            "requester",
            "body",
            "body_name",
            "assigned_to",
            "assigned_to_name",
            "status",
            "due",
            "statutory_due",
            "internal_target",
            "extension_days",
            "outcome",
            "responded_on",
            "answered_in_time",
            "answered_with",
            "related_to",
            "review_of",
            "clock_events",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"review_of": {"help_text": "For an internal review, the id of the case it reviews; else null."}}

    @extend_schema_field(OpenApiTypes.STR)
    def get_assigned_to_name(self, case) -> str | None:
        return display_name(case.assigned_to)

    def to_representation(self, case):
        data = super().to_representation(case)
        if not may_see_requester(self.context):
            data["requester"] = None
        return data


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    changes = serializers.JSONField(read_only=True, help_text="Values before and after, by field.")

    class Meta:
        model = AuditEvent
        fields = ["at", "actor", "action", "summary", "changes"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_actor(self, event) -> str | None:
        return display_name(event.actor)


# --- cases: input ----------------------------------------------------------------------------


class OfficerField(serializers.PrimaryKeyRelatedField):
    """A user id; the services decide whether that user may hold cases."""

    def __init__(self, **kwargs):
        super().__init__(queryset=active_users(), **kwargs)


class ActiveBodyField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=PublicBody.objects.filter(is_active=True), **kwargs)


class CaseCreateSerializer(serializers.Serializer):
    regime = RegimeField()
    received = CalendarDateField(help_text="Date of receipt (YYYY-MM-DD); not in the future.")
    channel = serializers.ChoiceField(choices=Case.Channel.choices)
    subject = serializers.CharField(max_length=300)
    # Kept exactly as sent: it is the requester's own words, quoted in letters.
    request_text = serializers.CharField(trim_whitespace=False)
    requester = RequesterSerializer()
    body = ActiveBodyField(
        required=False, help_text="Public body id; may be left out when the unit serves exactly one active body."
    )
    assigned_to = OfficerField(required=False, allow_null=True, help_text="User id of the officer.")
    items = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        max_length=200,
        help_text="The numbered questions; left out, they are split from request_text automatically.",
    )

    def validate(self, attrs):
        if "body" not in attrs:
            attrs["body"] = self._only_active_body()
        return attrs

    def _only_active_body(self) -> PublicBody:
        bodies = list(PublicBody.objects.filter(is_active=True)[:2])
        if len(bodies) != 1:
            raise serializers.ValidationError(
                {"body": "body is required: give the id of the public body this request is for."}
            )
        return bodies[0]

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        return {
            "regime": data["regime"],
            "received_on": data["received"],
            "channel": data["channel"],
            "subject": data["subject"],
            "request_text": data["request_text"],
            "requester": services.RequesterDetails(**data["requester"]),
            "body": data["body"],
            "assigned_to": data.get("assigned_to"),
            "items": data.get("items") or None,
        }


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}], "example": "FOI2019/00001"})
class CaseField(serializers.Field):
    """A case named by its id (1) or its reference ("FOI2019/00001")."""

    default_error_messages = {"unknown": "No case has the id or reference {value}."}

    def to_internal_value(self, value):
        text = str(value).strip()[:100]
        is_id = text.isascii() and text.isdigit() and len(text) < 10  # beyond that, no id (and no overflow)
        found = Case.objects.filter(pk=int(text)) if is_id else Case.objects.filter(reference__iexact=text)
        case = found.first() if text else None
        if case is None:
            self.fail("unknown", value=text or '""')
        return case

    def to_representation(self, case):
        return case.reference


class ReviewCreateSerializer(serializers.Serializer):
    """An internal review of a responded case, asked for by email, post or phone. The review is a case
    of its own (reference, clock) with the original's regime, body and requester."""

    review_of = CaseField(help_text="The case to review: its id or its reference.")
    received = CalendarDateField(
        help_text="The day the request for a review arrived (YYYY-MM-DD); not in the future, nor before the response."
    )
    channel = serializers.ChoiceField(choices=Case.Channel.choices)
    request_text = serializers.CharField(
        trim_whitespace=False, help_text="The requester's reasons, as they wrote them."
    )

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {field: "Leave this out of an internal review: it comes from the case reviewed." for field in unknown}
            )
        return attrs

    def service_arguments(self) -> dict:
        data = self.validated_data
        return {
            "case": data["review_of"],
            "received_on": data["received"],
            "channel": data["channel"],
            "reasons": data["request_text"],
        }


class CaseUpdateSerializer(serializers.Serializer):
    """A partial edit: only the fields sent change. Anything else is refused rather than ignored."""

    regime = RegimeField(required=False)
    received = CalendarDateField(required=False)
    channel = serializers.ChoiceField(choices=Case.Channel.choices, required=False)
    subject = serializers.CharField(max_length=300, required=False)
    request_text = serializers.CharField(trim_whitespace=False, required=False)
    body = ActiveBodyField(required=False)
    items = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        max_length=200,
        help_text="Corrected numbered questions. Changing request_text alone splits them again.",
    )
    requester = RequesterUpdateSerializer(required=False, help_text="Only the requester details sent change.")

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({field: "This field cannot be changed here." for field in unknown})
        return attrs

    def service_changes(self) -> dict:
        names = {"received": "received_on"}
        return {names.get(field, field): value for field, value in self.validated_data.items()}


class ClockEventCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[kind.value for kind in EventKind])
    on = CalendarDateField(help_text="The day it happened (YYYY-MM-DD).")
    days = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=260,
        help_text="Extensions only: working days, or calendar months for a subject access request.",
    )
    note = serializers.CharField(required=False, default="", allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class AssignSerializer(serializers.Serializer):
    officer = OfficerField(allow_null=True, help_text="User id of the officer, or null to unassign.")


class LinkSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="The other case's reference, e.g. FOI2019/00002.")
    kind = serializers.ChoiceField(choices=list(services.LINK_KINDS))

    def validate_reference(self, reference):
        other = Case.objects.filter(reference=reference).first()
        if other is None:
            raise serializers.ValidationError(f"No case has the reference {reference}.")
        return other


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Case.Outcome.choices)
    responded_on = CalendarDateField(help_text="The day the response was sent.")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class EndSerializer(serializers.Serializer):
    on = CalendarDateField(help_text="The day the request was withdrawn or lapsed.")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
