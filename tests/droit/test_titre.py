"""The décompte after a title (CMF L313-3, costs, payments since, interest ahead: CPCE R211-1).

The hand case. A trader claims 2 000 € from a consumer, due 31 January 2025. Mise en demeure sent
10 February, received 12 February: legal interest ("autres cas": the creditor is a professional) from
13 February (C. civ. 1231-6, 1344). Requête 10 March, ordonnance 20 March 2025, served 1 April to the
person, the service cost 48,20 € (noted on the signification). The debtor pays 500 € on 15 August,
naming no invoice.

- Enforceable: opposition for one month from service (CPC 1416): 1 May 2025, a public holiday, so the
  limit runs to Friday 2 May (CPC 642); enforceable from 3 May (CPC 1422).
- CMF L313-3: +5 points at the end of two months from 3 May: the months end on 3 July (CPC 641), the
  raised rate applies from 4 July 2025.
- Rates: legal rate "autres cas" 2025-S1 3,71 %; 2025-S2 2,76 %, raised 7,76 %.
- 13 Feb..30 Jun = 16 + 31 + 30 + 31 + 30 = 138 days: 2000 x 3.71 x 138 / 36500 = 28.0537 -> 28.05
- 1 Jul..3 Jul = 3 days: 2000 x 2.76 x 3 / 36500 = 0.4537 -> 0.45
- 4 Jul..15 Aug = 28 + 15 = 43 days: 2000 x 7.76 x 43 / 36500 = 18.2838 -> 18.28
- 15 August, 500 €: first the costs, owed since the title: 48.20; then the interest accrued
  (1343-1): 28.05 + 0.45 + 18.28 = 46.78; then the principal: 500 - 48.20 - 46.78 = 405.02, which leaves
  2000 - 405.02 = 1594.98.
- 16 Aug..30 Sep = 16 + 30 = 46 days: 1594.98 x 7.76 x 46 / 36500 = 15.5985 -> 15.60
- At 30 September 2025: interest 28.05 + 0.45 + 18.28 + 15.60 = 62.38; total
  2000 + 62.38 + 48.20 - 500 = 1610.58 (= 1594.98 + 15.60).
- Interest ahead (R211-1): per day 1594.98 x 7.76 / 36500 = 0.33910 -> 0.34; one month, 1 Oct..30 Oct
  = 30 days: 1594.98 x 7.76 x 30 / 36500 = 10.1729 -> 10.17.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

from helpers import TITLED, D, d, dossier, invoice, notice, payment
from readback import docx_text, pdf_text
from procedure.droit.decompte import compute
from procedure.droit.titre import interest_ahead, title_at
from procedure.modele import dossier as m
from procedure.modele.actions import Action


def _history(*entries) -> tuple[m.HistoryEntry, ...]:
    out = []
    for when, action, extra in entries:
        out.append(m.HistoryEntry(date=d(when), action=Action(action), **extra))
    return tuple(out)


def hand_case(**changes) -> m.Dossier:
    history = (notice("2025-02-10", "2025-02-12"), *_history(
        ("2025-03-10", "requete", {}), ("2025-03-20", "ordonnance", {"numero": "RG 25/00042"}),
        ("2025-04-01", "signification", {"frais": D("48.20")})))
    base = dossier([invoice("F-1", "2025-01-10", "2025-01-31", "2000.00")], [payment("2025-08-15", "500.00")],
                   debtor="particulier", history=history)
    return dataclasses.replace(base, **changes)


def test_the_title_raises_the_legal_rate_two_months_after_it_became_enforceable():
    r = compute(hand_case(), d("2025-09-30"))
    title = r.titre
    assert (title.executoire, title.raise_since) == (d("2025-05-03"), d("2025-07-04"))
    periods = [(p.du, p.au, p.jours, p.base, p.taux, p.montant) for p in r.lines[0].periods]
    assert periods == [
        (d("2025-02-13"), d("2025-06-30"), 138, D("2000.00"), D("3.71"), D("28.05")),
        (d("2025-07-01"), d("2025-07-03"), 3, D("2000.00"), D("2.76"), D("0.45")),
        (d("2025-07-04"), d("2025-08-15"), 43, D("2000.00"), D("7.76"), D("18.28")),
        (d("2025-08-16"), d("2025-09-30"), 46, D("1594.98"), D("7.76"), D("15.60")),
    ]
    assert "L313-3" in r.lines[0].periods[2].fondement and "L313-3" not in r.lines[0].periods[1].fondement
    (pay,) = r.lines[0].allocations
    assert (pay.montant, pay.interets, pay.principal) == (D("451.80"), D("46.78"), D("405.02"))
    assert r.couts.allocations == [(d("2025-08-15"), D("48.20"))]  # the costs were paid first
    assert (r.interets, r.frais, r.paye, r.total) == (D("62.38"), D("48.20"), D("500.00"), D("1610.58"))
    # total = principal + interest + indemnities + costs - paid
    assert r.principal + r.interets + r.indemnites + r.frais - r.paye == r.total


def test_interest_ahead_one_month_and_per_day():
    ahead = interest_ahead(compute(hand_case(), d("2025-09-30")))
    assert (ahead.par_jour, ahead.provision, ahead.du, ahead.au) == (D("0.34"), D("10.17"), d("2025-10-01"),
                                                                      d("2025-10-30"))


def test_the_provision_includes_the_raise_that_starts_within_the_month():
    # at 30 June 2025 the raise starts 4 July: 1..3 July at 2.76 on 2000, 4..30 July at 7.76
    # 2000 x 2.76 x 3 / 36500 = 0.4537 -> 0.45; 2000 x 7.76 x 27 / 36500 = 11.4805 -> 11.48; 11.93
    # per day: 2000 x 2.76 / 36500 = 0.151 -> 0.15, then 2000 x 7.76 / 36500 = 0.425 -> 0.43 from 4 July
    ahead = interest_ahead(compute(hand_case(), d("2025-06-30")))
    assert (ahead.par_jour, ahead.provision) == (D("0.15"), D("11.93"))
    assert ahead.changes == ((d("2025-07-04"), D("0.43")),)


def test_no_raise_for_late_payment_penalties_between_professionals():
    # L313-3 raises the legal rate only: L441-10 penalties keep their rate after the title
    history = _history(("2025-04-10", "requete", {}), ("2025-04-20", "ordonnance", {}),
                       ("2025-05-02", "signification", {}))
    r = compute(dossier(history=history), d("2025-09-30"))
    assert r.titre.raise_since is not None
    assert {p.taux for p in r.lines[0].periods} == {D("13.15"), D("12.15")}  # ECB + 10, by half-year


def test_no_raise_before_service_nor_after_an_opposition():
    served = hand_case()
    unserved = hand_case(historique=served.historique[:-1])
    r = compute(unserved, d("2025-09-30"))
    assert r.titre.executoire is None and {p.taux for p in r.lines[0].periods} == {D("3.71"), D("2.76")}
    assert any("non encore signifiée" in w for w in r.warnings)
    opposed = hand_case(historique=served.historique + _history(("2025-04-20", "opposition", {})))
    r = compute(opposed, d("2025-09-30"))
    assert r.titre.executoire is None and any("opposition formée" in w for w in r.warnings)


def test_costs_are_claimed_only_after_a_title_and_not_for_amicable_steps():
    history = (m.HistoryEntry(date=d("2025-02-10"), action=Action.MISE_EN_DEMEURE, date_reception=d("2025-02-12"),
                              frais=D("7.50")),)
    r = compute(hand_case(historique=history), d("2025-09-30"))
    assert r.frais == 0 and r.titre is None and any("frais notés" in w for w in r.warnings)
    r = compute(hand_case(historique=history + hand_case().historique[1:]), d("2025-09-30"))
    assert r.frais == D("48.20")  # the LRAR's cost stays with the creditor (CPCE L111-8, al. 2)
    assert any("L111-8, al. 2" in w for w in r.warnings)


def test_no_title_no_costs_before_the_ordonnance():
    assert title_at(hand_case(), date(2025, 3, 19)) is None
    r = compute(hand_case(historique=hand_case().historique[:2]), d("2025-09-30"))
    assert r.titre is None and r.frais == 0


def test_decompte_command_applies_the_same_rules(run, write_dossier):
    folder = write_dossier(TITLED)
    r = run("decompte", str(folder), "--au", "2025-09-30")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert {k: data[k] for k in ("principal", "interets", "indemnites", "frais", "paye", "total")} == {
        "principal": "2000.00", "interets": "62.38", "indemnites": "0.00", "frais": "48.20", "paye": "500.00",
        "total": "1610.58"}
    assert data["titre"] == {"ordonnance": "2025-03-20", "numero": "RG 25/00042", "signification": "2025-04-01",
                             "executoire_depuis": "2025-05-03", "majoration_depuis": "2025-07-04"}
    assert data["frais_detail"][0]["fondement"].startswith("dépens")
    r = run("decompte", str(folder), "--au", "2025-09-30", "--format", "csv")
    text = next((folder / "sortie").glob("*.csv")).read_text(encoding="utf-8-sig")
    assert ";frais;2025-04-01;" in text and text.splitlines()[-1].startswith(";total;;2025-09-30;;;;1610,58")
    assert Decimal(data["total"]) == Decimal("1610.58")
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        assert run("decompte", str(folder), "--au", "2025-09-30", "--format", fmt).exit_code == 0
        text = read(folder / "sortie" / f"2025-09-30_TITRE-1_decompte.{fmt}")
        assert "majoré de 5 points à compter du 4 juillet 2025" in text and "L313-3" in text
        assert "Intérêts au taux légal majoré (C. mon. fin., art. L313-3)" in text
        assert "Frais (après le titre exécutoire) 48,20 €" in text and "1 610,58 €" in text
