"""Is this one of our letters? The answer given to anyone who holds a copy, on the public page and
by `manage.py verify_letter`.

The signature says whether the unit signed the file and nothing changed since; the register says
which letter it is. Only what the letter itself prints publicly is told: its reference(s), date,
kind, and the bodies it answers for. Never who asked.
"""

import hashlib
import multiprocessing
import os
import resource
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from foi_cases.deadlines import ordinal_date
from foi_cases.services import unit_get
from responses.models import Letter, LetterPdf
from responses.services import joined
from responses.signing import SignatureCheck, pdf_verify

TOO_COMPLEX = (
    "The file could not be checked: it is far more complex than any letter of this unit. Upload the PDF "
    "exactly as you received it."
)
# The references as the file's own metadata gives them, when the register has no copy: room for
# many joint references (only a file the unit signed gets this far).
PRINTED_REFERENCES_MAX_CHARS = 300


@dataclass(frozen=True)
class LetterVerification:
    genuine: bool
    in_register: bool  # byte for byte the PDF the register stores for an approved letter
    signature: SignatureCheck
    unit: str = ""
    references: str = ""
    date_text: str = ""  # the letter's date ("26th November 2026"), from the register
    kind: str = ""
    bodies: tuple[str, ...] = field(default_factory=tuple)
    signed_on_text: str = ""  # the day the signature claims, when the register has no copy
    replaced: bool = False  # a version superseded before it was ever sent

    @property
    def bodies_text(self) -> str:
        return joined(list(self.bodies)) if self.bodies else ""

    @property
    def problem(self) -> str:
        return "" if self.genuine else self.signature.problem

    @property
    def summary(self) -> str:
        """One plain sentence, as the command prints it."""
        if not self.genuine:
            return f"NOT genuine: {self.problem}"
        if self.in_register:
            return f"Genuine: an unaltered letter of {self.unit}, reference {self.references}, dated {self.date_text}."
        reference = f", reference {self.references}" if self.references else ""
        return (
            f"Genuine: signed by {self.unit} and unaltered{reference}, signed on {self.signed_on_text}; "
            "but this letter is not in the register here."
        )


def letter_verify(*, data: bytes) -> LetterVerification:
    check, (references, kind) = _inspect_bounded(data)
    stored = (
        LetterPdf.objects.filter(state=LetterPdf.State.READY, sha256=hashlib.sha256(data).hexdigest())
        .select_related("letter__case__body")
        .first()
    )
    if stored is not None:
        # A file identical to the one the register stores is the unit's letter even when its
        # signature cannot be confirmed here (say, a certificate of an earlier year was not listed
        # in SIGNING_TRUSTED_CERTS after the key was replaced).
        return _registered(stored.letter, check)
    if check.genuine:
        return LetterVerification(
            genuine=True,
            in_register=False,
            signature=check,
            unit=unit_get().name,
            references=references,
            kind=kind,
            signed_on_text=ordinal_date(timezone.localdate(check.signed_at)) if check.signed_at else "",
        )
    return LetterVerification(genuine=False, in_register=False, signature=check)


# --- parsing a stranger's file, within limits ---------------------------------------------------


def _inspect(data: bytes) -> tuple[SignatureCheck, tuple[str, str]]:
    check = pdf_verify(data)
    return check, _printed_details(data) if check.genuine else ("", "")


def _inspect_bounded(data: bytes) -> tuple[SignatureCheck, tuple[str, str]]:
    """_inspect in a child process with a CPU, memory and time limit. pyHanko can be made to work
    for minutes on a small crafted file (it rereads an object stream for every object it looks up),
    and anyone may upload one: without a bound, a few uploads would hold every web worker."""
    context = multiprocessing.get_context("fork")  # a copy of this process: nothing to import again
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_inspect_in_child, args=(data, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(settings.VERIFY_TIME_LIMIT_SECONDS + 1):
            return receiver.recv()
    except (EOFError, OSError):  # the child was stopped by its limits before it answered
        pass
    finally:
        receiver.close()
        child.kill()
        child.join(timeout=5)
    return SignatureCheck(genuine=False, problem=TOO_COMPLEX), ("", "")


def _inspect_in_child(data: bytes, sender) -> None:
    seconds = settings.VERIFY_TIME_LIMIT_SECONDS
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    # Room to parse a letter-sized file on top of what this copy of the parent already occupies.
    in_use = os.sysconf("SC_PAGE_SIZE") * int(Path("/proc/self/statm").read_text().split()[0])
    headroom = settings.VERIFY_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (in_use + headroom, in_use + headroom))
    try:
        sender.send(_inspect(data))
    finally:
        sender.close()


def _registered(letter, check: SignatureCheck) -> LetterVerification:
    head = letter.letterhead or {}
    return LetterVerification(
        genuine=True,
        in_register=True,
        signature=check,
        unit=head.get("name") or unit_get().name,
        references=letter.references,
        date_text=ordinal_date(letter.letter_date) if letter.letter_date else "",
        kind=letter.get_kind_display(),
        bodies=tuple(head.get("bodies") or [letter.case.body.name]),
        replaced=letter.status == Letter.Status.SUPERSEDED and not letter.dispatches.exists(),
    )


def _printed_details(data: bytes) -> tuple[str, str]:
    """The references and the kind of letter, as the renderer wrote them into the document
    information's Keywords ("FOI2026/00012, FOI2026/00013, Refusal"). Read only from a genuinely
    signed file, so the text is the unit's own."""
    try:
        info = PdfFileReader(BytesIO(data)).trailer_view["/Info"].get_object()
        keywords = [word.strip() for word in str(info.get("/Keywords") or "").split(",") if word.strip()]
    except Exception:
        # The signature is already checked; the metadata is a nicety, never a reason to fail.
        return "", ""
    kinds = set(Letter.Kind.labels)
    references = " & ".join(word for word in keywords if word not in kinds)
    kind = next((word for word in keywords if word in kinds), "")
    return references[:PRINTED_REFERENCES_MAX_CHARS], kind
