from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q

from foi_cases.deadlines import EventKind, Nation, Regime

# Letter images are raster only: an SVG could carry scripts or external references into the renderer.
LETTER_IMAGE = FileExtensionValidator(["png", "jpg", "jpeg"], "Use a PNG or JPEG image.")
LETTER_IMAGE_MAX_BYTES = 2 * 1024 * 1024


def validate_letter_image_size(image) -> None:
    """Every letter embeds the image: keep it small enough to render and mail quickly."""
    if image.size > LETTER_IMAGE_MAX_BYTES:
        raise ValidationError("The image is larger than 2 MB: use a smaller one.")


def reminder_days(text: str) -> list[int]:
    """'5,1' -> [5, 1]: the working days before a deadline when reminders go, largest first."""
    days = sorted({int(part) for part in text.replace(" ", "").split(",") if part}, reverse=True)
    if any(not 1 <= day <= 40 for day in days):
        raise ValueError(text)
    return days


def validate_reminder_days(text: str) -> None:
    try:
        reminder_days(text)
    except ValueError:
        raise ValidationError("Give working days between 1 and 40 separated by commas, e.g. '5,1'.") from None


class Finding(models.TextChoices):
    """What an internal review or the commissioner found about an exemption (or a decision)."""

    UPHELD = "upheld", "Upheld"
    UPHELD_IN_PART = "upheld_in_part", "Upheld in part"
    OVERTURNED = "overturned", "Overturned"


