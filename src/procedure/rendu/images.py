"""Images that reach a document: checked, and re-encoded so that nothing else is embedded."""

from __future__ import annotations

import io

from procedure.erreurs import InputError
from procedure.modele import dossier as m

MAX_LOGO_BYTES = 5 * 1024 * 1024


def read_logo(dossier: m.Dossier) -> tuple[bytes | None, str]:
    """The creditor's logo, checked and re-encoded as PNG (so that nothing else is embedded)."""
    path = dossier.creancier.logo
    if path is None:
        return None, ""
    where = f"{dossier.source}, champ « creancier.logo »"
    from procedure.chemins import check_inside

    check_inside(dossier.folder, path, where)
    if not path.is_file():
        raise InputError(f"{where} : fichier introuvable : {path}")
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise InputError(f"{where} : image trop lourde (plus de 5 Mo) : {path}")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            if img.format not in ("PNG", "JPEG"):
                raise InputError(f"{where} : format {img.format} non pris en charge (PNG ou JPEG) : {path}")
            img.load()
            out = io.BytesIO()
            img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB").save(out, "PNG")
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"{where} : image illisible ({exc.__class__.__name__}) : {path}") from None
    return out.getvalue(), "image/png"
