"""A demonstration register: the joint unit, its bodies and staff, and realistic cases.

Everything is written through the services, exactly as officers would (log, clarify, charge a
fee, extend, close in time or late, withdraw, lapse, link), so every case has a true deadline and
a true audit trail. Dates are relative to today, so the demo always shows cases due soon,
overdue and recently closed. Running it again adds nothing: users and bodies are looked up by
name, and cases are only added to an empty register.

A few of the new cases also get letters, drafted by the demo officer and decided by the demo
supervisor through the letter services (see demo_content.LETTERS): an NCND response awaiting the
supervisor, an approved full disclosure, a draft s12 refusal and a refusal returned for changes.
They are drafted only on the cases the same run creates, so a register in use never gets any.

The case whose response is approved is a request made on the public web form, with a private
status link, so the requester's side can be seen too (see DemoPortal).
"""

import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Max

from foi_cases import complaints, demo_content, portal, reviews, services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.models import Case, Complaint, PublicBody, Unit
from foi_cases.roles import ensure_roles
from responses import services as letter_services
from responses import signing
from responses.models import ClearanceStage, Letter
from responses.text import GAP

# How often each story appears once every story has been told once (see _plan).
SCENARIO_WEIGHTS = {
    "open": 6,
    "due_soon": 3,
    "overdue": 3,
    "awaiting_clarification": 2,
    "clarified": 1,
    "awaiting_fee": 2,
    "fee_paid": 1,
    "extended": 3,
    "closed_after_extension": 1,
    "closed_in_time": 12,
    "closed_late": 3,
    "withdrawn": 1,
    "lapsed": 1,
}
# The first cases tell every story once, across every regime, so even a small demo shows them all.
COVERAGE = [
    ("open", "foia"),
    ("answered_together", "foia"),
    ("answered_together", "foia"),
    ("overdue", "foia"),
    ("awaiting_clarification", "sar"),
    ("closed_in_time", "eir"),
    ("closed_late", "foia"),
    ("extended", "eir"),
    ("awaiting_fee", "foia"),
    ("due_soon", "foisa"),
    ("withdrawn", "sar"),
    ("clarified", "foia"),
    ("closed_in_time", "foisa"),
    ("lapsed", "foia"),
    ("fee_paid", "foia"),
    ("closed_in_time", "sar"),
    ("extended", "foia"),
    ("closed_after_extension", "foia"),
    ("due_soon", "sar"),
    ("drafting", "foia"),
]
REGIME_WEIGHTS = {"foia": 65, "eir": 12, "foisa": 8, "sar": 15}
CHANNEL_WEIGHTS = {"email": 60, "web": 25, "post": 10, "phone": 5}
IN_TIME_OUTCOMES = {
    "granted": 30,
    "partially_withheld": 20,
    "not_held": 15,
    "fully_withheld": 8,
    "ncnd": 5,
    "s12": 8,
    "s14_1": 2,
    "transferred": 2,
}
LATE_OUTCOMES = {"granted": 5, "partially_withheld": 4, "not_held": 2}
SAR_OUTCOMES = {"granted": 5, "partially_withheld": 4, "not_held": 1}
# When each story's request arrived: a range of working days before today, chosen so the story
# can play out by today (a late reply needs a due date well past; an open case, a recent receipt).
RECEIVED_WORKING_DAYS_AGO = {
    "open": (0, 12),
    "due_soon": (15, 18),
    "overdue": (30, 75),
    "awaiting_clarification": (3, 25),
    "clarified": (14, 30),
    "awaiting_fee": (6, 25),
    "fee_paid": (14, 30),
    "extended": (18, 30),
    "closed_after_extension": (45, 70),
    "closed_in_time": (12, 85),
    "closed_late": (45, 85),
    "withdrawn": (5, 60),
    "lapsed": (62, 85),
    "answered_together": (35, 50),
    "drafting": (8, 14),
}
# Stories the regime's rules do not allow, told another way: FOISA has no extensions.
SUBSTITUTES = {
    ("foisa", "extended"): "open",
    ("foisa", "closed_after_extension"): "closed_in_time",
    ("sar", "awaiting_fee"): "awaiting_clarification",
    ("sar", "fee_paid"): "clarified",
}