class Unit(models.Model):
    """The information rights unit: one per installation, possibly serving several bodies."""

    name = models.CharField(max_length=200, default="Information Rights Unit")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    reference_format = models.CharField(
        max_length=100,
        default="{prefix}{year}/{number:05d}",
        help_text=(
            "How case references are spelled. Placeholders: {prefix}, {year} (2019), {yy} (19) and "
            "{number} with optional padding such as {number:05d}. Examples: "
            "'{prefix}{year}/{number:05d}' gives FOI2019/07799; '{number:06d}.{prefix}.{yy}' gives "
            "026317.FOI.22."
        ),
    )
    reference_prefix = models.CharField(max_length=20, default="FOI", blank=True)
    regime_prefixes = models.JSONField(
        default=dict,
        blank=True,
        help_text='Prefixes for particular regimes, e.g. {"eir": "EIR", "sar": "SAR"}. Others use the default prefix.',
    )
    sequence_per_prefix = models.BooleanField(
        default=False,
        help_text="Run a separate number sequence for each prefix. Off: one sequence per year for every case.",
    )
    internal_target_day = models.PositiveSmallIntegerField(
        default=15,
        help_text="Working day by which a draft should reach a supervisor, so approval fits inside the 20.",
    )
    due_soon_working_days = models.PositiveSmallIntegerField(
        default=5, help_text="Cases due within this many working days are shown as due soon."
    )
    # Letters: the rights every response must state (s17(7)). Wording and contact points are the
    # unit's, not code: the ICO changes its web pages, and Scottish bodies answer to another commissioner.
    review_window_working_days = models.PositiveSmallIntegerField(
        default=40, help_text="Working days after a response within which the requester may ask for a review."
    )
    review_rights_text = models.TextField(
        default=(
            "If you are dissatisfied with the handling of your request, you have the right to ask for an "
            "internal review. Please write to {unit_name} at {unit_email} by **{review_by}**, quoting "
            "{references}. Someone who was not involved in the original decision will carry out the review."
        ),
        help_text="Printed in every response. Placeholders: {unit_name}, {unit_email}, {review_by}, {references}.",
    )
    commissioner_rights_text = models.TextField(
        default=(
            "If you remain dissatisfied after the internal review, you may complain to the {commissioner}. "
            "To find out how, visit {commissioner_website} or call the helpline on {commissioner_helpline}."
        ),
        help_text=(
            "Printed in every response. Placeholders: {commissioner}, {commissioner_website}, {commissioner_helpline}."
        ),
    )
    ico_website = models.URLField(
        "ICO complaints web address", default="https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/"
    )
    ico_helpline = models.CharField("ICO helpline", max_length=50, default="0303 123 1113")
    ico_data_protection_website = models.URLField(
        "ICO data protection complaints web address",
        default="https://ico.org.uk/make-a-complaint/data-protection-complaints/",
        help_text="Where requesters complain about a subject access request.",
    )
    scottish_commissioner_website = models.URLField(
        "Scottish Information Commissioner web address", default="https://www.foi.scot/appeal"
    )
    scottish_commissioner_helpline = models.CharField(
        "Scottish Information Commissioner telephone", max_length=50, default="01334 464610"
    )
    # Printed on signed PDF letters. Images live in the default storage and reach the renderer
    # through its own fetcher, never by URL.
    logo = models.ImageField(
        validators=[LETTER_IMAGE, validate_letter_image_size],
        upload_to="unit/",
        blank=True,
        help_text="Printed at the top of every letter (PNG or JPEG).",
    )
    signature_image = models.ImageField(
        validators=[LETTER_IMAGE, validate_letter_image_size],
        upload_to="unit/",
        blank=True,
        help_text="A handwritten signature printed above the signatory's name, on letters signed by the person below.",
    )
    signature_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Whose signature the image is: it is printed only on letters signed in exactly this name.",
    )

    review_reference_prefix = models.CharField(
        max_length=20,
        default="IR",
        help_text="Prefix of internal review cases' references (IR2026/00012), numbered in the unit's sequence.",
    )

    # Reminders and escalation: the daily sweep reads these.
    reminder_working_days = models.CharField(
        max_length=50,
        default="5,1",
        validators=[validate_reminder_days],
        help_text="Working days before a deadline when the officer is reminded, e.g. '5,1'.",
    )
    clarification_chase_working_days = models.PositiveSmallIntegerField(
        default=20,
        help_text=(
            "Working days after a clarification request with no answer before the requester is chased (0: never)."
        ),
    )
    clarification_lapse_working_days = models.PositiveSmallIntegerField(
        default=60,
        help_text=(
            "Working days after a clarification request with no answer before the request lapses (about 3 months)."
        ),
    )
    fee_chase_working_days = models.PositiveSmallIntegerField(
        default=20,
        help_text="Working days after a fees notice with no payment before the requester is chased (0: never).",
    )
    fee_lapse_months = models.PositiveSmallIntegerField(
        default=3,
        help_text="Months after a fees notice with no payment before the request lapses (s9(2): three months).",
    )
    lapse_automatically = models.BooleanField(
        default=False,
        help_text=(
            "Lapse unanswered clarifications and unpaid fees automatically when their time is up. Off: "
            "supervisors are told which requests are ready to lapse, and an officer lapses them."
        ),
    )
    # Retention: requester personal data on closed cases is anonymised after this many years.
    retention_years = models.PositiveSmallIntegerField(
        default=6,
        help_text="Years after a case (with its reviews and complaints) closed before the requester's "
        "personal data is anonymised.",
    )

    def __str__(self):
        return self.name

    def clean(self):
        from foi_cases.references import ReferenceFormatError, check_reference_settings

        prefixes = self.regime_prefixes
        if not isinstance(prefixes, dict) or not set(prefixes) <= {r.value for r in Regime}:
            raise ValidationError({"regime_prefixes": f"Use an object whose keys are regimes: {', '.join(Regime)}."})
        if not all(isinstance(p, str) and p.strip() and len(p) <= 20 for p in prefixes.values()):
            raise ValidationError({"regime_prefixes": "Each prefix must be text of 1 to 20 characters."})
        try:
            check_reference_settings(
                self.reference_format,
                prefixes=[self.reference_prefix, *prefixes.values()],
                sequence_per_prefix=self.sequence_per_prefix,
            )
        except ReferenceFormatError as error:
            raise ValidationError({"reference_format": str(error)}) from None
        if not 1 <= self.internal_target_day <= 20:
            raise ValidationError({"internal_target_day": "Choose a working day between 1 and 20."})

    def prefix_for(self, regime: str) -> str:
        return self.regime_prefixes.get(regime) or self.reference_prefix


