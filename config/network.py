"""Who is asking: the client's address, for throttles.

Behind the TLS proxy (BEHIND_TLS_PROXY=1) every request arrives from the proxy's address, so a
throttle keyed on REMOTE_ADDR would make all of the public share one allowance. The client's
address is then the last one in X-Forwarded-For: the one our proxy appended. Earlier entries are
whatever the client chose to send, so they are never trusted; without a proxy the header is ignored.
"""

from django.conf import settings


def client_address(request) -> str:
    if settings.BEHIND_TLS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
