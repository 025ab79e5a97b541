"""The requester portal: requests made on the public form, private status links, what a requester
sees of their case, and what they can do next. There are no accounts.

A requester proves who they are with a private link (a long random token sent by email; only its
hash is stored, and an officer can revoke it) or with the reference and the email address they
used. Wrong pairs all get one answer, and failures are counted per client address, per
reference and per email address so that guessing is throttled. What the portal shows is built here, in one place
(`public_status`), from fields chosen to be safe to show: never internal notes, drafts, officer
names (only the signatory a letter prints), or another case's details.
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from config import ratelimit
from foi_cases import selectors, services
from foi_cases.deadlines import Regime, WorkingCalendar, long_date
from foi_cases.models import Case, PublicBody, RequesterMessage, StatusToken

logger = logging.getLogger(__name__)

# 32 random bytes: 43 URL-safe characters, 256 bits, beyond any guessing.
TOKEN_BYTES = 32
THROTTLE_WINDOW_SECONDS = 60 * 60
EMAIL_THROTTLE_WINDOW_SECONDS = 24 * THROTTLE_WINDOW_SECONDS
MAX_MESSAGE_CHARS = 20_000

NOT_FOUND_MESSAGE = (
    "We could not find a request with that reference and email address. Check both against the "
    "acknowledgement email we sent you."
)
THROTTLED_MESSAGE = (
    "There have been too many unsuccessful attempts to find this request. For your security, please "
    "wait an hour and try again, or use the private link in the acknowledgement email we sent you."
)
THROTTLED_EMAIL_MESSAGE = (
    "There have been too many unsuccessful attempts to find a request with this email address. For your "
    "security, please try again tomorrow, or use the private link in the acknowledgement email we sent you."
)


class Throttled(Exception):
    """Too many attempts: the answer is HTTP 429 with this message and a Retry-After."""

    def __init__(self, message: str = THROTTLED_MESSAGE, retry_after: int = THROTTLE_WINDOW_SECONDS):
        super().__init__(message)
        self.message, self.retry_after = message, retry_after


class CaseNotFound(Exception):
    """The reference and email address do not match a case (whichever of the two was wrong)."""

    message = NOT_FOUND_MESSAGE


# --- private status links ----------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def status_token_issue(*, case: Case, actor=None) -> str:
    """A new private link's token for the case. Returned once: only its hash is kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    StatusToken.objects.create(case=case, digest=_digest(token), created_by=actor)
    return token


@dataclass(frozen=True)
class TokenHit:
    """A live token, with what the status page's cache needs to know whether its copy is current."""

    token_id: int
    digest: str
    case_id: int
    version: str  # changes whenever the case or one of its reviews is saved


def status_token_hit(token: str) -> TokenHit | None:
    """A live token's case and its version, in one query (the status page is read far more often
    than it changes, so the page is cached under this version)."""
    if not token or len(token) > 100:
        return None
    digest = _digest(token)
    # Plain SQL on the hottest path of the public site: the ORM takes longer to build this query
    # than the database takes to answer it, and PostgreSQL longer to plan it than to run it, so
    # there it is prepared once per connection (bench/portal.py).
    with connection.cursor() as cursor:
        # Outside a transaction only, where a failed statement spoils nothing (a pooler that lost
        # it, a column whose type a migration changed): then the full query is sent from now on.
        if getattr(connection, PREPARED_FLAG, False) and not connection.in_atomic_block:
            try:
                cursor.execute(f"EXECUTE {_TOKEN_HIT_STATEMENT} (%s)", [digest])
            except DatabaseError:
                logger.warning("The status page's prepared query failed; sending it in full instead", exc_info=True)
                setattr(connection, PREPARED_FLAG, False)
                cursor.execute(_TOKEN_HIT_SQL, [digest])
        else:
            cursor.execute(_TOKEN_HIT_SQL, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    token_id, case_id, last_used_on, case_updated, reviews_updated = row
    _mark_used(token_id, last_used_on)
    # datetimes (PostgreSQL) or their text (SQLite), hashed into a short cache-key-safe string
    version = _digest(f"{case_updated}|{reviews_updated}")[:16]
    return TokenHit(token_id, digest, case_id, version)


_TOKEN_HIT_SQL = f"""
    SELECT t.id, t.case_id, t.last_used_on, c.updated_at,
           (SELECT MAX(r.updated_at) FROM {Case._meta.db_table} r WHERE r.review_of_id = c.id)
    FROM {StatusToken._meta.db_table} t JOIN {Case._meta.db_table} c ON c.id = t.case_id
    WHERE t.digest = %s AND t.revoked_at IS NULL
"""
_TOKEN_HIT_STATEMENT = "foi_status_token_hit"
DUPLICATE_PREPARED_STATEMENT = "42P05"  # SQLSTATE: already prepared on this connection
PREPARED_FLAG = "foi_status_token_hit_prepared"


def statements_prepare(sender, connection, **kwargs) -> None:
    """On each new PostgreSQL connection (the connection_created signal), prepare the status page's
    query. Where it cannot be (the tables are not migrated yet; a pooler in transaction mode, with
    DATABASE_PREPARED_STATEMENTS=0), the query is simply sent in full."""
    setattr(connection, PREPARED_FLAG, False)
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        return
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute(f"PREPARE {_TOKEN_HIT_STATEMENT} (text) AS {_TOKEN_HIT_SQL.replace('%s', '$1')}")
    except Exception as error:  # noqa: BLE001 - e.g. before the first migrate; the full query works instead
        if not connection.get_autocommit():
            connection.connection.rollback()
        if getattr(error, "pgcode", None) != DUPLICATE_PREPARED_STATEMENT:
            return
    setattr(connection, PREPARED_FLAG, True)


def _mark_used(token_id: int, last_used_on: date | None) -> None:
    today = services.today()
    if last_used_on != today:
        # One write a day at most: the page is read far more often than that.
        StatusToken.objects.filter(pk=token_id).update(last_used_on=today)


def status_token_case(token: str) -> Case | None:
    """The case a live token opens, or None (unknown, revoked, or not a token at all)."""
    hit = status_token_hit(token)
    return Case.objects.select_related("body").get(pk=hit.case_id) if hit else None


@transaction.atomic
def status_tokens_revoke(*, case: Case, actor) -> int:
    """Revoke every live link to the case (a link forwarded by mistake, say). Returns how many."""
    revoked = case.status_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=actor)
    if revoked:
        services.audit(
            case=case,
            actor=actor,
            action="status_links_revoked",
            summary=f"Revoked {revoked} private status link(s).",
            changes={"revoked": revoked},
        )
    return revoked


