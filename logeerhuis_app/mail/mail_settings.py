"""Instellingen > E-mail: the SMTP server, kept as one JSON setting. The password is not here:
it lives in the OS keyring (mail/mail_secret.py), never in the database (decision 0042)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from ..access.access import require_role
from ..db.models import Setting
from ..domain.mail import SECURITY, STARTTLS, plain_login_refused
from ..domain.validation import InvalidValue, normalize_email
from ..services.errors import ValidationError
from ..storage.database import Database

MAIL_KEY = "mail.smtp"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = STARTTLS
    user: str = ""
    sender_name: str = ""
    sender_address: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender_address)

    @property
    def account(self) -> str:
        """Who the keyring keeps the password for: the user at the server."""
        return f"{self.user}@{self.host}"


NOT_CONFIGURED = (
    "Er is nog geen e-mailserver ingesteld. Een coördinator vult die in bij Instellingen > "
    "E-mail (server, poort, gebruikersnaam en afzender)."
)


def get_mail_settings(db: Database) -> MailSettings:
    with db.session() as s:
        row = s.get(Setting, MAIL_KEY)
        text = row.value if row is not None else ""
    try:
        stored = json.loads(text) if text else {}
        known = {k: v for k, v in stored.items() if k in MailSettings.__dataclass_fields__}
        return replace(MailSettings(), **known)
    except (ValueError, TypeError, AttributeError):  # hand-edited: start again from empty
        return MailSettings()


def checked(settings: MailSettings) -> MailSettings:
    """The settings tidied, or ValidationError with a Dutch message per field."""
    errors: dict[str, str] = {}
    host = settings.host.strip()
    if not host or any(c.isspace() for c in host) or len(host) > 253:
        errors["host"] = "Vul de naam van de e-mailserver in, bijvoorbeeld smtp.ziggo.nl."
    if not isinstance(settings.port, int) or not 1 <= settings.port <= 65535:
        errors["port"] = "Een poort is een getal van 1 tot en met 65535 (meestal 587 of 465)."
    if settings.security not in SECURITY:
        errors["security"] = "Kies STARTTLS, SSL/TLS of geen versleuteling."
    user = settings.user.strip()
    if len(user) > 200:
        errors["user"] = "De gebruikersnaam is te lang (ten hoogste 200 tekens)."
    name = " ".join(settings.sender_name.split())
    if len(name) > 100:
        errors["sender_name"] = "De naam van de afzender is te lang (ten hoogste 100 tekens)."
    try:
        address = normalize_email(settings.sender_address)
    except InvalidValue as exc:
        errors["sender_address"] = f"Afzender: {exc.message}"
        address = ""
    if plain_login_refused(settings.security, user, host):
        errors["security"] = (
            "Zonder versleuteling zou het wachtwoord leesbaar over het netwerk gaan. Kies "
            "STARTTLS of SSL/TLS, of laat de gebruikersnaam leeg voor een server zonder "
            "aanmelding."
        )
    if errors:
        raise ValidationError(errors, "E-mailinstellingen niet opgeslagen.")
    return MailSettings(host, settings.port, settings.security, user, name, address)


def save_mail_settings(db: Database, settings: MailSettings) -> MailSettings:
    """Store the settings (coordinators only); returns them as stored."""
    require_role(db)  # who changes the server decides where the house's mail goes
    tidy = checked(settings)
    value = json.dumps(asdict(tidy), ensure_ascii=False)
    with db.session() as s:
        row = s.get(Setting, MAIL_KEY)
        if row is None:
            s.add(Setting(key=MAIL_KEY, value=value))
        else:
            row.value = value
    return tidy
