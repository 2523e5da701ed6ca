"""Shared test set-up: Qt without a screen, and fresh data directories."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _offscreen_with_a_real_screen_size() -> str:
    """Qt's off-screen platform with a 1920x1080 screen (its default is 800x800, smaller than
    the window a user sees, which would clamp restored window sizes in tests)."""
    config = Path(tempfile.gettempdir()) / "logeerhuis-test-screen.json"
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


# Before any Qt import: tests never need a display.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = _offscreen_with_a_real_screen_size()
os.environ.pop("LOGEERHUIS_DATA_DIR", None)

import pytest  # noqa: E402  (after the Qt platform is chosen)
from hypothesis import HealthCheck, settings  # noqa: E402

# --- Hypothesis profiles (docs/decisions/0020-repeatable-property-tests.md) -----------------
# "ci", the default: every run draws the same examples (derandomize: the seed comes from each
# test's own code), no example database (what a run found earlier on this PC does not change
# the next run), no deadline and no too-slow check (the machine is shared; speed is for bench/).
# "explore": random examples, for `scripts/test --explore` and `--hypothesis-seed=N`.
_NOT_TIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_NOT_TIMED)
settings.register_profile(
    "explore", derandomize=False, database=None, print_blob=True, **_NOT_TIMED
)
settings.load_profile("ci")


def pytest_configure(config):
    """A seed on the command line means random examples from that seed: under "ci" the seed
    would be ignored (derandomize wins), so such a run switches to "explore"."""
    seeded = config.getoption("hypothesis_seed", None) is not None
    if seeded and not config.getoption("hypothesis_profile", None):
        settings.load_profile("explore")


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


# --- PostgreSQL ---------------------------------------------------------------------------
# With LOGEERHUIS_TEST_POSTGRES=1 and LOGEERHUIS_TEST_PG_URL (a server URL whose user may create
# databases; .ci/run starts such a server), every test under tests/integration that uses `db`
# runs twice: [sqlite] on a file and [postgresql] on a fresh database copied from a migrated
# template. A test that is SQLite-only by nature (file backups, PRAGMAs, a crash on a file)
# carries @pytest.mark.sqlite_only. Tests under tests/postgres need the server and are skipped
# without it.
PG_URL = os.environ.get("LOGEERHUIS_TEST_PG_URL", "").strip()
PG_ENABLED = os.environ.get("LOGEERHUIS_TEST_POSTGRES") == "1" and bool(PG_URL)


def pytest_generate_tests(metafunc):
    if "db" not in metafunc.fixturenames:
        return
    tests_dir = Path(__file__).parent
    folder = Path(metafunc.definition.path).relative_to(tests_dir).parts[0]
    if folder == "postgres":  # server tests: skipped (by pg_admin) when there is no server
        metafunc.parametrize("db", ["postgresql"], indirect=True)
        return
    if not PG_ENABLED or folder != "integration":
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("db", ["sqlite", "postgresql"], indirect=True)


def pytest_collection_modifyitems(items):
    """Mark what runs on the server (`-m postgresql` in .ci/run selects exactly that)."""
    tests_dir = Path(__file__).parent
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        folder = Path(item.path).relative_to(tests_dir).parts[0]
        if folder == "postgres" or params.get("db") == "postgresql":
            item.add_marker("postgresql")


@pytest.fixture(scope="session")
def pg_admin():
    """An autocommit engine on the test server's maintenance database, and a migrated
    template database that each test's database is copied from."""
    if not PG_ENABLED:
        pytest.skip("geen PostgreSQL-testserver (LOGEERHUIS_TEST_POSTGRES=1 en _PG_URL)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from logeerhuis_app.storage.database import open_database_url

    admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT", poolclass=_null_pool())
    template = f"lh_template_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    migrated = open_database_url(_pg_url_for(template))
    migrated.close()
    yield admin, template
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
    admin.dispose()


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


def _pg_url_for(database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


_pg_counter = iter(range(1, 1_000_000))


def _new_pg_database(pg_admin, *, migrated: bool):
    from sqlalchemy import text

    admin, template = pg_admin
    name = f"lh_test_{os.getpid()}_{next(_pg_counter)}"
    source = f' TEMPLATE "{template}"' if migrated else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{source}'))
    return name


def _drop_pg_database(pg_admin, name: str) -> None:
    from sqlalchemy import text

    with pg_admin[0].connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_url(pg_admin):
    """The URL of a fresh, migrated PostgreSQL database, dropped after the test."""
    name = _new_pg_database(pg_admin, migrated=True)
    yield _pg_url_for(name)
    _drop_pg_database(pg_admin, name)


@pytest.fixture
def pg_empty_url(pg_admin):
    """The URL of a fresh, empty PostgreSQL database (no tables), dropped after the test."""
    name = _new_pg_database(pg_admin, migrated=False)
    yield _pg_url_for(name)
    _drop_pg_database(pg_admin, name)


@pytest.fixture
def db(request, data_dir):
    """The open database: a SQLite file in data_dir, or [postgresql] a fresh server database."""
    from logeerhuis_app.storage.database import open_database, open_database_url

    if getattr(request, "param", "sqlite") == "postgresql":
        database = open_database_url(request.getfixturevalue("pg_url"))
    else:
        database = open_database(data_dir)
    yield database
    database.engine.dispose()


@pytest.fixture
def wmo_house(db):
    """Build a small house with one Wmo guest; returns (gemeente, stay)."""
    return lambda **terms: _build_wmo_house(db, **terms)


def save_test_provider(db) -> None:
    """The provider's data every invoice needs."""
    from logeerhuis_app.house.provider import ProviderData, save_provider

    save_provider(
        db,
        ProviderData(
            name="Logeerhuis De Linde", street="Lindelaan 12", postcode="3818 AB",
            city="Amersfoort", kvk="61234567", agb_code="73730123", iban="NL91ABNA0417164300",
        ),
    )  # fmt: skip


@pytest.fixture
def provider_saver():
    """save(db): the provider's data every invoice needs."""
    return save_test_provider


@pytest.fixture
def invoice_drafts():
    """make(db, count): the provider, a private funder and `count` one-line drafts; their ids."""
    return _invoice_drafts


def _invoice_drafts(db, count: int) -> list[int]:
    from datetime import date

    from logeerhuis_app.db.models import Funder, Invoice, InvoiceLine

    save_test_provider(db)
    ids = []
    with db.session() as s:
        funder = Funder(kind="particulier", name="Particulier")
        s.add(funder)
        s.flush()
        for n in range(count):
            invoice = Invoice(
                kind="factuur", year=2026, funder_id=funder.id, period_from=date(2026, 3, 1),
                period_to=date(2026, 3, 31), customer_name=f"Familie {n}", total_cents=100 + n,
            )  # fmt: skip
            s.add(invoice)
            s.flush()
            s.add(
                InvoiceLine(
                    invoice_id=invoice.id, guest_name="Gast", description="1 nacht",
                    period_from=date(2026, 3, 2), period_to=date(2026, 3, 2), quantity=1,
                    unit_cents=100 + n, amount_cents=100 + n,
                )
            )  # fmt: skip
            ids.append(invoice.id)
    return ids


def _build_wmo_house(db, *, reference="123456789", volume=None, frequency="total"):
    """A house with one Wmo guest: 8 nights in March 2026 over a rate change on the 15th."""
    from datetime import date

    from logeerhuis_app.house.allocations import AllocationData, save_allocation
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.funders import FunderData, save_funder
    from logeerhuis_app.house.guests import GuestData, save_guest
    from logeerhuis_app.house.rooms import RoomData, save_room
    from logeerhuis_app.planning.stays import NewStay, create_stay

    save_test_provider(db)
    room = save_room(db, RoomData(name="Linde", beds=2))
    gemeente = save_funder(db, FunderData(kind="gemeente", name="Gemeente Baarn", cbs_code="0308"))
    contract = save_contract(
        db,
        ContractData(
            funder_id=gemeente.id, name="Wmo kortdurend verblijf", product_category="04",
            product_code="04A04", valid_from=date(2026, 1, 1),
            rates=(
                RateData(valid_from=date(2026, 1, 1), valid_to=date(2026, 3, 14),
                         amount_cents=14250),
                RateData(valid_from=date(2026, 3, 15), amount_cents=14820),
            ),
        ),
    )  # fmt: skip
    guest = save_guest(
        db, GuestData(first_name="Gerrit", last_name="Bos", bsn="999900006", city="Baarn")
    )
    allocation = save_allocation(
        db,
        AllocationData(
            guest_id=guest.id, funder_id=gemeente.id, contract_id=contract.id, kind="toewijzing",
            reference=reference, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
            volume=volume, volume_frequency=frequency,
        ),
    )  # fmt: skip
    # 10 to 18 March: 8 nights, 5 at the old rate (10-14) and 3 at the new one (15-17).
    stay = create_stay(
        db,
        NewStay(guest.id, room.id, date(2026, 3, 10), date(2026, 3, 18), status="bevestigd",
                allocation_id=allocation.id),
    )  # fmt: skip
    return gemeente, stay


# --- E-mail (tests/mail_support.py) ---------------------------------------------------------
@pytest.fixture
def memory_keyring():
    """An in-memory keyring for the test: the PC's own keyring is never read or written."""
    import keyring

    from tests.mail_support import MemoryKeyring

    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def smtp_server():
    """start(**options): a real SMTP server on 127.0.0.1 (aiosmtpd), stopped after the test."""
    from tests.mail_support import SmtpServer

    started = []

    def start(**options):
        server = SmtpServer(**options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
