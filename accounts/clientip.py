"""The reader's or staff member's address, as seen through the proxies we run, as login
failures are counted under it.

Behind nginx and Varnish, REMOTE_ADDR is the last proxy's address, and each proxy appends the
address it got the request from to X-Forwarded-For. Only the entries our own proxies added can
be trusted: a client may send any X-Forwarded-For it likes. So the client is the address
TRUSTED_PROXIES places from the right of "X-Forwarded-For entries + REMOTE_ADDR".
Login lockouts (django-axes) count failures by this address.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXIES
    if not hops:
        return _counted(remote, fallback=remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in forwarded if part] + ([remote] if remote else [])
    if not chain:
        return None
    return _counted(chain[max(len(chain) - 1 - hops, 0)], fallback=remote)


def _counted(candidate, fallback=None):
    """The address failures are counted under: an IPv6 address by its /64, the block one host
    is usually given (it could otherwise take a fresh address for every five guesses)."""
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        # Not an address (a proxy misconfigured or a client's junk): count it under the proxy.
        return fallback
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    # The /64's first address: still an address, as the attempts' table stores.
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
