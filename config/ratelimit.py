"""Counters for throttles (sign-in, the letter check, the requester portal), in the cache.

Fixed windows: each window of a counter is a cache key of its own, so a counter that lost its
expiry (Redis's incr on a key expiring that very instant makes one afresh, without one) still stops
counting when its window ends, and nothing can be locked out for good.
"""

import time

from django.core.cache import cache


def _bucket(key: str, window: int) -> str:
    return f"{key}:{int(time.time() // window)}"


def count(key: str, window: int) -> int:
    """Count one more event in the current window of `window` seconds; returns the count."""
    key = _bucket(key, window)
    # Kept a little past the window's end (a counter is read only during its own window).
    if cache.add(key, 1, window + 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add() and incr()
        cache.add(key, 1, window + 60)
        return 1


def uncount(key: str, window: int) -> None:
    """Take back one event counted in the current window (nothing, if the window has ended)."""
    try:
        cache.decr(_bucket(key, window))
    except ValueError:
        pass


def current(key: str, window: int) -> int:
    return cache.get(_bucket(key, window)) or 0


def clear(key: str, window: int) -> None:
    cache.delete(_bucket(key, window))
