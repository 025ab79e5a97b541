"""Who is asking: the client's address, for throttles.

Behind the TLS proxy (BEHIND_TLS_PROXY=1) every request arrives from the proxy's address, so a
throttle keyed on REMOTE_ADDR would make all of the public share one allowance. The client's
address is then the last one in X-Forwarded-For: the one our proxy appended. Earlier entries are
whatever the client chose to send, so they are never trusted. And the header is believed only on a
request that came from one of TRUSTED_PROXIES: a client that reaches the app directly could send
any header it liked, and so have a fresh allowance on every request. Without a proxy it is ignored.

An IPv6 client is counted by its /64, the prefix one household or one server is given: counted
address by address, one client would have billions of allowances.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

IPV6_PREFIX_BITS = 64

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request) -> str:
    """Who the throttles count a request as: the client's IPv4 address, or its IPv6 /64."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_TLS_PROXY and (not remote or _is_trusted_proxy(remote)):
        # No REMOTE_ADDR: the proxy talks to gunicorn over a unix socket, so it is on this machine.
        forwarded = _without_port(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip())
        if _parse(forwarded) is not None:
            return rate_limit_key(forwarded)
    return rate_limit_key(remote)


def _without_port(address: str) -> str:
    """'203.0.113.7:5123' and '[2001:db8::1]:5123', as some proxies write them, without the port."""
    if address.startswith("[") and "]" in address:
        return address[1 : address.index("]")]
    if address.count(":") == 1:
        return address.split(":")[0]
    return address


def rate_limit_key(address: str) -> str:
    parsed = _parse(address)
    if parsed is None:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network((parsed, IPV6_PREFIX_BITS), strict=False))
    return str(parsed)


def _parse(address: str) -> IPAddress | None:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    # An IPv4 client seen through a dual-stack socket (::ffff:198.51.100.7) is that IPv4 client.
    return getattr(parsed, "ipv4_mapped", None) or parsed


def _is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    # Validated at start-up (config/settings.py); parsed once per distinct setting.
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
