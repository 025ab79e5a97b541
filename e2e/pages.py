"""Steps several browser journeys share: moving around, logging a request, drafting letters."""

import os
import re
from pathlib import Path

from foi_cases import services
from foi_cases.tests.factories import make_case

# Set E2E_SHOTS to a directory to keep screenshots of the journeys' pages for review.
SHOTS = os.environ.get("E2E_SHOTS")

NEW_REQUEST = {
    "Regime": "foia",
    "Received by": "email",
    "Name": "Alex Requester",
    "Email address": "alex@example.org",
}


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def fill_new_request(page, *, received: str, subject: str, text: str):
    """Fill the New request form as an officer would (the caller submits it)."""
    page.get_by_label("Regime").select_option(NEW_REQUEST["Regime"])
    page.get_by_label("Date received").fill(received)
    page.get_by_label("Received by").select_option(NEW_REQUEST["Received by"])
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Request text").fill(text)
    page.get_by_label("Name").fill(NEW_REQUEST["Name"])
    page.get_by_label("Email address").fill(NEW_REQUEST["Email address"])


def log_out(page):
    """The nav's Log out button (a POST form), landing on the login page."""
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def fill_gaps(page, words: str = "as the officer explains here"):
    """Replace every [[gap]] left in the edit page's text boxes, as an officer would by typing."""
    boxes = page.locator("textarea")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        text = box.input_value()
        if "[[" in text:
            box.fill(re.sub(r"\[\[.*?\]\]", words, text, flags=re.DOTALL))


def force_post(page, url: str):
    """Submit a POST the page does not offer (with the page's CSRF token), as a tampering user could."""
    with page.expect_navigation():
        page.evaluate(
            """(url) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = url;
                form.appendChild(document.querySelector("input[name=csrfmiddlewaretoken]").cloneNode());
                document.body.appendChild(form);
                form.submit();
            }""",
            url,
        )


def shot(page, name: str):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def facial_recognition_case(officer, body):
    """The letter journeys' request: two questions to a police force, in a unit with a letterhead."""
    unit = services.unit_get()
    unit.name, unit.email, unit.phone = "Information Rights", "foi@unit.example", "01234 842547"
    unit.address = "Police Headquarters\nWoburn Road, Kempston\nBedford MK43 9AX"
    unit.save()
    return make_case(
        actor=officer,
        body=body,
        assigned_to=officer,
        subject="Facial recognition",
        request_text="1. When did your force introduce facial recognition technology?\n"
        "2. How much was invested in it over the last five years?",
    )