def status_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('status:page', args=[token])}"


# --- throttling -------------------------------------------------------------------------------


def _normalise_reference(reference: str) -> str:
    return "".join(reference.split()).upper()


def _email_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


EMAIL_KEY_PREFIX = "portal-fail:email:"


def _throttle_keys(address: str, reference: str | None, email: str | None = None) -> list[tuple[str, int]]:
    """The failure counters a lookup touches, with their limits: the client's address and the
    reference per hour, the email address per day (see `_window`)."""
    keys = [(f"portal-fail:addr:{address}", settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS)]
    if reference:
        digest = hashlib.sha256(_normalise_reference(reference).encode()).hexdigest()[:32]
        keys.append((f"portal-fail:ref:{digest}", settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE))
    if email and email.strip():
        keys.append((f"{EMAIL_KEY_PREFIX}{_email_digest(email)}", settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL))
    return keys


def _window(key: str) -> int:
    return EMAIL_THROTTLE_WINDOW_SECONDS if key.startswith(EMAIL_KEY_PREFIX) else THROTTLE_WINDOW_SECONDS


def _throttled(key: str) -> Throttled:
    if key.startswith(EMAIL_KEY_PREFIX):
        return Throttled(THROTTLED_EMAIL_MESSAGE, retry_after=EMAIL_THROTTLE_WINDOW_SECONDS)
    return Throttled()


def lookup_throttle_check(*, address: str, reference: str | None = None, email: str | None = None) -> None:
    """Raise Throttled once an address or a reference (this hour), or an email address (today), has
    had too many failed lookups. Checked before the lookup, so that even a right answer is refused
    while throttled. (case_lookup counts first instead: see `_lookup_attempt_count`.)"""
    for key, limit in _throttle_keys(address, reference, email):
        if ratelimit.current(key, _window(key)) >= limit:
            raise _throttled(key)


def lookup_failure_record(*, address: str, reference: str | None = None, email: str | None = None) -> None:
    for key, _ in _throttle_keys(address, reference, email):
        ratelimit.count(key, _window(key))


def _lookup_attempt_count(keys: list[tuple[str, int]]) -> None:
    """Count an attempt on every counter before it is checked, and refuse it if any is now over its
    limit. Checking first and counting after a failure would let a burst of simultaneous guesses
    all pass the check before any was counted; an increment is atomic, so of N simultaneous
    guesses only those within the limit go on to be checked. A right answer takes its count back
    (`_lookup_attempt_uncount`), and so does a refused attempt: it was never checked, so someone
    retrying the right pair while their address is throttled does not lock their email address
    or reference too. Only attempts that were checked and failed stay counted."""
    counts = [(key, limit, ratelimit.count(key, _window(key))) for key, limit in keys]
    over = [key for key, limit, count in counts if count > limit]
    if over:
        _lookup_attempt_uncount(keys)
        # The email address's day-long pause is the one to report when it is among them.
        raise _throttled(max(over, key=_window))


