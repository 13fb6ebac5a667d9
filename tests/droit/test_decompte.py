"""The décompte rules, each with a case computed by hand (the arithmetic is in the comments).

Rates used (shipped tables): ECB in force 1 Jan 2025 = 3.15 (since 2024-12-18); 1 Jul 2025 = 2.15
(since 2025-06-11); 1 Jan 2024 = 4.50; legal rate 2026-S1 = 6.67 (particulier) / 2.62 (autres cas).
"""

from decimal import Decimal

import pytest

from helpers import D, d, dossier, invoice, notice, payment
from procedure.modele import dossier as m
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
    # 500 x 13.15 / 36500 = 0.180 -> 0.18, then its 40 EUR indemnity, due since 02-01 (D441-5):
    # 500 + 0.18 + 40 = 540.18; the rest, 600 - 540.18 = 59.82, to A (not yet due)
    assert b.paye == D("540.18") and a.paye == D("59.82")
    assert b.reste_du == 0 and b.allocations[0].indemnite == D("40.00")


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


# --- imputation of every payment (C. civ. 1342-10 picks the invoice, 1343-1 / capital the order) ---


@pytest.mark.parametrize("imputation", ["capital", "interets"])
def test_imputation_applies_to_unassigned_payments(imputation):
    invs = [invoice("A", "2025-03-01", "2025-03-31", "10000.00"), invoice("B", "2025-04-15", "2025-06-30", "5000.00")]
    r = compute(dossier(invs, [payment("2025-04-30", "2000.00")], imputation=imputation), d("2025-05-31"))
    a, b = r.lines
    # 1342-10: A is due on 04-30, B is not (due 06-30): the whole 2000 goes to A
    assert b.paye == 0 and b.periods == []
    (alloc,) = a.allocations
    assert alloc.designee is False
    # A, 04-01..04-30: 30 days: 10000 x 13.15 x 30 / 36500 = 108.082... -> 108.08
    if imputation == "capital":
        # capital first: 2000 of principal, no interest -> base 8000 from 05-01
        assert (alloc.interets, alloc.principal) == (D("0.00"), D("2000.00"))
        # 05-01..05-31: 8000 x 13.15 x 31 / 36500 = 89.347... -> 89.35
        assert [p.montant for p in a.periods] == [D("108.08"), D("89.35")]
        assert a.reste_du == D("8237.43")  # 10000 + 108.08 + 89.35 + 40 - 2000
        assert r.total == D("13237.43")  # 8237.43 + 5000 (B not yet due)
    else:
        # interest first (1343-1): 108.08 + 1891.92 of principal -> base 8108.08 from 05-01
        assert (alloc.interets, alloc.principal) == (D("108.08"), D("1891.92"))
        # 05-01..05-31: 8108.08 x 13.15 x 31 / 36500 = 90.555... -> 90.56
        assert [p.montant for p in a.periods] == [D("108.08"), D("90.56")]
        assert a.reste_du == D("8238.64")  # 10000 + 108.08 + 90.56 + 40 - 2000
        assert r.total == D("13238.64")


# --- the 40 EUR indemnity is a due debt; what is paid beyond every debt is the debtor's credit ---


def test_overpayment_pays_the_due_indemnity_then_leaves_a_credit():
    r = compute(dossier(payments=[payment("2025-04-30", "10200.00", "F1")]), d("2025-06-30"))
    (st,) = r.lines
    # 04-01..04-30: 30 days: 10000 x 13.15 x 30 / 36500 = 108.082... -> 108.08
    assert [p.montant for p in st.periods] == [D("108.08")]  # base 0 from 05-01: no more periods
    (alloc,) = st.allocations
    # 10200 = 108.08 interest + 10000 principal + 40 indemnity (due since 04-01, D441-5) + 51.92
    assert (alloc.interets, alloc.principal, alloc.indemnite, alloc.montant) == (
        D("108.08"), D("10000.00"), D("40.00"), D("10148.08"))
    assert st.indemnite == D("40.00") and st.paye == D("10148.08")
    assert st.reste_du == 0  # 10000 + 108.08 + 40 - 10148.08
    assert r.credit == D("51.92") and r.non_impute == r.credit  # 10200 - 10148.08
    assert r.total == 0 and r.paye + r.credit == D("10200.00")


