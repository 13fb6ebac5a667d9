"""Volume work: ``lot mise-en-demeure`` over 80 dossiers (PDF and DOCX) against 80 separate
``procedure mise-en-demeure`` runs and against LibreOffice converting the same 80 DOCX letters to
PDF in one call (its best case, the batch reference, run alternately with the lot); ``agenda`` over
1 000 dossiers. Loaded by benchmarks/run.py."""

import shutil
import subprocess
import time
from pathlib import Path

from run import Row, interleaved, row  # noqa: E402  (benchmarks/ is on sys.path: run.py loads this file)

N_LETTERS = 80
N_AGENDA = 1000

DOSSIER = """\
reference: LOT-{i:04d}
creancier:
  type: professionnel
  nom: Atelier Dupont
  forme_juridique: SARL
  siren: "732829320"
  representant: Marie Dupont, gérante
  adresse: {{ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}}
  iban: FR7630006000011234567890189
debiteur:
  type: professionnel
  nom: Client {i:04d} SAS
  adresse: {{ligne1: {i} place Bellecour, code_postal: "69002", ville: Lyon}}
factures:
  - {{numero: F-{i:04d}-1, date: 2026-01-05, echeance: 2026-02-04, montant_ttc: "{a}.00"}}
  - {{numero: F-{i:04d}-2, date: 2026-02-05, echeance: 2026-03-07, montant_ttc: "{b}.50"}}
historique:
  - {{date: 2026-03-20, action: relance}}
"""


def make_office(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        folder = root / f"D{i:04d}"
        folder.mkdir(exist_ok=True)
        (folder / "dossier.yaml").write_text(DOSSIER.format(i=i, a=1000 + 37 * i, b=250 + 11 * i), encoding="utf-8")
    return root


def _clock(cmd, **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def _clean(office: Path) -> None:
    for folder in office.iterdir():
        shutil.rmtree(folder / "sortie", ignore_errors=True)
        (folder / "journal.yaml").unlink(missing_ok=True)


def measure(tmp: Path, bin_path: Path, timed):
    rows = []
    office = make_office(tmp / "lot", N_LETTERS)
    when = "2026-06-30"
    lot = [str(bin_path), "lot", "mise-en-demeure", str(office), "--date", when, "--format", "pdf,docx"]
    subprocess.run(lot, check=True, capture_output=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        # the reference: LibreOffice converting the same 80 DOCX letters to PDF in one call (its best case),
        # alternately with the lot (which writes the DOCX too)
        lo_in = tmp / "lo-in"
        lo_in.mkdir()
        for docx in sorted(office.glob("*/sortie/*.docx")):
            shutil.copy(docx, lo_in / docx.name)
        lo = [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile-lot", "--convert-to", "pdf",
              "--outdir", str(tmp / "lo-out"), *map(str, sorted(lo_in.iterdir()))]
        subprocess.run(lo, check=True, capture_output=True)  # creates the profile
        t_lot, t_lo = interleaved(lot, lo, runs=3, before=lambda: _clean(office))
        rows.append(row(f"lot mise-en-demeure, {N_LETTERS} dossiers, PDF et DOCX ({N_LETTERS / t_lot:.1f} lettres/s)",
                        t_lot, "≥ 2 × le débit de LibreOffice (ratio ≤ 0,5)", t_lo,
                        f"LibreOffice, les {N_LETTERS} DOCX -> PDF en un appel"))
    else:
        t_lot = timed(lot, runs=3, before=lambda: _clean(office))
        rows.append(row(f"lot mise-en-demeure, {N_LETTERS} dossiers, PDF et DOCX", t_lot, "≥ 2 × le débit de LibreOffice"))
        rows.append(Row("LibreOffice", "absent", objectif="apt-get install libreoffice-writer"))
    _clean(office)
    t_sep = 0.0
    for folder in sorted(office.iterdir()):
        t_sep += _clock([str(bin_path), "mise-en-demeure", str(folder), "--date", when, "--format", "pdf,docx"])
    rows.append(Row(f"{N_LETTERS} commandes mise-en-demeure séparées (une exécution de chaque)", f"{t_sep:.1f} s",
                    reference="le lot ci-dessus", ratio=f"lot / séparées : {float(t_lot) / t_sep:.2f}"))
    agenda_root = make_office(tmp / "agenda", N_AGENDA)
    t = timed([str(bin_path), "agenda", str(agenda_root), "--au", when, "--format", "json"], runs=3)
    rows.append(row(f"agenda, {N_AGENDA} dossiers (JSON)", t, "< 3 s"))
    return rows