def _lookup_attempt_uncount(keys: list[tuple[str, int]]) -> None:
    for key, _ in keys:
        ratelimit.uncount(key, _window(key))


def request_rate_check(*, address: str, email: str) -> None:
    """Public form submissions: a few per address per hour and per email address per day."""
    per_address = ratelimit.count(f"portal-requests:addr:{address}", THROTTLE_WINDOW_SECONDS)
    per_email = ratelimit.count(f"portal-requests:email:{_email_digest(email)}", 24 * THROTTLE_WINDOW_SECONDS)
    if per_address > settings.PORTAL_REQUESTS_PER_HOUR:
        raise Throttled(
            "You have sent several requests in the last hour. Please wait an hour before sending another, "
            "or email the unit directly."
        )
    if per_email > settings.PORTAL_REQUESTS_PER_EMAIL_PER_DAY:
        raise Throttled(
            "Several requests have been sent from this email address today. Please wait until tomorrow, or "
            "email the unit directly.",
            retry_after=24 * THROTTLE_WINDOW_SECONDS,
        )


# --- finding a case by reference and email ------------------------------------------------------


def case_lookup(*, reference: str, email: str, address: str) -> Case:
    """The case with this reference whose requester used this email address (compared without
    regard to case). Raises Throttled or CaseNotFound; both wrong answers look the same.

    Failures are counted per client address and per reference (an hour), and per email address (a
    day: otherwise one victim's address could be tried against every reference, a few from each
    of many client addresses). Every attempt is counted before it is checked and a right answer
    takes its count back, so simultaneous guesses cannot overrun a limit.

    A reference that has had too many failures is locked for the hour for everyone, its requester
    included, and anyone can cause that (references are printed in the disclosure log); likewise
    an email address for a day. That is deliberate: the per-reference limit is the only bound on
    guessing one reference's email address from many client addresses, and letting addresses
    with no failures of their own through would give a botnet a guess per address. The
    requester is not shut out: the throttled answer points to their private link, which needs
    no lookup."""
    reference, email = reference.strip(), email.strip()
    keys = _throttle_keys(address, reference, email)
    _lookup_attempt_count(keys)
    case = Case.objects.select_related("requester", "body").filter(reference__iexact=reference).first()
    given = email.lower().encode()
    known = (case.requester.email.lower() if case else "").encode()
    # Compared in constant time, and compared even when there is no case, so that neither the
    # answer nor its timing tells a wrong reference from a wrong email address.
    matches = hmac.compare_digest(hashlib.sha256(given).digest(), hashlib.sha256(known).digest())
    if case is None or not email or not matches:
        raise CaseNotFound()  # the attempt stays counted
    _lookup_attempt_uncount(keys)
    return case


# --- what the requester sees ------------------------------------------------------------------


class Stage:
    """Stable codes (the status API returns them) and the plain words the portal uses."""

    RECEIVED = "received"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    FEE_DUE = "fee_due"
    IN_PROGRESS = "in_progress"
    EXTENDED = "extended"
    RESPONDED = "responded"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"

    LABELS = {
        RECEIVED: "Received",
        AWAITING_CLARIFICATION: "Waiting for your clarification",
        FEE_DUE: "Fee due",
        IN_PROGRESS: "Being considered",
        EXTENDED: "Extended",
        RESPONDED: "Response sent",
        UNDER_REVIEW: "Under internal review",
        CLOSED: "Closed",
    }


# Why the law lets the deadline move, in the words a requester reads.
EXTENSION_REASONS = {
    Regime.FOIA: "we need more time to consider the public interest, as the Freedom of Information Act allows",
    Regime.EIR: "the request is complex and voluminous, as the Environmental Information Regulations allow",
    Regime.EISR: "the request is complex and voluminous, as the Environmental Information (Scotland) Regulations allow",
    Regime.SAR: "the request is complex or you have made several requests, as data protection law allows",
}


@dataclass(frozen=True)
class PublicLetter:
    letter_id: int
    title: str
    reference: str
    sent_on: date
    method: str
    signatory: str
    download_path: str


@dataclass(frozen=True)
class Commissioner:
    name: str
    website: str
    helpline: str


@dataclass(frozen=True)
class PublicStatus:
    case: Case
    stage: str
    label: str
    explanation: str
    received_on: date
    due_on: date | None
    statutory_due_on: date | None
    extended: bool
    letters: list[PublicLetter]
    reviews: list["PublicStatus"] = field(default_factory=list)
    review_by: date | None = None
    can_request_review: bool = False
    review_window_open: bool = False
    can_answer_clarification: bool = False
    clarification_sent_on: date | None = None  # answered through the portal, not yet recorded by the unit
    commissioner: Commissioner | None = None

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def is_review(self) -> bool:
        return self.case.is_review


