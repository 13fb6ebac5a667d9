"""The décompte rules, each with a case computed by hand (the arithmetic is in the comments).

Rates used (shipped tables): ECB in force 1 Jan 2025 = 3.15 (since 2024-12-18); 1 Jul 2025 = 2.15
(since 2025-06-11); 1 Jan 2024 = 4.50; legal rate 2026-S1 = 6.67 (particulier) / 2.62 (autres cas).
"""

from decimal import Decimal

import pytest

from helpers import D, d, dossier, invoice, notice, payment
from procedure.erreurs import UnknownRateError
from procedure.droit.decompte import compute


def test_spec_example_professional_debtor():
    r = compute(dossier(), d("2025-06-30"))
    (st,) = r.lines
    (p,) = st.periods
    # 2025-04-01..2025-06-30 = 30 + 31 + 30 = 91 days; 3.15 + 10 = 13.15 %
    # 10000 x 13.15 x 91 / 36500 = 327.849... -> 327.85
    assert (p.du, p.au, p.jours, p.base, p.taux, p.montant) == (
        d("2025-04-01"), d("2025-06-30"), 91, D("10000.00"), D("13.15"), D("327.85"))
    assert st.indemnite == D("40.00")
    assert r.total == D("10367.85")  # 10000 + 327.85 + 40
    assert "L441-10" in p.fondement


def test_periods_split_on_30_june_with_the_new_half_year_rate():
    r = compute(dossier([invoice(due="2025-05-31")]), d("2025-08-31"))
    p1, p2 = r.lines[0].periods
    # S1: 06-01..06-30 = 30 days at 13.15: 10000 x 13.15 x 30 / 36500 = 108.082 -> 108.08
    assert (p1.jours, p1.taux, p1.montant) == (30, D("13.15"), D("108.08"))
    # S2: 07-01..08-31 = 62 days at 2.15 + 10 = 12.15: 10000 x 12.15 x 62 / 36500 = 206.383 -> 206.38
    assert (p2.du, p2.jours, p2.taux, p2.montant) == (d("2025-07-01"), 62, D("12.15"), D("206.38"))
    assert r.interets == D("314.46")


def test_leap_year_still_divides_by_36500():
    r = compute(dossier([invoice(date_="2023-12-01", due="2023-12-31")]), d("2024-06-30"))
    (p,) = r.lines[0].periods
    # 2024-01-01..06-30 = 31+29+31+30+31+30 = 182 days at 4.50 + 10 = 14.50
    # 10000 x 14.50 x 182 / 36500 = 723.013... -> 723.01
    assert (p.jours, p.taux, p.montant) == (182, D("14.50"), D("723.01"))


def test_partial_payment_goes_to_interest_first():
    r = compute(dossier(payments=[payment("2025-04-30", "2000.00", "F1")]), d("2025-05-31"))
    st = r.lines[0]
    p1, p2 = st.periods
    # 04-01..04-30: 30 days: 10000 x 13.15 x 30 / 36500 = 108.08
    assert p1.montant == D("108.08")
    # payment 2000 = 108.08 interest + 1891.92 principal -> base 8108.08 from 05-01
    assert st.allocations[0].interets == D("108.08") and st.allocations[0].principal == D("1891.92")
    # 05-01..05-31: 31 days: 8108.08 x 13.15 x 31 / 36500 = 90.555... -> 90.56
    assert (p2.du, p2.base, p2.jours, p2.montant) == (d("2025-05-01"), D("8108.08"), 31, D("90.56"))
    assert st.reste_du == D("8238.64")  # 10000 + 198.64 + 40 - 2000


def test_partial_payment_on_capital():
    r = compute(dossier(payments=[payment("2025-04-30", "2000.00", "F1")], imputation="capital"), d("2025-05-31"))
    st = r.lines[0]
    # 05-01..05-31 on 8000: 8000 x 13.15 x 31 / 36500 = 89.347... -> 89.35
    assert [p.montant for p in st.periods] == [D("108.08"), D("89.35")]
    assert st.reste_du == D("8237.43")  # 10000 + 108.08 + 89.35 + 40 - 2000


def test_payment_day_still_bears_the_old_base():
    r = compute(dossier(payments=[payment("2025-04-01", "10000.00", "F1")], imputation="capital"), d("2025-06-30"))
    st = r.lines[0]
    # one day (04-01) on 10000: 10000 x 13.15 / 36500 = 3.6027 -> 3.60; then nothing (base 0)
    assert [(p.jours, p.montant) for p in st.periods] == [(1, D("3.60"))]
    assert st.indemnite == D("40.00")  # paid late
    assert st.reste_du == D("43.60")


def test_paid_on_the_due_date_owes_nothing():
    r = compute(dossier(payments=[payment("2025-03-31", "10000.00")]), d("2025-06-30"))
    assert r.total == Decimal("0.00") and r.indemnites == 0 and r.interets == 0