@dataclass
class Login:
    username: str
    password: str | None  # None: an existing user whose password was left alone
    role: str
    full_name: str
    staff: bool


# Marks the demo's web request on its timeline, so that later runs can find it again (and never
# mistake a real requester's case for it).
PORTAL_DEMO_ACTION = "demo_status_link"


@dataclass
class DemoPortal:
    """The demo's request made on the web form: how to see it as its requester does. The private
    link's token exists only on the run that made it (the database keeps its hash); the reference
    and email address find the request on the status lookup page at any time."""

    reference: str
    email: str
    token: str | None
    awaiting_send: bool  # its approved response is still to be sent

    @property
    def status_url(self) -> str | None:
        return portal.status_url(self.token) if self.token else None


@dataclass
class DemoReport:
    logins: list[Login]
    cases_created: int = 0
    existing_cases: int = 0
    by_regime: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    overdue: int = 0
    letters: Counter = field(default_factory=Counter)  # by status
    certificate_created: str = ""  # the demo signing certificate's path, when this run made it
    portal: DemoPortal | None = None
    review: Case | None = None  # an internal review in progress
    complaint: Complaint | None = None  # a complaint to the ICO with a step to comply with


@transaction.atomic
def demo_seed(*, cases: int = 40, password: str | None = None, seed: int = 1) -> DemoReport:
    ensure_roles()
    _unit_configure()
    bodies = [_body_get(details) for details in demo_content.BODIES]
    _press_office_ensure()
    users, logins = _staff_ensure(password)
    report = DemoReport(logins=logins, existing_cases=Case.objects.count())
    # Before any letter is approved: approval signs its PDF.
    report.certificate_created = _signing_certificate_ensure()
    if report.existing_cases == 0 and cases > 0:
        seeder = _CaseSeeder(random.Random(seed), users, bodies)
        created = seeder.run(cases)
        letters = [_LetterSeeder(users).tell(spec, case) for spec, case in seeder.lettered]
        report.letters = Counter(letter.status for letter in letters if letter is not None)
        report.cases_created = len(created)
        report.by_regime = Counter(case.regime for case in created)
        seeded = Case.objects.filter(pk__in=[case.pk for case in created])
        report.by_status = Counter(seeded.values_list("status", flat=True))
        report.overdue = seeded.overdue(services.today()).count()
        if seeder.web_request is not None:
            report.portal = _portal_demo_create(seeder.web_request)
        report.review, report.complaint = _review_and_complaint(created, users)
    else:
        report.portal = _portal_demo_find()
    return report


def _review_and_complaint(created: list[Case], users: dict) -> tuple[Case | None, Complaint | None]:
    """An internal review still in progress, with someone not involved in the decision, and a complaint
    to the ICO whose decision notice orders a step: the deadlines the reminders and reports follow."""
    today = services.today()
    answered = sorted(
        (
            case
            for case in Case.objects.filter(pk__in=[c.pk for c in created], status=Case.Status.RESPONDED)
            if case.regime == "foia" and today - case.responded_on <= timedelta(days=40)
        ),
        key=lambda case: case.responded_on,
    )
    if len(answered) < 2:
        return None, None
    reviewed, complained_of = answered[-1], answered[0]
    review = services.review_log(
        case=reviewed,
        actor=users["officer"],
        received_on=today,
        channel=Case.Channel.EMAIL,
        reasons=demo_content.REVIEW_REASONS,
    )
    officers = get_user_model().objects.filter(pk__in=[users["officer2"].pk, users["officer"].pk]).order_by("-pk")
    reviewer = reviews.independent_reviewers(review, officers).first()
    if reviewer is not None:
        services.case_assign(case=review, actor=users["supervisor"], officer=reviewer)
    received = complained_of.responded_on + timedelta(days=14)
    complaint = complaints.complaint_log(
        case=complained_of,
        actor=users["supervisor"],
        regulator=Complaint.Regulator.ICO,
        reference=demo_content.ICO_REFERENCE,
        received_on=min(received, today),
        submission_due_on=min(received, today) + timedelta(days=20),
        handled_by=users["supervisor"],
    )
    complaints.complaint_record_submissions(complaint=complaint, actor=users["supervisor"], submitted_on=today)
    complaint = complaints.complaint_record_decision(
        complaint=complaint,
        actor=users["supervisor"],
        decision_notice_reference=demo_content.ICO_REFERENCE,
        decision_on=today,
        outcome=Complaint.Outcome.PARTLY_UPHELD,
        findings=[],
        steps=[complaints.StepInput(demo_content.ICO_STEP)],
    )
    return review, complaint


