"""Small specs written in the tests: a minimal catalogue, a minimal fiche, helpers to load them.

`CATALOGUE` and `FICHE` are the texts the malformed corpus (``tests/corpus``) starts from:
each corpus folder is these two files with one defect added.
"""

from __future__ import annotations

from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue, read_catalogue
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.fiche import Fiche
from cpom_rules.spec.source import read_yaml_text

RACINE = Path(__file__).resolve().parent.parent.parent
SPECS = RACINE / "specs" / "occitanie-2025-2029"
CORPUS = RACINE / "tests" / "corpus"
SCHEMAS = RACINE / "schemas"

CATALOGUE = """\
# Catalogue minimal du corpus de specs malformées (une erreur par dossier).
region: Test
intitule: Catalogue du corpus de test
periode: {debut: 2025, fin: 2029}
attributs:
  lits:
    libelle: Nombre de lits et places
    type: entier
  categorie:
    libelle: Catégorie d'établissement
    type: texte
    valeurs: [CHU, CH, clinique]
segments:
  tous:
    libelle: Tous les établissements
"""

FICHE = """\
code: CPOM_T_1
intitule: Taux de professionnels formés
objectif_strategique: Développer les compétences
definition: Taux de professionnels formés dans l'année
collecte:
  frequence: annuelle
variables:
  nb_formes:
    libelle: Professionnels formés
    type: nombre
  nb_total:
    libelle: Professionnels de l'établissement
    type: nombre
mesures:
  taux_formes:
    libelle: Taux de professionnels formés
    formule:
      numerateur: nb_formes
      denominateur: nb_total
      facteur: 100
    unite: "%"
    cibles:
      tous:
        2025: {type: seuil, min: 10, texte: "≥ 10 %"}
        2026-2029: {type: seuil, min: 20, texte: "≥ 20 %"}
preuves:
  plan_formation:
    libelle: Plan de formation
"""


def remplacer(texte: str, *paires: tuple[str, str]) -> str:
    """`texte` with each (before, after) replaced once; fails loudly if `before` is absent."""
    for avant, apres in paires:
        assert avant in texte, f"absent du gabarit : {avant!r}"
        texte = texte.replace(avant, apres, 1)
    return texte


def lire_fiche(texte: str, fichier: str = "CPOM_T_1.yaml") -> tuple[Fiche | None, list[Probleme]]:
    """Read and validate one fiche text (no catalogue, no compilation)."""
    document, problemes = read_yaml_text(texte, fichier)
    if document is None:
        return None, problemes
    fiche, _, defauts = validate_document(document, Fiche)
    return (None if problemes else fiche), [*problemes, *defauts]


def ecrire_catalogue(
    dossier: Path, fiches: dict[str, str | bytes], catalogue: str | None = CATALOGUE
) -> Path:
    """Write a catalogue folder (catalogue.yaml unless None, then each file of `fiches`)."""
    dossier.mkdir(parents=True, exist_ok=True)
    if catalogue is not None:
        (dossier / "catalogue.yaml").write_text(catalogue, encoding="utf-8")
    for nom, contenu in fiches.items():
        chemin = dossier / nom
        if isinstance(contenu, bytes):
            chemin.write_bytes(contenu)
        else:
            chemin.write_text(contenu, encoding="utf-8")
    return dossier


def charger(
    dossier: Path, fiches: dict[str, str | bytes], catalogue: str | None = CATALOGUE
) -> tuple[Catalogue | None, list[Probleme]]:
    """Write then read a catalogue folder."""
    return read_catalogue(ecrire_catalogue(dossier, fiches, catalogue))


def codes_erreurs(problemes: list[Probleme]) -> list[str]:
    """The codes of the problems of level `erreur`, in order."""
    return [p.code for p in problemes if p.niveau is Niveau.ERREUR]