class PublicBody(models.Model):
    """A public authority whose requests the unit answers (a joint unit serves several)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)
    cost_limit = models.PositiveSmallIntegerField(
        "appropriate limit (s12)",
        choices=[(450, "GBP 450 (other public authorities)"), (600, "GBP 600 (central government and Parliament)")],
        default=450,
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "public bodies"

    def __str__(self):
        return self.name


class ExtraBankHoliday(models.Model):
    """A bank holiday proclaimed after the installed `holidays` package was released."""

    NATION_CHOICES = [(n.value, n.label) for n in Nation]

    date = models.DateField()
    name = models.CharField(max_length=200)
    nation = models.CharField(max_length=20, choices=NATION_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "nation"]
        constraints = [models.UniqueConstraint(fields=["date", "nation"], name="unique_extra_holiday_per_nation")]

    def __str__(self):
        return f"{self.date:%d %B %Y}: {self.name} ({self.get_nation_display()})"


class ReferenceCounter(models.Model):
    series = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="unique_reference_counter")]

    def __str__(self):
        return f"{self.series or 'all'} {self.year}: {self.last_number}"


class Requester(models.Model):
    class Type(models.TextChoices):
        PUBLIC = "public", "Member of the public"
        JOURNALIST = "journalist", "Journalist"
        MP = "mp", "MP or elected representative"
        BUSINESS = "business", "Business"
        CAMPAIGN = "campaign", "Campaign group"
        SOLICITOR = "solicitor", "Solicitor"
        ACADEMIC = "academic", "Academic or researcher"
        OTHER_AUTHORITY = "authority", "Another public authority"

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    requester_type = models.CharField(max_length=20, choices=Type.choices, default=Type.PUBLIC)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Case.FINISHED)

    def closed(self):
        return self.filter(status__in=Case.FINISHED)

    def running(self):
        """Cases whose clock runs: an approved response not yet sent still counts against the deadline."""
        return self.filter(status__in=Case.RUNNING)

    def overdue(self, today: date):
        return self.running().filter(due_on__lt=today)

    def due_by(self, today: date, last_day: date):
        return self.running().filter(due_on__gte=today, due_on__lte=last_day)

    def unassigned(self):
        return self.open().filter(assigned_to__isnull=True)

    def assigned_to_user(self, user):
        return self.open().filter(assigned_to=user)

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(reference__icontains=text) | Q(subject__icontains=text) | Q(request_text__icontains=text))


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open: clock running"
        READY_TO_SEND = "ready_to_send", "Approved, ready to send"
        AWAITING_CLARIFICATION = "awaiting_clarification", "Awaiting clarification"
        AWAITING_FEE = "awaiting_fee", "Awaiting fee"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        POST = "post", "Post"
        WEB = "web", "Web form"
        PHONE = "phone", "Phone or in person"

    class Outcome(models.TextChoices):
        GRANTED = "granted", "Granted in full"
        PARTIALLY_WITHHELD = "partially_withheld", "Partially withheld"
        FULLY_WITHHELD = "fully_withheld", "Fully withheld (exemption)"
        NCND = "ncnd", "Neither confirm nor deny"
        NOT_HELD = "not_held", "Information not held"
        WITHDRAWN = "withdrawn", "Withdrawn"
        LAPSED = "lapsed", "Lapsed (clarification or fee not received)"
        TRANSFERRED = "transferred", "Transferred"
        COST = "s12", "Refused: cost limit (s12)"
        VEXATIOUS = "s14_1", "Refused: vexatious (s14(1))"
        REPEATED = "s14_2", "Refused: repeated (s14(2))"
        # An internal review's outcome: what it decided about the original response.
        REVIEW_UPHELD = "review_upheld", "Review: original decision upheld"
        REVIEW_UPHELD_IN_PART = "review_upheld_in_part", "Review: upheld in part"
        REVIEW_OVERTURNED = "review_overturned", "Review: original decision overturned"

    REGIME_CHOICES = [(r.value, r.label) for r in Regime]
    # What an internal review can close with (besides being withdrawn or lapsing); a request can't.
    REVIEW_OUTCOMES = (Outcome.REVIEW_UPHELD, Outcome.REVIEW_UPHELD_IN_PART, Outcome.REVIEW_OVERTURNED)
    RUNNING = (Status.OPEN, Status.READY_TO_SEND)
    # Finished: answered (the response was sent, in time or late), or closed without an answer
    # (withdrawn, lapsed). Either may be reopened by a supervisor.
    FINISHED = (Status.RESPONDED, Status.CLOSED)

    reference = models.CharField(max_length=40, unique=True)
    regime = models.CharField(max_length=10, choices=REGIME_CHOICES, default=Regime.FOIA.value)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    received_on = models.DateField()
    subject = models.CharField(max_length=300)
    request_text = models.TextField()
    requester = models.ForeignKey(Requester, on_delete=models.PROTECT, related_name="cases")
    body = models.ForeignKey(PublicBody, on_delete=models.PROTECT, related_name="cases")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_cases"
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    answered_in_time = models.BooleanField(null=True, blank=True)

    # Written only by services.case_refresh_deadline from the clock events: never typed in.
    due_on = models.DateField(null=True, blank=True)
    statutory_due_on = models.DateField(null=True, blank=True)
    internal_target_on = models.DateField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)

    # False on every web request: the requester's choice of law is only a hint, and an officer decides.
    regime_confirmed = models.BooleanField(default=True)
    # An internal review is a case of its own, with its own clock, linked to the case it reviews.
    review_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews", editable=False
    )

    # Working days from receipt to the response (the regime's calendar), stored when the case closes:
    # the reports take medians of it in the database.
    working_days_taken = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # When the retention job removed the requester's personal data (None: not yet).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    answered_with = models.ManyToManyField("self", symmetrical=True, blank=True)
    related_to = models.ManyToManyField("self", symmetrical=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="created_cases"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        permissions = [
            ("close_case", "Can close, withdraw or lapse a case"),
            ("reopen_case", "Can reopen a closed case"),
            ("manage_unit", "Can manage unit settings, bodies and bank holidays"),
            ("view_reports", "Can see performance reports and the unit's workload"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="case_status_due"),
            models.Index(fields=["received_on", "id"], name="case_received"),
            models.Index(fields=["assigned_to", "status"], name="case_officer_status"),
            models.Index(
                fields=["assigned_to", "due_on", "id"],
                name="case_open_officer_due",
                condition=~Q(status__in=["responded", "closed"]),
            ),
            models.Index(fields=["body", "status"], name="case_body_status"),
            # Overdue and due-soon lists span two statuses (an approved response not yet sent still
            # runs against its deadline): one index in deadline order serves both without a sort.
            models.Index(
                fields=["due_on", "id"], name="case_running_due", condition=Q(status__in=["open", "ready_to_send"])
            ),
            models.Index(fields=["regime", "status"], name="case_regime_status"),
            models.Index(fields=["responded_on"], name="case_responded"),
            models.Index(fields=["closed_at"], name="case_closed_at", condition=Q(anonymised_at__isnull=True)),
        ]

    def __str__(self):
        return self.reference

    @property
    def regime_enum(self) -> Regime:
        return Regime(self.regime)

    @property
    def is_closed(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_review(self) -> bool:
        return self.review_of_id is not None

    @property
    def joint_reference(self) -> str:
        """Every reference answered together, as letters print it: 'FOI2019/07799 & FOI2019/07795'."""
        others = sorted(case.reference for case in self.answered_with.all())
        return " & ".join([self.reference, *others])


class RequestItem(models.Model):
    """One numbered question of a request: letters quote and answer them one by one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="unique_item_position")]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"


