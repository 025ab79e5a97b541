"""The exemption library, letters drafted from it, and their approval.

Library entries are versioned: an edit creates a new LibraryVersion and never changes an old one.
A letter copies the text it starts from into its own blocks and keeps a reference to the version it
copied, so a letter never changes when the library does. An approved letter is immutable: changing
it starts a new Letter (version + 1) that needs approval again.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q

from foi_cases.models import Case, Finding, RequestItem


class LibraryEntry(models.Model):
    class Kind(models.TextChoices):
        EXEMPTION = "exemption", "Exemption or exception"
        PARAGRAPH = "paragraph", "Standard paragraph"

    class Family(models.TextChoices):
        FOIA = "foia", "FOIA Part II exemption"
        EIR = "eir", "EIR exception"
        PROCEDURAL = "procedural", "Procedural refusal (s12, s14)"

    code = models.SlugField(max_length=40, unique=True, help_text="Stable key, e.g. s24 or ncnd_caveat.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    family = models.CharField(max_length=20, choices=Family.choices, blank=True)
    is_active = models.BooleanField(default=True, help_text="Inactive entries cannot be chosen for new letters.")
    current = models.ForeignKey(
        "LibraryVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "library entry"
        verbose_name_plural = "exemption library"

    def __str__(self):
        return str(self.current) if self.current_id else self.code


class LibraryVersion(models.Model):
    """One version of an entry's wording. Append-only: letters point at the version they used."""

    class Basis(models.TextChoices):
        CLASS = "class", "Class-based"
        PREJUDICE = "prejudice", "Prejudice-based (harm test)"
        REQUIRED_FOR = "required_for", 'Required for (e.g. "required for safeguarding national security")'

    entry = models.ForeignKey(LibraryEntry, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    section = models.CharField(max_length=20, blank=True, help_text="For statistics: 24, 40, 12(5)(b).")
    provision = models.CharField(max_length=30, blank=True, help_text="Cited when withholding: 24(1), 12(5)(b).")
    ncnd_provision = models.CharField(
        max_length=30, blank=True, help_text="Cited in a neither confirm nor deny response: 24(2). Blank if none."
    )
    absolute = models.BooleanField(default=False, help_text="Absolute: no public interest test.")
    basis = models.CharField(max_length=20, choices=Basis.choices, blank=True)
    why = models.TextField("why it applies", blank=True)
    harm = models.TextField(blank=True)
    factors_for = models.TextField("factors favouring disclosure", blank=True)
    factors_against = models.TextField("factors against disclosure", blank=True)
    balancing = models.TextField("balancing test", blank=True)
    ncnd_why = models.TextField("NCND: why it applies", blank=True)
    ncnd_harm = models.TextField("NCND: harm in confirming or denying", blank=True)
    ncnd_factors_for = models.TextField("NCND: factors favouring confirming or denying", blank=True)
    ncnd_factors_against = models.TextField("NCND: factors against confirming or denying", blank=True)
    ncnd_balancing = models.TextField("NCND: balancing test", blank=True)
    body = models.TextField(blank=True, help_text="The paragraph's text (standard paragraphs).")
    guidance = models.TextField(blank=True, help_text="For officers; never printed in a letter.")
    change_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "-number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="unique_library_version")]

    def __str__(self):
        if self.provision:
            return f"{self.citation(self.provision)} {self.title}"
        return self.title

    def citation(self, provision: str) -> str:
        """How a letter names the provision: 'Section 24(2)' or 'Regulation 12(5)(b)'."""
        return f"{'Regulation' if self.entry.family == LibraryEntry.Family.EIR else 'Section'} {provision}"

    @property
    def is_exemption(self) -> bool:
        return self.entry.kind == LibraryEntry.Kind.EXEMPTION


class ClearanceStage(models.Model):
    """A further sign-off a case can be flagged for (press office, legal adviser), after the supervisor's."""

    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(unique=True, help_text="Stages are approved in this order.")
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", help_text="Members of this group approve at this stage."
    )
    is_active = models.BooleanField(default=True)
    cases = models.ManyToManyField(Case, blank=True, related_name="clearance_stages")

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class LetterQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Letter.Status.SUPERSEDED)

    def awaiting_approval(self):
        return self.filter(status=Letter.Status.SUBMITTED)


