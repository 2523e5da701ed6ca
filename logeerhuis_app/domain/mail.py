"""Rules for sending mail: recipient lists, the connection's security and the size limit."""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime

from .validation import InvalidValue, normalize_email

# The connection's security: (stored value, Dutch label, usual port).
STARTTLS, SSL, PLAIN = "starttls", "ssl", "geen"
SECURITY = {
    STARTTLS: ("STARTTLS (meestal poort 587)", 587),
    SSL: ("SSL/TLS (meestal poort 465)", 465),
    PLAIN: ("Geen versleuteling (alleen zonder wachtwoord)", 25),
}

# A message larger than this is refused before connecting: most mail providers take 20 to
# 25 MB including the base64 overhead, and a receiver's mailbox often less.
MAX_MESSAGE_BYTES = 20 * 1024 * 1024
MAX_RECIPIENTS = 20

# A recipient is a bare address; these would make it a display name or a second address.
_NOT_IN_ADDRESS = re.compile(r"[<>\"(),;:\[\]\\]")
_SEPARATORS = re.compile(r"[,;\s]+")


def parse_recipients(text: str) -> tuple[str, ...]:
    """The addresses in `text` (separated by commas, semicolons or spaces), each checked,
    doubles left out; InvalidValue (Dutch) for an empty list or a wrong address."""
    found: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        if not part:
            continue
        if _NOT_IN_ADDRESS.search(part):
            raise InvalidValue(f"{part} is geen geldig e-mailadres.")
        try:
            address = normalize_email(part)
        except InvalidValue:
            raise InvalidValue(
                f"{part} is geen geldig e-mailadres (zoals naam@voorbeeld.nl)."
            ) from None
        if address.lower() not in (a.lower() for a in found):
            found.append(address)
    if not found:
        raise InvalidValue("Vul minstens één e-mailadres in.")
    if len(found) > MAX_RECIPIENTS:
        raise InvalidValue(f"Verstuur aan ten hoogste {MAX_RECIPIENTS} adressen tegelijk.")
    return tuple(found)


def join_recipients(addresses: tuple[str, ...] | list[str]) -> str:
    return ", ".join(addresses)


def is_loopback(host: str) -> bool:
    """This computer itself: a password sent there never crosses a network."""
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_login_refused(security: str, user: str, host: str) -> bool:
    """A password is never sent unencrypted over a network (decision 0042)."""
    return security == PLAIN and bool(user.strip()) and not is_loopback(host)


def format_size(size: int) -> str:
    """Bytes as a Dutch size: "850 kB", "12,4 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def too_large(size: int, limit: int) -> str:
    return (
        f"Het bericht met bijlage is te groot om te versturen ({format_size(size)}; de grens "
        f"is {format_size(limit)}). Zet het bestand op een USB-stick of verstuur het via een "
        "beveiligde dienst voor grote bestanden."
    )


def eml_name(moment: datetime, what: str) -> str:
    """The file name of the kept copy: when it was sent and what, without names or BSNs."""
    slug = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")[:60] or "bericht"
    return f"{moment.strftime('%Y-%m-%d_%H%M%S')}_{slug}.eml"
