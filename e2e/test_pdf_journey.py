"""A response letter from approval to the requester in a real browser: the supervisor approves an NCND
letter, its signed PDF appears on the letter page (live, as a worker finishes it), is downloaded and
checks out as the unit's genuine letter, and the officer records it as posted, so the case is responded.

Set E2E_SHOTS to a directory to keep screenshots of the letter page's PDF panel for review.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from e2e.pages import facial_recognition_case, fill_gaps, log_out, nav, shot
from foi_cases.tests.factories import PASSWORD
from responses import services, signing
from responses.tasks import render_letter_pdf
from responses.tests.conftest import complete
from responses.tests.documents import flat, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

# A worker picks a task up within seconds; the page asks again after 1 s, then less and less often.
WORKER_TIMEOUT_MS = 15_000


@pytest.fixture
def case(officer, body):
    """The request to answer (the root conftest gives every test a signing certificate and its own store)."""
    return facial_recognition_case(officer, body)


@pytest.fixture
def worker_not_started(monkeypatch):
    """Approval hands the PDF to the broker, and nothing renders it until the test, playing the
    worker, takes the task. Returns the letter ids waiting, in the order they were enqueued."""
    waiting = []
    monkeypatch.setattr(render_letter_pdf, "delay", lambda letter_id: waiting.append(letter_id))
    return waiting


def elsewhere(work, *args, **kwargs):
    """Run `work` in a thread of its own, as a worker would."""

    def run():
        try:
            return work(*args, **kwargs)
        finally:
            connection.close()  # the thread's own connection, or the test database cannot be dropped

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def pdf_panel(page):
    return page.get_by_role("region", name="Signed PDF")


def download_link(page):
    return pdf_panel(page).get_by_role("link", name="Download the signed PDF")


def draft_and_submit_ncnd_letter(page, case):
    """The officer drafts an NCND letter under s24(2) and s31(3), fills its gaps and submits it."""
    page.goto(f"/cases/{case.pk}/")
    letters = page.get_by_role("region", name="Letters")
    letters.get_by_role("radio", name="Neither confirm nor deny").check()
    letters.get_by_label("s24(2) National security (NCND)").check()
    letters.get_by_label("s31(3) Law enforcement (NCND)").check()
    letters.get_by_role("button", name="Start the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the neither confirm nor deny letter")
    fill_gaps(page)
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name="Complete: ready to submit for approval")).to_be_visible()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".letter-facts")).to_contain_text("Awaiting approval")


def approve_from_the_queue(page, case):
    nav(page, "Approvals")
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{case.reference} is now: Approved, ready to send.")


def test_an_approved_letter_is_signed_downloaded_and_recorded_as_posted(login, case, officer, supervisor, tmp_path):
    page = login("officer", PASSWORD)
    draft_and_submit_ncnd_letter(page, case)
    log_out(page)

    # The supervisor approves; with tasks run in-process (as in `make run`) the PDF is ready at once.
    page = login("supervisor", PASSWORD)
    approve_from_the_queue(page, case)
    expect(pdf_panel(page)).to_contain_text("Ready: signed with the unit's certificate.")
    shot(page, "letter-pdf-ready")

    with page.expect_download() as started:
        download_link(page).click()
    download = started.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert download.suggested_filename.endswith(".pdf")
    assert data.startswith(b"%PDF-")
    assert case.reference in flat(pdf_text(data))
    # In the test's thread, where Playwright keeps an event loop running: pdf_verify copes with that.
    check = signing.pdf_verify(data)
    assert check.genuine, check.problem
    log_out(page)

    # The officer posts it and records that; the case is responded.
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("region", name="Letters").get_by_role("link", name="Neither confirm nor deny").click()
    pdf_panel(page).get_by_role("button", name="Record as posted").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(rf"Recorded as posted on .*{case.reference} is now responded")
    )
    expect(pdf_panel(page)).to_contain_text("Posted on")
    shot(page, "letter-pdf-posted")
    page.get_by_role("link", name=case.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.reference)
    expect(page.locator(".status-badge").first).to_have_text("Responded")


def test_the_pdf_panel_shows_the_worker_finishing_without_a_reload(
    login, case, officer, supervisor, worker_not_started
):
    draft = services.letter_create(case=case, actor=officer, kind="ncnd", codes=("s24(2)", "s31(3)"))
    letter = services.letter_submit(letter=complete(draft, officer), actor=officer)
    page = login("supervisor", PASSWORD)
    page.goto(reverse("responses:letter_detail", args=[letter.pk]))
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(pdf_panel(page)).to_contain_text("Queued: the signed PDF will be made shortly.")
    assert worker_not_started == [letter.pk]
    shot(page, "letter-pdf-queued")

    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    elsewhere(lambda: render_letter_pdf.apply(args=[worker_not_started.pop()]).get())  # the worker takes the task

    expect(download_link(page)).to_be_visible(timeout=WORKER_TIMEOUT_MS)
    expect(pdf_panel(page)).to_contain_text("Ready: signed with the unit's certificate.")
    assert navigations == []
