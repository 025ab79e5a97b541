"""Reading the PDFs the tests make: their text, as poppler's pdftotext gives it."""

import subprocess


def pdf_text(data: bytes) -> str:
    """The text laid out as on the page (pdftotext -layout)."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def flat(text: str) -> str:
    """Text with its line breaks and layout spacing folded, so a phrase wrapped across lines still matches."""
    return " ".join(text.split())
