# procedure — two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The demo is dated so that its output is the same every day (the samples are dated 2025-2026).
DEMO_DATE ?= 2026-06-30
SAMPLES := $(wildcard samples/*/dossier.yaml)

.PHONY: demo test install bench clean help

help:
	@echo "make demo   crée .venv, installe procedure et produit les documents des dossiers d'exemple"
	@echo "make test   installe les dépendances de test et lance toute la suite (pytest)"
	@echo "make bench  mesures de performance (benchmarks/)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# bytecode for our own sources: with PYTHONDONTWRITEBYTECODE set, Python would compile them at every run
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@for f in $(SAMPLES); do \
	  d=$$(dirname $$f); echo "== $$d"; \
	  rm -rf $$d/sortie $$d/journal.yaml $$d/pieces/journal; \
	  PROCEDURE_AUJOURDHUI=$(DEMO_DATE) $(BIN)/procedure verifier $$d || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format json --sortie $$d/sortie || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format csv || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format pdf || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format docx || exit $$?; \
	done
	@# each dossier moves through time: the letters are produced at the dates of its history (a
	@# letter produced on the day the history records it is that same step), then noted and filed
	@echo "== le commerçant : relance, avertissement, mise en demeure, requête"
	$(BIN)/procedure relance samples/commercant --date 2025-04-10 --format pdf,docx,eml
	$(BIN)/procedure avertissement samples/commercant --date 2025-06-05 --format pdf,docx,eml
	$(BIN)/procedure mise-en-demeure samples/commercant --date 2025-07-15
	$(BIN)/procedure juridiction samples/commercant --au $(DEMO_DATE)
	$(BIN)/procedure injonction samples/commercant --date $(DEMO_DATE) --renvoi-1408
	$(BIN)/procedure etat samples/commercant --au $(DEMO_DATE)
	@echo "== le particulier : mise en demeure, petites créances d'abord, puis requête, ordonnance et signification notées"
	$(BIN)/procedure relance samples/particulier --date 2025-11-03 --format pdf,docx,eml
	$(BIN)/procedure mise-en-demeure samples/particulier --date 2026-01-12
	@# a claim under 5 000 EUR: the procédure simplifiée is tried first (CPCE L125-1); the debtor has a month
	$(BIN)/procedure petites-creances samples/particulier --date 2026-01-26 --echeancier 3
	$(BIN)/procedure etat samples/particulier --au 2026-02-10
	@# no answer within the month: the requête, then the ordonnance and its service, noted as they come
	$(BIN)/procedure injonction samples/particulier --date 2026-03-02
	PROCEDURE_AUJOURDHUI=$(DEMO_DATE) $(BIN)/procedure noter samples/particulier ordonnance --date 2026-03-16 --numero "RG 26/00123" --fichier samples/particulier/pieces/ordonnance-scan.pdf
	PROCEDURE_AUJOURDHUI=$(DEMO_DATE) $(BIN)/procedure noter samples/particulier signification --date 2026-03-30 --frais 62.18
	$(BIN)/procedure etat samples/particulier --au $(DEMO_DATE)
	$(BIN)/procedure suivi samples/particulier
	@echo "== le particulier : remise au commissaire de justice, contrôle du paquet par l'étude"
	@# the ZIP is the same every run: its entries carry the packet's date (or SOURCE_DATE_EPOCH when set)
	$(BIN)/procedure commissaire samples/particulier --date $(DEMO_DATE)
	$(BIN)/procedure paquet verifier samples/particulier/sortie/$(DEMO_DATE)_DOS-2026-003_remise-commissaire.zip
	$(BIN)/procedure paquet debiteur samples/particulier/sortie/$(DEMO_DATE)_DOS-2026-003_remise-commissaire.zip
	@echo "== l'acheteur public : relance, mise en demeure (référé-provision), pièces"
	$(BIN)/procedure relance samples/acheteur-public --date 2025-11-05 --format pdf,docx,eml
	$(BIN)/procedure avertissement samples/acheteur-public --date 2026-01-15 --format pdf,docx,eml
	$(BIN)/procedure mise-en-demeure samples/acheteur-public --date $(DEMO_DATE)
	@# a public buyer is not a debtor for an injonction de payer (administrative contract): its exhibits alone
	$(BIN)/procedure pieces samples/acheteur-public --date $(DEMO_DATE)
	$(BIN)/procedure etat samples/acheteur-public --au $(DEMO_DATE)
	@echo "== l'entrepreneur individuel, représenté par son avocate : relance, mise en demeure, requête"
	$(BIN)/procedure relance samples/entrepreneur --date 2025-12-01 --format pdf,docx,eml
	$(BIN)/procedure mise-en-demeure samples/entrepreneur --date 2026-01-20 --lrar "1A 234 567 8901 2"
	$(BIN)/procedure injonction samples/entrepreneur --date $(DEMO_DATE)
	$(BIN)/procedure etat samples/entrepreneur --au $(DEMO_DATE)
	$(BIN)/procedure delai $(DEMO_DATE) "1 mois" --detail
	$(BIN)/procedure delai 2026-05-19 "8 jours" --zone guadeloupe --detail
	@echo "== le travail de la semaine : un lot de dossiers, la lettre suivante de chacun, l'agenda"
	rm -rf samples/portefeuille/*/sortie samples/portefeuille/*/journal.yaml samples/agenda.ics
	$(BIN)/procedure lot verifier samples --date 2026-07-06
	$(BIN)/procedure agenda samples --au 2026-07-06 --horizon 30
	$(BIN)/procedure lot suivant samples/portefeuille --date 2026-07-06 --format pdf,docx
	$(BIN)/procedure agenda samples --au 2026-07-06 --horizon 30 --format ics > samples/agenda.ics
	@echo "Documents produits dans samples/*/sortie/ ; journaux dans samples/*/journal.yaml"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	@# sources changed since the install: their bytecode, or every measured run compiles them again
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) samples/*/sortie samples/*/journal.yaml samples/*/pieces/journal samples/portefeuille/*/sortie samples/portefeuille/*/journal.yaml samples/agenda.ics .pytest_cache
