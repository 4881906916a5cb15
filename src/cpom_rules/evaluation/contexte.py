"""What the evaluation of one fiche needs: its measures computed over the whole grid, and
access to values, references and chosen targets for any set of cells.

Every measure is computed once, over all establishments and years at once, by running its
compiled formula over the variable grids (formulas are never evaluated row by row). A
reference (N-1, a fixed year, the establishment's first value) is a shift or a column pick
in the grid, not a join.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.formules import colonnes as c
from cpom_rules.formules.evaluation import evaluer
from cpom_rules.formules.expression import Expression
from cpom_rules.problemes import Niveau, Probleme, probleme


@dataclass
class ContexteFiche:
    """The computed grids of one fiche over one dataset."""

    fiche: FicheCompilee
    donnees: Donnees
    valeurs: dict[str, c.Colonne] = field(default_factory=dict)
    cibles_calculees: dict[str, c.Nombres] = field(default_factory=dict)
    problemes: list[Probleme] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.forme = (self.donnees.nombre_etablissements, len(self.donnees.annees))
        self._noms: dict[str, c.Colonne] = dict(self.donnees.attributs)
        self._noms["annee"] = c.Nombres(
            np.asarray(self.donnees.annees, dtype=np.int64).reshape(1, -1),
            np.ones((1, len(self.donnees.annees)), dtype=np.int64),
            np.zeros((1, len(self.donnees.annees)), dtype=np.uint8),
        )
        for nom in self.fiche.fiche.variables:
            self._noms[nom] = self.donnees.variables[(self.fiche.code, nom)].colonne
        for code, mesure in self.fiche.mesures.items():
            self.valeurs[code] = self._calculer(mesure)
            self._noms[code] = self.valeurs[code]
            self.cibles_calculees[code] = c.Nombres.absents(self.forme)

    # --- measures ------------------------------------------------------------------------
    def _evaluer(self, expression: Expression) -> c.Colonne:
        return c.etendre(
            evaluer(
                expression,
                {n: self._noms[n] for n in expression.noms if n != "annee"}
                | {"annee": self._noms["annee"]},
            ),
            self.forme,
        )

    def _calculer(self, mesure: MesureCompilee) -> c.Colonne:
        if mesure.expression is not None:
            valeur = self._evaluer(mesure.expression)
            if mesure.bornee_a_100 and isinstance(valeur, c.Nombres):
                # The same bounds as a ratio, whatever way the rate is computed (issue #10).
                cent = c.Nombres.constante(100)
                hors = (
                    c.comparer(valeur, cent, ">").vrais
                    | c.comparer(valeur, c.Nombres.constante(0), "<").vrais
                ) & (valeur.absence == 0)
                if hors.any():
                    for e, a in zip(*np.nonzero(hors), strict=True):
                        self.problemes.append(
                            probleme(
                                "taux_calcule_hors_bornes",
                                fichier=self.donnees.sources[1] or None,
                                indicateur=self.fiche.code,
                                annee=self.donnees.annees[a],
                                finess=self.donnees.finess[e],
                                mesure=mesure.code,
                                valeur=valeur.fraction((e, a)),
                            )
                        )
                    valeur = c.marquer(valeur, hors, c.Absence.INVALIDE)
            return valeur
        if mesure.numerateur is None or mesure.denominateur is None:
            return c.Nombres.absents(
                self.forme, c.Absence.INVALIDE
            )  # pragma: no cover - compile guarantees a formula
        numerateur = self._evaluer(mesure.numerateur)
        denominateur = self._evaluer(mesure.denominateur)
        assert isinstance(numerateur, c.Nombres) and isinstance(denominateur, c.Nombres)
        valeur = c.multiplier(
            c.diviser(numerateur, denominateur), c.Nombres.constante(mesure.facteur)
        )
        if mesure.bornee_a_100:
            depasse = c.comparer(numerateur, denominateur, ">").vrais & (denominateur.absence == 0)
            if depasse.any():
                self._signaler_depassements(mesure, numerateur, denominateur, depasse)
                valeur = c.marquer(valeur, depasse, c.Absence.INVALIDE)
        return valeur

    def _signaler_depassements(
        self, mesure: MesureCompilee, num: c.Nombres, den: c.Nombres, masque: NDArray[np.bool_]
    ) -> None:
        for e, a in zip(*np.nonzero(masque), strict=True):
            lignes = [
                int(self.donnees.variables[(self.fiche.code, nom)].lignes[e, a])
                for expr in (mesure.numerateur, mesure.denominateur)
                if expr is not None
                for nom in sorted(expr.noms)
                if (self.fiche.code, nom) in self.donnees.variables
                and self.donnees.variables[(self.fiche.code, nom)].lignes[e, a]
            ]
            self.problemes.append(
                probleme(
                    "numerateur_superieur",
                    fichier=self.donnees.sources[1] or None,
                    lignes=lignes,
                    indicateur=self.fiche.code,
                    annee=self.donnees.annees[a],
                    finess=self.donnees.finess[e],
                    numerateur=num.fraction((e, a)),
                    denominateur=den.fraction((e, a)),
                )
            )

    # --- cell access ---------------------------------------------------------------------------
    def index_annee(self, annee: int) -> int | None:
        return self.donnees.index_annee(annee)

    def premier_connu(self, mesure: str) -> NDArray[np.int64]:
        """For each establishment, the grid column of its first known value (-1: none)."""
        connus = self.valeurs[mesure].absence == 0
        premier = np.argmax(connus, axis=1)
        return np.where(connus.any(axis=1), premier, -1).astype(np.int64)

    def dernier_connu_jusqua(self, grille: c.Colonne, y: int) -> NDArray[np.int64]:
        """For each establishment, the last grid column ≤ y with a known value (-1: none)."""
        connus = grille.absence[:, : y + 1] == 0
        positions = np.where(connus, np.arange(y + 1), -1)
        return positions.max(axis=1) if y >= 0 else np.full(self.forme[0], -1, dtype=np.int64)

    def preuves_fournies(self, e: NDArray[np.int64], y: int) -> NDArray[np.uint64]:
        """The evidence provided for each cell, as masks over the fiche's codes (0: none)."""
        grille = self.donnees.preuves.get(self.fiche.code)
        if grille is None:
            return np.zeros(len(e), dtype=np.uint64)
        fournies: NDArray[np.uint64] = grille[e, y]
        return fournies

    def signaler(self, code: str, niveau: Niveau = Niveau.AVERTISSEMENT, **params: Any) -> None:
        self.problemes.append(
            probleme(code, niveau, fichier=self.donnees.sources[1] or None, **params)
        )


