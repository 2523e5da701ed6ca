"""The zorgkantoor's Wlz declaration as an AW319 file (Vektis EI, fixed width), and a reader of
that file for checks and tests (issue 21, decision 0048).

One file per claim, so per zorgkantoor and calendar month: a voorlooprecord (01), per BSN one
cliëntrecord (02) followed by its prestatierecords (04), and a sluitrecord (99) whose counts
and total must equal the records above it. Only the claim's Z1003 lines of VV clients go in
(domain.wlz_declaration). Names, addresses and birth dates are left empty: the zorgkantoor
knows its client by BSN, and the file carries no more than it needs (DOMAIN.md 7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ...domain.claims import Claim, ClaimLine, split_signed
from ...domain.wlz_declaration import file_lines, file_problems, zzp_code
from .aw319_layout import CLIENT, NEWLINE, PRESTATIE, SLUIT, VOORLOOP, parse, record


@dataclass(frozen=True)
class Aw319Codes:
    """The codes of the standard itself. Values not confirmed by a public source are marked
    in decision 0048; they are parameters so a zorgkantoor's answer can change them."""

    message_code: int = 0  # code externe-integratiebericht (COD002-VEKT): not found, see 0048
    version: int = 1  # AW319 version 1.4, the newest layout found
    subversion: int = 4
    kind: str = "P"  # soort bericht: P = productie
    paid_to: int = 4  # identificatiecode betaling aan: 04 = instelling (the house's AGB)
    code_list: int = 0  # aanduiding prestatiecodelijst for Z1003: not found, see 0048