def public_status(case: Case, *, token_id: int = 0) -> PublicStatus:
    """Everything the status page and the status API show about a case, and nothing else. With
    `token_id`, the private link it was opened with: its letters' download links end with it."""
    unit = services.unit_get()
    reviews = [_status(review, unit, [], token_id) for review in case.reviews.order_by("received_on", "pk")]
    return _status(case, unit, reviews, token_id)


def review_refusal(case: Case, reviews=None) -> str:
    """Why the requester cannot ask for an internal review of this case now ('' when they can): the
    same rules as an officer logging one (services.review_obstacle), in the requester's words."""
    obstacle = services.review_obstacle(case, reviews)
    if obstacle is None:
        return ""
    code, standing = obstacle
    obstacles = services.ReviewObstacle
    if code == obstacles.REVIEWED:
        if standing.is_closed:
            return (
                "We have already carried out an internal review of this request. If you are still unhappy, you can "
                "complain to the commissioner."
            )
        return "An internal review of this request is already under way."
    return {
        obstacles.IS_REVIEW: "This is already an internal review: if you are still unhappy, you can complain to "
        "the commissioner.",
        obstacles.SUBJECT_ACCESS: "Subject access requests have no internal review: you can complain to the ICO.",
        obstacles.CLOSED_UNANSWERED: "This request was closed without a response (withdrawn or lapsed): there is "
        "nothing to review. You are welcome to make a new request.",
        obstacles.TRANSFERRED: "We transferred your request to another authority: ask them, not us, for a review "
        "of their response.",
    }.get(code, "You can ask for an internal review once we have sent our response.")


def _status(case: Case, unit, reviews: list[PublicStatus], token_id: int = 0) -> PublicStatus:
    stage, label, explanation = _stage(case, reviews)
    can_review = not review_refusal(case, [review.case for review in reviews])
    review_by = _review_by(case, unit) if can_review else None
    return PublicStatus(
        case=case,
        stage=stage,
        label=label,
        explanation=explanation,
        received_on=case.received_on,
        due_on=case.due_on,
        statutory_due_on=case.statutory_due_on,
        extended=bool(case.extension_days),
        letters=_letters(case, token_id),
        reviews=reviews,
        review_by=review_by,
        can_request_review=can_review,
        review_window_open=bool(review_by and services.today() <= review_by),
        can_answer_clarification=case.status == Case.Status.AWAITING_CLARIFICATION,
        clarification_sent_on=selectors.clarification_reply_on(case),
        commissioner=_commissioner(case, unit) if case.status == Case.Status.RESPONDED or reviews else None,
    )


def _stage(case: Case, reviews: list[PublicStatus]) -> tuple[str, str, str]:
    S = Case.Status
    what = "request for an internal review" if case.is_review else "request"
    if case.status == S.CLOSED:
        why = {
            Case.Outcome.WITHDRAWN: "The request was withdrawn.",
            Case.Outcome.LAPSED: "We did not receive the clarification or fee we asked for, so the request has "
            "lapsed. You are welcome to make a new request.",
        }.get(case.outcome, f"This {what} is closed.")
        return Stage.CLOSED, Stage.LABELS[Stage.CLOSED], why
    if case.status == S.RESPONDED:
        if any(r.stage not in (Stage.RESPONDED, Stage.CLOSED) for r in reviews):
            return (
                Stage.UNDER_REVIEW,
                Stage.LABELS[Stage.UNDER_REVIEW],
                (
                    "You asked for an internal review of our response. Someone who was not involved in the original "
                    "decision is looking at it."
                ),
            )
        return Stage.RESPONDED, Stage.LABELS[Stage.RESPONDED], f"We have sent our response to your {what}."
    if case.status == S.AWAITING_CLARIFICATION:
        return (
            Stage.AWAITING_CLARIFICATION,
            Stage.LABELS[Stage.AWAITING_CLARIFICATION],
            (
                "We have asked you to clarify your request. The time we have to respond starts again when we "
                "receive your answer."
            ),
        )
    if case.status == S.AWAITING_FEE:
        return (
            Stage.FEE_DUE,
            Stage.LABELS[Stage.FEE_DUE],
            (
                "We have sent you a fees notice. The time we have to respond is paused until the fee is paid; our "
                "notice says how to pay."
            ),
        )
    if case.extension_days and case.due_on:
        reason = EXTENSION_REASONS.get(Regime(case.regime), "the law allows us more time for this request")
        return (
            Stage.EXTENDED,
            f"Extended to {long_date(case.due_on)}",
            (f"We have extended the time for our response to {long_date(case.due_on)} because {reason}."),
        )
    if case.assigned_to_id is None and not case.dispatches_received.exists():
        return Stage.RECEIVED, Stage.LABELS[Stage.RECEIVED], f"We have received your {what} and logged it."
    return Stage.IN_PROGRESS, Stage.LABELS[Stage.IN_PROGRESS], f"We are working on your {what}."


