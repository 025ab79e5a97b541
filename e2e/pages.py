"""Steps several browser journeys share: moving around and logging a request."""

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
