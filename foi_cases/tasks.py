from celery import shared_task

from foi_cases.services import open_cases_refresh_deadlines


@shared_task(autoretry_for=(Exception,), retry_backoff=30, max_retries=5)
def refresh_open_case_deadlines() -> int:
    """Recompute open cases' due dates, e.g. after a bank holiday is proclaimed. Safe to run twice."""
    return open_cases_refresh_deadlines()