def _letters(case: Case, token_id: int = 0) -> list[PublicLetter]:
    """Letters sent to this case's requester, newest first (a dispatch records whom it reached)."""
    from responses.models import Dispatch

    dispatches = Dispatch.objects.filter(cases=case).select_related("letter").order_by("-sent_on", "-id")
    seen, letters = set(), []
    for dispatch in dispatches:
        letter = dispatch.letter
        if letter.pk in seen:
            continue  # sent twice (emailed, then posted): listed once, at its latest date
        seen.add(letter.pk)
        letters.append(
            PublicLetter(
                letter_id=letter.pk,
                title=letter.heading or letter.get_kind_display(),
                reference=letter.references,
                sent_on=dispatch.sent_on,
                method=dispatch.get_method_display(),
                signatory=letter.signatory_name,
                download_path=letter_download_path(case=case, letter_id=letter.pk, token_id=token_id),
            )
        )
    return letters


def _review_by(case: Case, unit) -> date | None:
    """The last day to ask for an internal review: as the response letter printed it, or counted
    from the day the response was sent."""
    from responses.kinds import KIND_RULES
    from responses.models import Letter

    finals = [kind for kind, rule in KIND_RULES.items() if rule.final]
    printed = (
        Letter.objects.filter(dispatches__cases=case, review_by__isnull=False, kind__in=finals)
        .order_by("-letter_date", "-pk")
        .values_list("review_by", flat=True)
        .first()
    )
    if printed:
        return printed
    if case.responded_on is None:
        return None
    calendar = WorkingCalendar.for_regime(case.regime, services.extra_holidays())
    return calendar.add_working_days(case.responded_on, unit.review_window_working_days)


def _commissioner(case: Case, unit) -> Commissioner:
    if Regime(case.regime) in (Regime.FOISA, Regime.EISR):
        return Commissioner(
            "Scottish Information Commissioner", unit.scottish_commissioner_website, unit.scottish_commissioner_helpline
        )
    if Regime(case.regime) is Regime.SAR:
        return Commissioner(
            "Information Commissioner's Office (ICO)", unit.ico_data_protection_website, unit.ico_helpline
        )
    return Commissioner("Information Commissioner's Office (ICO)", unit.ico_website, unit.ico_helpline)


# --- letter downloads -------------------------------------------------------------------------

_DOWNLOAD_SALT = "foi_cases.portal.letter-download"


def letter_download_path(*, case: Case, letter_id: int, token_id: int = 0) -> str:
    """A link to one letter's signed PDF, for one case, that works for a limited time without
    signing in (the status page and the status API give it only to the requester). Given through a
    private link (`token_id`), it stops working when that link is revoked; given to someone who
    proved the reference and email address, it simply expires."""
    signed = signing.dumps({"c": case.pk, "l": letter_id, "t": token_id}, salt=_DOWNLOAD_SALT, compress=True)
    return reverse("status:letter_download", args=[signed])


def letter_for_download(signed: str):
    """The approved letter a download link is for, if the link is genuine, unexpired, and the
    letter was sent to that case's requester; else None."""
    from responses.models import Dispatch

    try:
        value = signing.loads(signed, salt=_DOWNLOAD_SALT, max_age=settings.PORTAL_DOWNLOAD_LINK_HOURS * 3600)
        case_id, letter_id, token_id = int(value["c"]), int(value["l"]), int(value.get("t", 0))
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
    live = StatusToken.objects.filter(pk=token_id, revoked_at__isnull=True)
    # A link to a case also shows the letters of its internal reviews.
    if token_id and not live.filter(Q(case_id=case_id) | Q(case__reviews=case_id)).exists():
        return None  # the private link it came from has been revoked
    dispatch = Dispatch.objects.filter(cases=case_id, letter_id=letter_id).select_related("letter").first()
    return dispatch.letter if dispatch else None


# --- requests made on the public form ---------------------------------------------------------


class RegimeHint:
    UNSURE, FOIA, EIR, SAR = "unsure", "foia", "eir", "sar"
    CHOICES = [
        (UNSURE, "I'm not sure: the unit will decide"),
        (FOIA, "General information held by the authority (Freedom of Information)"),
        (EIR, "Information about the environment (Environmental Information Regulations)"),
        (SAR, "Information about me (a subject access request)"),
    ]
    # How the case page names the choice: "Regime to be confirmed (the requester chose: subject access)".
    WORDS = {FOIA: "freedom of information", EIR: "environmental information", SAR: "subject access"}