def _portal_demo_create(case: Case) -> DemoPortal:
    token = portal.status_token_issue(case=case)
    services.audit(
        case=case,
        actor=None,
        action=PORTAL_DEMO_ACTION,
        summary="Private status link made for the demonstration (printed by seed_demo, not emailed).",
    )
    return _portal_demo(case, token)


def _portal_demo_find() -> DemoPortal | None:
    """The web request an earlier run made, if this register is the demo's."""
    case = Case.objects.filter(audit_events__action=PORTAL_DEMO_ACTION).first()
    return _portal_demo(case, None) if case else None


def _portal_demo(case: Case, token: str | None) -> DemoPortal:
    case = Case.objects.select_related("requester").get(pk=case.pk)  # as its letter left it
    return DemoPortal(case.reference, case.requester.email, token, case.status == Case.Status.READY_TO_SEND)


def _unit_configure() -> None:
    """Fill in the demo letterhead, unless an administrator has already named the unit."""
    unit = services.unit_get()
    if unit.name != Unit._meta.get_field("name").default:
        return
    for name, value in demo_content.UNIT.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()


def _signing_certificate_ensure() -> str:
    """A self-signed demo certificate where none is configured, so demo letters can be signed."""
    path = Path(settings.SIGNING_CERT_PATH)
    if path.exists():
        return ""
    signing.signing_certificate_create(
        path=path,
        passphrase=settings.SIGNING_CERT_PASSPHRASE,
        common_name=services.unit_get().name,
        organisation="Demonstration only",
    )
    return str(path)


def _body_get(details: dict) -> PublicBody:
    body, _ = PublicBody.objects.get_or_create(name=details["name"], defaults=details)
    return body


def _press_office_ensure() -> ClearanceStage:
    """The press office's group (its members approve at the stage) and the stage itself. Members may
    see the register, to read the letters they clear, but not requesters' identities."""
    group, _ = Group.objects.get_or_create(name=demo_content.PRESS_OFFICE)
    group.permissions.add(Permission.objects.get(content_type__app_label="foi_cases", codename="view_case"))
    stage = ClearanceStage.objects.filter(name=demo_content.PRESS_OFFICE).first()
    if stage is None:
        last = ClearanceStage.objects.aggregate(last=Max("order"))["last"] or 0
        stage = ClearanceStage.objects.create(name=demo_content.PRESS_OFFICE, order=last + 10, group=group)
    return stage


def _staff_ensure(password: str | None):
    User = get_user_model()
    users, logins = {}, []
    for username, first, last, role, staff in demo_content.STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{first}.{last}@jiru.example.org".lower()},
        )
        user.is_staff = user.is_staff or staff
        user.groups.add(Group.objects.get(name=role))
        given = password if password else (secrets.token_urlsafe(12) if created else None)
        if given:
            user.set_password(given)
        user.save()
        users[username] = user
        logins.append(Login(username, given, role, user.get_full_name(), user.is_staff))
    return users, logins


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Planned:
    story: str
    regime: str
    received_on: date
    assigned: bool = True
    letter: dict | None = None  # from demo_content.LETTERS: the letter this case gets


