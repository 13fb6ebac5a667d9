"""Volume work: ``lot mise-en-demeure`` over 80 dossiers (PDF and DOCX) against 80 separate
``procedure mise-en-demeure`` runs and against LibreOffice converting the same 80 DOCX letters to
PDF in one call (its best case); ``agenda`` over 1 000 dossiers. Loaded by benchmarks/run.py."""

import shutil
import subprocess
import time
from pathlib import Path

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


def measure(tmp: Path, bin_path: Path, timed):
    rows = []
    office = make_office(tmp / "lot", N_LETTERS)
    when = "2026-06-30"
    t_lot = _clock([str(bin_path), "lot", "mise-en-demeure", str(office), "--date", when, "--format", "pdf,docx"])
    rows.append((f"lot mise-en-demeure, {N_LETTERS} dossiers, PDF et DOCX", f"{t_lot:.1f} s "
                 f"({N_LETTERS / t_lot:.1f} lettres/s)", "≥ 2 × le débit de LibreOffice"))
    for folder in office.iterdir():
        shutil.rmtree(folder / "sortie", ignore_errors=True)
        (folder / "journal.yaml").unlink(missing_ok=True)
    t_sep = 0.0
    for folder in sorted(office.iterdir()):
        t_sep += _clock([str(bin_path), "mise-en-demeure", str(folder), "--date", when, "--format", "pdf,docx"])
    rows.append((f"{N_LETTERS} commandes mise-en-demeure séparées", f"{t_sep:.1f} s "
                 f"({N_LETTERS / t_sep:.1f} lettres/s)", f"ratio lot / séparées : {t_lot / t_sep:.2f}"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        docx = sorted(office.glob("*/sortie/*.docx"))
        out = tmp / "lo-out"
        out.mkdir()
        t_lo = _clock([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, docx)])
        rate_lo = len(docx) / t_lo
        rows.append((f"LibreOffice : {len(docx)} DOCX -> PDF en un appel", f"{t_lo:.1f} s ({rate_lo:.1f} PDF/s)",
                     "référence"))
        rows.append(("débit lot / débit LibreOffice (lot écrit aussi les DOCX)", f"{(N_LETTERS / t_lot) / rate_lo:.2f}",
                     "≥ 2"))
    else:
        rows.append(("LibreOffice", "absent", "apt-get install libreoffice-writer"))
    agenda_root = make_office(tmp / "agenda", N_AGENDA)
    t = timed([str(bin_path), "agenda", str(agenda_root), "--au", when, "--format", "json"], runs=3)
    rows.append((f"agenda, {N_AGENDA} dossiers (JSON)", f"{t:.2f} s", "< 3 s"))
    return rows