def test_unassigned_overpayment_follows_1342_10_across_invoices_and_indemnities():
    invs = [invoice("A", "2025-03-01", "2025-03-31", "1000.00"), invoice("B", "2025-04-15", "2025-05-15", "500.00")]
    r = compute(dossier(invs, [payment("2025-04-30", "1600.00")]), d("2025-06-30"))
    a, b = r.lines
    # A, due first: 04-01..04-30: 1000 x 13.15 x 30 / 36500 = 10.808... -> 10.81
    # then 1000 of principal, then its indemnity, due on 04-30: 10.81 + 1000 + 40 = 1050.81
    assert [(x.interets, x.principal, x.indemnite) for x in a.allocations] == [(D("10.81"), D("1000.00"), D("40.00"))]
    assert (a.paye, a.indemnite, a.reste_du) == (D("1050.81"), D("40.00"), 0)
    # B, not yet due (05-15): 1600 - 1050.81 = 549.19 left, its 500 of principal paid before the due
    # date: no interest and no indemnity, ever
    assert (b.paye, b.interets, b.indemnite, b.reste_du) == (D("500.00"), 0, 0, 0)
    assert r.credit == D("49.19")  # 549.19 - 500
    assert r.total == 0 and r.indemnites == D("40.00")


def test_a_payment_pays_part_of_the_indemnity_and_the_requete_claims_the_rest():
    from procedure.contexte.requete import claim_rows

    r = compute(dossier(payments=[payment("2025-04-30", "10123.08", "F1")]), d("2025-06-30"))
    (st,) = r.lines
    # 10123.08 = 108.08 interest (04-01..04-30) + 10000 principal + 15.00 of the indemnity
    assert st.allocations[0].indemnite == D("15.00")
    assert st.reste_du == D("25.00") and r.credit == 0  # 10000 + 108.08 + 40 - 10123.08
    rows, totals = claim_rows(r, r.lines)
    # principal 0, interest 108.08 - 108.08 = 0 (no row), indemnity 40 - 15 = 25
    assert [row["montant"] for row in rows] == ["0,00\u00a0€", "25,00\u00a0€"]
    assert totals["_total"] == D("25.00")


def test_a_payment_on_the_due_date_owes_no_indemnity_and_the_rest_is_a_credit():
    r = compute(dossier(payments=[payment("2025-03-31", "10050.00")]), d("2025-06-30"))
    # paid in full on the due date: not late, no interest, no indemnity; 10050 - 10000 = 50 credit
    assert (r.interets, r.indemnites, r.total, r.credit) == (0, 0, 0, D("50.00"))


def test_credit_in_json_csv_and_documents():
    import json

    from procedure.contexte.lettres import build
    from procedure.modele.actions import Document
    from procedure.sortie.export import to_csv, to_json

    r = compute(dossier(payments=[payment("2025-04-30", "10200.00", "F1")]), d("2025-06-30"))
    for indent in (2, None):
        data = json.loads(to_json(r, indent))
        # 10200 - (108.08 + 10000 + 40) = 51.92, see above; the old keys stay
        assert (data["credit"], data["non_impute"], data["total"], data["paye"]) == (
            "51.92", "51.92", "0.00", "10148.08")
        assert data["factures"][0]["paiements"][0]["indemnite"] == "40.00"
        assert data["factures"][0]["date_execution"] is None
    rows = to_csv(r).strip().split("\r\n")
    assert rows[-2].split(";")[1] == "total" and rows[-2].split(";")[7] == "0,00"
    assert rows[-1].split(";")[1] == "trop-perçu en faveur du débiteur" and rows[-1].split(";")[7] == "51,92"
    ctx = build(Document.DECOMPTE, dossier(payments=[payment("2025-04-30", "10200.00", "F1")]), r, d("2025-06-30"), [])
    assert ctx["credit"] == "Trop-perçu en faveur du débiteur : 51,92\u00a0€"
    assert ctx["credit"] in ctx["notes"] and ctx["totaux"]["credit"] == "51,92\u00a0€"
    assert "51.92" not in json.dumps(ctx, ensure_ascii=False)


# --- prescription against a consumer: from the execution date (C. consom. L218-2) ---


def _consumer(date_execution=None, payments=()):
    inv = m.Invoice(numero="F1", date=d("2025-03-01"), echeance=d("2025-03-31"), montant_ttc=D("1000.00"),
                    date_execution=d(date_execution) if date_execution else None)
    return dossier([inv], payments, debtor="particulier")


def test_consumer_prescription_runs_from_the_execution_date():
    from procedure.droit.verifications import prescription_assumption, prescription_dates

    # executed 2025-02-10, invoiced 03-01, due 03-31: 2 years from the execution: 2027-02-10
    dos = _consumer("2025-02-10")
    assert prescription_dates(dos, compute(dos, d("2026-06-30"))) == {"F1": (d("2025-02-10"), d("2027-02-10"))}
    assert prescription_assumption(dos, dos.factures[0]) == ""
    # an execution after the invoice (and its due date) is fine: 2025-04-15 + 2 years = 2027-04-15
    dos = _consumer("2025-04-15")
    assert prescription_dates(dos, compute(dos, d("2026-06-30")))["F1"] == (d("2025-04-15"), d("2027-04-15"))
    # a payment still interrupts (C. civ. 2240): 2025-06-01 + 2 years = 2027-06-01
    dos = _consumer("2025-02-10", [payment("2025-06-01", "100.00")])
    assert prescription_dates(dos, compute(dos, d("2026-06-30")))["F1"] == (d("2025-06-01"), d("2027-06-01"))
    # unknown: the due date 2025-03-31 + 2 years = 2027-03-31, and the assumption is said
    dos = _consumer()
    assert prescription_dates(dos, compute(dos, d("2026-06-30")))["F1"] == (d("2025-03-31"), d("2027-03-31"))
    assert ("date d'exécution inconnue : prescription comptée à partir de l'échéance du 2025-03-31, à vérifier"
            in prescription_assumption(dos, dos.factures[0]))


