"""Money invariants over random dossiers: every printed total is the sum of its printed lines."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import dossier, invoice, notice, payment
from procedure.sortie.export import to_csv, to_dict
from procedure.droit.decompte import compute

START = date(2023, 1, 1)
amounts = st.integers(min_value=1, max_value=5_000_000).map(lambda c: Decimal(c) / 100)
days = st.integers(min_value=0, max_value=900)


@st.composite
def dossiers(draw):
    n = draw(st.integers(1, 5))
    invs = []
    for i in range(n):
        issued = START + timedelta(days=draw(days))
        due = issued + timedelta(days=draw(st.integers(0, 90)))
        invs.append(invoice(f"F{i}", issued.isoformat(), due.isoformat(), str(draw(amounts))))
    pays = []
    for _ in range(draw(st.integers(0, 6))):
        target = draw(st.one_of(st.just(""), st.sampled_from([f"F{i}" for i in range(n)])))
        when = START + timedelta(days=draw(days))
        pays.append(payment(when.isoformat(), str(draw(amounts)), target))
    debtor = draw(st.sampled_from(["professionnel", "public", "particulier"]))
    regime = draw(st.sampled_from(["legal", "contractuel", "aucun"]))
    hist = [notice((START + timedelta(days=draw(days))).isoformat())] if draw(st.booleans()) else []
    return dossier(invs, pays, debtor=debtor, regime=regime, taux="12.00" if regime == "contractuel" else None,
                   imputation=draw(st.sampled_from(["interets", "capital"])), history=hist)


AU = date(2026, 6, 30)


@settings(max_examples=300, deadline=None)
@given(dossiers())
def test_totals_are_sums_of_lines(dos):
    r = compute(dos, AU)
    data = to_dict(r)
    for f, s in zip(data["factures"], r.lines):
        periods = sum((Decimal(p["montant"]) for p in f["periodes"]), Decimal(0))
        assert Decimal(f["interets"]) == periods
        # reste_du = montant_ttc + interets + indemnite - paye (SPEC §3)
        assert Decimal(f["reste_du"]) == (Decimal(f["montant_ttc"]) + Decimal(f["interets"])
                                          + Decimal(f["indemnite"]) - Decimal(f["paye"]))
        assert Decimal(f["paye"]) == sum((Decimal(a["montant"]) for a in f["paiements"]), Decimal(0))
        assert Decimal(f["reste_du"]) >= 0
        for p in f["periodes"]:
            assert p["jours"] == (date.fromisoformat(p["au"]) - date.fromisoformat(p["du"])).days + 1
    for key, sub in (("principal", "montant_ttc"), ("paye", "paye"), ("interets", "interets"),
                     ("indemnites", "indemnite"), ("total", "reste_du")):
        assert Decimal(data[key]) == sum((Decimal(f[sub]) for f in data["factures"]), Decimal(0))
    # nothing is lost: what was paid is either allocated (principal, interest, indemnity) or the
    # debtor's credit; a debtor in credit owes nothing
    paid_by_au = sum((p.montant for p in dos.paiements if p.date <= AU), Decimal(0))
    assert Decimal(data["paye"]) + Decimal(data["credit"]) == paid_by_au
    assert data["non_impute"] == data["credit"] and Decimal(data["credit"]) >= 0
    if Decimal(data["credit"]) > 0:
        assert Decimal(data["total"]) == 0
    for f in data["factures"]:
        for a in f["paiements"]:
            assert Decimal(a["montant"]) == Decimal(a["interets"]) + Decimal(a["principal"]) + Decimal(a["indemnite"])
        # an indemnity is paid only when due, and never beyond its 40 EUR
        assert sum((Decimal(a["indemnite"]) for a in f["paiements"]), Decimal(0)) <= Decimal(f["indemnite"])
    # every amount has exactly two decimals
    assert all(len(data[k].split(".")[1]) == 2
               for k in ("principal", "paye", "interets", "indemnites", "total", "credit"))


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_csv_rows_add_up_to_their_totals(dos):
    r = compute(dos, AU)
    rows = [line.split(";") for line in to_csv(r).lstrip("\ufeff").strip().split("\r\n")[1:]]
    running = Decimal(0)
    grand = Decimal(0)
    for row in rows:
        amount = Decimal(row[7].replace(",", "."))
        if row[1] == "total facture":
            assert amount == running
            grand += amount
            running = Decimal(0)
        elif row[1] == "total":
            assert amount == grand
        else:
            running += amount


@settings(max_examples=100, deadline=None)
@given(dossiers(), st.integers(1, 400))
def test_interest_never_decreases_with_time(dos, extra):
    a = compute(dos, date(2025, 6, 30))
    b = compute(dos, date(2025, 6, 30) + timedelta(days=extra))
    for x, y in zip(a.lines, b.lines):
        if x.paye == y.paye:
            assert y.interets >= x.interets


@settings(max_examples=50, deadline=None)
@given(dossiers())
def test_compact_json_is_the_same_json(dos):
    import json

    from procedure.sortie.export import to_json

    r = compute(dos, AU)
    assert json.loads(to_json(r, indent=None)) == json.loads(to_json(r, indent=2))


def test_compact_json_escapes_text_from_the_dossier():
    import json

    from procedure.sortie.export import to_json

    hostile = 'F"1\\\\n\n</x>\u0001 "periodes": []'
    r = compute(dossier([invoice(hostile)], [payment("2025-04-30", "10.00")]), AU)
    compact = to_json(r, indent=None)
    assert json.loads(compact) == json.loads(to_json(r, indent=2))
    assert json.loads(compact)["factures"][0]["numero"] == hostile
    assert compact.count('"factures"') == 1
