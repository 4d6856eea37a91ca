"""How a URL is read: one strict parse whose host is the host that gets connected to.

Anything two URL parsers could read differently is refused instead of guessed at:
control characters and spaces, backslashes or ``@`` in the authority, percent-encoded
hosts, and IPv4 literals in any form but four-part decimal (octal, hex, short and
integer forms are refused, as WHATWG and inet_aton would read them differently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address

from clawkeep.decision import Deny

__all__ = ["ParsedUrl", "address_of", "canonical_url", "parse_url"]

_MAX_URL = 8192
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_ALLOWED_SCHEMES = {"http": 80, "https": 443}
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f]")
_AUTHORITY_END = re.compile(r"[/?#]")
_PORT = re.compile(r"[0-9]{1,5}")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_DOTTED_QUAD = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9a-fA-F]*")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


@dataclass(frozen=True, slots=True)
class ParsedUrl:
    """A URL reduced to what is connected to: canonical ASCII host, or its IP."""

    scheme: str
    host: str
    ip: IPv4Address | IPv6Address | None
    port: int
    target: str  # path and query, never the fragment

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def parse_url(url: str) -> ParsedUrl | Deny:
    """Parse ``url`` strictly; a Deny says which rule the text broke."""
    if len(url) > _MAX_URL:
        return Deny("network_guard.url_syntax", f"URL longer than {_MAX_URL} characters")
    if _BAD_CHARS.search(url):  # parsers strip or split on these differently
        return Deny("network_guard.url_syntax", "URL contains a control character or space")
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in _ALLOWED_SCHEMES:  # gopher:, file:, ftp: ... reach other protocols
        return Deny("network_guard.scheme", f"scheme {scheme or '(none)'!r} is not http or https")
    rest = url[len(scheme) + 1 :]
    if not rest.startswith("//"):
        return Deny("network_guard.url_syntax", "URL must be scheme://host/...")
    rest = rest[2:]
    end = _AUTHORITY_END.search(rest)
    authority, tail = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    if "\\" in authority:  # WHATWG reads '\' as '/', other parsers do not
        return Deny("network_guard.url_syntax", "backslash in the URL authority")
    if "@" in authority:  # user@host tricks readers about the real host
        return Deny("network_guard.userinfo", "credentials or '@' in the URL authority")
    split = _split_host_port(authority, _ALLOWED_SCHEMES[scheme])
    if isinstance(split, Deny):
        return split
    host_text, port = split
    host = _parse_host(host_text)
    if isinstance(host, Deny):
        return host
    name, ip = host
    target = tail.split("#", 1)[0]
    if not target.startswith("/"):
        target = "/" + target
    return ParsedUrl(scheme, name, ip, port, target)


def _split_host_port(authority: str, default: int) -> tuple[str, int] | Deny:
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            return Deny("network_guard.host_syntax", "unclosed '[' in the host")
        host, after = authority[: close + 1], authority[close + 1 :]
        if after and not after.startswith(":"):
            return Deny("network_guard.host_syntax", "text after the IPv6 literal")
        port_text = after[1:] if after else ""
    else:
        host, _, port_text = authority.partition(":")
        if ":" in port_text:
            return Deny("network_guard.host_syntax", "more than one ':' in the authority")
    if not port_text:
        return host, default
    if not _PORT.fullmatch(port_text) or not 0 < int(port_text) < 65536:
        return Deny("network_guard.port", f"port {port_text!r} is not a number from 1 to 65535")
    return host, int(port_text)


def _parse_host(text: str) -> tuple[str, IPv4Address | IPv6Address | None] | Deny:
    if not text:
        return Deny("network_guard.host_syntax", "empty host")
    if "%" in text:  # percent-encoded hosts and zone ids decode differently per parser
        return Deny("network_guard.host_syntax", "percent sign in the host")
    if text.startswith("["):
        try:
            ip6 = IPv6Address(text[1:-1])
        except ValueError:
            return Deny("network_guard.ip_literal_form", f"{text} is not a valid IPv6 literal")
        return f"[{ip6.compressed}]", ip6
    name = _ascii_name(text)
    if isinstance(name, Deny):
        return name
    labels = name.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):  # WHATWG: a host ending in a number is IPv4
        if not _DOTTED_QUAD.fullmatch(name):  # octal, hex, short, integer forms
            return Deny(
                "network_guard.ip_literal_form", f"{text!r} is not a four-part decimal IPv4"
            )
        return name, IPv4Address(name)
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return Deny("network_guard.host_syntax", f"{text!r} is not a valid host name")
    return name, None


def _ascii_name(text: str) -> str | Deny:
    if not text.isascii():
        try:  # IDNA with NFKC: fullwidth digits and dots become ASCII before any check
            text = text.encode("idna").decode("ascii")
        except UnicodeError:
            return Deny("network_guard.host_syntax", "host name is not valid IDNA")
    name = text.lower()
    if name.endswith("."):
        name = name[:-1]  # one root dot is the same host
    if not name:
        return Deny("network_guard.host_syntax", "empty host")
    return name


def canonical_url(parsed: ParsedUrl) -> str:
    """The URL rebuilt from the checked parts (no userinfo, no fragment)."""
    default = _ALLOWED_SCHEMES[parsed.scheme]
    port = "" if parsed.port == default else f":{parsed.port}"
    return f"{parsed.scheme}://{parsed.host}{port}{parsed.target}"


def address_of(text: str) -> IPv4Address | IPv6Address | None:
    """A resolver answer as an address; None when it is not one (fail closed)."""
    try:
        return ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
