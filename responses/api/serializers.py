"""The letter API's shapes. Serializers check types and formats only; the rules live in services.

A letter is shown as it reads (`blocks`), with each text both as the officer wrote it (`text`, light
Markdown) and as the letter prints it (`html`, sanitised, live placeholders filled). Drafting is
applicant blind: nothing here names or describes the requester.
"""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from foi_cases.api.serializers import CalendarDateField, RegimeField, display_name
from foi_cases.models import Case, Finding
from responses import review_findings, services, text
from responses.kinds import KIND_RULES, Exemptions
from responses.models import (
    Approval,
    CostLine,
    Dispatch,
    Letter,
    LetterExemption,
    LetterItem,
    LetterPdf,
    LetterSection,
    ReviewFinding,
)

CODE_LIST_HELP = 'Citing codes from GET /api/v1/exemptions/, e.g. ["s24(2)", "s31(3)"].'


# --- the exemption library -------------------------------------------------------------------


class LibraryQuerySerializer(serializers.Serializer):
    regime = RegimeField(
        required=False, help_text="Only the codes a case under this regime can cite (eir: the EIR exceptions)."
    )


class LetterKindSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    heading = serializers.CharField(help_text="The heading a new letter of this kind starts with.")
    cites_exemptions = serializers.BooleanField(help_text="The letter names exemptions.")
    exemptions_required = serializers.BooleanField(help_text="It must name at least one to be submitted.")
    exemption_sections = serializers.BooleanField(
        help_text="Each exemption gets its own section: why it applies, harm, public interest test, balancing test."
    )
    ncnd_only = serializers.BooleanField(help_text="Only neither confirm nor deny provisions may be cited.")
    qualified_only = serializers.BooleanField(help_text="Only qualified exemptions (a public interest test).")
    allowed_codes = serializers.ListField(
        child=serializers.CharField(), allow_null=True, help_text="The only codes it may cite; null: any."
    )
    default_codes = serializers.ListField(child=serializers.CharField(), help_text="Cited when none are given.")
    answers_each_item = serializers.BooleanField(help_text="Every request item needs an answer or an exemption.")
    final = serializers.BooleanField(help_text="A final response: approving it readies the case to send.")
    needs_estimated_date = serializers.BooleanField()
    needs_fee = serializers.BooleanField()
    cost_worksheet = serializers.BooleanField(help_text="Needs a cost estimate (s12).")
    review_rights = serializers.BooleanField(help_text="Includes the right to an internal review, with its date.")
    commissioner_rights = serializers.BooleanField(help_text="Includes the right to complain to the commissioner.")
    reviews_only = serializers.BooleanField(
        help_text="Answers an internal review (a case with review_of), and nothing else; a review is otherwise "
        "only acknowledged or asked to clarify."
    )


class LibraryCodeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="What letters cite: s24(2), reg12(5)(b).")
    citation = serializers.CharField(help_text="As a letter names it: Section 24(2), Regulation 12(5)(b).")
    provision = serializers.CharField()
    title = serializers.CharField()
    family = serializers.ChoiceField(choices=["foia", "eir", "procedural"])
    section = serializers.CharField(help_text="For statistics: 24, 12(5)(b).")
    absolute = serializers.BooleanField(help_text="Absolute: no public interest test.")
    basis = serializers.CharField(help_text="class, prejudice or required_for.")
    ncnd = serializers.BooleanField(help_text="A neither confirm nor deny provision.")
    library_entry = serializers.CharField(help_text="The library entry the wording comes from.")
    library_version = serializers.IntegerField(help_text="The entry's current version: a new letter copies it.")


class ExemptionLibrarySerializer(serializers.Serializer):
    kinds = LetterKindSerializer(many=True)
    exemptions = LibraryCodeSerializer(many=True)


