"""The Gasten page offers no pgb under a zorgkantoor, and refuses a Z1003 GHZ guest (issue 18)."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.house.allocations import list_allocations
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.ui.guests.page import GuestsPage


def test_no_pgb_under_a_zorgkantoor_and_z1003_only_for_vv(qtbot, context, show, prompter):
    zk = save_funder(context.db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht",
                                            uzovi_code="5513"))  # fmt: skip
    rates = (RateData(valid_from=date(2026, 1, 1), amount_cents=16000),)
    flex = save_contract(context.db, ContractData(funder_id=zk.id, name="Flexibel logeren",
                                                  product_code="Z1003", rates=rates))  # fmt: skip
    guest = save_guest(context.db, GuestData(first_name="Truus", last_name="Brouwer"))
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)
    seen = {}

    def fill(dialog):
        fields = dialog.form.fields
        fields["funder_id"].set_value(zk.id)
        kinds = fields["kind"]
        seen["kinds"] = [kinds.itemData(i) for i in range(kinds.count())]
        fields["contract_id"].set_value(flex.id)
        fields["kind"].set_value("indicatie")
        fields["start_date"].setText("01-01-2026")
        qtbot.keyClicks(fields["care_profile"], "4VG")
        dialog.save()
        seen["error"] = dialog.form.error_text("care_profile")
        dialog.reject()

    prompter.dialog_handler = fill
    page.allocations.add()
    assert seen["kinds"] == ["indicatie"]  # no pgb under a zorgkantoor
    assert seen["error"] == (
        "Flexibel logeren is alleen voor cliënten met een VV-zorgprofiel (zorgprofiel: 4VG)."
    )
    assert list_allocations(context.db, guest.id) == []
