"""Who is asking, for the throttles: X-Forwarded-For is believed only from a trusted proxy, and an
IPv6 client is counted by its /64 (one household's or one server's allowance, however many
addresses it has)."""

import subprocess
import sys

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from config.network import client_address
from foi_cases.tests.factories import PASSWORD, make_case

STATUS_API = "/api/v1/status/"


def address(settings, *, behind_proxy=True, **meta) -> str:
    settings.BEHIND_TLS_PROXY = behind_proxy
    return client_address(RequestFactory().get("/", **meta))


# --- which peers may say who the client is --------------------------------------------------------


def test_a_proxy_on_a_unix_socket_is_trusted_so_clients_are_not_all_one(settings):
    """gunicorn on a unix socket gives no REMOTE_ADDR: the peer can only be on this machine."""
    meta = {"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert address(settings, **meta) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "client"), [("198.51.100.7:5123", "198.51.100.7"), ("[2001:db8::1]:5123", "2001:db8::/64")]
)
def test_a_forwarded_address_written_with_its_port_counts_as_the_address(settings, forwarded, client):
    assert address(settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded) == client


def test_a_forwarded_value_that_is_no_address_is_not_believed(settings):
    """Otherwise every made-up value would be a fresh allowance."""
    assert address(settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="anything-at-all") == "127.0.0.1"


def test_a_forwarded_for_header_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(settings):
    meta = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}
    assert address(settings, **meta) == "203.0.113.5"


@pytest.mark.parametrize("proxy", ["127.0.0.1", "::1", "10.1.2.3", "172.18.0.1", "192.168.1.20", "fd12:3456::1"])
def test_by_default_loopback_and_private_network_peers_are_trusted_proxies(settings, proxy):
    assert address(settings, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7") == "198.51.100.7"


@pytest.mark.parametrize("peer", ["198.51.100.9", "100.64.0.1", "172.32.0.1", "2001:db8::1"])
def test_by_default_public_peers_are_not_trusted_proxies(settings, peer):
    assert address(settings, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR="192.0.2.1") != "192.0.2.1"


def test_the_trusted_proxies_are_the_networks_in_the_setting(settings):
    settings.TRUSTED_PROXIES = ["198.51.100.0/24", "2001:db8:ffff::1"]
    forwarded = {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}
    assert address(settings, REMOTE_ADDR="198.51.100.9", **forwarded) == "192.0.2.1"
    assert address(settings, REMOTE_ADDR="2001:db8:ffff::1", **forwarded) == "192.0.2.1"
    assert address(settings, REMOTE_ADDR="172.18.0.2", **forwarded) == "172.18.0.2"


def test_without_the_proxy_setting_even_a_trusted_peers_header_is_ignored(settings):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert address(settings, behind_proxy=False, **meta) == "127.0.0.1"


def test_only_the_entry_the_proxy_appended_is_believed(settings):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 198.51.100.7"}
    assert address(settings, **meta) == "198.51.100.7"


def test_a_malformed_trusted_proxy_setting_stops_the_start():
    env = {"TRUSTED_PROXIES": "127.0.0.1,not-a-network", "PATH": "/usr/bin:/bin"}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "not-a-network" in result.stderr


# --- how an address is counted --------------------------------------------------------------------


def test_an_ipv6_client_is_counted_by_its_64_bit_prefix(settings):
    first = address(settings, behind_proxy=False, REMOTE_ADDR="2001:db8:1:2::5")
    second = address(settings, behind_proxy=False, REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:ffff")
    neighbour = address(settings, behind_proxy=False, REMOTE_ADDR="2001:db8:1:3::5")
    assert first == second == "2001:db8:1:2::/64"
    assert neighbour != first


def test_an_ipv6_client_behind_the_proxy_is_counted_by_its_64_bit_prefix(settings):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "2001:DB8:1:2::abcd"}
    assert address(settings, **meta) == "2001:db8:1:2::/64"


def test_an_ipv4_address_written_as_ipv6_is_counted_as_ipv4(settings):
    assert address(settings, behind_proxy=False, REMOTE_ADDR="::ffff:198.51.100.7") == "198.51.100.7"


def test_an_ipv4_client_is_counted_by_its_own_address(settings):
    assert address(settings, behind_proxy=False, REMOTE_ADDR="198.51.100.7") == "198.51.100.7"


# --- the throttles that use it ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_client_cannot_escape_the_status_lookup_throttle_by_sending_its_own_forwarded_for(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    api = APIClient()
    answers = [
        api.post(
            STATUS_API,
            {"reference": f"FOI2019/9{number:04d}", "email": f"x{number}@example.org"},
            format="json",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.{number}.1",
        ).status_code
        for number in range(4)
    ]
    assert answers == [404, 404, 404, 429]


@pytest.mark.django_db
def test_clients_behind_the_trusted_proxy_each_have_their_own_lookup_allowance(settings, officer, body):
    settings.BEHIND_TLS_PROXY = True
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 2
    requested = make_case(actor=officer, body=body, email="alex@example.org")
    api = APIClient()

    def ask(reference, email, client):
        payload = {"reference": reference, "email": email}
        return api.post(STATUS_API, payload, format="json", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client)

    for number in range(2):
        ask(f"FOI2019/9999{number}", f"x{number}@example.org", "198.51.100.66")
    assert ask(requested.reference, "alex@example.org", "198.51.100.66").status_code == 429
    assert ask(requested.reference, "alex@example.org", "198.51.100.77").status_code == 200


@pytest.mark.django_db
def test_the_addresses_of_one_ipv6_prefix_share_one_lookup_allowance(settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    api = APIClient()
    answers = [
        api.post(
            STATUS_API,
            {"reference": f"FOI2019/8{number:04d}", "email": f"x{number}@example.org"},
            format="json",
            REMOTE_ADDR=f"2001:db8:1:2::{number:x}",
        ).status_code
        for number in range(4)
    ]
    assert answers == [404, 404, 404, 429]


def test_the_addresses_of_one_ipv6_prefix_share_one_sign_in_allowance(client, officer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for number in range(3):
        client.post("/accounts/login/", {"username": "officer", "password": "wrong"}, REMOTE_ADDR=f"2001:db8::{number}")
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="2001:db8::99"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_api_throttles_believe_a_forwarded_for_header_only_from_a_trusted_proxy(settings, monkeypatch):
    settings.BEHIND_TLS_PROXY = True
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"deadline": "2/minute", "auth": "10/minute"})
    api = APIClient()
    query = {"regime": "foia", "received": "2019-12-12"}

    def calculate(peer, client):
        return api.get("/api/v1/deadline/", query, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=client).status_code

    direct = [calculate("203.0.113.5", f"10.0.0.{number}") for number in range(3)]
    proxied = [calculate("127.0.0.1", client) for client in ("198.51.100.1", "198.51.100.2", "198.51.100.3")]
    assert direct == [200, 200, 429]
    assert proxied == [200, 200, 200]
