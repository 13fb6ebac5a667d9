"""Every limit the tool sets on what it reads, in one place, each with its reason.

A real dossier is small: two parties, tens of invoices, nested less than 10 deep. The limits sit far
above any real dossier (the 10 000-invoice benchmark passes) and far below what would exhaust the
memory, the C stack or the words of an amount; a refusal names the limit in French.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MIB = 1024 * 1024

# dossier.yaml and politique.yaml, checked on the raw text before YAML composes anything
MAX_YAML_BYTES = 16 * MIB  # the 10 000-invoice, 5 000-payment benchmark dossier is about 1 MiB
MAX_YAML_DEPTH = 50  # a dossier is less than 10 deep; libyaml's composer recurses in C (a crash, not an error)

# lists of a dossier
MAX_INVOICES = 50_000
MAX_PAYMENTS = 50_000
MAX_EXHIBITS = 2_000  # a bundle of 2 000 exhibits is far past what a court accepts
MAX_HISTORY = 1_000

# texts (characters, after the surrounding spaces are removed)
MAX_TEXT_CHARS = 2_000
MAX_NAME_CHARS = 300
MAX_INVOICE_NUMBER_CHARS = 100
MAX_REFERENCE_CHARS = 80  # part of every file name
MAX_NUMBER_CHARS = 100  # a registered letter's or a court's number (noter --lrar, --numero; the journal)
MAX_FOOTER_CHARS = 300  # what the 22 mm bottom margin of a letter holds in 7.5 pt, however wide the letters

# amounts and dates
MAX_AMOUNT = Decimal("999999999999.99")  # the largest amount droit.en_lettres spells (C. civ. 1376: words prevail)
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)  # 9999-12-31 would overflow the first day of interest; no rate is known that far

# images (a PNG of a few kilobytes can claim billions of pixels: checked before decoding)
MAX_LOGO_BYTES = 5 * MIB
MAX_LOGO_PIXELS = 25_000_000  # 5 000 x 5 000
MAX_SCAN_PIXELS = 80_000_000  # an A3 page scanned at 600 dpi is 70 million; Pillow warns from 89 million
MAX_EXHIBIT_BYTES = 200 * MIB  # every exhibit is read into memory to be checked and bundled

# folders
MAX_POLICY_PARENTS = 20  # folders climbed looking for politique.yaml
