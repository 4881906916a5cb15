"""Collection workbooks: one ``.xlsx`` per establishment, to fill in and send back.

Each workbook lists, for one year, only the fiches that apply to the establishment (those
whose perimeter includes it; a fiche « sans objet » for its segment is still asked), with for each variable its label, unit, last year's value, the
resolved target of its measures for the establishment's segment, a typed input cell
(Excel data validation: numbers ≥ 0, rates 0–100, oui/non lists, dates) and, per fiche, a
comment cell and an evidence checklist. The sheet structure is protected, only input cells
are unlocked. Column A (hidden) keys every row (``variable|CPOM_OS_1|professionnels_formes``)
and a very hidden sheet records the template version, the establishment and the year, so
that `cpom_rules.sources.retour` reads a returned workbook by keys, not by positions: rows
added or moved and a renamed sheet do not lose a value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees import Donnees
from cpom_rules.donnees.lecture import SourceTable, read_table
from cpom_rules.evaluation.resultats import evaluate
from cpom_rules.finess import analyser_finess

VERSION = "1"
FEUILLE_SAISIE = "Saisie"
FEUILLE_CLES = "_cpom"
COLONNE_SAISIE = 7  # G
COLONNE_COMMENTAIRE = 8  # H
LIGNE_ENTETE = 4
ENTETES = (
    "clé",
    "Fiche",
    "Libellé",
    "Unité",
    "Valeur {precedente}",
    "Cible {annee}",
    "Saisie {annee}",
    "Commentaire",
)


@dataclass(frozen=True)
class Ligne:
    """One row of a form: a fiche title, a measure (with its target), a variable or an evidence item."""

    genre: str  # fiche | mesure | variable | preuve
    indicateur: str
    nom: str
    libelle: str
    unite: str = ""
    type: str = ""
    precedente: str = ""
    cible: str = ""

    @property
    def cle(self) -> str:
        return f"{self.genre}|{self.indicateur}|{self.nom}"


@dataclass
class Formulaire:
    """What one establishment's workbook holds."""

    finess: str
    raison_sociale: str
    annee: int
    lignes: list[Ligne] = field(default_factory=list)


def valeurs_precedentes(mesures: SourceTable | None, annee: int) -> dict[tuple[str, str, str], str]:
    """Raw values of year `annee` by (FINESS, fiche, variable), as typed in the long file."""
    if mesures is None:
        return {}
    table = read_table(mesures, "mesures")
    colonnes = [table.colonne(c) for c in ("finess", "indicateur", "annee", "variable", "valeur")]
    if any(c is None for c in colonnes):
        return {}
    resultat: dict[tuple[str, str, str], str] = {}
    for finess, indicateur, an, variable, valeur in zip(*colonnes, strict=True):
        if str(an).strip() == str(annee) and valeur not in (None, ""):
            numero = analyser_finess(str(finess)).finess
            if numero is not None:
                resultat[(numero, str(indicateur).strip(), str(variable).strip())] = str(valeur)
    return resultat


def plan_formulaires(
    catalogue: Catalogue,
    donnees: Donnees,
    annee: int,
    precedentes: Mapping[tuple[str, str, str], str],
) -> list[Formulaire]:
    """The content of every establishment's form for `annee` (pure: no file written)."""
    applicables: dict[str, set[str]] = defaultdict(set)
    cibles: dict[tuple[str, str, str], str] = {}
    # Records, not a DataFrame: forms need the excel extra, not pandas.
    for r in evaluate(catalogue, donnees, [annee]).to_records():
        finess, indicateur, cible = str(r["finess"]), str(r["indicateur"]), r["cible"]
        # Out of the fiche's perimeter: not asked. « Sans objet » (no objective for the
        # segment) is still asked: its values are shown in the explanations.
        if r["raison"] != "hors_perimetre":
            applicables[finess].add(indicateur)
        if isinstance(cible, str) and cible:
            cibles[(finess, indicateur, str(r["mesure"]))] = cible
    formulaires = []
    for finess, raison in zip(
        donnees.finess.tolist(), donnees.raisons_sociales.tolist(), strict=True
    ):
        formulaire = Formulaire(str(finess), str(raison or ""), annee)
        for code in sorted(applicables[finess]):
            fiche = catalogue.fiches[code]
            formulaire.lignes.append(Ligne("fiche", code, code, fiche.intitule))
            for nom, mesure in fiche.mesures.items():
                cible = cibles.get((finess, code, nom), "")
                formulaire.lignes.append(
                    Ligne(
                        "mesure", code, nom, f"Mesure : {mesure.libelle}", mesure.unite, cible=cible
                    )
                )
            for nom, variable in fiche.variables.items():
                formulaire.lignes.append(
                    Ligne(
                        "variable",
                        code,
                        nom,
                        variable.libelle,
                        variable.unite or "",
                        variable.type,
                        precedentes.get((finess, code, nom), ""),
                    )
                )
            for nom, preuve in fiche.preuves.items():
                formulaire.lignes.append(
                    Ligne("preuve", code, nom, f"Preuve : {preuve.libelle}", type="booleen")
                )
        formulaires.append(formulaire)
    return formulaires