def kind_rows() -> list[dict]:
    rows = []
    for code, label in Letter.Kind.choices:
        rule = KIND_RULES[code]
        rows.append(
            {
                "code": code,
                "label": label,
                "heading": rule.title,
                "cites_exemptions": rule.exemptions is not Exemptions.NONE,
                "exemptions_required": rule.exemptions_required,
                "exemption_sections": rule.exemptions is Exemptions.SECTIONS,
                "ncnd_only": rule.ncnd_only,
                "qualified_only": rule.qualified_only,
                "allowed_codes": sorted(rule.allowed_codes) if rule.allowed_codes is not None else None,
                "default_codes": list(rule.default_codes),
                "answers_each_item": rule.answers,
                "final": rule.final,
                "needs_estimated_date": rule.needs_estimated_date,
                "needs_fee": rule.needs_fee,
                "cost_worksheet": rule.cost_worksheet,
                "review_rights": rule.review_rights,
                "commissioner_rights": rule.commissioner_rights,
                "reviews_only": rule.reviews_only,
            }
        )
    return rows


def code_rows(regime: str | None) -> list[dict]:
    rows = []
    for code, (version, ncnd) in services.library_codes(regime=regime).items():
        provision = version.ncnd_provision if ncnd else version.provision
        rows.append(
            {
                "code": code,
                "citation": version.citation(provision),
                "provision": provision,
                "title": version.title,
                "family": version.entry.family,
                "section": version.section,
                "absolute": version.absolute,
                "basis": version.basis,
                "ncnd": ncnd,
                "library_entry": version.entry.code,
                "library_version": version.number,
            }
        )
    return rows


# --- shared ----------------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know rather than ignoring them: a misspelt field is not a no-op."""

    unknown_field_message = "Unknown field."

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [self.unknown_field_message] for name in unknown})
        return super().to_internal_value(data)


class SignatorySerializer(StrictSerializer):
    unknown_field_message = "Unknown part of the signatory: use name or role."

    name = serializers.CharField(source="signatory_name", max_length=200, required=False, allow_blank=True)
    role = serializers.CharField(source="signatory_role", max_length=200, required=False, allow_blank=True)


# Named schema components: a case's status and a clock event's kind share these field names.
@extend_schema_field(
    {"type": "string", "enum": Letter.Kind.values, "description": "The kind of letter (see GET /api/v1/exemptions/)."},
    component_name="LetterKindEnum",
)
class LetterKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f'Unknown kind of letter "{{input}}"; use one of {", ".join(Letter.Kind.values)}.'},
        )
        super().__init__(choices=Letter.Kind.choices, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "enum": Letter.Status.values,
        "description": "draft -> submitted -> approved (or returned, then submitted again); superseded when a "
        "later version replaces an approved letter.",
    },
    component_name="LetterStatusEnum",
)
class LetterStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Letter.Status.choices, **kwargs)


# --- letters: output -------------------------------------------------------------------------


def live_html(serializer, markdown: str) -> str:
    """Sanitised HTML of a text, with the letter's live placeholders (passed in the context) filled."""
    return str(text.to_html(markdown, serializer.context.get("live")))