def test_invoice_not_yet_due():
    r = compute(dossier(), d("2025-03-31"))
    assert r.interets == 0 and r.indemnites == 0 and r.total == D("10000.00")


def test_unassigned_payment_goes_to_the_oldest_due_debt():
    invs = [invoice("A", "2025-03-01", "2025-04-30", "1000.00"), invoice("B", "2025-01-01", "2025-01-31", "500.00")]
    r = compute(dossier(invs, [payment("2025-02-01", "600.00")], imputation="capital"), d("2025-02-01"))
    a, b = r.lines
    # B (due 01-31) first: its 500 of principal, then its one day of interest (02-01):
    # 500 x 13.15 / 36500 = 0.180 -> 0.18; the rest, 600 - 500.18 = 99.82, to A
    assert b.paye == D("500.18") and a.paye == D("99.82")


def test_public_debtor_one_rate_for_the_whole_delay():
    r = compute(dossier([invoice(due="2025-06-15")], debtor="public"), d("2025-07-31"))
    (p,) = r.lines[0].periods
    # starts 2025-06-16 (1st half-year): 3.15 + 8 = 11.15 for all 15 + 31 = 46 days
    # 10000 x 11.15 x 46 / 36500 = 140.520... -> 140.52
    assert (p.jours, p.taux, p.montant) == (46, D("11.15"), D("140.52"))
    assert "R2192-31" in p.fondement
    assert r.indemnites == D("40.00")


def test_consumer_owes_nothing_before_a_mise_en_demeure():
    r = compute(dossier(debtor="particulier"), d("2026-06-30"))
    assert r.interets == 0 and r.indemnites == 0


def test_consumer_legal_rate_from_receipt_of_the_notice():
    inv = invoice(date_="2025-10-06", due="2025-10-06", amount="2440.00")
    r = compute(dossier([inv], debtor="particulier", history=[notice("2026-01-12", "2026-01-14")]), d("2026-06-30"))
    (p,) = r.lines[0].periods
    # from 2026-01-15 to 06-30 = 17+28+31+30+31+30 = 167 days, 2026-S1 "autres cas" 2.62 %
    # 2440 x 2.62 x 167 / 36500 = 29.249... -> 29.25 ; no indemnity (CPCE L111-8)
    assert (p.du, p.jours, p.taux, p.montant) == (d("2026-01-15"), 167, D("2.62"), D("29.25"))
    assert r.indemnites == 0


def test_private_creditor_takes_the_particulier_column():
    inv = invoice(date_="2025-10-06", due="2025-10-06", amount="2440.00")
    r = compute(dossier([inv], debtor="particulier", creditor="particulier",
                        history=[notice("2026-01-12", "2026-01-14")]), d("2026-06-30"))
    # 2440 x 6.67 x 167 / 36500 = 74.462... -> 74.46
    assert r.lines[0].periods[0].montant == D("74.46")


def test_notice_before_the_due_date_does_not_start_interest():
    r = compute(dossier([invoice(due="2025-03-31")], debtor="particulier", history=[notice("2025-03-15")]),
                d("2025-06-30"))
    assert r.interets == 0


def test_contractual_rate():
    r = compute(dossier(regime="contractuel", taux="15.00"), d("2025-06-30"))
    # 10000 x 15 x 91 / 36500 = 373.972... -> 373.97
    assert r.lines[0].periods[0].montant == D("373.97")


def test_no_indemnity_when_disabled_or_regime_none():
    r = compute(dossier(regime="aucun", indemnity=False), d("2025-06-30"))
    assert r.total == D("10000.00")


def test_unknown_half_year_is_an_error_naming_it():
    with pytest.raises(UnknownRateError, match="1er semestre 2027"):
        compute(dossier(), d("2027-03-01"))


def test_rate_before_2015_legal_table_is_an_error():
    with pytest.raises(UnknownRateError, match="semestre 2014"):
        compute(dossier([invoice(date_="2014-01-01", due="2014-01-31")], debtor="particulier",
                        history=[notice("2014-03-01")]), d("2014-06-30"))


def test_unverified_rate_is_used_with_a_warning():
    r = compute(dossier(), d("2026-08-31"))
    last = r.lines[0].periods[-1]
    assert last.verifie is False and last.taux == D("12.40")  # 2.40 (2026-06-17, unverified) + 10
    assert any("2e semestre 2026" in w and "non vérifié" in w for w in r.warnings)


def test_overpayment_is_reported_not_lost():
    r = compute(dossier(payments=[payment("2025-03-15", "12000.00", "F1")]), d("2025-06-30"))
    assert r.non_impute == D("2000.00") and r.total == 0
    assert any("trop-perçu" in w for w in r.warnings)


def test_payment_after_the_date_is_ignored():
    r = compute(dossier(payments=[payment("2025-07-15", "500.00", "F1")]), d("2025-06-30"))
    assert r.paye == 0 and len(r.ignored_payments) == 1
