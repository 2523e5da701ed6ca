"""The access log (NEN 7513): every view, change, print and export is written, and the log can
only grow: the database refuses changes and the hash chain shows a forged row."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from logeerhuis_app.access import accounts
from logeerhuis_app.access.access import NotAllowedError, log_access
from logeerhuis_app.access.access_log import (
    LogFilter,
    export_access_log,
    list_access,
    verify_chain,
)
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.db.models import AccessLogEntry
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import get_guest, save_guest
from logeerhuis_app.intake.intake_documents import intake_form_pdf, statement_pdf


def _rows(db) -> list[tuple]:
    with db.session() as s:
        return [
            (r.user_name, r.guest_id, r.action, r.detail)
            for r in s.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))
        ]


def test_view_change_print_and_export_are_logged_with_the_user(db, wmo_house, tmp_path):
    _gemeente, stay = wmo_house()
    guest_id = stay.guest_id
    accounts.create_first_coordinator(db, NewAccount("Ingrid", "ingrid", "x" * 12, "x" * 12))
    accounts.sign_in(db, "ingrid", "x" * 12)
    start = len(_rows(db))
    guest = get_guest(db, guest_id)
    save_guest(db, replace(guest, city="Soest"))
    statement_pdf(db, stay.id)
    intake_form_pdf(db, None)  # a blank form for nobody: no guest's data, nothing to log
    close_month(db, Month(2026, 3), by="test", now=datetime(2026, 4, 3))
    export_month(db, Month(2026, 3), tmp_path, today=date(2026, 4, 3))
    assert _rows(db)[start:] == [
        ("ingrid", guest_id, "bekijken", "Gastgegevens geopend"),
        ("ingrid", guest_id, "wijzigen", "Gast gewijzigd"),
        ("ingrid", guest_id, "afdrukken", f"Verklaring logeerzorg (verblijf {stay.id})"),
        ("ingrid", None, "exporteren", "Maandexport 03-2026 (3 bestanden, map)"),
    ]
    assert verify_chain(db) == []


def test_without_a_user_the_log_names_the_command_line(db, wmo_house):
    _gemeente, stay = wmo_house()
    get_guest(db, stay.guest_id)
    assert _rows(db)[-1] == ("opdrachtregel", stay.guest_id, "bekijken", "Gastgegevens geopend")


def test_update_and_delete_are_refused_by_the_database(db, wmo_house):
    wmo_house()
    count = len(_rows(db))
    assert count > 0
    for sql in (
        "UPDATE access_log SET user_name = 'niemand'",
        "DELETE FROM access_log",
    ):
        refused = pytest.raises(DatabaseError, match="toegangslog kan niet worden gewijzigd")
        with refused, db.engine.begin() as conn:
            conn.execute(text(sql))
    assert len(_rows(db)) == count and all(r[0] != "niemand" for r in _rows(db))


def test_verify_chain_finds_a_row_inserted_with_a_wrong_hash(db, wmo_house):
    wmo_house()
    assert verify_chain(db) == []
    with db.engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM access_log ORDER BY id DESC LIMIT 1")).scalar()
        conn.execute(
            text(
                "INSERT INTO access_log (at, user_name, guest_id, action, detail, prev_hash, hash)"
                " VALUES ('2026-03-04 09:00:00', 'ria', 1, 'bekijken', '', :prev, :hash)"
            ),
            {"prev": last, "hash": "0" * 64},
        )
    problems = verify_chain(db)
    assert "is na het vastleggen gewijzigd" in problems[0]
    # Written beside the program: the head kept outside the log still names the row before.
    assert len(problems) == 2 and "toegevoegd buiten het programma om" in problems[1]
    log_access(db, "bekijken", 1)  # later rows follow the (forged) last one: one problem left
    assert len(verify_chain(db)) == 1


def test_coordinators_list_filter_and_export_the_log(db, wmo_house, tmp_path):
    _gemeente, stay = wmo_house()
    log_access(db, "afdrukken", stay.guest_id, "Intakeformulier", user_name="ria",
               now=datetime(2026, 3, 9, 14, 5))  # fmt: skip
    log_access(db, "bekijken", stay.guest_id, user_name="ria", now=datetime(2026, 3, 20, 8))
    march = LogFilter(start=date(2026, 3, 1), end=date(2026, 3, 9), user_name="ria")
    [line] = list_access(db, march)
    assert (line.guest_name, line.action, line.detail) == (
        "Gerrit Bos",
        "afdrukken",
        "Intakeformulier",
    )
    assert len(list_access(db, LogFilter(guest_id=stay.guest_id, action="bekijken"))) == 1
    target = tmp_path / "log.csv"
    assert export_access_log(db, target, march) == 1
    csv_text = target.read_text(encoding="utf-8-sig")
    assert (
        "09-03-2026;14:05:00;ria;" in csv_text
        and "Gerrit Bos;afdrukken;Intakeformulier" in csv_text
    )
    assert _rows(db)[-1] == ("opdrachtregel", None, "exporteren", "Toegangslog (1 regels) naar CSV")


def test_staff_cannot_read_the_log(db):
    accounts.create_first_coordinator(db, NewAccount("Ingrid", "ingrid", "x" * 12, "x" * 12))
    accounts.sign_in(db, "ingrid", "x" * 12)
    accounts.add_account(db, NewAccount("Ria", "ria", "y" * 12, "y" * 12, role="medewerker"))
    accounts.sign_in(db, "ria", "y" * 12)
    with pytest.raises(NotAllowedError, match="coördinator"):
        list_access(db)


def test_the_list_shows_the_newest_moment_first_whatever_order_rows_came_in(db):
    with db.session() as s:
        log_access(s, "inloggen", None, "later", user_name="ria", now=datetime(2026, 3, 2, 9))
        log_access(s, "inloggen", None, "eerder", user_name="ria", now=datetime(2026, 3, 1, 9))
        log_access(s, "inloggen", None, "ook later", user_name="ria", now=datetime(2026, 3, 2, 9))
    assert [line.detail for line in list_access(db)][:3] == ["ook later", "later", "eerder"]
    assert verify_chain(db) == []  # the chain follows the order of writing, not the moments