class _CaseSeeder:
    """Plans every case's story and date of receipt, then logs them in order of receipt (so
    references rise with dates, as in a real register) and lets each story play out."""

    def __init__(self, rng: random.Random, users: dict, bodies: list[PublicBody]):
        self.rng, self.bodies = rng, bodies
        self.today = services.today()
        self.caseworkers = [users["officer"], users["officer2"], users["supervisor"]]
        self.drafter = users["officer"]
        self.lettered: list[tuple[dict, Case]] = []  # (letter to draft, case), filled by run()
        self.web_request: Case | None = None  # the request made on the web form (see DemoPortal)
        self.loggers = [users["officer"], users["officer2"]]
        holidays = services.extra_holidays()
        self.calendars = {regime: WorkingCalendar.for_regime(regime, holidays) for regime in demo_content.TOPICS}
        self.years = {
            "this_year": self.today.year,
            "last_year": self.today.year - 1,
            "year_before": self.today.year - 2,
        }

    def run(self, count: int) -> list[Case]:
        created, pair = [], []
        for planned in sorted(self._plan(count), key=lambda p: p.received_on):
            if planned.story == "answered_together":
                pair.append(self._answered_together(planned, len(pair)))
                created.append(pair[-1])
                continue
            # The request whose response gets approved came through the web form: its requester
            # can then follow it, and see the letter once an officer sends it.
            web = bool(planned.letter) and planned.letter["ends"] == "approved" and self.web_request is None
            case = self._log(
                planned.regime,
                planned.received_on,
                assigned=planned.assigned,
                topic=_topic(planned.regime, planned.letter["topic"]) if planned.letter else None,
                officer=self.drafter if planned.letter else None,
                channel="web" if web else None,
            )
            created.append(getattr(self, f"_{planned.story}")(case) or case)
            if planned.letter:
                self.lettered.append((planned.letter, created[-1]))
            if web:
                self.web_request = created[-1]
        if len(pair) == 2:
            services.case_link(case=pair[0], actor=pair[0].assigned_to, other=pair[1], kind="answered_with")
        self._relate(created)
        return created

    def _plan(self, count: int) -> list[_Planned]:
        stories = list(COVERAGE[:count])
        if stories.count(("answered_together", "foia")) == 1:  # half a pair is no pair
            stories[stories.index(("answered_together", "foia"))] = ("closed_in_time", "foia")
        while len(stories) < count:
            stories.append((_weighted(self.rng, SCENARIO_WEIGHTS), _weighted(self.rng, REGIME_WEIGHTS)))
        plan, pair_received = [], self._back("foia", *RECEIVED_WORKING_DAYS_AGO["answered_together"])
        letters = {letter["story"]: letter for letter in demo_content.LETTERS}
        for index, (story, regime) in enumerate(stories):
            story = SUBSTITUTES.get((regime, story), story)
            received_on = (
                pair_received if story == "answered_together" else self._back(regime, *RECEIVED_WORKING_DAYS_AGO[story])
            )
            # Some new requests wait in the unassigned queue (always the first, so a small demo has one).
            assigned = story != "open" or (index > 0 and self.rng.random() > 0.3)
            letter = letters.pop(story, None) if regime == "foia" else None
            plan.append(_Planned(story, regime, received_on, assigned, letter))
        return plan

    # --- dates ---------------------------------------------------------------------------------

    def _back(self, regime: str, low: int, high: int) -> date:
        """A working day between `low` and `high` working days before today."""
        return self.calendars[regime].add_working_days(self.today, -self.rng.randint(low, high))

    def _after(self, case: Case, day: date, working_days: int) -> date:
        return min(self.calendars[case.regime].add_working_days(day, working_days), self.today)

    # --- one case ----------------------------------------------------------------------------

    def _log(
        self,
        regime: str,
        received_on: date,
        *,
        topic=None,
        assigned=True,
        requester_type=None,
        officer=None,
        channel=None,
    ) -> Case:
        rng = self.rng
        subject, questions = topic or rng.choice(demo_content.TOPICS[regime])
        questions = [question.format(**self.years) for question in questions]
        # Drawn even when the channel is given, so that the rest of the register stays the same.
        drawn = "post" if regime == "sar" and rng.random() < 0.4 else _weighted(rng, CHANNEL_WEIGHTS)
        requester = self._requester(requester_type or ("public" if regime == "sar" else None), drawn)
        channel = channel or drawn
        numbered = "\n".join(f"{n}. {question}" for n, question in enumerate(questions, start=1))
        text = f"{demo_content.INTRODUCTIONS[regime]}\n\n{numbered}\n\nKind regards,\n{requester.name}"
        return services.case_create(
            actor=rng.choice(self.loggers),
            regime=regime,
            received_on=received_on,
            channel=channel,
            subject=subject,
            request_text=text,
            requester=requester,
            body=self.bodies[0] if rng.random() < 0.55 else self.bodies[1],
            assigned_to=officer or (rng.choice(self.caseworkers) if assigned else None),
            items=questions,
        )

    def _requester(self, requester_type: str | None, channel: str) -> services.RequesterDetails:
        rng = self.rng
        kind = requester_type or _weighted(rng, demo_content.REQUESTER_TYPE_WEIGHTS)
        first, last = rng.choice(demo_content.FIRST_NAMES), rng.choice(demo_content.LAST_NAMES)
        organisation = rng.choice(demo_content.ORGANISATIONS[kind])
        domain = "example.com" if organisation else "example.org"
        return services.RequesterDetails(
            name=f"{first} {last}",
            email=f"{first}.{last}@{domain}".lower().replace("'", ""),
            address=rng.choice(demo_content.STREETS) if channel == "post" else "",
            organisation=organisation,
            requester_type=kind,
        )

    def _close(self, case: Case, on: date, outcomes: dict) -> Case:
        outcome = _weighted(self.rng, SAR_OUTCOMES if case.regime == "sar" else outcomes)
        return services.case_close(case=case, actor=case.assigned_to, outcome=outcome, responded_on=on)

    def _event(self, case: Case, kind: str, on: date, days: int = 0) -> None:
        services.clock_event_record(case=case, actor=case.assigned_to, kind=kind, on=on, days=days)
        case.refresh_from_db()

    # --- the stories: each takes the freshly logged case -------------------------------------

    def _open(self, case: Case) -> None:
        pass

    _due_soon = _overdue = _drafting = _open

    def _awaiting_clarification(self, case: Case) -> None:
        self._event(case, "clarification_requested", self._after(case, case.received_on, self.rng.randint(1, 3)))

    def _clarified(self, case: Case) -> None:
        self._event(case, "clarification_requested", self._after(case, case.received_on, 2))
        self._event(case, "clarification_received", self._after(case, case.received_on, self.rng.randint(5, 9)))

    def _awaiting_fee(self, case: Case) -> None:
        self._event(case, "fee_notice_sent", self._after(case, case.received_on, self.rng.randint(3, 5)))

    def _fee_paid(self, case: Case) -> None:
        notice = self._after(case, case.received_on, 4)
        self._event(case, "fee_notice_sent", notice)
        self._event(case, "fee_received", self._after(case, notice, self.rng.randint(3, 7)))

    def _extended(self, case: Case) -> None:
        # Notified within the first 20 working days (a subject access request's: the first month).
        on = self._after(case, case.received_on, self.rng.randint(12, 17))
        self._event(case, "extension", on, days=2 if case.regime == "sar" else 20)

    def _closed_after_extension(self, case: Case) -> Case:
        self._extended(case)
        return self._close(case, self._after(case, case.received_on, self.rng.randint(25, 36)), IN_TIME_OUTCOMES)

    def _closed_in_time(self, case: Case) -> Case:
        on = self._after(case, case.received_on, self.rng.randint(6, 19))
        return self._close(case, min(on, case.due_on), IN_TIME_OUTCOMES)

    def _closed_late(self, case: Case) -> Case:
        return self._close(case, self._after(case, case.due_on, self.rng.randint(1, 12)), LATE_OUTCOMES)

    def _withdrawn(self, case: Case) -> Case:
        on = self._after(case, case.received_on, self.rng.randint(1, 4))
        return services.case_withdraw(case=case, actor=case.assigned_to, on=on, note="The requester withdrew.")

    def _lapsed(self, case: Case) -> Case:
        self._event(case, "clarification_requested", self._after(case, case.received_on, 2))
        on = self._after(case, case.received_on, 44)
        return services.case_lapse(case=case, actor=case.assigned_to, on=on, note="No clarification after two months.")

    def _answered_together(self, planned: _Planned, index: int) -> Case:
        """A round robin: two requesters ask the same question and get one NCND response."""
        case = self._log(
            "foia",
            planned.received_on,
            topic=demo_content.FOIA_TOPICS[0],
            requester_type=("journalist", "campaign")[index],
            officer=self.caseworkers[0],
        )
        return services.case_close(
            case=case,
            actor=case.assigned_to,
            outcome="ncnd",
            responded_on=self._after(case, case.received_on, 17),
            note="Answered together with the matching round-robin request.",
        )

    def _relate(self, created: list[Case]) -> None:
        """Mark two open cases on the same subject as related, when there are any."""
        seen = {}
        for case in (case for case in created if not case.is_closed):
            if case.subject in seen:
                services.case_link(case=case, actor=self.caseworkers[-1], other=seen[case.subject], kind="related_to")
                return
            seen[case.subject] = case


