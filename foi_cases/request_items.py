"""Split a request into the requester's own numbered questions.

Letters quote each question and answer it in turn, so the items must follow the requester's
numbering. Lines that start with "1.", "1)", "(1)", "a)", "(a)", "Q1", "-", "*" or a bullet
begin a new item; the lines after them continue it, up to a blank line. Text before the first marker (an
introduction such as "Please provide the following:") is not an item. A request with no markers
is a single item.
"""

import re

_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.):]|\(?[a-zA-Z][.)]|\(\d{1,3}\)|Q\d{1,3}[.):]?|[-*\u2022\u2013])\s+")


def split_request_items(text: str) -> list[str]:
    items: list[list[str]] = []
    closed = True  # text is only added to an item until a blank line closes it
    for line in text.replace("\r\n", "\n").split("\n"):
        marker = _MARKER.match(line)
        if marker:
            items.append([line[marker.end() :].strip()])
            closed = False
        elif not line.strip():
            # Text after a blank line ("Kind regards, Alex") is not part of the question: quoting it
            # would put the requester's name into letters. A later numbered line starts a new item.
            closed = True
        elif not closed:
            items[-1].append(line.strip())
    found = [" ".join(parts) for parts in items if any(parts)]
    if found:
        return found
    return [text.strip()] if text.strip() else []
