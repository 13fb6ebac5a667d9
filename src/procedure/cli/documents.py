"""Commands that produce documents: the letters, the court file, the competent court."""

from __future__ import annotations

from datetime import date
from pathlib import Path


from procedure.cli.options import (DATE, NUMBER_TEXT, IntRange, command, dispute_option, document_options, dossier_argument,
                                   option, report, say, today, warn)


def _letter(kind: str, doc: str, formats: tuple[str, ...], registered: bool = False):
    @document_options(formats, "pdf,docx", "Date de la lettre")
    @option("--delai", type=IntRange(1, 90), metavar="JOURS", help="Délai de paiement laissé, en jours (défaut : 8).")
    def run(dossier, when, fmt, sortie, remplacer, modeles, delai, lrar=""):
        from procedure.api.commun import default_output_dir
        from procedure.api.dossier import load
        from procedure.api.lettres import produce

        d = load(dossier)
        report(produce(kind, d, when or today(), fmt, sortie or default_output_dir(d), remplacer, modeles, delai,
                       lrar or ""))

    if registered:  # the registered letter's number, printed on the letter and kept in the journal
        run = option("--lrar", type=NUMBER_TEXT, help="Numéro de la lettre recommandée avec avis de réception, "
                                                      "imprimé sur la lettre et inscrit au journal.")(run)
    run.__doc__ = doc
    return command(name=kind, help=doc)(run)


relance = _letter("relance", """Produire la lettre de relance amiable.

    Rappel courtois : factures échues, montants, délai de paiement (8 jours par
    défaut), modalités de règlement. Format eml : courriel prêt à envoyer, PDF joint.

    Exemple : procedure relance samples/commercant --date 2025-04-10 --format pdf,docx,eml
    """, ("pdf", "docx", "eml"))
avertissement = _letter("avertissement", """Produire la lettre d'avertissement (second rappel).

    Plus ferme : rappelle les relances déjà faites (historique et journal), énonce
    les pénalités de retard et l'indemnité de 40 € (débiteur professionnel) et
    annonce la mise en demeure.

    Exemple : procedure avertissement samples/commercant --date 2025-06-05
    """, ("pdf", "docx", "eml"))
mise_en_demeure = _letter("mise-en-demeure", """Produire la mise en demeure (lettre recommandée avec AR).

    Fondement (C. civ. 1344, 1231-6, 1344-1 ; C. com. L441-10 et D441-5), décompte
    complet à la date de la lettre, total en chiffres et en lettres, délai (8 jours
    par défaut) et procédure qui suivra (injonction de payer ; contre un acheteur
    public, le référé-provision du tribunal administratif). Avec --lrar, le numéro
    du recommandé est imprimé sur la lettre et inscrit au journal.

    Exemple : procedure mise-en-demeure samples/commercant --date 2025-07-15
    """, ("pdf", "docx"), registered=True)


@command()
@document_options(("pdf", "docx"), "pdf,docx", "Date de la requête")
@option("--renvoi-1408", "renvoi", is_flag=True,
        help="Demander qu'en cas d'opposition l'affaire soit renvoyée devant la juridiction (CPC 1408).")
@dispute_option
def injonction(dossier, when, fmt, sortie, remplacer, modeles, renvoi, litige_examine) -> None:
    """Produire la requête en injonction de payer, son bordereau et le recueil des pièces.

    La requête (CPC 1407, contenu des Cerfa 12948*06 ou 12946*02) est adressée à la
    juridiction compétente (voir « procedure juridiction ») ; elle est refusée contre
    un débiteur en procédure collective, pour une créance prescrite ou quand rien
    n'est dû, et pour une facture en litige (clé « statut » : 207, 208, 210) sauf
    --litige-examine, après examen de la contestation. Le recueil réunit la couverture, le bordereau et chaque pièce,
    tamponnée « Pièce n° k — page i/n », avec signets. Le recueil est toujours un PDF.

    Exemple : procedure injonction samples/commercant --date 2026-06-30
    """
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load
    from procedure.api.injonction import produce

    d = load(dossier)
    report(produce(d, when or today(), fmt, sortie or default_output_dir(d), remplacer, modeles, renvoi, litige_examine))


@command()
@document_options(("pdf", "docx"), "pdf,docx", "Date du bordereau")
def pieces(dossier, when, fmt, sortie, remplacer, modeles) -> None:
    """Produire le bordereau et le recueil des pièces, seuls.

    Ordre : contrat ou bon de commande, CGV, factures, preuves de livraison,
    relances, mise en demeure et son avis de réception, autres pièces. Une pièce
    manquante, illisible, protégée par mot de passe ou endommagée arrête tout.

    Exemple : procedure pieces samples/commercant
    """
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load
    from procedure.api.pieces import produce

    d = load(dossier)
    report(produce(d, when or today(), fmt, sortie or default_output_dir(d), remplacer, modeles))


@command()
@dossier_argument
@option("--au", type=DATE, help="Date d'appréciation du montant (défaut : aujourd'hui).")
def juridiction(dossier: Path, au: date | None) -> None:
    """Indiquer la juridiction compétente pour l'injonction de payer, et pourquoi.

    Compétence territoriale : domicile ou siège du débiteur (CPC 1406) ; matière :
    tribunal de commerce (ou des activités économiques, ou chambre commerciale en
    Alsace-Moselle) pour un débiteur commerçant, tribunal judiciaire sinon.

    Exemple : procedure juridiction samples/commercant
    """
    from procedure.api.dossier import load
    from procedure.api.injonction import court

    tribunal = court(load(dossier), au or today())
    say(tribunal.nom)
    say(f"adresse : {tribunal.adresse or 'à compléter'}")
    if tribunal.telephone:
        say(f"téléphone : {tribunal.telephone}")
    if tribunal.cerfa:
        say(f"formulaire : {tribunal.cerfa}")
    for reason in tribunal.raisons:
        say(f"- {reason}")
    for w in tribunal.avertissements:
        warn(w)


COMMANDS = (relance, avertissement, mise_en_demeure, injonction, pieces, juridiction)