class Aw319Refused(ValueError):
    """The claim cannot be written as a correct file; `problems` are Dutch sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def render_aw319(claim: Claim, *, codes: Aw319Codes | None = None, software: str = "") -> bytes:
    problems = file_problems(claim)
    if problems:
        raise Aw319Refused(problems)
    codes = codes or Aw319Codes()
    lines = [_voorloop(claim, codes, software)]
    detail = 0
    clients = prestaties = 0
    for bsn, client_lines in _by_bsn(file_lines(claim)).items():
        detail += 1
        clients += 1
        lines.append(record(CLIENT, _client(claim, bsn, detail)))
        for line in client_lines:
            detail += 1
            prestaties += 1
            lines.append(record(PRESTATIE, _prestatie(claim, line, detail, codes)))
    total, sign = split_signed(sum(ln.signed_cents for ln in file_lines(claim)))
    lines.append(
        record(
            SLUIT,
            {
                "kenmerk_record": "99",
                "aantal_clientrecords": clients,
                "aantal_debiteurrecords": 0,
                "aantal_prestatierecords": prestaties,
                "aantal_commentaarrecords": 0,
                "totaal_aantal_detailrecords": detail,
                "totaal_declaratiebedrag": total,
                "indicatie_debet_credit": sign,
            },
        )
    )
    return "".join(line + NEWLINE for line in lines).encode("ascii")


def _by_bsn(lines: tuple[ClaimLine, ...]) -> dict[str, list[ClaimLine]]:
    """One client record per BSN, in the order the clients first appear on the claim."""
    found: dict[str, list[ClaimLine]] = {}
    for line in lines:
        found.setdefault(line.bsn, []).append(line)
    return found


def _voorloop(claim: Claim, codes: Aw319Codes, software: str) -> str:
    return record(
        VOORLOOP,
        {
            "kenmerk_record": "01",
            "code_externe_integratiebericht": codes.message_code,
            "versienummer_berichtstandaard": codes.version,
            "subversienummer_berichtstandaard": codes.subversion,
            "soort_bericht": codes.kind,
            "versieaanduiding_informatiesysteem": software[:10],
            "uzovi_nummer": claim.funder_code,
            "instellingscode": claim.provider.agb_code,
            "identificatiecode_betaling_aan": codes.paid_to,
            "begindatum_declaratieperiode": claim.first_day,
            "einddatum_declaratieperiode": claim.last_day,
            "factuurnummer_declarant": claim.number,
            "dagtekening_factuur": claim.made_on,
            "valutacode": "EUR",
        },
    )


def _client(claim: Claim, bsn: str, detail: int) -> dict[str, str | int | date | None]:
    return {
        "kenmerk_record": "02",
        "identificatie_detailrecord": detail,
        "bsn": bsn,
        "uzovi_nummer": claim.funder_code,
    }


def _prestatie(
    claim: Claim, line: ClaimLine, detail: int, codes: Aw319Codes
) -> dict[str, str | int | date | None]:
    unit = line.unit if re.fullmatch(r"\d{1,2}", line.unit or "") else ""
    return {
        "kenmerk_record": "04",
        "identificatie_detailrecord": detail,
        "bsn": line.bsn,
        "uzovi_nummer": claim.funder_code,
        "zorgzwaartepakketcode": zzp_code(line.care_profile),
        "begindatum_prestatie": line.period_from,
        "einddatum_prestatie": line.period_to,
        "aanduiding_prestatiecodelijst": codes.code_list,
        "prestatiecode": line.product_code.strip().upper(),
        "aantal_uitgevoerde_prestaties": line.volume,
        "tijdseenheid": unit,
        "tarief_prestatie": line.tariff_cents,
        "berekend_bedrag": line.amount_cents,
        "indicatie_debet_credit_01": line.debit_credit,
        "btw_percentage_declaratiebedrag": 0,  # care is exempt from VAT
        "declaratiebedrag": line.amount_cents,
        "indicatie_debet_credit_02": line.debit_credit,
        "referentienummer_dit_prestatierecord": line.reference,
        "referentienummer_voorgaande_prestatierecord": line.previous_reference,
    }


# -- reading back -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Aw319Record:
    kind: str  # 01, 02, 04 or 99
    fields: dict[str, str | int]

    def date(self, name: str) -> date | None:
        value = int(self.fields[name])
        if value == 0:
            return None
        return date(value // 10000, value // 100 % 100, value % 100)


def read_aw319(data: bytes) -> list[Aw319Record]:
    """Parse a file this module wrote (or one in the same layout) into its records."""
    text = data.decode("ascii")
    if not text.endswith(NEWLINE):
        raise ValueError("het bestand eindigt niet met CR LF")
    return [Aw319Record(*parse(line)) for line in text[: -len(NEWLINE)].split(NEWLINE)]


def structure_problems(records: list[Aw319Record]) -> list[str]:
    """What a receiver would check on the structure: order, grouping, counts and the total."""
    problems = []
    if not records or records[0].kind != "01" or records[-1].kind != "99":
        return ["het bestand begint niet met 01 of eindigt niet met 99"]
    body = records[1:-1]
    if any(r.kind not in ("02", "04") for r in body):
        problems.append("tussen 01 en 99 horen alleen 02- en 04-records")
    client_bsn = None
    seen: set[int] = set()
    for number, r in enumerate(body, start=1):
        if r.fields["identificatie_detailrecord"] != number:
            problems.append(f"detailrecord {number} is niet doorgenummerd")
        if r.kind == "02":
            client_bsn = int(r.fields["bsn"])
            if client_bsn in seen:
                problems.append(f"BSN {client_bsn} heeft meer dan één cliëntrecord")
            seen.add(client_bsn)
        elif r.fields["bsn"] != client_bsn:
            problems.append(f"prestatierecord {number} hoort niet bij het cliëntrecord erboven")
    closing = records[-1].fields
    signed = sum(
        int(r.fields["declaratiebedrag"])
        * (-1 if r.fields["indicatie_debet_credit_02"] == "C" else 1)
        for r in body
        if r.kind == "04"
    )
    counts = {
        "aantal_clientrecords": sum(r.kind == "02" for r in body),
        "aantal_prestatierecords": sum(r.kind == "04" for r in body),
        "totaal_aantal_detailrecords": len(body),
    }
    for name, count in counts.items():
        if closing[name] != count:
            problems.append(f"sluitrecord {name} {closing[name]} is niet {count}")
    total, sign = split_signed(signed)
    if (closing["totaal_declaratiebedrag"], closing["indicatie_debet_credit"]) != (total, sign):
        problems.append("het totaal in het sluitrecord is niet de som van de prestatierecords")
    return problems


def signed_total(records: list[Aw319Record]) -> int:
    """The closing record's total with its sign, in cents."""
    closing = records[-1].fields
    total = int(closing["totaal_declaratiebedrag"])
    return -total if closing["indicatie_debet_credit"] == "C" else total
