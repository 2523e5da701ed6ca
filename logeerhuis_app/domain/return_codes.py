"""iWmo 3.2 return codes (codelijst WJ001) in a municipality's answers, with their Dutch text.

Only the codes a WMO325 (declaratie-antwoord) can carry are listed; another code is shown as
unknown with its number, never dropped. Written out here (the standard's files are not shipped).
"""

from __future__ import annotations

NO_REMARK = "0200"  # geen opmerking over deze berichtklasse
FULLY_GRANTED = "8001"  # declaratie is volledig toegewezen
NOT_ASSESSED = "0233"  # berichtklasse is niet beoordeeld
TECHNICAL = "0001"  # bericht is afgekeurd om technische redenen

TEXTS = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "0611": "Het ingediende tarief komt niet overeen met het contractuele tarief.",
    "8001": "Declaratie is volledig toegewezen.",
    "8017": "Van deze creditprestatie is geen debetprestatie bekend.",
    "8021": "Referentienummer prestatie is reeds aangeleverd.",
    "8187": "De prestatie hoort niet bij deze cliënt.",
    "8214": "DeclaratiePeriode is niet de kalendermaand die volgt op de voorgaande "
    "DeclaratiePeriode, terwijl in iedere declaratieperiode zorg geleverd is.",
    "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
    "9056": "Identificatie moet uniek zijn.",
    "9307": "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.",
    "9308": "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.",
    "9319": "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
    "9321": "Het ingediende volume overschrijdt het toegewezen volume.",
    "9322": "De som van de ingediende volumes overschrijdt het toegewezen volume.",
    "9333": "Declaratienummer is niet uniek.",
    "9338": "Niet iedere prestatie is gerelateerd aan een toegewezen product op basis van het "
    "toewijzingnummer.",
    "9339": "ProductCategorie in de prestatie is niet gelijk aan die in de toewijzing.",
    "9340": "ProductCode in de prestatie is niet gelijk aan die in de toewijzing.",
    "9341": "Eenheid in de prestatie past niet bij de eenheid in de toewijzing.",
    "9346": "IngediendBedrag is niet gelijk aan GeleverdVolume maal ProductTarief.",
    "9366": "ProductReferentie komt niet voor in een declaratiebericht.",
    "9367": "De waarde komt niet overeen met die uit het heenbericht met gelijke "
    "ProductReferentie.",
    "9369": "De som van de ingediende volumes past niet binnen het toegewezen budget.",
    "9384": "Declaratie op een toewijzing die is verwijderd (RedenWijziging 13).",
    "9387": "Begindatum van de ProductPeriode is niet de eerste dag van de maand, terwijl de "
    "toewijzing niet later in die maand ingaat.",
    "9388": "Einddatum van de ProductPeriode is niet de laatste dag van de maand, terwijl de "
    "toewijzing niet eerder in die maand eindigt.",
    "9389": "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie.",
    "9390": "Er is al een prestatie met gelijke ProductReferentie met waarde Credit.",
    "S300": "Gemeentecode ongeldig.",
    "S329": "ProductCode ongeldig.",
}


def describe(code: str) -> str:
    """The Dutch text of a return code, e.g. "9307: Begindatum prestatie ligt ..."."""
    text = TEXTS.get(code)
    return f"{code}: {text}" if text else f"{code}: onbekende retourcode (zie codelijst WJ001)."


def describe_all(codes: tuple[str, ...]) -> str:
    return " ".join(describe(c) for c in codes)


def is_remark(code: str) -> bool:
    """Codes that say nothing is wrong; any other code rejects the class it is on."""
    return code in (NO_REMARK, FULLY_GRANTED)