def _topic(regime: str, subject: str) -> tuple[str, list[str]]:
    return next(topic for topic in demo_content.TOPICS[regime] if topic[0] == subject)


class _LetterSeeder:
    """Drafts a demo letter on a case and takes it as far as its story says, as people would: the
    officer drafts, fills in every gap and submits; the supervisor (never the drafter) decides."""

    def __init__(self, users: dict):
        self.officer, self.supervisor = users["officer"], users["supervisor"]

    def tell(self, spec: dict, case: Case) -> Letter | None:
        case = Case.objects.get(pk=case.pk)
        codes = spec.get("codes", ())
        if any(code not in letter_services.library_codes(regime=case.regime) for code in codes):
            return None  # an administrator has withdrawn an entry the story needs
        if spec.get("clearance"):
            stages = ClearanceStage.objects.filter(name__in=spec["clearance"], is_active=True)
            letter_services.case_set_clearance(case=case, actor=self.officer, stages=stages)
        letter = letter_services.letter_create(case=case, actor=self.officer, kind=spec["kind"], codes=codes)
        letter = letter_services.letter_update(letter=letter, actor=self.officer, changes=self._changes(letter, spec))
        if spec["ends"] == "draft":
            return letter
        letter = letter_services.letter_submit(letter=letter, actor=self.officer)
        if spec["ends"] == "approved":
            return letter_services.letter_approve(letter=letter, actor=self.supervisor)
        if spec["ends"] == "returned":
            return letter_services.letter_return(letter=letter, actor=self.supervisor, comment=spec["comment"])
        return letter

    def _changes(self, letter: Letter, spec: dict) -> dict:
        """Every [[gap]] filled in, the answers written and the cost estimate entered."""
        fills = spec.get("gaps", {})

        def filled(text: str) -> str:
            return GAP.sub(lambda gap: fills.get(gap.group(1).strip(), demo_content.GAP_FALLBACK), text)

        changes: dict = {
            "sections": {s.key: filled(s.text) for s in letter.sections.all() if GAP.search(s.text)},
            "exemption_texts": {},
            "items": {},
        }
        for exemption in letter.exemptions.all():
            texts = {
                name: filled(getattr(exemption, name))
                for name in letter_services.EXEMPTION_TEXT_FIELDS
                if GAP.search(getattr(exemption, name))
            }
            if texts:
                changes["exemption_texts"][exemption.code] = texts
        answers = spec.get("answers", ())
        for item in letter.items.all():
            answer = answers[item.position - 1] if item.position <= len(answers) else item.answer
            if answer != item.answer or GAP.search(answer):
                changes["items"][item.position] = {"answer": filled(answer)}
        if "cost_lines" in spec:
            changes["cost_lines"] = [dict(line) for line in spec["cost_lines"]]
        return changes
