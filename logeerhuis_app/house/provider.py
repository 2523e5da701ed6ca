"""The house's own identity, printed on every document."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from ..access.access import require_role
from ..db.models import Provider
from ..domain.validation import (
    normalize_agb,
    normalize_email,
    normalize_iban,
    normalize_kvk,
    normalize_phone,
    normalize_postcode,
)
from ..services.errors import ConflictError
from ..services.field_check import FieldCheck
from ..storage.database import Database

MAX_LOGO_BYTES = 2 * 1024 * 1024
DEFAULT_VAT_TEXT = (
    "Vrijgesteld van btw op grond van artikel 11, lid 1, onderdeel g, van de Wet op de "
    "omzetbelasting 1968 (zorg)."
)


@dataclass(frozen=True)
class ProviderData:
    version: int = 0
    name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    kvk: str = ""
    agb_code: str = ""
    iban: str = ""
    vat_exemption_text: str = DEFAULT_VAT_TEXT
    payment_term_days: int = 30
    logo: bytes | None = None
    logo_filename: str = ""

    @property
    def is_complete(self) -> bool:
        """Enough to put on an invoice or a declaration."""
        return all(
            (self.name, self.street, self.postcode, self.city, self.kvk, self.agb_code, self.iban)
        )


_FIELDS = [f.name for f in fields(ProviderData) if f.name != "version"]


def get_provider(db: Database) -> ProviderData:
    with db.session() as s:
        row = s.get(Provider, 1)
        if row is None:
            return ProviderData()
        return ProviderData(version=row.version, **{n: getattr(row, n) for n in _FIELDS})


def logo_kind(data: bytes) -> str | None:
    """'png' or 'jpeg' by the file's magic bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def validate_provider(data: ProviderData) -> ProviderData:
    check = FieldCheck()
    check.required("name", data.name, "Vul de naam van het logeerhuis in.")
    name = check.text("name", data.name, label="De naam", max_length=200)
    normalized: dict[str, Any] = {
        "postcode": check.optional("postcode", data.postcode, normalize_postcode),
        "kvk": check.optional("kvk", data.kvk, normalize_kvk),
        "agb_code": check.optional("agb_code", data.agb_code, normalize_agb),
        "iban": check.optional("iban", data.iban, normalize_iban),
        "email": check.optional("email", data.email, normalize_email),
        "phone": check.optional("phone", data.phone, normalize_phone),
    }
    check.rule(
        "payment_term_days",
        1 <= data.payment_term_days <= 365,
        "De betaaltermijn is 1 tot 365 dagen.",
    )
    if data.logo is not None:
        check.rule("logo", len(data.logo) <= MAX_LOGO_BYTES, "Het logo is groter dan 2 MB.")
        check.rule("logo", logo_kind(data.logo) is not None, "Het logo moet een PNG of JPEG zijn.")
    check.raise_if_any()
    return replace(
        data,
        name=name,
        street=data.street.strip(),
        city=data.city.strip(),
        vat_exemption_text=data.vat_exemption_text.strip(),
        **normalized,
    )


def save_provider(db: Database, data: ProviderData) -> ProviderData:
    require_role(db)
    data = validate_provider(data)
    with db.session() as s:
        row = s.get(Provider, 1)
        if row is None:
            row = Provider(id=1, version=1)
            s.add(row)
        else:
            if row.version != data.version:
                raise ConflictError(
                    "De instellingen zijn intussen elders gewijzigd. Open ze opnieuw."
                )
            row.version += 1
        for name in _FIELDS:
            setattr(row, name, getattr(data, name))
        s.flush()
        return replace(data, version=row.version)
