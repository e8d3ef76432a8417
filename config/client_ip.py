"""The visitor's IP address, one way for every feature that limits by address (comment floods, login throttling,
password resets), and the network it belongs to."""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger("quire.proxy")
warned_about_proxy = False


def client_ip(request):
    """REMOTE_ADDR, or the entry TRUSTED_PROXY_COUNT proxies back in X-Forwarded-For."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops == 0 and "HTTP_X_FORWARDED_FOR" in request.META and comes_from_a_proxy(request):
        warn_about_proxy()
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def comes_from_a_proxy(request):
    """A connection from this machine or a private network: where a reverse proxy would be. (Anyone can send
    X-Forwarded-For straight to the site; that alone says nothing.)"""
    ip = parse_address(request.META.get("REMOTE_ADDR"))
    return ip is not None and (ip.is_loopback or ip.is_private)


def warn_about_proxy():
    """Once per process: behind a proxy with TRUSTED_PROXY_COUNT=0, every visitor has the proxy's address, so
    comment flood limits, login throttling and password-reset limits treat them all as one visitor."""
    global warned_about_proxy
    if not warned_about_proxy:
        warned_about_proxy = True
        logger.warning(
            "Requests carry X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: every visitor counts as the proxy's "
            "address for comment, login and password-reset limits. Set TRUSTED_PROXY_COUNT to the number of "
            "proxies in front of the site that append to X-Forwarded-For (keep 0 if nothing is in front: then "
            "the header is the client's own and must not be believed). docs/DEPLOYMENT.md."
        )


def parse_address(text):
    """An IP address as proxies write it (with a port, in brackets, IPv4 mapped into IPv6), or None."""
    text = (text or "").strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]  # IPv4 with a port
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    return ip.ipv4_mapped if ip.version == 6 and ip.ipv4_mapped else ip


def truncate_ip(address):
    """The network an address belongs to: IPv4 to its /24, IPv6 to its /48. None if unparsable."""
    ip = parse_address(address)
    if ip is None:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
