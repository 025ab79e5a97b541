"""Internal reviews: who may carry one out.

The s45 Code of Practice (and FOISA's s60 Code) expect a review to be done by someone who was not
involved in the original decision. Here that is enforced: the people involved are everyone who was
the original case's assigned officer, whoever drafted or edited the letters that answered it (its
own, those of the cases it was answered together with, and the letter its recorded exemptions come
from), whoever approved one, and whoever closed it. Such a person may not be assigned the review,
draft, edit or submit its outcome letter, approve it, or lift its clearance.

Only work done before the review was logged counts: a reviewer who later, say, releases information
on the reopened original does not lock themselves out of the review they are doing.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat, Trim

from foi_cases.models import AuditEvent, Case

# Why a person counts as involved, in the order a refusal names them.
ASSIGNED, DRAFTED, APPROVED, CLOSED = (
    "was its assigned officer",
    "drafted or edited its letters",
    "approved its letters",
    "closed the case",
)
# The audit actions that end a case (foi_cases.services.case_close: f"case_{transition_name}").
CLOSING_ACTIONS = ("case_close", "case_withdraw", "case_lapse")


def original_decision_makers(review: Case) -> dict[int, list[str]]:
    """The people involved in the decision under review (user pk -> why), or {} if `review` is not a review."""
    if not review.review_of_id:
        return {}
    # Imported here: the letters app builds on this one.
    from responses.models import Approval, CaseExemption, Letter

    original = Case.objects.only("assigned_to_id").get(pk=review.review_of_id)
    logged_at = Case.objects.values_list("created_at", flat=True).get(pk=review.pk)
    involved: dict[int, list[str]] = {}

    def add(pk, why: str) -> None:
        if pk is not None and why not in involved.setdefault(pk, []):
            involved[pk].append(why)

    for pk in _assigned_officers(original, logged_at):
        add(pk, ASSIGNED)
    # A joint response sits on the lead case; the recorded exemptions name the letter that answered.
    answered = [original.pk, *original.answered_with.values_list("pk", flat=True)]
    letters = Letter.objects.filter(
        Q(case_id__in=answered) | Q(pk__in=CaseExemption.objects.filter(case_id=original.pk).values("letter_id")),
        created_at__lt=logged_at,
    )
    for pk in letters.values_list("created_by_id", flat=True):
        add(pk, DRAFTED)
    for pk in Letter.contributors.through.objects.filter(letter__in=letters).values_list("user_id", flat=True):
        add(pk, DRAFTED)
    approvals = Approval.objects.filter(
        letter__in=letters, decision=Approval.Decision.APPROVED, decided_at__lt=logged_at
    )
    for pk in approvals.values_list("decided_by_id", flat=True):
        add(pk, APPROVED)
    closes = AuditEvent.objects.filter(case_id=original.pk, action__in=CLOSING_ACTIONS, at__lt=logged_at)
    for pk in closes.values_list("actor_id", flat=True):
        add(pk, CLOSED)
    return involved


def _assigned_officers(original: Case, logged_at) -> list[int]:
    """Everyone assigned the original up to when the review was logged. The audit trail records each
    reassignment (before and after) by id, and by name only in events written before ids were kept;
    who held it when the review was logged is the first later reassignment's "before", or the current
    officer when there was none."""
    events = list(
        AuditEvent.objects.filter(case_id=original.pk, action="case_assigned")
        .order_by("at", "pk")
        .values("at", "changes")
    )
    names: set[str] = set()
    pks: set[int] = set()

    def add(changes, *, before_only: bool = False) -> None:
        ids = changes.get("assigned_to_id")
        if ids is not None:
            pks.update(pk for pk in (ids[:1] if before_only else ids) if pk is not None)
        else:
            given = changes.get("assigned_to") or []
            names.update(name for name in (given[:1] if before_only else given) if name)

    later = [e for e in events if e["at"] >= logged_at]
    for event in events:
        if event["at"] < logged_at:
            add(event["changes"] or {})
    if later:
        add(later[0]["changes"] or {}, before_only=True)
    elif original.assigned_to_id is not None:
        pks.add(original.assigned_to_id)
    if names:
        # As foi_cases.services._name wrote them: the full name, or the username when there is none.
        people = get_user_model().objects.annotate(full=Trim(Concat("first_name", Value(" "), "last_name")))
        pks.update(people.filter(Q(full__in=names) | Q(full="", username__in=names)).values_list("pk", flat=True))
    return sorted(pks)


def reviewer_refusal(review: Case, person, *, doing: str = "carry out the review") -> str:
    """Why `person` may not `doing` on the internal review `review` ('' when they may)."""
    if person is None or not review.review_of_id:
        return ""
    reasons = original_decision_makers(review).get(person.pk)
    if not reasons:
        return ""
    name = person.get_full_name() or person.get_username()
    original = Case.objects.only("reference").get(pk=review.review_of_id).reference
    return (
        f"{name} {' and '.join(reasons)} on {original}, the decision under review, so cannot {doing}: "
        "an internal review must be done by someone who was not involved in the original decision."
    )


def independent_reviewers(review: Case, people):
    """`people` (a queryset of users) without those involved in the original decision."""
    return people.exclude(pk__in=list(original_decision_makers(review)))