def regime_hint_words(case: Case) -> str:
    """While a web request's regime is to be confirmed, what its requester chose on the form, in words
    ("subject access"; "not sure" when they said so); else ""."""
    if case.regime_confirmed or case.channel != Case.Channel.WEB:
        return ""
    event = case.audit_events.filter(action="regime_hint").order_by("-at", "-id").first()
    hint = event.changes.get("regime_hint") if event else None
    return "not sure" if hint == RegimeHint.UNSURE else RegimeHint.WORDS.get(hint, "")


@dataclass(frozen=True)
class WebRequest:
    case: Case
    token: str

    @property
    def status_url(self) -> str:
        return status_url(self.token)


@transaction.atomic
def web_request_submit(
    *,
    name: str,
    email: str,
    address: str,
    body: PublicBody,
    subject: str,
    request_text: str,
    regime_hint: str,
) -> WebRequest:
    """Log a request made on the public form: received today, through the web channel. The
    acknowledgement (reference, dates and a private link) is emailed by a background task once the
    case is saved; the token returned is for the confirmation page (both links work)."""
    if regime_hint not in {value for value, _ in RegimeHint.CHOICES}:
        raise ValidationError({"regime_hint": "Choose one of the options."})
    regime = Regime.FOIA.value if regime_hint == RegimeHint.UNSURE else regime_hint
    case = services.case_create(
        actor=None,
        regime=regime,
        received_on=services.today(),
        channel=Case.Channel.WEB,
        subject=subject,
        request_text=request_text,
        requester=services.RequesterDetails(name=name.strip(), email=email.strip(), address=address.strip()),
        body=body,
        # The requester's choice is a hint, never a confirmation: which law applies is the unit's call
        # (an environmental request can be about the requester too), so an officer always confirms it.
        regime_confirmed=False,
    )
    chose = "was not sure" if regime_hint == RegimeHint.UNSURE else f"chose {RegimeHint.WORDS[regime_hint]}"
    services.audit(
        case=case,
        actor=None,
        action="regime_hint",
        summary=f"On the web form the requester {chose}: an officer confirms which law applies.",
        changes={"regime_hint": regime_hint},
    )
    token = status_token_issue(case=case)
    case_id = case.pk
    transaction.on_commit(lambda: _after_web_request(case_id))
    return WebRequest(case, token)


def _after_web_request(case_id: int) -> None:
    _acknowledgement_enqueue(case_id)
    case = Case.objects.select_related("body").get(pk=case_id)
    unit_notify(
        subject=f"New request through the web form: {case.reference}",
        text=f"A request was made through the public web form on {long_date(case.received_on)}: "
        f"{case.reference}, due {long_date(case.due_on) if case.due_on else 'when the clock restarts'}.",
        case=case,
    )


def _acknowledgement_enqueue(case_id: int) -> None:
    from foi_cases.tasks import acknowledge_web_request

    try:
        acknowledge_web_request.delay(case_id)
    except Exception:  # noqa: BLE001 - the request is logged and the requester saw their link either way
        logger.exception("Could not queue the acknowledgement of case %s; trying once now", case_id)
        if not acknowledge_web_request.app.conf.task_always_eager:
            # The broker is down: one attempt here; if the mail server fails too, the case page says so.
            acknowledge_web_request.apply(args=[case_id], throw=False)


class AcknowledgementNotSent(Exception):
    """The mail server refused the acknowledgement or could not be reached: worth trying again."""


def web_request_acknowledge(*, case_id: int) -> bool:
    """Email a web request's acknowledgement with a private link of its own (the confirmation page
    showed another; both work). Returns False, sending nothing, when one was already sent, so a task
    run twice emails once. Raises AcknowledgementNotSent, keeping no link, when sending fails."""
    with transaction.atomic():
        # The claim: the case row stays locked until the acknowledgement_sent event commits, so a second
        # run (a redelivered task) waits, then finds the event and stops. If the commit itself failed
        # after the email left, a retry sends it again: twice at worst, never lost.
        case = Case.objects.select_for_update(of=("self",)).select_related("requester", "body").get(pk=case_id)
        if not case.requester.email or case.audit_events.filter(action="acknowledgement_sent").exists():
            return False
        _acknowledgement_deliver(case, actor=None)
    return True


