"""DRF's throttles, counting clients as the rest of the site does (config.network.client_address):
X-Forwarded-For believed only from a trusted proxy, IPv6 clients by their /64. DRF's own rule
(NUM_PROXIES) would believe the header from whoever sent it."""

from rest_framework import throttling

from config.network import client_address


class ScopedRateThrottle(throttling.ScopedRateThrottle):
    def get_ident(self, request) -> str:
        return client_address(request)
