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
	  rm -rf $$d/sortie $$d/journal.yaml; \
	  PROCEDURE_AUJOURDHUI=$(DEMO_DATE) $(BIN)/procedure verifier $$d || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format json --sortie $$d/sortie || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format csv || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format pdf || exit $$?; \
	  $(BIN)/procedure decompte $$d --au $(DEMO_DATE) --format docx || exit $$?; \
	  $(BIN)/procedure relance $$d --date $(DEMO_DATE) --format pdf,docx,eml || exit $$?; \
	  $(BIN)/procedure avertissement $$d --date $(DEMO_DATE) --format pdf,docx,eml || exit $$?; \
	  $(BIN)/procedure mise-en-demeure $$d --date $(DEMO_DATE) || exit $$?; \
	done
	@# the court file: a requête for the trader and the consumer; a public buyer is not a debtor for an
	@# injonction de payer (administrative contract), so its exhibits alone
	$(BIN)/procedure juridiction samples/commercant --au $(DEMO_DATE)
	$(BIN)/procedure injonction samples/commercant --date $(DEMO_DATE) --renvoi-1408
	$(BIN)/procedure injonction samples/particulier --date $(DEMO_DATE)
	$(BIN)/procedure pieces samples/acheteur-public --date $(DEMO_DATE)
	$(BIN)/procedure delai $(DEMO_DATE) "1 mois" --detail
	@echo "Documents produits dans samples/*/sortie/"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) samples/*/sortie samples/*/journal.yaml .pytest_cache