class ClockEvent(models.Model):
    """Something that moves the statutory clock. Mistakes are voided, never deleted."""

    KIND_CHOICES = [
        (EventKind.CLARIFICATION_REQUESTED.value, "Clarification requested"),
        (EventKind.CLARIFICATION_RECEIVED.value, "Clarification received"),
        (EventKind.FEE_NOTICE_SENT.value, "Fees notice sent"),
        (EventKind.FEE_RECEIVED.value, "Fee received"),
        (EventKind.EXTENSION.value, "Extension (public interest test / complex and voluminous)"),
    ]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="clock_events")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    occurred_on = models.DateField()
    days = models.PositiveSmallIntegerField(default=0, help_text="Extension length (working days; months for SAR).")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.occurred_on}"


class AuditEvent(models.Model):
    """Who did what, when, with the values before and after. Append-only."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=50)
    summary = models.TextField()
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="audit_case_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class StatusToken(models.Model):
    """A private link to a case's status page, sent to the requester. Only a hash is stored: a
    database leak gives no working links. An officer can revoke a case's links at any time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Status link for {self.case} ({'revoked' if self.revoked_at else 'active'})"


class RequesterMessage(models.Model):
    """Something the requester sent through the portal: a clarification, say. Officers read it on
    the case page; it changes nothing by itself (the officer records what it means on the clock)."""

    class Kind(models.TextChoices):
        CLARIFICATION = "clarification", "Clarification"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="requester_messages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.case} at {self.received_at:%Y-%m-%d %H:%M}"


class ReminderPreference(models.Model):
    """How a member of staff gets their reminders."""

    class Delivery(models.TextChoices):
        DIGEST = "digest", "One daily digest"
        IMMEDIATE = "immediate", "A separate email for each reminder"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.DIGEST)

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"