class LetterCaseSerializer(serializers.ModelSerializer):
    """The case a letter answers: no requester details (drafting is applicant blind)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail")

    class Meta:
        model = Case
        fields = ["id", "url", "reference"]
        read_only_fields = fields


class SectionBlockSerializer(serializers.ModelSerializer):
    heading = serializers.CharField(help_text="Plain text, printed above the paragraph; may be empty.")
    text = serializers.CharField(help_text="As the officer wrote it: light Markdown, {placeholders}, [[gaps]].")
    html = serializers.SerializerMethodField(help_text="As the letter prints it: sanitised HTML.")

    class Meta:
        model = LetterSection
        fields = ["key", "placement", "heading", "text", "html"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_html(self, section) -> str:
        return live_html(self, section.text)


class ItemBlockSerializer(serializers.ModelSerializer):
    answer_html = serializers.SerializerMethodField(help_text="The answer as the letter prints it.")
    exemptions = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code", help_text="Codes of the letter's exemptions applied to it."
    )

    class Meta:
        model = LetterItem
        fields = ["position", "question", "answer", "answer_html", "exemptions"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_answer_html(self, item) -> str:
        return live_html(self, item.answer)


class ExemptionHtmlSerializer(serializers.Serializer):
    why = serializers.CharField()
    harm = serializers.CharField()
    factors_for = serializers.CharField()
    factors_against = serializers.CharField()
    balancing = serializers.CharField()


class ExemptionBlockSerializer(serializers.ModelSerializer):
    citation = serializers.CharField(help_text="Section 24(2), Regulation 12(5)(b).")
    why = serializers.CharField(help_text="Why it applies (light Markdown).")
    factors_for = serializers.CharField(help_text="Factors favouring disclosure (or confirming or denying, NCND).")
    factors_against = serializers.CharField(help_text="Factors against disclosure (or confirming or denying, NCND).")
    balancing = serializers.CharField(help_text="The balancing test and its conclusion.")
    html = serializers.SerializerMethodField(help_text="Each text as the letter prints it: sanitised HTML.")
    items = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="position", help_text="The request items it applies to."
    )
    library_entry = serializers.CharField(source="source.entry.code", help_text="The library entry it came from.")
    library_version = serializers.IntegerField(
        source="source.number", help_text="The library version copied; later library edits never change it."
    )

    class Meta:
        model = LetterExemption
        fields = [
            "code",
            "citation",
            "provision",
            "title",
            "absolute",
            "basis",
            "ncnd",
            "why",
            "harm",
            "factors_for",
            "factors_against",
            "balancing",
            "html",
            "items",
            "library_entry",
            "library_version",
        ]
        read_only_fields = fields

    @extend_schema_field(ExemptionHtmlSerializer)
    def get_html(self, exemption) -> dict:
        return {name: live_html(self, getattr(exemption, name)) for name in services.EXEMPTION_TEXT_FIELDS}


class LetterBlocksSerializer(serializers.Serializer):
    """The letter's parts in the order it reads."""

    opening = SectionBlockSerializer(many=True, help_text="Paragraphs before the quoted request.")
    items = ItemBlockSerializer(many=True, help_text="The request quoted item by item, with the answers.")
    response = SectionBlockSerializer(many=True, help_text="Paragraphs after the request.")
    exemptions = ExemptionBlockSerializer(many=True, help_text="One section per exemption applied.")
    closing = SectionBlockSerializer(many=True, help_text="Paragraphs after the exemptions (e.g. the NCND caveat).")
    rights = SectionBlockSerializer(many=True, help_text="Internal review and complaint rights.")


class CostLineSerializer(serializers.ModelSerializer):
    activity_label = serializers.CharField(source="get_activity_display", read_only=True)

    class Meta:
        model = CostLine
        fields = ["activity", "activity_label", "description", "hours"]
        read_only_fields = fields


class ApprovalSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(source="stage_name", help_text="Supervisor, or the clearance stage's name.")
    decision_label = serializers.CharField(source="get_decision_display")
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = Approval
        fields = ["round", "stage", "decision", "decision_label", "comment", "decided_by", "decided_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_decided_by(self, approval) -> str | None:
        return display_name(approval.decided_by)


class LetterSummarySerializer(serializers.ModelSerializer):
    """A letter in a list."""

    url = serializers.HyperlinkedIdentityField(view_name="api:letter-detail", help_text="This letter's API address.")
    case = LetterCaseSerializer(read_only=True)
    kind = LetterKindField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = LetterStatusField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    awaiting = serializers.SerializerMethodField(
        help_text="While submitted: whose approval is awaited (Supervisor, or a clearance stage); otherwise null."
    )
    due = serializers.DateField(source="case.due_on", read_only=True, allow_null=True, help_text="The case's due date.")
    drafted_by = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = [
            "id",
            "url",
            "case",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "version",
            "heading",
            "awaiting",
            "due",
            "drafted_by",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_awaiting(self, letter) -> str | None:
        if letter.status != Letter.Status.SUBMITTED:
            return None
        return letter.awaiting_stage.name if letter.awaiting_stage_id else "Supervisor"

    @extend_schema_field(OpenApiTypes.STR)
    def get_drafted_by(self, letter) -> str | None:
        return display_name(letter.created_by)


class LetterPdfSerializer(serializers.ModelSerializer):
    """The signed PDF: made in the background after approval."""

    url = serializers.SerializerMethodField(
        help_text="Download address (GET returns application/pdf); null until ready."
    )

    class Meta:
        model = LetterPdf
        fields = ["state", "url", "sha256", "size", "error", "attempts", "ready_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, pdf) -> str | None:
        if pdf.state != LetterPdf.State.READY:
            return None
        return reverse("api:letter-pdf", kwargs={"pk": pdf.letter_id}, request=self.context.get("request"))


class DispatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dispatch
        fields = ["method", "sent_on", "sha256", "recorded_at"]
        read_only_fields = fields


class ReviewFindingSerializer(serializers.ModelSerializer):
    """An internal review's finding on one exemption the original response relied on."""

    citation = serializers.SerializerMethodField(help_text="As the letter names it: Section 24(2).")
    finding = serializers.CharField(help_text="upheld, upheld_in_part or overturned; blank: undecided.")
    reasons_html = serializers.SerializerMethodField(help_text="The reasons as the letter prints them (sanitised).")

    class Meta:
        model = ReviewFinding
        fields = ["code", "citation", "section", "title", "finding", "reasons", "reasons_html"]
        read_only_fields = fields

    def get_citation(self, finding) -> str:
        return review_findings.citation(finding.code)

    def get_reasons_html(self, finding) -> str:
        return text.to_html(finding.reasons)


class LetterSerializer(LetterSummarySerializer):
    """A letter in full: its fields, its blocks as it reads, its cost estimate, checks and approvals."""

    previous_version = serializers.SerializerMethodField(help_text="The version this one revises, if any.")
    next_version = serializers.SerializerMethodField(help_text="The version that supersedes this one, if any.")
    signatory = SignatorySerializer(source="*", read_only=True)
    references = serializers.CharField(
        source="our_ref",
        read_only=True,
        help_text="'Our Ref': every reference answered together; follows new links until the letter is approved.",
    )
    contributors = serializers.SerializerMethodField(
        help_text="Everyone who drafted or edited this version: none of them may approve it."
    )
    blocks = serializers.SerializerMethodField()
    cost_lines = CostLineSerializer(many=True, read_only=True)
    aggregated = serializers.SlugRelatedField(
        source="aggregated_cases",
        slug_field="reference",
        many=True,
        read_only=True,
        help_text="s12: the similar requests whose costs the estimate aggregates.",
    )
    problems = serializers.SerializerMethodField(
        help_text="What must be fixed before it can be submitted (empty: ready); null when it cannot be edited."
    )
    approvals = ApprovalSerializer(many=True, read_only=True)
    approved_by = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField(help_text="The signed PDF of an approved letter; null before approval.")
    dispatches = DispatchSerializer(many=True, read_only=True, help_text="When and how the letter was sent.")
    review_result = serializers.CharField(
        read_only=True,
        help_text="An internal review outcome letter: upheld, upheld_in_part or overturned (from the findings, "
        "or chosen where the original relied on no exemption); blank until decided, and for other letters.",
    )
    findings = ReviewFindingSerializer(
        many=True,
        read_only=True,
        help_text="An internal review outcome letter: one per exemption the original response relied on.",
    )

    class Meta(LetterSummarySerializer.Meta):
        fields = [
            *LetterSummarySerializer.Meta.fields,
            "previous_version",
            "next_version",
            "references",
            "letter_date",
            "estimated_decision_on",
            "fee_amount",
            "cost_limit",
            "signatory",
            "contributors",
            "blocks",
            "cost_lines",
            "aggregated",
            "problems",
            "approvals",
            "approved_at",
            "approved_by",
            "pdf",
            "dispatches",
            "review_result",
            "findings",
        ]
        read_only_fields = fields

    def _letter_url(self, pk: int) -> str:
        return reverse("api:letter-detail", kwargs={"pk": pk}, request=self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_previous_version(self, letter) -> str | None:
        return self._letter_url(letter.previous_id) if letter.previous_id else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_next_version(self, letter) -> str | None:
        try:
            return self._letter_url(letter.next_version.pk)
        except Letter.DoesNotExist:
            return None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_contributors(self, letter) -> list[str]:
        return sorted(display_name(user) for user in letter.contributors.all())

    @extend_schema_field(LetterBlocksSerializer)
    def get_blocks(self, letter) -> dict:
        context = {**self.context, "live": services.live_values(letter)}
        sections = list(letter.sections.all())

        def placed(placement: str) -> list:
            chosen = [section for section in sections if section.placement == placement]
            return SectionBlockSerializer(chosen, many=True, context=context).data

        return {
            "opening": placed(LetterSection.Placement.OPENING),
            "items": ItemBlockSerializer(letter.items.all(), many=True, context=context).data,
            "response": placed(LetterSection.Placement.RESPONSE),
            "exemptions": ExemptionBlockSerializer(letter.exemptions.all(), many=True, context=context).data,
            "closing": placed(LetterSection.Placement.CLOSING),
            "rights": placed(LetterSection.Placement.RIGHTS),
        }

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_problems(self, letter) -> list[str] | None:
        return services.letter_check(letter) if letter.is_editable else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_approved_by(self, letter) -> str | None:
        return display_name(letter.approved_by)

    @extend_schema_field(LetterPdfSerializer(allow_null=True))
    def get_pdf(self, letter) -> dict | None:
        pdf = LetterPdf.objects.filter(letter=letter).first()
        return LetterPdfSerializer(pdf, context=self.context).data if pdf else None


# --- letters: input --------------------------------------------------------------------------


def code_list(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=40), max_length=60, **kwargs)


def item_positions(items: dict) -> dict[int, object]:
    """JSON keys are strings: {"1": ...} -> {1: ...}, refusing anything but a request item number."""
    positions = {}
    for key, value in items.items():
        if not str(key).isdigit() or int(key) < 1:
            raise serializers.ValidationError(f'"{key}" is not a request item number; use "1", "2", ...')
        positions[int(key)] = value
    return positions


class LetterCreateSerializer(StrictSerializer):
    kind = LetterKindField()
    exemptions = code_list(required=False, default=list, help_text=CODE_LIST_HELP)
    items = serializers.DictField(
        child=code_list(),
        required=False,
        help_text='Which exemptions apply to which request item, e.g. {"1": ["s24(2)"]}. Left out, every '
        "exemption applies to every item.",
    )

    def validate_items(self, items):
        return item_positions(items)

    def service_arguments(self) -> dict:
        data = self.validated_data
        return {"kind": data["kind"], "codes": data["exemptions"], "item_codes": data.get("items")}


class ExemptionTextsSerializer(StrictSerializer):
    unknown_field_message = (
        "Unknown part of an exemption: use provision, why, harm, factors_for, factors_against or balancing."
    )

    provision = serializers.CharField(
        required=False, max_length=40, help_text="A refinement within the same section, e.g. 31(1)(a)."
    )
    why = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    harm = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    factors_for = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    factors_against = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    balancing = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ItemChangeSerializer(StrictSerializer):
    unknown_field_message = "Unknown part of a request item: use question, answer or exemptions."

    question = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The request item as the letter quotes it (trimmed)."
    )
    answer = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    exemptions = code_list(required=False, help_text="The letter's exemptions that apply to this item.")


class CostLineInputSerializer(StrictSerializer):
    activity = serializers.ChoiceField(choices=CostLine.Activity.choices)
    description = serializers.CharField(max_length=300)
    hours = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=Decimal("0.01"))


class FindingChangeSerializer(StrictSerializer):
    unknown_field_message = "Unknown part of a finding: use finding or reasons."

    finding = serializers.ChoiceField(
        choices=Finding.choices, required=False, allow_blank=True, help_text="upheld, upheld_in_part or overturned."
    )
    reasons = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class LetterUpdateSerializer(StrictSerializer):
    """A partial edit of a draft: only what is sent changes."""

    unknown_field_message = "This field cannot be changed here."

    heading = serializers.CharField(required=False, allow_blank=True, max_length=300)
    signatory = SignatorySerializer(required=False)
    estimated_decision_on = CalendarDateField(
        required=False, allow_null=True, help_text="Public interest extension notices: the estimated decision date."
    )
    fee_amount = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(1_000_000),
        required=False,
        allow_null=True,
        help_text="Fees notices: the fee in pounds.",
    )
    cost_limit = serializers.ChoiceField(
        choices=[(450, "GBP 450"), (600, "GBP 600")],
        required=False,
        allow_null=True,
        error_messages={"invalid_choice": "The appropriate limit is 450 or 600 (pounds)."},
    )
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        required=False,
        help_text="New text of paragraphs, by key (see blocks): light Markdown; HTML is never kept.",
    )
    exemptions = code_list(
        required=False, help_text="The exemptions the letter cites, in order: new ones are added from the library."
    )
    exemption_texts = serializers.DictField(
        child=ExemptionTextsSerializer(), required=False, help_text="Edited wording of cited exemptions, by code."
    )
    items = serializers.DictField(
        child=ItemChangeSerializer(), required=False, help_text='Answers and exemptions by item number: {"1": {...}}.'
    )
    cost_lines = serializers.ListField(
        child=CostLineInputSerializer(), required=False, max_length=100, help_text="Replaces the s12 estimate."
    )
    aggregated = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        max_length=50,
        help_text="s12: references of similar requests (within 60 working days) whose costs are aggregated.",
    )
    findings = serializers.DictField(
        child=FindingChangeSerializer(),
        required=False,
        help_text='Internal review outcome letters: the finding on each exemption, by code: {"s24(2)": '
        '{"finding": "overturned", "reasons": "..."}}.',
    )
    review_result = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="Internal review outcome letters where the original relied on no exemption: the result "
        "(upheld, upheld_in_part or overturned).",
    )

    def validate_items(self, items):
        return item_positions(items)

    def service_changes(self) -> dict:
        """The changes in the shape services.letter_update takes."""
        changes = dict(self.validated_data)
        changes.update(changes.pop("signatory", {}))
        if "items" in changes:
            changes["items"] = {
                position: {"codes" if name == "exemptions" else name: value for name, value in item.items()}
                for position, item in changes["items"].items()
            }
        if "cost_lines" in changes:
            changes["cost_lines"] = [dict(line) for line in changes["cost_lines"]]
        if "exemption_texts" in changes:
            changes["exemption_texts"] = {code: dict(texts) for code, texts in changes["exemption_texts"].items()}
        if "findings" in changes:
            changes["findings"] = {code: dict(values) for code, values in changes["findings"].items()}
        return changes


class ApproveSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text="Optional.")


RETURN_COMMENT_NEEDED = "Say what needs to change, so the drafter can act on it."


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(
        help_text="What needs to change: the drafter sees it.",
        error_messages={"required": RETURN_COMMENT_NEEDED, "blank": RETURN_COMMENT_NEEDED},
    )


class SendSerializer(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=Dispatch.Method.choices,
        help_text="email: sent now to the requester's address on file, with the signed PDF attached. "
        "post: record that it was posted on sent_on.",
    )
    sent_on = serializers.DateField(required=False, help_text="post only: the date it was posted.")
