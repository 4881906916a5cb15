"""`evaluate` and the `Resultats` it returns: records, DataFrame, JSON, explanations, rollups.

Results stay columnar (one block of arrays per evaluated measure); records, French
explanations and rollups are built only when asked for.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.evaluation.bilans import Bilan, calculer_bilan
from cpom_rules.evaluation.explications import expliquer_cellule
from cpom_rules.evaluation.moteur import Bloc, annees_a_evaluer, evaluer_catalogue
from cpom_rules.evaluation.statuts import TEXTE_RAISON, TEXTE_STATUT, Statut
from cpom_rules.evaluation.tableau import (
    CHAMPS,
    COLONNES,
    ColonnesResultats,
    colonnes_resultats,
    colonnes_resultats_bloc,
    flottants,
)
from cpom_rules.evaluation.trace import Trace
from cpom_rules.evaluation.tracer import tracer
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.problemes import Niveau, Probleme, compter, erreur

FORMAT = "cpom_rules/resultats"
VERSION_FORMAT = 1


def _restreindre(bloc: Bloc, annees: tuple[int, ...]) -> Bloc:
    """The same block reduced to `annees` (targets were chained over the full range)."""
    garder = np.array([a in annees for a in bloc.annees], dtype=bool)
    if garder.all():
        return bloc
    index = (slice(None), garder)
    return replace(
        bloc,
        annees=tuple(a for a, g in zip(bloc.annees, garder, strict=True) if g),
        colonnes=bloc.colonnes[garder],
        valeur=c.extraire(bloc.valeur, index),
        statut=bloc.statut[index],
        raison=bloc.raison[index],
        cible_id=bloc.cible_id[index],
        cible_valeur=bloc.cible_valeur.prendre(index),
        reference=bloc.reference.prendre(index),
        annee_reference=bloc.annee_reference[index],
        evaluee=bloc.evaluee.prendre(index),
        preuves_attendues=bloc.preuves_attendues[index],
        preuves_manquantes=bloc.preuves_manquantes[index],
    )


def evaluate(
    catalogue: Catalogue, donnees: Donnees, annees: Iterable[int] | None = None
) -> Resultats:
    """Evaluate every fiche of `catalogue` over `donnees` (pure: no I/O, deterministic).

    `annees` defaults to the period's years up to the last year with data. Targets chained
    on earlier years are computed from the start of the period whatever `annees` is.
    """
    choisies = annees_a_evaluer(catalogue, donnees, annees)
    calculees = tuple(range(catalogue.periode.debut, max(choisies) + 1))
    complets, problemes = evaluer_catalogue(catalogue, donnees, calculees)
    blocs = [_restreindre(bloc, choisies) for bloc in complets]
    return Resultats(
        catalogue, donnees, choisies, blocs, complets, (*donnees.problemes, *problemes)
    )


class Resultats:
    """The results of an evaluation: one row per (finess, indicateur, mesure, année)."""

    def __init__(
        self,
        catalogue: Catalogue,
        donnees: Donnees,
        annees: tuple[int, ...],
        blocs: list[Bloc],
        complets: list[Bloc],
        problemes: Iterable[Probleme],
    ) -> None:
        self.catalogue = catalogue
        self.donnees = donnees
        self.annees = annees
        self.blocs = blocs
        # The blocks over every year from the start of the period: a bilan reads them all.
        self._complets = complets
        self.problemes: tuple[Probleme, ...] = tuple(problemes)

    @functools.cached_property
    def bilans(self) -> list[Bilan]:
        """The period reviews of the measures that declare a total, computed when first asked
        (most uses of the results never read them)."""
        return [b for b in (calculer_bilan(bloc) for bloc in self._complets) if b is not None]

    def __len__(self) -> int:
        return sum(b.statut.size for b in self.blocs)

    def __repr__(self) -> str:
        return f"<Resultats {len(self)} lignes, {self.donnees.nombre_etablissements} établissements, années {self.annees[0]}-{self.annees[-1]}>"

    # --- counts ------------------------------------------------------------------------------
    def statuts(self) -> dict[str, int]:
        """How many results have each status."""
        compte: Counter[str] = Counter()
        for bloc in self.blocs:
            valeurs, nombres = np.unique(bloc.statut, return_counts=True)
            for valeur, nombre in zip(valeurs.tolist(), nombres.tolist(), strict=True):
                compte[Statut(valeur).texte] += nombre
        return {s.texte: compte.get(s.texte, 0) for s in Statut}

    # --- rows ----------------------------------------------------------------------------------
    def colonnes(self, explications: bool = True, langue: Langue = "fr") -> ColonnesResultats:
        """The result rows as columns (`evaluation.tableau`), built from the result arrays;
        explanations in `langue`."""
        return colonnes_resultats(self, explications, langue)

    def lignes(self, explications: bool = True, langue: Langue = "fr") -> Iterator[dict[str, Any]]:
        """The result rows one by one (fiche, measure, FINESS, year order)."""
        for bloc in self.blocs:
            yield from colonnes_resultats_bloc(self, bloc, explications, langue).lignes()

    def to_records(self, explications: bool = True, langue: Langue = "fr") -> list[dict[str, Any]]:
        """All result rows as dicts (keys: `CHAMPS`), explanations in `langue`."""
        return list(self.lignes(explications, langue))

    def to_frame(self, explications: bool = False, langue: Langue = "fr") -> Any:
        """The result rows as a pandas DataFrame (extra ``pandas``); progression is flattened."""
        try:
            import pandas as pd  # noqa: PLC0415  (optional extra)
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise erreur("pandas_absent") from exc
        colonnes = self.colonnes(explications, langue).colonnes
        cadre = {n: colonnes[n] for n in COLONNES if n in colonnes}
        for nom in ("preuves_attendues", "preuves_manquantes"):
            cadre[nom] = np.array([";".join(p) for p in colonnes[nom]], dtype=object)
        return pd.DataFrame(cadre)

    def bilans_records(self) -> list[dict[str, Any]]:
        """One row per (finess, indicateur, mesure) for measures with a 5-year total."""
        lignes = []
        finess = [str(f) for f in self.donnees.finess.tolist()]
        for bilan in self.bilans:
            total = bilan.bloc.mesure.modele.total
            assert total is not None
            periode = bilan.bloc.fiche.periode
            commun = {
                "indicateur": bilan.bloc.fiche.code,
                "mesure": bilan.bloc.mesure.code,
                "periode": f"{periode.debut}-{periode.fin}",
                "sens_total": total.sens,
                "total": total.texte or (str(total.valeur) if total.valeur is not None else None),
            }
            colonnes = zip(
                finess[: len(bilan.statut)],
                flottants(bilan.valeur).tolist(),
                flottants(bilan.cible_valeur).tolist(),
                [TEXTE_STATUT[s] for s in bilan.statut.tolist()],
                [TEXTE_RAISON[r] for r in bilan.raison.tolist()],
                strict=True,
            )
            for f, valeur, cible, statut, raison in colonnes:
                lignes.append(
                    {
                        "finess": f,
                        **commun,
                        "valeur": valeur,
                        "cible_valeur": cible,
                        "statut": statut,
                        "raison": raison,
                    }
                )
        return lignes

    # --- rollups -----------------------------------------------------------------------------
    def synthese_etablissements(self) -> list[dict[str, Any]]:
        """Per establishment: counts per status, by year and over the evaluated years."""
        n = self.donnees.nombre_etablissements
        comptes = np.zeros((n, len(self.annees), len(Statut) + 1), dtype=np.int64)
        for bloc in self.blocs:
            for a, annee in enumerate(bloc.annees):
                colonne = self.annees.index(annee)
                index = (
                    np.arange(n) * comptes.shape[1] * comptes.shape[2]
                    + colonne * comptes.shape[2]
                    + bloc.statut[:, a]
                )
                np.add.at(comptes.reshape(-1), index, 1)
        lignes = []
        par_etablissement, totaux = comptes.tolist(), comptes.sum(axis=1).tolist()
        for e in range(n):
            par_annee = {}
            for a, annee in enumerate(self.annees):
                par_annee[annee] = _resume(par_etablissement[e][a])
            lignes.append(
                {
                    "finess": str(self.donnees.finess[e]),
                    "raison_sociale": str(self.donnees.raisons_sociales[e]),
                    "total": _resume(totaux[e]),
                    "par_annee": par_annee,
                }
            )
        return lignes

    def synthese_fiches(self) -> list[dict[str, Any]]:
        """Per fiche × measure × segment × year: counts per status and the value distribution."""
        lignes = []
        for bloc in self.blocs:
            segments = bloc.affectation.segment
            flottants = bloc.valeur.flottants() if isinstance(bloc.valeur, c.Nombres) else None
            for code in sorted({str(s) for s in segments.tolist()}):
                masque = segments == code
                for a, annee in enumerate(bloc.annees):
                    statuts = bloc.statut[masque, a]
                    compte = np.bincount(statuts, minlength=len(Statut) + 1)
                    distribution = None
                    if flottants is not None:
                        valeurs = flottants[masque, a]
                        valeurs = valeurs[~np.isnan(valeurs)]
                        if len(valeurs):
                            q = np.quantile(valeurs, [0, 0.25, 0.5, 0.75, 1])
                            distribution = {
                                "n": len(valeurs),
                                "min": round(float(q[0]), 6),
                                "q1": round(float(q[1]), 6),
                                "mediane": round(float(q[2]), 6),
                                "q3": round(float(q[3]), 6),
                                "max": round(float(q[4]), 6),
                                "moyenne": round(float(valeurs.mean()), 6),
                            }
                    lignes.append(
                        {
                            "indicateur": bloc.fiche.code,
                            "mesure": bloc.mesure.code,
                            "segment": code or None,
                            "annee": annee,
                            **_resume(compte.tolist()),
                            "distribution": distribution,
                        }
                    )
        return lignes

    # --- explanations ------------------------------------------------------------------------
    def _trouver(
        self, finess: str, indicateur: str, annee: int, mesure: str | None
    ) -> tuple[Bloc, int, int]:
        e = self.donnees.index_etablissement(finess)
        if e is None:
            raise erreur("finess_absent_resultats", finess=finess)
        candidats = [
            b
            for b in self.blocs
            if b.fiche.code == indicateur and (mesure is None or b.mesure.code == mesure)
        ]
        if not candidats:
            if mesure is None:
                raise erreur("indicateur_absent_resultats", indicateur=indicateur)
            raise erreur("mesure_absente_resultats", indicateur=indicateur, mesure=mesure)
        bloc = candidats[0]
        if annee not in bloc.annees:
            raise erreur("annee_non_evaluee", annee=annee, annees=", ".join(map(str, bloc.annees)))
        return bloc, e, bloc.annees.index(annee)

    def expliquer(
        self,
        finess: str,
        indicateur: str,
        annee: int,
        mesure: str | None = None,
        langue: Langue = "fr",
    ) -> str:
        """The explanation of one result, in French (or English), rendered from its trace."""
        return expliquer_cellule(*self._trouver(finess, indicateur, annee, mesure), langue)

    def trace(self, finess: str, indicateur: str, annee: int, mesure: str | None = None) -> Trace:
        """Every operand and step behind one result (docs/format-resultats.md, « Trace »)."""
        return tracer(*self._trouver(finess, indicateur, annee, mesure))

    # --- JSON ----------------------------------------------------------------------------------
    def to_dict(
        self, explications: bool = True, *, lignes: bool = True, langue: Langue = "fr"
    ) -> dict[str, Any]:
        """The whole evaluation as one JSON-ready document (see docs/format-resultats.md);
        `lignes=False` leaves ``resultats`` empty, for a writer that streams the rows.
        Explanations and problem messages in `langue`; codes are the same in every language."""
        definition = self.catalogue.definition
        comptes = compter(self.problemes)
        return {
            "format": FORMAT,
            "version": VERSION_FORMAT,
            "catalogue": {
                "region": definition.region,
                "intitule": definition.intitule,
                "periode": [definition.periode.debut, definition.periode.fin],
            },
            "annees": list(self.annees),
            "nombre_etablissements": self.donnees.nombre_etablissements,
            "statuts": self.statuts(),
            "resultats": self.to_records(explications, langue) if lignes else [],
            "bilans": self.bilans_records(),
            "syntheses": {
                "etablissements": self.synthese_etablissements(),
                "fiches": self.synthese_fiches(),
            },
            "problemes": [p.to_dict(langue) for p in self.problemes],
            "nombre_problemes": {
                "erreur": comptes[Niveau.ERREUR],
                "avertissement": comptes[Niveau.AVERTISSEMENT],
            },
        }

    def to_json(
        self, indent: int | None = None, explications: bool = True, langue: Langue = "fr"
    ) -> str:
        """`to_dict` serialised (UTF-8 text, non-ASCII kept)."""
        return json.dumps(
            self.to_dict(explications, langue=langue),
            ensure_ascii=False,
            indent=indent,
            allow_nan=False,
        )


def _resume(compte: list[int]) -> dict[str, Any]:
    resume: dict[str, Any] = {texte: compte[s] for s, texte in TEXTE_STATUT.items()}
    verdicts = resume["atteint"] + resume["non_atteint"]
    resume["taux_atteinte"] = round(100 * resume["atteint"] / verdicts, 1) if verdicts else None
    return resume


__all__ = ["CHAMPS", "FORMAT", "VERSION_FORMAT", "Resultats", "evaluate"]
