"""Nights of a closed month are locked in the database itself: triggers on `nights` refuse an
INSERT, UPDATE or DELETE whose day (old or new) lies in a month in `month_closures`
(issue 19, decision 0040). A change there is a correction (night_corrections), not an edit.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# planning/stay_writer.py recognises "afgesloten maand" and shows its own Dutch.
LOCKED = (
    "Deze nacht ligt in een afgesloten maand en kan niet meer worden gewijzigd; "
    "leg een wijziging vast als correctie."
)


def _sqlite_closed(row: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM month_closures WHERE "
        f"year = CAST(strftime('%Y', {row}.day) AS INTEGER) AND "
        f"month = CAST(strftime('%m', {row}.day) AS INTEGER))"
    )


_SQLITE_TRIGGERS = (
    ("trg_nights_closed_month_insert", "BEFORE INSERT", _sqlite_closed("NEW")),
    (
        "trg_nights_closed_month_update",
        "BEFORE UPDATE",
        f"{_sqlite_closed('OLD')} OR {_sqlite_closed('NEW')}",
    ),
    ("trg_nights_closed_month_delete", "BEFORE DELETE", _sqlite_closed("OLD")),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, event, condition in _SQLITE_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {name} {event} ON nights FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
            )
        return
    # A VOLATILE function reads month_closures with a fresh snapshot per statement: a month
    # closed by another PC while this transaction waited is seen (billing/months.py holds
    # the writers of nights off while it closes one).
    closed = (
        "EXISTS (SELECT 1 FROM month_closures WHERE year = EXTRACT(YEAR FROM {row}.day) "
        "AND month = EXTRACT(MONTH FROM {row}.day))"
    )
    op.execute(
        "CREATE FUNCTION refuse_closed_month_night() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN IF {closed.format(row='OLD')} THEN "
        f"RAISE EXCEPTION '{LOCKED}'; END IF; END IF; "
        f"IF TG_OP <> 'DELETE' THEN IF {closed.format(row='NEW')} THEN "
        f"RAISE EXCEPTION '{LOCKED}'; END IF; END IF; "
        "RETURN COALESCE(NEW, OLD); END; $$ LANGUAGE plpgsql VOLATILE"
    )
    op.execute(
        "CREATE TRIGGER trg_nights_closed_month BEFORE INSERT OR UPDATE OR DELETE ON nights "
        "FOR EACH ROW EXECUTE FUNCTION refuse_closed_month_night()"
    )
    # TRUNCATE bypasses row triggers in PostgreSQL: refuse it once any month is closed.
    op.execute(
        "CREATE FUNCTION refuse_nights_truncate() RETURNS trigger AS $$ BEGIN "
        "IF EXISTS (SELECT 1 FROM month_closures) THEN "
        f"RAISE EXCEPTION '{LOCKED}'; END IF; RETURN NULL; END; $$ LANGUAGE plpgsql VOLATILE"
    )
    op.execute(
        "CREATE TRIGGER trg_nights_no_truncate BEFORE TRUNCATE ON nights "
        "FOR EACH STATEMENT EXECUTE FUNCTION refuse_nights_truncate()"
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