class Letter(models.Model):
    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
        CLARIFICATION = "clarification", "Clarification request"
        FEES_NOTICE = "fees_notice", "Fees notice"
        PIT_EXTENSION = "pit_extension", "Public interest extension notice"
        FULL_DISCLOSURE = "full_disclosure", "Full disclosure"
        PARTIAL_DISCLOSURE = "partial_disclosure", "Partial disclosure"
        REFUSAL = "refusal", "Refusal"
        NCND = "ncnd", "Neither confirm nor deny"
        NOT_HELD = "not_held", "Information not held"
        S12 = "s12", "Refusal: cost limit (s12) with advice"
        S14 = "s14", "Refusal: vexatious or repeated (s14)"
        REVIEW_OUTCOME = "review_outcome", "Internal review outcome"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Awaiting approval"
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded by a later version"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    references = models.CharField(max_length=500, help_text="'Our Ref': every reference answered together.")
    heading = models.CharField(max_length=300)
    letter_date = models.DateField(null=True, blank=True, help_text="Set when the letter is approved.")
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="Set when the letter is approved: the last day to ask for an internal review, as printed.",
    )
    estimated_decision_on = models.DateField(null=True, blank=True)
    fee_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    cost_limit = models.PositiveIntegerField(null=True, blank=True, help_text="GBP 450 or 600 (s12).")
    aggregated_cases = models.ManyToManyField(Case, blank=True, related_name="+")
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_role = models.CharField(max_length=200, blank=True)
    awaiting_stage = models.ForeignKey(
        ClearanceStage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="While submitted: the clearance stage whose approval is awaited (empty: the supervisor's).",
    )
    round = models.PositiveSmallIntegerField(default=0, help_text="How many times it has been submitted.")
    clearance = models.ManyToManyField(
        ClearanceStage,
        blank=True,
        related_name="+",
        help_text="The further clearance stages this submission needs, fixed when it is submitted.",
    )
    letterhead = models.JSONField(
        default=dict,
        blank=True,
        help_text="The unit and bodies as printed, fixed when the letter is approved.",
    )
    contributors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An internal review's outcome letter: what the review decided overall (from the findings on each
    # exemption, or chosen where the original relied on none).
    review_result = models.CharField(max_length=20, choices=Finding.choices, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [
            ("approve_letter", "Can approve letters (supervisor)"),
            ("reveal_requester", "Can reveal the requester's identity while drafting"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["approved", "superseded"]) | Q(approved_at__isnull=True),
                name="only_approved_has_approval",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.case.reference} (v{self.version})"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def our_ref(self) -> str:
        """'Our Ref': follows the cases answered together until the letter is approved, then fixed."""
        fixed = self.status in (self.Status.APPROVED, self.Status.SUPERSEDED)
        return self.references if fixed else self.case.joint_reference


class LetterSection(models.Model):
    """A paragraph of a letter, copied from the library (or the unit's settings) and edited per letter."""

    class Placement(models.TextChoices):
        OPENING = "opening", "Before the request"
        RESPONSE = "response", "After the request"
        CLOSING = "closing", "After the exemptions"
        RIGHTS = "rights", "Review and complaint rights"

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    placement = models.CharField(max_length=20, choices=Placement.choices)
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    source = models.ForeignKey(LibraryVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["letter", "key"], name="unique_letter_section")]

    def __str__(self):
        return self.heading or self.key


class LetterExemption(models.Model):
    """One exemption applied in a letter, with its own copy of the library's wording."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="exemptions")
    position = models.PositiveSmallIntegerField()
    source = models.ForeignKey(LibraryVersion, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=30, help_text="The citing code: s24(2), reg12(5)(b).")
    provision = models.CharField(max_length=40, help_text="As cited, refined if need be: 31(1)(a).")
    ncnd = models.BooleanField(default=False)
    title = models.CharField(max_length=200)
    absolute = models.BooleanField(default=False)
    basis = models.CharField(max_length=20, blank=True)
    why = models.TextField(blank=True)
    harm = models.TextField(blank=True)
    factors_for = models.TextField(blank=True)
    factors_against = models.TextField(blank=True)
    balancing = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["letter", "code"], name="unique_letter_exemption")]

    def __str__(self):
        return f"{self.citation} {self.title}"

    @property
    def citation(self) -> str:
        return f"{'Regulation' if self.code.startswith('reg') else 'Section'} {self.provision}"


class LetterItem(models.Model):
    """A request item as the letter quotes it (a copy), with the answer and the exemptions applied to it."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    request_item = models.ForeignKey(RequestItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = models.TextField()
    answer = models.TextField(blank=True)
    exemptions = models.ManyToManyField(LetterExemption, blank=True, related_name="items")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["letter", "position"], name="unique_letter_item")]

    def __str__(self):
        return f"{self.position}. {self.question[:60]}"


