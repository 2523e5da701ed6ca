"""What never goes into fouten.log or an error dialog: BSN-like numbers, IBANs and the rows a
database quotes in its refusals. A guest list shows the BSN masked."""

from __future__ import annotations

from logeerhuis_app.domain.redaction import mask_bsn, scrub


def test_quoted_query_parameters_are_scrubbed_whole():
    text = (
        "(sqlite3.IntegrityError) opslag geweigerd\n[SQL: INSERT INTO guests (first_name, bsn) "
        "VALUES (?, ?)]\n[parameters: ('Gerrit', '999900006')]\n(Background on this error at: "
        "https://sqlalche.me/e/21/gkpj)"
    )
    cleaned = scrub(text)
    assert "Gerrit" not in cleaned and "999900006" not in cleaned
    assert "opslag geweigerd" in cleaned and "INSERT INTO guests" in cleaned


def test_nine_digit_numbers_and_ibans_are_scrubbed():
    text = "BSN 999900006 of '999900006', IBAN NL91ABNA0417164300 en NL91 ABNA 0417 1643 00."
    cleaned = scrub(text)
    assert "999900006" not in cleaned and "0417164300" not in cleaned and "1643" not in cleaned
    assert cleaned.count("<9 cijfers>") == 2 and cleaned.count("<IBAN>") == 2


def test_what_is_not_a_bsn_stays_readable():
    text = (
        "Factuur F202600001, declaratie D202600001, AGB 73730123, tel. 0612345678, "
        "om 2026-11-28 15:30:00, hash 3f9a1234567890bc, regel 12345678901"
    )
    assert scrub(text) == text


def test_the_rows_postgresql_quotes_are_scrubbed():
    text = (
        'new row for relation "guests" violates check constraint "ck_guests_gender"\n'
        "DETAIL:  Failing row contains (7, Gerrit, Bos, 1950-01-01, Z, Dorpsstraat 1, Baarn).\n"
        "DETAIL:  Key (bsn)=(999900006) already exists."
    )
    cleaned = scrub(text)
    assert "Dorpsstraat" not in cleaned and "999900006" not in cleaned
    assert "ck_guests_gender" in cleaned and "Key (bsn)=(…)" in cleaned


def test_the_bsn_is_masked_to_its_last_three_digits():
    assert mask_bsn("999900006") == "******006"
    assert mask_bsn("") == ""
