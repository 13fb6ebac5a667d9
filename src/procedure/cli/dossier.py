"""Commands on a dossier's data and life: verifier, decompte, init, noter, etat, suivi."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from procedure.cli.options import (AMOUNT, DATE, FREE_TEXT, NUMBER_TEXT, ChoiceFr, command, dossier_argument, option,
                                   output_options, report, say, today, warn, with_actions)


@command()
@dossier_argument
@option("--au", type=DATE, help="Date d'appréciation (défaut : aujourd'hui).")
def verifier(dossier: Path, au: date | None) -> None:
    """Valider un dossier et signaler ce qui mérite attention.

    Signale notamment : prescription acquise ou proche, délai de paiement au-delà
    du maximum légal, taux contractuel sous son plancher, débiteur en procédure
    collective, taux non vérifiés, SIREN ou IBAN invalide, pièce manquante,
    chronologie impossible du journal.

    Exemple : procedure verifier samples/commercant
    """
    from procedure.api import dossier as api
    from procedure.texte_fr import plural

    d = api.load(dossier)
    findings = api.verify(d, au or today())
    say(f"{d.source} : dossier {d.reference} valide ({plural(len(d.factures), 'facture')}, "
        f"{plural(len(d.paiements), 'paiement')}).")
    for f in findings:
        say(f"{f.level} : {f.message}")
    if not findings:
        say("Rien à signaler.")


@command()
@dossier_argument
@option("--au", type=DATE, help="Date du décompte (défaut : aujourd'hui).")
@option("--format", "fmt", type=ChoiceFr("json", "csv", "pdf", "docx"), default="json", show_default=True,
        help="json (sur la sortie standard), csv, pdf ou docx (fichiers dans --sortie).")
@output_options
def decompte(dossier: Path, au: date | None, fmt: str, sortie: Path | None, remplacer: bool,
             modeles: Path | None) -> None:
    """Calculer le décompte de la créance à une date.

    Intérêts de retard par période (taux et fondement), indemnités forfaitaires,
    paiements partiels imputés (C. civ. 1342-10 et 1343-1), total dû. Le décompte
    tient compte du journal du dossier (une mise en demeure produite ou notée).

    Exemple : procedure decompte samples/commercant --au 2025-06-30 --format json
    """
    from procedure.api import decompte as api
    from procedure.api import lettres
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load

    d = load(dossier)
    when = au or today()
    out_dir = sortie or default_output_dir(d)
    if fmt in ("pdf", "docx"):
        report(lettres.produce("decompte", d, when, (fmt,), out_dir, remplacer, modeles))
        return
    if fmt == "json" and sortie is None:
        result = api.compute(d, when)
        for w in result.warnings:
            warn(w)
        click.echo(api.to_json(result), nl=False)  # only text the reader checked: no control to escape
        return
    paths, warnings = api.export(d, when, fmt, out_dir, remplacer)
    for w in warnings:
        warn(w)
    for path in paths:
        say(str(path))


@command()
@click.argument("dossier", metavar="DOSSIER", type=click.Path(path_type=Path))
def init(dossier: Path) -> None:
    """Créer un dossier d'exemple complet et commenté, à modifier.

    La référence du dossier est le nom du répertoire.

    Exemple : procedure init mes-dossiers/DOS-2026-001
    """
    from procedure.api.dossier import create_example

    import shlex

    path = create_example(dossier)
    command_line = f"procedure verifier {shlex.quote(str(dossier))}"  # one the user can paste, spaces and all
    say(f"{path} : dossier d'exemple créé ; modifiez-le puis lancez « {command_line} ».")


@command()
@with_actions
@dossier_argument
@click.argument("action", metavar="ACTION")
@option("--date", "when", type=DATE, help="Date de l'événement (défaut : aujourd'hui ; avec --reception seule, "
                                          "la dernière lettre de ce type).")
@option("--reception", type=DATE, help="Date de réception (avis de réception d'une lettre recommandée).")
@option("--lrar", type=NUMBER_TEXT, default="", help="Numéro de la lettre recommandée.")
@option("--fichier", type=click.Path(path_type=Path), metavar="FICHIER",
        help="Pièce justificative (avis de réception, ordonnance) copiée dans le dossier.")
@option("--numero", type=NUMBER_TEXT, default="", help="Numéro (RG de l'ordonnance, par exemple).")
@option("--frais", type=AMOUNT, help="Frais engagés (greffe, signification), en euros.")
@option("--pas-a-personne", "pas_a_personne", is_flag=True,
        help="Signification faite autrement qu'à personne (le délai d'opposition court autrement).")
@option("--note", type=FREE_TEXT, default="", help="Note libre.")
def noter(dossier: Path, action: str, when, reception, lrar, fichier, numero, frais, pas_a_personne, note) -> None:
    """Inscrire un événement au journal du dossier (dossier.yaml n'est jamais réécrit).

    {actions}

    Une date impossible (réception avant l'envoi, signification avant
    l'ordonnance…) est refusée.

    Exemple : procedure noter mon-dossier mise-en-demeure --date 2025-07-15 --reception 2025-07-17 --lrar 1A12345678901
    """
    from procedure.api.dossier import load
    from procedure.api.noter import Event, record

    d = load(dossier)
    event = Event(action=action, date=when, reception=reception, lrar=lrar.strip(), fichier=fichier,
                  numero=numero.strip(), frais=frais, a_personne=False if pas_a_personne else None, note=note.strip())
    _, said, warnings = record(d, event, today())
    for line in said:
        say(line)
    for w in warnings:
        warn(w)


@command()
@dossier_argument
@option("--au", type=DATE, help="Date d'appréciation (défaut : aujourd'hui).")
@option("--format", "fmt", type=ChoiceFr("texte", "json"), default="texte", show_default=True, help="texte ou json.")
def etat(dossier: Path, au: date | None, fmt: str) -> None:
    """L'état du dossier : étape atteinte, historique, somme due, prochaines étapes.

    L'historique réunit dossier.yaml et le journal (documents produits,
    événements notés), du plus ancien au plus récent.

    Exemple : procedure etat samples/commercant --au 2026-06-30
    """
    import json

    from procedure.api.dossier import load
    from procedure.api.etat import describe
    from procedure.argent import format_eur
    from procedure.texte_fr import date_fr

    d = load(dossier)
    info = describe(d, au or today())
    if fmt == "json":
        say(json.dumps(info, ensure_ascii=False, indent=2))
        return
    when = date.fromisoformat(info["au"])
    say(f"Dossier {info['reference']} au {date_fr(when)} — étape : {info['etape_libelle'].lower()}")
    total = info["decompte"]
    from decimal import Decimal

    say(f"Somme due : {format_eur(Decimal(total['total']))} (principal {format_eur(Decimal(total['principal']))}"
        f", intérêts {format_eur(Decimal(total['interets']))}, indemnités "
        f"{format_eur(Decimal(total['indemnites']))}"
        + (f", frais {format_eur(Decimal(total['frais']))}" if Decimal(total["frais"]) else "")
        + f", réglé {format_eur(Decimal(total['paye']))})")
    if Decimal(total["credit"]) > 0:
        say(f"Trop-perçu en faveur du débiteur : {format_eur(Decimal(total['credit']))}")
    say("Historique :")
    for h in info["historique"] or [{"date": None}]:
        if h["date"] is None:
            say("  (aucun événement)")
            continue
        text = f"  {date_fr(date.fromisoformat(h['date']))} — {h['libelle']}"
        if h.get("date_reception"):
            text += f", reçue le {date_fr(date.fromisoformat(h['date_reception']))}"
        if h.get("lrar"):
            text += f" (LRAR n° {h['lrar']})"
        if h.get("numero"):
            text += f" (n° {h['numero']})"
        say(text)
    say("Prochaines étapes :")
    for s in info["prochaines_etapes"] or [{"date": None}]:
        if s["date"] is None:
            say("  (aucune)")
            continue
        day = date.fromisoformat(s["date"])
        say(f"  {date_fr(day)}{' (échu)' if day < when else ''} — {s['motif']}"
            + (f" ({s['fondement']})" if s["fondement"] else ""))
    for w in info["avertissements"]:
        warn(w)


@command()
@dossier_argument
@option("--format", "fmt", type=ChoiceFr("texte", "json"), default="texte", show_default=True, help="texte ou json.")
def suivi(dossier: Path, fmt: str) -> None:
    """Les dates qui comptent après l'ordonnance d'injonction de payer.

    Lit les événements « ordonnance » et « signification » (historique et journal,
    voir « procedure noter ») : date limite de signification, fin du délai
    d'opposition, date à partir de laquelle l'ordonnance peut être exécutée, selon
    le régime de la date de l'ordonnance (avant le 1er mars 2022 ; jusqu'au 31 août
    2026 ; à partir du 1er septembre 2026, décret n° 2026-96). Après une demande de
    procédure simplifiée des petites créances : la fin du mois laissé au débiteur.

    Exemple : procedure suivi samples/commercant --format json
    """
    import json

    from procedure.api.dossier import load
    from procedure.api.suivi import milestones
    from procedure.texte_fr import date_fr

    info = milestones(load(dossier), today())
    if fmt == "json":
        say(json.dumps(info, ensure_ascii=False, indent=2))
        return

    def fr(text):
        return date_fr(date.fromisoformat(text)) if text else "—"

    say(f"Dossier {info['reference']} — {info['regime']}")
    if small := info["petites_creances"]:
        say(f"- {small['motif'][:1].upper()}{small['motif'][1:]} : {fr(small['date'])} ({small['fondement']})")
    if not info["ordonnance"]:
        return
    say(f"Ordonnance du {fr(info['ordonnance'])}" + (f" (n° {info['numero']})" if info["numero"] else "")
        + (f", signifiée le {fr(info['signification'])}" if info["signification"] else ", non encore signifiée"))
    say(f"Jours fériés : {info['zone_libelle']}")
    for e in info["echeances"]:
        served = e["cle"] == "signifier_avant" and info["signification"]
        done = f" : fait, signifiée le {fr(info['signification'])}" if served else ""
        say(f"- {e['libelle']} {fr(e['date'])} ({e['fondement']}){done}")
        if e["note"]:
            say(f"  note : {e['note']}")


COMMANDS = (verifier, decompte, init, noter, etat, suivi)
