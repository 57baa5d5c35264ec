"""Which network addresses the link checker may visit: public ones only.

A listing, or a server it redirects to, could point the weekly check at the runner's own services
(loopback), the cloud's metadata service (which hands out credentials), or a private network. So every
host is resolved first and refused if ANY of its addresses is not public; the connection is then made to
exactly the addresses that were vetted, so a second DNS answer cannot swap in another one.

Tests serve pages on 127.0.0.1: they name the networks they may reach in `allow`. Nothing does by default.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata services of the big clouds (AWS, GCP, Azure, Alibaba, ECS tasks): they hand out credentials.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16")
)
METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "metadata.goog"})
NAT64 = ipaddress.ip_network("64:ff9b::/96")
_DEFAULT_TIMEOUT: object = getattr(socket, "_GLOBAL_DEFAULT_TIMEOUT", None)  # "no timeout given" to http.client


class RefusedAddress(OSError):
    """A host the link checker will not visit; the message says why, in words."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def kind_of(address: IPAddress) -> str | None:
    """Why an address is not public ("a loopback address", ...), or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and kind_of(embedded) is not None:
            return f"{kind_of(embedded)} ({embedded}) written as IPv6"
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for test, kind in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_unspecified", "an unspecified address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(address, test):
            return kind
    if not address.is_global:
        return "not a public address"
    return None


class AddressGuard:
    def __init__(self, allow: Iterable[str] = ()) -> None:
        self.allowed = tuple(ipaddress.ip_network(network, strict=False) for network in allow)

    def refusal(self, address: IPAddress) -> str | None:
        if any(address.version == network.version and address in network for network in self.allowed):
            return None
        return kind_of(address)

    def vetted(self, host: str, port: int) -> list[tuple]:
        """getaddrinfo's answers for host, all of them public; RefusedAddress if any is not.

        socket.gaierror and UnicodeError (a name that cannot be looked up) pass through.
        """
        name = host.strip("[]").rstrip(".").lower()
        if name in METADATA_NAMES:
            raise RefusedAddress(f"{host} is a cloud metadata service")
        answers = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        for *_, sockaddr in answers:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])  # drop an IPv6 zone
            kind = self.refusal(address)
            if kind is not None:
                literal = name == str(address) or name == sockaddr[0]
                raise RefusedAddress(f"{host} is {kind}" if literal else f"{host} resolves to {address}, {kind}")
        return answers

    def create_connection(
        self,
        address: tuple[str, int],
        timeout: object = _DEFAULT_TIMEOUT,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        """socket.create_connection, to vetted addresses only (http.client calls this to connect)."""
        host, port = address
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in self.vetted(host, port):
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is None or isinstance(timeout, (int, float)):
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                error = exc
                sock.close()
        raise error or OSError(f"no address to connect to for {host}")
