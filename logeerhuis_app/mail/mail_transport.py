"""Talking to the SMTP server: STARTTLS or SSL, a time limit, and every failure in Dutch.

Nothing here touches the database, so a window can run `deliver` in a worker thread.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable

from ..domain.mail import MAX_MESSAGE_BYTES, PLAIN, SSL, STARTTLS, too_large
from ..domain.redaction import scrub
from ..services.errors import ServiceError
from .mail_settings import MailSettings

TIMEOUT_SECONDS = 30.0
STEPS = 4  # connect, sign in, send, done: for a progress bar

Progress = Callable[[int, str], None]


class MailError(ServiceError):
    """Sending failed; the message says why in Dutch and what to do."""


def deliver(
    settings: MailSettings,
    password: str | None,
    sender: str,
    recipients: tuple[str, ...],
    data: bytes,
    *,
    progress: Progress | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> tuple[str, ...]:
    """Send the message bytes to the recipients; MailError (Dutch) on any failure. Returns
    the recipients the server refused while it took the others (usually none)."""
    step = progress or (lambda _n, _text: None)
    if len(data) > MAX_MESSAGE_BYTES:
        raise MailError(too_large(len(data), MAX_MESSAGE_BYTES))
    try:
        step(0, f"Verbinden met {settings.host}…")
        with _connect(settings, timeout) as smtp:
            smtp.ehlo()
            if settings.security == STARTTLS:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            limit = _server_limit(smtp)
            if limit and len(data) > limit:
                raise MailError(too_large(len(data), limit))
            if settings.user:
                if not password:
                    raise MailError("Vul het wachtwoord van de e-mailserver in.")
                step(1, "Aanmelden…")
                smtp.login(settings.user, password)
            step(2, "Versturen…")
            refused = smtp.sendmail(sender, list(recipients), data)
        step(3, "Verstuurd.")
        return tuple(sorted(refused))
    except MailError:
        raise
    except Exception as exc:  # every failure becomes a Dutch message
        raise MailError(explain(exc, settings)) from None


def _connect(settings: MailSettings, timeout: float) -> smtplib.SMTP:
    if settings.security == SSL:
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    return smtplib.SMTP(settings.host, settings.port, timeout=timeout)


def _server_limit(smtp: smtplib.SMTP) -> int:
    """The server's SIZE (RFC 1870), 0 when it gives none or no number."""
    if not smtp.has_extn("size"):
        return 0
    value = smtp.esmtp_features.get("size", "").strip()
    return int(value) if value.isdigit() else 0


def explain(exc: BaseException, settings: MailSettings) -> str:
    """A Dutch sentence for what went wrong, with what the user can do about it."""
    where = f"{settings.host} (poort {settings.port})"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            "De e-mailserver weigert de gebruikersnaam of het wachtwoord. Controleer ze bij "
            "Instellingen > E-mail (sommige aanbieders vragen een apart app-wachtwoord)."
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if settings.security == STARTTLS and "STARTTLS" in str(exc).upper():
            return f"{where} biedt geen STARTTLS aan. Kies SSL/TLS of vraag de instellingen na."
        return (
            f"{where} biedt geen aanmelding aan op deze verbinding. Kies STARTTLS of SSL/TLS, "
            "of laat de gebruikersnaam leeg als de server geen aanmelding vraagt."
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(sorted(exc.recipients))
        return f"De e-mailserver weigert deze ontvanger(s): {refused}. Controleer de adressen."
    if isinstance(exc, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        if exc.smtp_code == 552:
            return (
                "De e-mailserver weigert het bericht omdat het te groot is. Zet het bestand op "
                "een USB-stick of verstuur het via een beveiligde dienst voor grote bestanden."
            )
        if isinstance(exc, smtplib.SMTPSenderRefused):
            return (
                f"De e-mailserver weigert de afzender {exc.sender}. Gebruik bij Instellingen > "
                "E-mail het adres dat bij dit account hoort."
            )
        return f"De e-mailserver weigert het bericht ({exc.smtp_code}: {_said(exc)})."
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"Het certificaat van {settings.host} klopt niet; er is niets verstuurd. Controleer "
            "de naam van de server (de veilige verbinding kon niet worden gecontroleerd)."
        )
    if isinstance(exc, ssl.SSLError):
        return (
            f"Er kon geen veilige verbinding met {where} worden gemaakt. Past de beveiliging "
            "bij de poort? (STARTTLS hoort meestal bij 587, SSL/TLS bij 465.)"
        )
    if isinstance(exc, socket.gaierror):
        return (
            f"De e-mailserver {settings.host} is niet gevonden. Controleer de naam van de server "
            "en de internetverbinding."
        )
    # smtplib turns a time-out while reading the reply into "disconnected": look behind it.
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        return (
            f"De e-mailserver {where} reageerde niet op tijd. Controleer de internetverbinding, "
            "de server en de poort, en probeer het later opnieuw."
        )
    if isinstance(exc, (ConnectionRefusedError, smtplib.SMTPConnectError)):
        return (
            f"De e-mailserver {where} is niet bereikbaar (de verbinding werd geweigerd). "
            "Controleer de server en de poort."
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        hint = " Past de beveiliging bij de poort?" if settings.security != PLAIN else ""
        return f"De e-mailserver {where} verbrak de verbinding.{hint}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"De e-mailserver gaf een fout ({exc.smtp_code}: {_said(exc)})."
    if isinstance(exc, OSError):
        return (
            f"De e-mailserver {where} is niet bereikbaar ({exc.strerror or type(exc).__name__}). "
            "Controleer de internetverbinding, de server en de poort."
        )
    return f"Versturen is mislukt ({type(exc).__name__})."


def _said(exc: smtplib.SMTPResponseException) -> str:
    """The server's own words, cleaned of anything that looks like a BSN or IBAN."""
    raw = exc.smtp_error
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return scrub(" ".join(text.split()))[:200]
