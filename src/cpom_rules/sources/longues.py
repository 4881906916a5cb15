"""Long rows read from spreadsheets, each with the cell it came from.

Both spreadsheet readers (wide workbooks, returned collection workbooks) produce the long
table `load_dataset` validates; this module holds what they share: the rows and their
cells, how a comment and the evidence of a fiche ride along with its values, and the
validation whose problems are moved back to the cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees import Donnees, load_dataset
from cpom_rules.donnees.lecture import SourceTable, read_table
from cpom_rules.donnees.tables import TableBrute
from cpom_rules.problemes import Probleme, probleme
from cpom_rules.sources.lecture import ColonneLue
from cpom_rules.sources.lieux import relocaliser

TABLE = "mesures (classeurs)"
COLONNES = ("finess", "indicateur", "annee", "variable", "valeur", "commentaire", "preuves")


@dataclass(frozen=True)
class ColonneAssociee:
    """A column of a sheet and what the mapping reads in it."""

    numero: int
    entete: str
    regle: ColonneLue
    annee: int | None


@dataclass(frozen=True, slots=True)
class Saisie:
    """One value cell: what it holds and where it is."""

    indicateur: str
    annee: int
    variable: str
    valeur: object
    cellule: str


@dataclass
class MesuresLues:
    """The long rows read, the (file, cell) of each, the problems and what was not read."""

    lignes: list[dict[str, object]] = field(default_factory=list)
    cellules: list[tuple[str, str]] = field(default_factory=list)
    problemes: list[Probleme] = field(default_factory=list)
    non_lues: dict[str, list[str]] = field(default_factory=dict)
    associees: dict[str, list[ColonneAssociee]] = field(default_factory=dict)

    def ajouter(self, ligne: dict[str, object], fichier: str, cellule: str) -> None:
        self.lignes.append(ligne)
        self.cellules.append((fichier, cellule))

    def ajouter_etablissement(
        self,
        fichier: str,
        finess: str,
        saisies: Sequence[Saisie],
        annexes: Mapping[tuple[str, int], Mapping[str, object]],
        porteuses: Mapping[str, tuple[str, str]],
    ) -> None:
        """The values of one establishment; a fiche's comment and evidence (`annexes`, by
        (fiche, year)) go with its first value, or with an empty value of its carrier
        variable (`porteuses`: fiche → (variable, cell)) when no value was given."""
        deja: set[tuple[str, int]] = set()
        for s in saisies:
            ligne: dict[str, object] = {
                "finess": finess,
                "indicateur": s.indicateur,
                "annee": s.annee,
                "variable": s.variable,
                "valeur": s.valeur,
            }
            cle = (s.indicateur, s.annee)
            if cle not in deja:
                ligne.update(annexes.get(cle, {}))
                deja.add(cle)
            self.ajouter(ligne, fichier, s.cellule)
        for (indicateur, annee), annexe in annexes.items():
            if (indicateur, annee) in deja or not annexe:
                continue
            if indicateur not in porteuses:
                self.problemes.append(
                    probleme("lecture_annexe_sans_valeur", fichier=fichier, indicateur=indicateur)
                )
                continue
            variable, cellule = porteuses[indicateur]
            ligne = {"finess": finess, "indicateur": indicateur, "annee": annee}
            ligne.update(variable=variable, valeur=None, **annexe)
            self.ajouter(ligne, fichier, cellule)

    def table(self) -> TableBrute:
        """The rows read as a long measures table (row i ↔ ``cellules[i - 1]``)."""
        return read_table({c: [ligne.get(c) for ligne in self.lignes] for c in COLONNES}, TABLE)

    def load(
        self, catalogue: Catalogue, etablissements: SourceTable, *, reparer_finess: bool = False
    ) -> Donnees:
        """`load_dataset` over the rows read, every problem pointed back at its cell."""
        table = self.table()
        donnees = load_dataset(catalogue, etablissements, table, reparer_finess=reparer_finess)
        problemes = [*self.problemes, *relocaliser(donnees.problemes, TABLE, self.cellules)]
        emplacements = tuple(f"{Path(f).name}, {c}" for f, c in self.cellules)
        return replace(donnees, problemes=tuple(problemes), emplacements=emplacements)