def _acknowledgement_deliver(case: Case, *, actor) -> None:
    """Email the requester a new private link, and record it. Raises AcknowledgementNotSent when
    the mail server fails: the caller's transaction then keeps no link."""
    token = status_token_issue(case=case, actor=actor)
    try:
        _acknowledgement_email(case, token).send()
    except Exception as error:  # noqa: BLE001 - SMTP errors, refused connections, timeouts
        # The class name only: an SMTP error can quote the requester's address (applicant blind).
        raise AcknowledgementNotSent(error.__class__.__name__) from error
    services.audit(
        case=case,
        actor=actor,
        action="acknowledgement_sent",
        summary="Acknowledgement emailed to the requester with a private status link.",
    )


def web_request_acknowledgement_failed(*, case_id: int, reason: str) -> None:
    """The acknowledgement could not be emailed after every attempt: the case page asks an officer to
    email a status link."""
    services.audit(
        case=Case.objects.get(pk=case_id),
        actor=None,
        action="acknowledgement_failed",
        summary=f"The acknowledgement email could not be sent ({reason}): email a status link from the case page.",
        changes={"reason": reason},
    )


def acknowledgement_failed(case: Case) -> bool:
    """Whether the latest attempt to acknowledge the case failed (and no acknowledgement went since)."""
    latest = (
        case.audit_events.filter(action__in=["acknowledgement_sent", "acknowledgement_failed"])
        .order_by("-at", "-id")
        .values_list("action", flat=True)
        .first()
    )
    return latest == "acknowledgement_failed"


@transaction.atomic
def acknowledgement_send(*, case: Case, actor) -> str:
    """Email the requester an acknowledgement with a new private status link (for a request logged
    by hand, or to replace a lost or revoked link). Raises ValidationError, sending nothing, when
    there is no address or the mail server refuses it. Returns the address it went to."""
    case = Case.objects.select_related("requester", "body").get(pk=case.pk)
    if not case.requester.email:
        raise ValidationError({"email": "The requester gave no email address: there is nowhere to send the link."})
    try:
        _acknowledgement_deliver(case, actor=actor)
    except AcknowledgementNotSent as failure:
        logger.warning("Acknowledgement for case %s failed: %r", case.pk, failure.__cause__)
        raise ValidationError({"email": f"The email could not be sent ({failure}): no link was issued."}) from None
    return case.requester.email


def _acknowledgement_email(case: Case, token: str) -> EmailMessage:
    unit = services.unit_get()
    what = "request for an internal review" if case.is_review else "request"
    if case.due_on:
        due = f"We will respond by {long_date(case.due_on)} at the latest."
    else:
        due = "The time we have to respond is paused: the status page says why."
    # One line, whoever typed it: the email goes from the authority to an address anyone can type.
    name = " ".join(case.requester.name.split())
    body = (
        f"Dear {name},\n\n"
        f"Thank you for your {what}, which we received on {long_date(case.received_on)}. "
        f"Our reference is {case.reference}: please quote it if you contact us.\n\n"
        f"{due}\n\n"
        "You can see where your request stands, and the letters we send you, at any time and without an "
        f"account, at this private link:\n\n{status_url(token)}\n\n"
        "Keep this link to yourself: anyone who has it can see the status of your request. If you think "
        "someone else has it, contact us and we will cancel it.\n\n"
        f"{unit.name}" + (f"\n{unit.email}" if unit.email else "")
    )
    return EmailMessage(
        subject=f"Your {what} {case.reference} has been received",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[case.requester.email],
        reply_to=[unit.email] if unit.email else None,
    )


def unit_notify(*, subject: str, text: str, case: Case) -> None:
    """Tell the unit's shared mailbox (when it has one) that something arrived through the portal.
    The message names the case, never the requester: the case page shows the rest to those allowed."""
    unit = services.unit_get()
    if not unit.email:
        return
    link = f"{settings.SITE_URL}{reverse('foi_cases:case_detail', args=[case.pk])}"
    try:
        EmailMessage(
            subject=" ".join(subject.split()),
            body=f"{text}\n\nOpen the case: {link}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[unit.email],
        ).send()
    except Exception:  # noqa: BLE001 - the case itself is saved and on the dashboard either way
        logger.exception("Could not notify the unit about case %s", case.pk)


# --- what a requester can do from the status page ----------------------------------------------


def _check_message(text: str, field_name: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field_name: "Enter your message."})
    if len(text) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            {field_name: f"Your message is too long ({len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,})."}
        )
    return text


@dataclass(frozen=True)
class ReviewRequested:
    review: Case
    late: bool  # asked after the review window closed: the unit may decline
    token: str


