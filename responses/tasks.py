"""Background work for letters. Thin: each task takes ids and calls one service (responses.issuing)."""

from celery import shared_task

from responses import issuing


@shared_task(bind=True, acks_late=True, max_retries=issuing.MAX_ATTEMPTS - 1)
def render_letter_pdf(self, letter_id: int) -> str:
    """Render, sign and store an approved letter's PDF. Safe to run twice: the second run finds it
    ready (or being rendered) and does nothing."""
    try:
        pdf = issuing.letter_render_pdf(letter_id=letter_id)
    except issuing.RenderFailed as failure:
        if self.request.is_eager:  # in-process (make run): no worker to retry later; the page offers "Try again"
            raise
        # 30 s, 1 min, 2 min, 4 min, 8 min: long enough for a certificate or storage to be fixed.
        raise self.retry(exc=failure, countdown=30 * 2**self.request.retries) from failure
    return pdf.sha256 if pdf else ""


@shared_task(acks_late=True)
def sweep_letter_pdfs() -> int:
    """Periodic: enqueue PDFs that should be rendering but are not (the broker was down, a worker died)."""
    return issuing.letter_pdfs_sweep()
