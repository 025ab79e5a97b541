import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from foi_cases import reviews, services
from foi_cases.models import AuditEvent, Case, Complaint, ExtraBankHoliday, PublicBody
from foi_cases.tests.factories import make_case
from responses.models import Approval, ClearanceStage, Letter
from responses.selectors import approval_queue
from responses.services import letter_check

pytestmark = pytest.mark.django_db


# A made-up Scottish holiday on a weekday the installed `holidays` data treats as a working day.
MADE_UP_DAY = "2027-03-10"
GOV_UK_FILE = {
    "england-and-wales": {
        "division": "england-and-wales",
        "events": [{"title": "Christmas Day", "date": "2027-12-25", "notes": "", "bunting": True}],
    },
    "scotland": {
        "division": "scotland",
        "events": [
            {"title": "New Year's Day", "date": "2027-01-01", "notes": "", "bunting": True},
            {"title": "Made-up Jubilee Holiday", "date": MADE_UP_DAY, "notes": "", "bunting": True},
        ],
    },
    "northern-ireland": {"division": "northern-ireland", "events": []},
}


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def import_holidays(path) -> str:
    out = StringIO()
    call_command("import_bank_holidays", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def holidays_file(tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps(GOV_UK_FILE))
    return path


@pytest.fixture
def eager_tasks(monkeypatch):
    """Run Celery tasks in-process even when CI configures a broker."""
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    monkeypatch.setitem(app.conf, "task_eager_propagates", True)


# --- seed_demo -----------------------------------------------------------------------------


def test_seed_demo_makes_a_signing_certificate_where_none_is_configured(settings, tmp_path):
    settings.SIGNING_CERT_PATH = str(tmp_path / "signing" / "unit.p12")
    output = seed(cases=0, password="demo-pass")
    assert (tmp_path / "signing" / "unit.p12").exists()
    assert f"Made a self-signed demo signing certificate at {settings.SIGNING_CERT_PATH}." in output


def test_seed_demo_keeps_an_existing_signing_certificate(signing_certificate):
    before = signing_certificate.path.read_bytes()
    output = seed(cases=0, password="demo-pass")
    assert (signing_certificate.path.read_bytes(), "signing certificate" in output) == (before, False)


def test_seed_demo_creates_the_staff_with_their_roles():
    seed(cases=0, password="demo-pass")
    users = {user.username: user for user in get_user_model().objects.prefetch_related("groups")}
    roles = {name: [group.name for group in user.groups.all()] for name, user in users.items()}
    assert roles == {
        "officer": ["Officer"],
        "officer2": ["Officer"],
        "supervisor": ["Supervisor"],
        "admin": ["Administrator"],
        "press": ["Press office"],
    }
    assert [name for name, user in users.items() if user.is_staff] == ["admin"]
    assert not any(user.is_superuser for user in users.values())
    assert all(user.check_password("demo-pass") for user in users.values())
    assert users["officer"].get_full_name() == "James Cooper"


def test_seed_demo_sets_up_the_joint_unit_for_two_bodies():
    seed(cases=0, password="demo-pass")
    assert services.unit_get().name == "Joint Information Rights Unit"
    bodies = PublicBody.objects.order_by("name")
    assert [body.name for body in bodies] == ["Bedfordshire Police", "Hertfordshire Constabulary"]
    assert all(body.address and body.phone and body.email and body.website for body in bodies)


def test_seed_demo_logs_cases_across_regimes_and_statuses():
    output = seed(cases=24, password="demo-pass")
    cases = Case.objects.all()
    assert cases.filter(review_of__isnull=True).count() == 24
    assert {"foia", "eir", "foisa", "sar"} <= set(cases.values_list("regime", flat=True))
    assert set(cases.values_list("status", flat=True)) == set(Case.Status.values)
    assert {"ncnd", "withdrawn", "lapsed"} <= set(cases.values_list("outcome", flat=True))
    assert cases.filter(answered_in_time=False).exists()
    assert cases.filter(answered_in_time=True).exists()
    assert cases.overdue(services.today()).exists()
    assert cases.filter(extension_days__gt=0).exists()
    assert cases.filter(assigned_to__isnull=True).exists()
    assert "Created 24 demo cases" in output


def test_seed_demo_has_a_review_with_an_uninvolved_officer_and_an_ico_complaint_with_a_step():
    output = seed(cases=40, password="demo-pass")
    review = Case.objects.get(review_of__isnull=False)
    assert review.status == Case.Status.OPEN and review.assigned_to is not None
    assert review.assigned_to_id not in reviews.original_decision_makers(review)
    complaint = Complaint.objects.get()
    assert (complaint.reference, complaint.outcome) == ("IC-402817-K7Q2", "partly_upheld")
    (step,) = complaint.steps.all()
    assert step.comply_by == complaint.decision_on + timedelta(days=35) and step.complied_on is None
    assert f"Internal review {review.reference} in progress" in output
    assert "ICO complaint IC-402817-K7Q2" in output


def test_seed_demo_numbers_cases_in_order_of_receipt():
    seed(cases=12, password="demo-pass")
    received = list(Case.objects.order_by("reference").values_list("received_on", flat=True))
    assert received == sorted(received)


def test_seed_demo_answers_a_round_robin_pair_together():
    seed(cases=6, password="demo-pass")
    pair = Case.objects.filter(answered_with__isnull=False).distinct()
    assert pair.count() == 2
    first, second = pair
    assert first.joint_reference == f"{first.reference} & {second.reference}"
    assert first.subject == second.subject and first.outcome == second.outcome == "ncnd"


def test_seed_demo_writes_cases_through_the_services_with_an_audit_trail():
    seed(cases=6, password="demo-pass")
    for case in Case.objects.filter(review_of__isnull=True):  # a review's request is the requester's reasons
        assert case.audit_events.filter(action="case_created").exists()
        assert case.items.count() >= 2
        assert case.request_text.startswith(("Under the", "I am making a subject access request"))


def test_seed_demo_run_twice_duplicates_nothing():
    seed(cases=10, password="first-pass")
    counts = (
        get_user_model().objects.count(),
        PublicBody.objects.count(),
        Case.objects.count(),
        AuditEvent.objects.count(),
    )
    output = seed(cases=10)
    assert (
        get_user_model().objects.count(),
        PublicBody.objects.count(),
        Case.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert "no demo cases added" in output
    assert "Demo logins:" in output and "officer " in output
    assert get_user_model().objects.get(username="officer").check_password("first-pass")


def test_seed_demo_run_again_with_a_password_resets_it():
    seed(cases=0, password="first-pass")
    output = seed(cases=0, password="second-pass")
    assert get_user_model().objects.get(username="admin").check_password("second-pass")
    assert "admin      / second-pass" in output


def test_seed_demo_prints_a_random_password_that_works():
    output = seed(cases=0)
    line = next(line for line in output.splitlines() if line.strip().startswith("supervisor /"))
    password = line.split("/")[1].split()[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="supervisor").check_password(password)
    assert "Open http://127.0.0.1:8000/" in output


def test_seed_demo_does_not_add_demo_cases_to_a_register_in_use(officer, body):
    make_case(actor=officer, body=body)
    output = seed(cases=10, password="demo-pass")
    assert Case.objects.count() == 1
    assert "already has 1 cases" in output


def demo_letters() -> dict:
    return {letter.kind: letter for letter in Letter.objects.select_related("case", "created_by", "approved_by")}


def test_seed_demo_sets_up_a_press_office_clearance_stage_and_prints_its_login():
    output = seed(cases=0, password="demo-pass")
    stage = ClearanceStage.objects.get()
    assert (stage.name, stage.group.name, stage.is_active) == ("Press office", "Press office", True)
    press = get_user_model().objects.get(username="press")
    assert list(press.groups.all()) == [stage.group]
    assert press.has_perm("foi_cases.view_case") and not press.has_perm("foi_cases.view_requester")
    assert not press.has_perm("foi_cases.change_case")
    assert "press      / demo-pass  (Press office: Fiona Marsh)" in output


def test_seed_demo_leaves_an_ncnd_letter_awaiting_the_supervisor():
    seed(cases=24, password="demo-pass")
    letter = demo_letters()["ncnd"]
    assert letter.status == "submitted" and letter.awaiting_stage is None
    assert [e.code for e in letter.exemptions.all()] == ["s24(2)", "s31(3)"]
    assert letter.case.subject == "Use of facial recognition technology"
    assert letter.created_by.username == "officer"
    assert [stage.name for stage in letter.case.clearance_stages.all()] == ["Press office"]
    supervisor = get_user_model().objects.get(username="supervisor")
    assert letter in approval_queue(supervisor)


def test_seed_demo_approves_a_full_disclosure_and_readies_its_case_to_send():
    seed(cases=24, password="demo-pass")
    letter = demo_letters()["full_disclosure"]
    assert letter.status == "approved"
    assert (letter.created_by.username, letter.approved_by.username) == ("officer", "supervisor")
    assert letter.case.status == "ready_to_send" and letter.case.outcome == "granted"
    assert all(item.answer for item in letter.items.all())


def test_seed_demo_drafts_an_s12_refusal_with_a_cost_estimate():
    seed(cases=24, password="demo-pass")
    letter = demo_letters()["s12"]
    assert letter.status == "draft"
    assert [line.activity for line in letter.cost_lines.all()] == ["locating", "retrieving", "extracting"]
    assert sum(line.hours for line in letter.cost_lines.all()) * 25 > letter.cost_limit


def test_seed_demo_returns_a_refusal_with_the_supervisors_comment():
    seed(cases=24, password="demo-pass")
    letter = demo_letters()["refusal"]
    assert letter.status == "returned"
    approval = letter.approvals.get()
    assert (approval.decision, approval.decided_by.username) == ("returned", "supervisor")
    assert "partial disclosure" in approval.comment


def test_seed_demo_letters_have_every_gap_filled_and_pass_their_checks():
    seed(cases=24, password="demo-pass")
    letters = demo_letters()
    assert set(letters) == {"ncnd", "full_disclosure", "s12", "refusal"}
    assert {kind: letter_check(letter) for kind, letter in letters.items()} == dict.fromkeys(letters, [])


def test_seed_demo_never_lets_the_drafter_decide_their_own_letter():
    seed(cases=24, password="demo-pass")
    for letter in demo_letters().values():
        contributors = {user.username for user in letter.contributors.all()}
        assert contributors == {"officer"}
        assert all(approval.decided_by.username not in contributors for approval in letter.approvals.all())


def test_seed_demo_run_twice_drafts_no_more_letters_or_stages():
    seed(cases=24, password="demo-pass")
    counts = (Letter.objects.count(), Approval.objects.count(), ClearanceStage.objects.count(), Group.objects.count())
    statuses = sorted(Letter.objects.values_list("kind", "status"))
    seed(cases=24)
    assert (
        Letter.objects.count(),
        Approval.objects.count(),
        ClearanceStage.objects.count(),
        Group.objects.count(),
    ) == counts
    assert sorted(Letter.objects.values_list("kind", "status")) == statuses


# --- import_bank_holidays ------------------------------------------------------------------


def test_import_bank_holidays_adds_a_day_the_installed_data_does_not_know(holidays_file):
    output = import_holidays(holidays_file)
    added = ExtraBankHoliday.objects.get()
    assert (added.date, added.nation, added.name) == (date(2027, 3, 10), "scotland", "Made-up Jubilee Holiday")
    assert "1 added, 2 already known" in output
    assert "Wednesday 10 March 2027" in output


def test_import_bank_holidays_twice_adds_nothing_the_second_time(holidays_file):
    import_holidays(holidays_file)
    output = import_holidays(holidays_file)
    assert ExtraBankHoliday.objects.count() == 1
    assert "0 added, 3 already known" in output


def test_import_bank_holidays_moves_an_open_foisa_case_due_date(
    holidays_file, officer, body, monkeypatch, eager_tasks, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "today", lambda: date(2027, 3, 1))
    case = make_case(actor=officer, body=body, regime="foisa", received_on=date(2027, 3, 1))
    assert case.due_on == date(2027, 3, 30)  # 20 Scottish working days, skipping Good Friday
    with django_capture_on_commit_callbacks(execute=True):
        import_holidays(holidays_file)
    case.refresh_from_db()
    assert case.due_on == date(2027, 3, 31)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        (json.dumps(["scotland"]), "not a gov.uk bank-holidays.json file"),
        (json.dumps({"wales": {"events": []}}), "not a gov.uk bank-holidays.json file"),
        (json.dumps({"scotland": {"events": "2027-03-10"}}), "should hold a list of events"),
        (json.dumps({"scotland": {"events": [{"title": "Oops", "date": "10/03/2027"}]}}), "Unreadable event"),
    ],
)
def test_import_bank_holidays_refuses_a_bad_file_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        import_holidays(path)
    assert not ExtraBankHoliday.objects.exists()
    assert not AuditEvent.objects.exists()


def test_import_bank_holidays_writes_nothing_when_a_later_event_is_unreadable(tmp_path):
    events = [{"title": "Fine", "date": MADE_UP_DAY}, {"title": "Broken", "date": "not a date"}]
    path = tmp_path / "half-bad.json"
    path.write_text(json.dumps({"scotland": {"events": events}}))
    with pytest.raises(CommandError):
        import_holidays(path)
    assert not ExtraBankHoliday.objects.exists()


def test_import_bank_holidays_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        import_holidays(tmp_path / "nowhere.json")
