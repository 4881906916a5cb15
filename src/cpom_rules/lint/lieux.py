"""Where a lint warning points: the fiche's file and the key path of the target table."""

from __future__ import annotations

from collections.abc import Iterator

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.compiler import Lieu
from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.source import Chemin


def lieu_fiche(catalogue: Catalogue, code: str) -> Lieu:
    """A `Lieu` reporting into the fiche's file."""
    return Lieu(catalogue.fichiers.get(code), catalogue.documents.get(code), code)


def cibles_ecrites(mesure: MesureCompilee) -> Iterator[tuple[str, str, CibleBase, Chemin]]:
    """Each target as written (segment or derogation, year key, target, key path)."""
    base: Chemin = ("mesures", mesure.code)
    for segment, table in mesure.modele.cibles.items():
        for cle, cible in table.items():
            yield segment, cle, cible, (*base, "cibles", segment, cle)
    for finess, derogation in mesure.modele.derogations.items():
        for cle, cible in derogation.cibles.items():
            yield f"dérogation {finess}", cle, cible, (*base, "derogations", finess, "cibles", cle)


def mesures(catalogue: Catalogue) -> Iterator[tuple[FicheCompilee, MesureCompilee]]:
    """Every measure of every fiche."""
    for fiche in catalogue.regles.fiches.values():
        for mesure in fiche.mesures.values():
            yield fiche, mesure