@transaction.atomic
def review_request_submit(*, case: Case, reasons: str) -> ReviewRequested:
    """The requester asks for an internal review of the response: a linked case with its own
    reference and clock, received today. The unit is told, and the requester gets a confirmation."""
    case = Case.objects.select_for_update(of=("self",)).select_related("requester", "body").get(pk=case.pk)
    reasons = _check_message(reasons, "reasons")
    refusal = review_refusal(case)
    if refusal:
        raise ValidationError({"reasons": refusal})
    review_by = _review_by(case, services.unit_get())
    review = services.review_case_create(
        case=case, actor=None, received_on=services.today(), channel=Case.Channel.WEB, reasons=reasons
    )
    late = not (review_by and services.today() <= review_by)
    services.audit(
        case=case,
        actor=None,
        action="review_requested",
        summary=f"The requester asked for an internal review through the portal: {review.reference}, due "
        f"{long_date(review.due_on)}." + (" Asked after the review window closed." if late else ""),
        changes={"review": review.reference, "late": late},
    )
    token = status_token_issue(case=case)
    review_id = review.pk
    transaction.on_commit(lambda: _after_review_request(review_id, token, late))
    return ReviewRequested(review, late, token)


def _after_review_request(review_id: int, token: str, late: bool) -> None:
    review = Case.objects.select_related("requester", "review_of").get(pk=review_id)
    original = review.review_of
    unit = services.unit_get()
    name = " ".join(review.requester.name.split())  # one line, as in the acknowledgement
    body = (
        f"Dear {name},\n\n"
        f"We have received your request for an internal review of our response to {original.reference}, on "
        f"{long_date(review.received_on)}. The review's reference is {review.reference}. Someone who was not "
        f"involved in the original decision will carry it out, and we will tell you the outcome by "
        f"{long_date(review.due_on)}.\n\n"
        + (
            "You asked after the time allowed for asking for a review had passed, so we may decline to carry it "
            "out; if we do, we will tell you why.\n\n"
            if late
            else ""
        )
        + f"You can follow it at your private link:\n\n{status_url(token)}\n\n{unit.name}"
        + (f"\n{unit.email}" if unit.email else "")
    )
    try:
        EmailMessage(
            subject=f"Your request for an internal review of {original.reference}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[review.requester.email],
            reply_to=[unit.email] if unit.email else None,
        ).send()
    except Exception:  # noqa: BLE001 - the review is logged; the status page shows it
        logger.exception("Could not confirm the review %s to the requester", review_id)
    unit_notify(
        subject=f"Internal review requested: {review.reference} (of {original.reference})",
        text=f"The requester asked for an internal review of {original.reference} through the portal on "
        f"{long_date(review.received_on)}. It is logged as {review.reference}, due {long_date(review.due_on)}."
        + (" They asked after the review window closed." if late else ""),
        case=review,
    )


@transaction.atomic
def clarification_reply_submit(*, case: Case, text: str) -> RequesterMessage:
    """The requester answers our request for clarification. Kept on the case for the officer, who
    records on the clock when the clarification was received; the unit is told. Anyone holding the
    link can post here, so a case takes PORTAL_CLARIFICATIONS_PER_DAY answers in 24 hours, and the
    unit's mailbox hears of them at most once an hour (every answer is on the case page)."""
    # Locked: two answers posted at once are counted one after the other against the limit.
    case = Case.objects.select_for_update().get(pk=case.pk)
    text = _check_message(text, "text")
    if case.status != Case.Status.AWAITING_CLARIFICATION:
        raise ValidationError({"text": "We are not waiting for a clarification of this request."})
    recent = case.requester_messages.filter(
        kind=RequesterMessage.Kind.CLARIFICATION, received_at__gt=timezone.now() - timedelta(days=1)
    )
    if recent.count() >= settings.PORTAL_CLARIFICATIONS_PER_DAY:
        raise ValidationError(
            {
                "text": "You have already sent us several answers today, and we have kept them all. Please wait "
                "until tomorrow to send another, or email us quoting your reference."
            }
        )
    message = RequesterMessage.objects.create(case=case, kind=RequesterMessage.Kind.CLARIFICATION, text=text)
    # The status page (cached until the case changes) now says the answer was sent.
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    services.audit(
        case=case,
        actor=None,
        action="clarification_sent_by_requester",
        summary="The requester sent a clarification through the portal: record it on the clock.",
    )
    case_id = case.pk

    def notify():
        # Once an hour per case at most; claimed only after the answer is saved.
        if not cache.add(f"portal-clarification-notice:{case_id}", 1, THROTTLE_WINDOW_SECONDS):
            return
        unit_notify(
            subject=f"Clarification received through the portal: {case.reference}",
            text=f"The requester of {case.reference} answered our request for clarification through the portal. "
            "Read it, and any further answers, on the case page, and record the clarification on the clock.",
            case=Case.objects.get(pk=case_id),
        )

    transaction.on_commit(notify)
    return message