class ReviewFinding(models.Model):
    """On an internal review's outcome letter: what the review found about one exemption (or
    procedural refusal) the original response relied on, and why."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=30, help_text="As the original response cited it: s24(2), reg12(5)(b).")
    section = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=200, blank=True)
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["letter", "code"], name="unique_review_finding")]

    def __str__(self):
        return f"{self.code}: {self.get_finding_display() or 'not decided'}"


class CostLine(models.Model):
    """A line of a s12 estimate: only these four activities may be counted."""

    class Activity(models.TextChoices):
        DETERMINING = "determining", "Determining whether the information is held"
        LOCATING = "locating", "Locating the information"
        RETRIEVING = "retrieving", "Retrieving the information"
        EXTRACTING = "extracting", "Extracting the information"

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="cost_lines")
    position = models.PositiveSmallIntegerField()
    activity = models.CharField(max_length=20, choices=Activity.choices)
    description = models.CharField(max_length=300)
    hours = models.DecimalField(max_digits=7, decimal_places=2)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.get_activity_display()}: {self.hours} hours"


class Approval(models.Model):
    """A decision on a submitted letter: the supervisor's or a clearance stage's."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="approvals")
    round = models.PositiveSmallIntegerField()
    stage = models.ForeignKey(ClearanceStage, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.decided_by} ({self.stage_name})"

    @property
    def stage_name(self) -> str:
        return self.stage.name if self.stage_id else "Supervisor"


class CaseExemption(models.Model):
    """The exemptions a case's approved final response relied on (for statistics)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="exemptions_used")
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=30)
    section = models.CharField(max_length=20)
    family = models.CharField(max_length=20)
    ncnd = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="unique_case_exemption")]
        indexes = [models.Index(fields=["section"], name="case_exemption_section")]

    def __str__(self):
        return f"{self.case} {self.code}"


class LetterPdf(models.Model):
    """The signed PDF of an approved letter: rendered once by a background task, stored, never deleted.

    The state moves queued -> rendering -> ready (or failed, with the reason, and queued again on a
    retry). The SHA-256 of the stored file identifies it: an uploaded copy with the same digest is
    this letter, byte for byte."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering and signing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="pdf")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    file = models.FileField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    certificate_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the certificate the letter was signed with."
    )
    error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "signed letter PDF"
        indexes = [models.Index(fields=["sha256"], name="letter_pdf_sha256")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="ready") | (~Q(sha256="") & ~Q(file="")),
                name="ready_pdf_has_file_and_digest",
            ),
        ]

    def __str__(self):
        return f"PDF of {self.letter} ({self.get_state_display().lower()})"


class Dispatch(models.Model):
    """A letter issued to the requester: emailed (with the PDF attached) or posted."""

    class Method(models.TextChoices):
        EMAIL = "email", "Email"
        POST = "post", "Post"

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="dispatches")
    method = models.CharField(max_length=10, choices=Method.choices)
    sent_on = models.DateField()
    sent_to = models.CharField(max_length=300, blank=True, help_text="The email address, for an email.")
    sha256 = models.CharField(max_length=64, help_text="The PDF that was sent.")
    # The cases whose requesters it reached: what each requester's status page lists as sent to them.
    cases = models.ManyToManyField(Case, related_name="dispatches_received", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name_plural = "dispatches"

    def __str__(self):
        return f"{self.letter} sent by {self.get_method_display().lower()} on {self.sent_on}"


class Publication(models.Model):
    """An issued response proposed for, and published in, the public disclosure log.

    An officer proposes it; a supervisor (not the proposer) publishes it after the pre-publication
    checks. The log shows the letter as sent, or a redacted copy uploaded at publication, and never
    who asked. Withdrawing takes it out of the log but keeps the record.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed, awaiting checks"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn from the log"

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="publication")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    title = models.CharField(
        max_length=300, help_text="The subject as the public log shows it: no names or other personal data."
    )
    redacted_pdf = models.FileField(upload_to="disclosure-log/", blank=True)
    personal_data_removed = models.BooleanField(default=False)
    attachments_checked = models.BooleanField(default=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["state", "published_on"], name="publication_state_date")]

    def __str__(self):
        return f"{self.letter.references}: {self.get_state_display()}"