class Reminder(models.Model):
    """One email the reminder sweep decided to send, keyed so it is sent once however often the sweep
    runs: the row is created first (a duplicate key is ignored), then claimed by a conditional
    UPDATE, sent, and marked sent. A claim that dies mid-send is released for a later run."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True, help_text="What it is about and for which day.")
    kind = models.CharField(max_length=40)
    swept_on = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    to_email = models.EmailField(blank=True, help_text="The address it goes to (a requester's, for a chaser).")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-swept_on", "id"]
        indexes = [models.Index(fields=["state", "swept_on"], name="reminder_state_day")]

    def __str__(self):
        return f"{self.kind} to {self.to_email} on {self.swept_on}"


class Complaint(models.Model):
    """A complaint to the Information Commissioner (or the Scottish Information Commissioner) about a
    request, with the decision notice and any appeal to the tribunal."""

    class Regulator(models.TextChoices):
        ICO = "ico", "Information Commissioner's Office"
        SIC = "sic", "Scottish Information Commissioner"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Complaint upheld (the authority must act)"
        PARTLY_UPHELD = "partly_upheld", "Complaint partly upheld"
        NOT_UPHELD = "not_upheld", "Complaint not upheld"
        INFORMALLY_RESOLVED = "informally_resolved", "Resolved informally"
        WITHDRAWN = "withdrawn", "Withdrawn by the complainant"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="complaints")
    regulator = models.CharField(max_length=10, choices=Regulator.choices, default=Regulator.ICO)
    reference = models.CharField(
        max_length=40, unique=True, help_text="The commissioner's case reference: IC-123456-A1B2."
    )
    received_on = models.DateField(help_text="When the commissioner told us of the complaint.")
    submission_due_on = models.DateField(
        null=True, blank=True, help_text="The date the commissioner asked for our submissions by."
    )
    submitted_on = models.DateField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints_handled"
    )
    decision_notice_reference = models.CharField(max_length=40, blank=True)
    decision_on = models.DateField(null=True, blank=True, help_text="The date the decision notice was sent.")
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["received_on"], name="complaint_received")]

    def __str__(self):
        return self.reference


class ComplaintFinding(models.Model):
    """The decision notice's finding on one exemption (or procedural point) the authority relied on."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=30, help_text="As cited: s24(2), reg12(5)(b), s12(1), s10 (timeliness).")
    section = models.CharField(max_length=20, blank=True)
    finding = models.CharField(max_length=20, choices=Finding.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["complaint", "code"], name="unique_complaint_finding")]

    def __str__(self):
        return f"{self.complaint} {self.code}: {self.get_finding_display()}"


class ComplaintStep(models.Model):
    """A step the decision notice orders, with the date it must be complied with by."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="steps")
    description = models.TextField()
    comply_by = models.DateField()
    complied_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["comply_by", "id"]
        indexes = [
            models.Index(fields=["comply_by"], name="step_open_due", condition=Q(complied_on__isnull=True)),
        ]

    def __str__(self):
        return f"{self.complaint}: comply by {self.comply_by}"


class TribunalAppeal(models.Model):
    """An appeal to the First-tier Tribunal (Information Rights) against a decision notice."""

    class Appellant(models.TextChoices):
        AUTHORITY = "authority", "The authority"
        REQUESTER = "requester", "The requester"

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Appeal allowed"
        ALLOWED_IN_PART = "allowed_in_part", "Appeal allowed in part"
        DISMISSED = "dismissed", "Appeal dismissed"
        WITHDRAWN = "withdrawn", "Appeal withdrawn"

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="appeals")
    appellant = models.CharField(max_length=20, choices=Appellant.choices)
    reference = models.CharField(max_length=40, blank=True, help_text="The tribunal's reference: EA/2026/0123.")
    lodged_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["lodged_on", "id"]

    def __str__(self):
        return f"Appeal against {self.complaint} by {self.get_appellant_display().lower()}"


class RetentionRun(models.Model):
    """One run of the retention job: which cases' requester data it anonymised, and on what rule."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    closed_before = models.DateField(help_text="Cases whose whole group closed before this date were due.")
    retention_years = models.PositiveSmallIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    anonymised = models.PositiveIntegerField(default=0)
    references = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Retention run {self.started_at:%Y-%m-%d %H:%M}: {self.anonymised} anonymised"
