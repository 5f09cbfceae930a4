"""The HTTPS listener for the real host names: a certificate made at start, each host's own pages."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest
from cryptography import x509

from sandbox.config import SandboxConfig
from sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxConfig(containers_per_account=5), https=True) as running:
        yield running


def test_certificate_names_the_emodal_hosts(server: SandboxServer) -> None:
    pem = ssl.get_server_certificate(("127.0.0.1", server.https_port))
    names = x509.load_pem_x509_certificate(pem.encode()).extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    assert "*.emodal.com" in names


def test_host_header_picks_the_site(server: SandboxServer) -> None:
    with httpx.Client(verify=False) as client:  # noqa: S501 - the sandbox's own self-signed certificate
        entry = client.get(f"https://127.0.0.1:{server.https_port}/login", headers={"Host": "ecp2.emodal.com"})
        wrong = client.get(f"https://127.0.0.1:{server.https_port}/containers", headers={"Host": "termops.emodal.com"})
    assert entry.status_code == 302
    assert entry.headers["location"].startswith("https://identity.emodal.com/connect/authorize?client_id=ecp2")
    assert wrong.status_code == 404


def test_plain_address_and_resolver_rules(server: SandboxServer) -> None:
    assert httpx.get(f"{server.url}/login").status_code == 302  # the single-address layout still answers
    assert server.host_resolver_rules == f"MAP *.emodal.com 127.0.0.1:{server.https_port}"
    assert SandboxServer().host_map == ""