@dataclass(frozen=True)
class Cellules:
    """A set of cells of one measure in one year: establishments `e`, grid column `y`."""

    contexte: ContexteFiche
    mesure: str
    e: NDArray[np.int64]
    y: int

    @property
    def annee(self) -> int:
        return self.contexte.donnees.annees[self.y]

    @property
    def n(self) -> int:
        return len(self.e)

    def pour(self, mesure: str | None) -> Cellules:
        """The same cells, for another measure of the fiche (a composite's condition)."""
        return (
            self
            if mesure is None or mesure == self.mesure
            else Cellules(self.contexte, mesure, self.e, self.y)
        )

    @property
    def compilee(self) -> MesureCompilee:
        return self.contexte.fiche.mesures[self.mesure]

    def valeur(self) -> c.Colonne:
        """The measure's value in these cells."""
        return c.extraire(self.contexte.valeurs[self.mesure], (self.e, self.y))

    def valeur_annee(self, y: int) -> c.Nombres:
        """The measure's value in another grid column (absent outside the grid)."""
        grille = self.contexte.valeurs[self.mesure]
        if not 0 <= y < self.contexte.forme[1] or not isinstance(grille, c.Nombres):
            return c.Nombres.absents((self.n,))
        return grille.prendre((self.e, y))

    def reference(
        self, reference: str, chainage: bool = False
    ) -> tuple[c.Nombres, NDArray[np.int64]]:
        """The reference value of each cell and the year it comes from (0 when absent).

        ``n_moins_1``: the value of N-1, or with `chainage` the target computed for N-1 when
        there is one; a year: that year's value; ``initiale``: the first known value of the
        establishment before N.
        """
        annees = self.contexte.donnees.annees
        if reference == "initiale":
            premier = self.contexte.premier_connu(self.mesure)[self.e]
            avant = (premier >= 0) & (premier < self.y)
            colonne = np.where(avant, premier, 0)
            grille = self.contexte.valeurs[self.mesure]
            assert isinstance(grille, c.Nombres)
            valeurs = grille.prendre((self.e, colonne))
            valeurs = c.Nombres(
                valeurs.num,
                valeurs.den,
                np.where(avant, valeurs.absence, np.uint8(c.Absence.MANQUANTE)),
            )
            return valeurs, np.where(avant, np.asarray(annees)[colonne], 0)
        # A fixed year may be the grid's first column (index 0): test for None, not falsiness.
        colonne_fixe = (
            None if reference == "n_moins_1" else self.contexte.index_annee(int(reference))
        )
        y_ref = (
            self.y - 1
            if reference == "n_moins_1"
            else (-1 if colonne_fixe is None else colonne_fixe)
        )
        valeurs = self.valeur_annee(y_ref)
        if chainage and y_ref >= 0:
            cibles = self.contexte.cibles_calculees[self.mesure].prendre((self.e, y_ref))
            prendre = cibles.connus
            valeurs = c.Nombres(
                np.where(prendre, cibles.num, valeurs.num),
                np.where(prendre, cibles.den, valeurs.den),
                np.where(prendre, cibles.absence, valeurs.absence),
            )
        annee_ref = annees[y_ref] if 0 <= y_ref < len(annees) else 0
        return valeurs, np.full(self.n, annee_ref, dtype=np.int64)

    def cible_choisie(self, variable: str) -> tuple[c.Nombres, NDArray[np.int64]]:
        """The level the establishment chose: its latest declaration up to N, and its year."""
        grille = self.contexte.donnees.variables[(self.contexte.fiche.code, variable)].colonne
        assert isinstance(grille, c.Nombres)
        dernier = self.contexte.dernier_connu_jusqua(grille, self.y)[self.e]
        valeurs = grille.prendre((self.e, np.maximum(dernier, 0)))
        absence = np.where(dernier >= 0, valeurs.absence, np.uint8(c.Absence.MANQUANTE))
        annees = np.asarray(self.contexte.donnees.annees)[np.maximum(dernier, 0)]
        return c.Nombres(valeurs.num, valeurs.den, absence.astype(np.uint8)), np.where(
            dernier >= 0, annees, 0
        )

    def arrondir(self, nombres: c.Nombres) -> c.Nombres:
        """Apply the measure's declared rounding to computed targets (none if undeclared)."""
        arrondi = self.compilee.modele.arrondi
        return nombres if arrondi is None else c.arrondir(nombres, arrondi.decimales, arrondi.mode)


def en_mapping(valeurs: Mapping[str, c.Colonne]) -> dict[str, c.Colonne]:
    return dict(valeurs)