def test_execution_date_does_not_move_prescription_between_professionals():
    from procedure.droit.verifications import prescription_assumption, prescription_dates

    inv = m.Invoice(numero="F1", date=d("2025-03-01"), echeance=d("2025-03-31"), montant_ttc=D("1000.00"),
                    date_execution=d("2025-02-10"))
    dos = dossier([inv])
    # 5 years from the due date (C. civ. 2224): 2030-03-31
    assert prescription_dates(dos, compute(dos, d("2026-06-30")))["F1"] == (d("2025-03-31"), d("2030-03-31"))
    assert prescription_assumption(dos, inv) == ""


def test_requete_warns_of_the_assumed_start_and_refuses_with_it():
    from procedure.droit.injonction import check_claimable
    from procedure.erreurs import RefusalError

    dos = _consumer()
    warnings = check_claimable(dos, compute(dos, d("2026-06-30")), d("2026-06-30"))
    assert any("date d'exécution inconnue" in w and "échéance du 2025-03-31" in w for w in warnings)
    # 2025-03-31 + 2 years = 2027-03-31 <= 2027-04-01: prescribed, and the refusal says on what assumption
    with pytest.raises(RefusalError, match="date d'exécution inconnue") as exc:
        check_claimable(dos, compute(dos, d("2026-06-30")), d("2027-04-01"))
    assert "prescrite le 2027-03-31" in str(exc.value)
    # known execution on 2025-04-15: prescribed on 2027-04-15 only; no assumption to state
    dos = _consumer("2025-04-15")
    warnings = check_claimable(dos, compute(dos, d("2026-06-30")), d("2027-04-01"))
    assert not any("date d'exécution" in w for w in warnings)


def test_dossier_reads_date_execution_and_verifier_says_what_it_assumed(run, write_dossier):
    import json

    from conftest import MINIMAL

    consumer = MINIMAL.replace("  type: professionnel\n  nom: Débiteur SAS", "  type: particulier\n  nom: Débiteur")
    # without date_execution: the due date 2025-03-31 is assumed, 2 years -> 2027-03-31
    r = run("verifier", str(write_dossier(consumer, "sans")), "--au", "2026-06-30")
    assert r.exit_code == 0, r.stderr
    assert ("facture F1 : date d'exécution inconnue : prescription comptée à partir de l'échéance du 2025-03-31, "
            "à vérifier") in r.stdout
    # with it (after the invoice's date: accepted): 2025-04-15 + 2 years = 2027-04-15
    text = consumer.replace('    montant_ttc: "10000.00"\n', '    montant_ttc: "10000.00"\n    date_execution: 2025-04-15\n')
    folder = write_dossier(text, "avec")
    r = run("verifier", str(folder), "--au", "2027-04-01")
    assert r.exit_code == 0, r.stderr
    assert "date d'exécution inconnue" not in r.stdout
    assert "prescrite le 2027-04-15, dans moins de six mois" in r.stdout
    r = run("decompte", str(folder), "--au", "2025-06-30")
    assert json.loads(r.stdout)["factures"][0]["date_execution"] == "2025-04-15"


def test_an_entrepreneur_individuel_keeps_the_professional_regime():
    """A natural person trading as an entrepreneur individuel is a professional (C. com. L441-10,
    D441-5): the rule follows the party's type, not whether it is a person."""
    from dataclasses import replace

    from procedure.droit.regles import RULE_L441_10, applicable_rule, indemnity_applies

    base = dossier()
    ei = replace(base.creancier, personne=m.PHYSIQUE, prenom="Jean")
    case = replace(base, creancier=ei, debiteur=replace(base.debiteur, personne=m.PHYSIQUE, prenom="Anne"))
    assert case.creancier.is_person and case.debiteur.is_person
    assert applicable_rule(case) == RULE_L441_10 and indemnity_applies(case)
    # the same figures as the SPEC example: 10000 x 13.15 x 91 / 36500 = 327.85, + 40
    assert compute(case, d("2025-06-30")).total == D("10367.85")
