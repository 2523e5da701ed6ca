"""Password rules (pure): the policy for a new password, and the lock after wrong passwords.

The policy (decision 0022): at least 10 characters, not the user name, and not one of the
passwords that top the published lists of most-used passwords, in Dutch and English, nor such
a word with only digits or signs around it ("Wachtwoord2026!", "welkom123").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .dates import format_date

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
LOCK_AFTER_FAILURES = 5  # wrong passwords in a row
LOCK_MINUTES = 15

# Words and patterns that lead the public lists of most-used passwords (the Netherlands and
# worldwide) and words any guesser tries first at a logeerhuis. Compared in lower case, after
# the digits and signs at either end are taken off.
_COMMON_WORDS = """
    password passwoord wachtwoord wachtwoorden paswoord wachtwoordje geheim supergeheim
    welkom welkomwelkom welcome hallo hello hoi letmein admin administrator beheer beheerder
    qwerty qwertyuiop qwertz azerty asdfgh asdfghjkl zxcvbnm qazwsx 1qaz2wsx
    1q2w3e4r 1q2w3e4r5t qwe123 abc abcdef abcdefgh abcdefghij abc123 aabbcc
    iloveyou ikhouvanjou liefde schatje schat lieverd lievelingetje prinses princess
    sunshine zonneschijn monkey dragon master shadow freedom whatever trustno1 starwars
    football voetbal soccer baseball ajax feyenoord psv oranje nederland holland amsterdam
    rotterdam utrecht amersfoort
    zomer winter lente herfst voorjaar najaar summer spring autumn
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    logeerhuis logeren respijt respijtzorg zorg mantelzorg mantelzorger verpleging
    medewerker coordinator coördinator gebruiker gebruikersnaam inloggen
    computer laptop internet google microsoft windows samsung iphone
    test testtest tester proef demo default standaard changeme veranderen wijzigen nieuw
"""
COMMON_PASSWORDS = frozenset(_COMMON_WORDS.split())
# Whole passwords that are common as they stand (digits only, or patterns with the digits in
# the middle); these are checked before the digits at the ends are taken off.
_COMMON_WHOLE = """
    1234567890 0123456789 0987654321 9876543210 1122334455 1111111111 0000000000 1212121212
    123456789a a123456789 123qweasd 1q2w3e4r5t6y 123abc456 qwerty123456 password123456
"""
COMMON_WHOLE = frozenset(_COMMON_WHOLE.split())


def password_problem(password: str, repeated: str, user_name: str) -> str | None:
    """Dutch reason why this new password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Het wachtwoord is te lang (hoogstens {MAX_PASSWORD_LENGTH} tekens)."
    lowered = password.lower()
    core = _core(lowered)
    name = user_name.strip().lower()
    if name and core in (name, name[::-1]):
        return "Het wachtwoord mag niet (bijna) gelijk zijn aan de gebruikersnaam."
    if lowered in COMMON_WHOLE or lowered in COMMON_PASSWORDS or core in COMMON_PASSWORDS:
        return (
            "Dit wachtwoord staat in de lijst van veelgebruikte wachtwoorden en is daardoor "
            "makkelijk te raden. Kies iets anders, bijvoorbeeld drie of vier losse woorden."
        )
    if password != repeated:
        return "De twee wachtwoorden zijn niet gelijk."
    return None


def _core(lowered: str) -> str:
    """The password without the digits and signs at its ends ('Welkom2026!' -> 'welkom')."""
    return lowered.strip("0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> ")


def locked_until(failures: int, last_failed_at: datetime | None) -> datetime | None:
    """When the lock of an account ends, or None when it was never locked."""
    if failures < LOCK_AFTER_FAILURES or last_failed_at is None:
        return None
    return last_failed_at + timedelta(minutes=LOCK_MINUTES)


def locked_message(until: datetime, now: datetime) -> str:
    """Dutch, with the moment the user may try again."""
    moment = until.strftime("%H:%M")
    if until.date() != now.date():
        moment = f"{format_date(until.date())} {moment}"
    return (
        f"Dit account is vergrendeld tot {moment}, omdat er {LOCK_AFTER_FAILURES} keer achter "
        "elkaar een verkeerd wachtwoord is ingevuld. Probeer het daarna opnieuw, of vraag een "
        "coördinator om het wachtwoord opnieuw in te stellen."
    )
