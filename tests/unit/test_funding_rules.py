"""The typed funding rules (issue 18): Z1003 is VV-only, a pgb is never a funder's claim."""

from __future__ import annotations

from logeerhuis_app.domain.funding_rules import (
    MONTH_RULES,
    Rule,
    has_vv_profile,
    is_vv_only,
    pgb_payer_finding,
    vv_only_finding,
)


def test_z1003_is_vv_only_from_its_code_whatever_the_box_says():
    assert is_vv_only("Z1003") and is_vv_only(" z1003 ")
    assert not is_vv_only("04A04") and is_vv_only("04A04", flagged=True)
    assert has_vv_profile("5VV") and not has_vv_profile("4VG") and not has_vv_profile("")
    finding = vv_only_finding("Flexibel logeren", "Z1003", False, "3GGZ-B")
    assert finding is not None and finding.rule == Rule.VV_ONLY
    assert finding.text == (
        "Flexibel logeren is alleen voor cliënten met een VV-zorgprofiel (zorgprofiel: 3GGZ-B)."
    )
    assert vv_only_finding("Flexibel logeren", "Z1003", False, "5VV") is None


def test_a_pgb_under_a_claiming_funder_is_a_finding():
    finding = pgb_payer_finding("pgb", "zorgkantoor")
    assert finding is not None and finding.rule == Rule.PGB_PAYER
    assert "nooit gedeclareerd bij de zorgkantoor" in finding.text.lower()
    assert pgb_payer_finding("pgb", "gemeente") is not None
    assert pgb_payer_finding("pgb", "pgb") is None
    assert pgb_payer_finding("indicatie", "zorgkantoor") is None
    assert {Rule.VV_ONLY, Rule.PGB_PAYER, Rule.WLZ_CAP, Rule.VOLUME} <= MONTH_RULES
