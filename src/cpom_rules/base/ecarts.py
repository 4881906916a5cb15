"""What changed between two evaluations, and why; the history of one value or one target.

Each changed verdict is explained by what the store knows happened between the two
snapshots' moments: a value entered or corrected (date, file, row, old → new), a contract
version that now sets the target (an avenant), the establishment's attributes, the catalogue
(its content hash) or the package version. Several causes may apply; none found is said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from cpom_rules.base.instantanes import Instantane, read_instantane
from cpom_rules.base.schema import etablissements, evaluations, imports, mesures, resultats
from cpom_rules.base.textes import texte
from cpom_rules.messages import Langue


@dataclass(frozen=True)
class Ecart:
    """One result whose verdict differs between two evaluations, with its causes."""

    finess: str
    indicateur: str
    mesure: str
    annee: int
    avant: str | None
    apres: str | None
    causes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "finess": self.finess,
            "indicateur": self.indicateur,
            "mesure": self.mesure,
            "annee": self.annee,
            "statut_avant": self.avant,
            "statut_apres": self.apres,
            "causes": list(self.causes),
        }


def compare_evaluations(
    moteur: Engine, premiere: int, seconde: int, langue: Langue = "fr"
) -> list[Ecart]:
    """Every changed verdict from evaluation `premiere` to `seconde`, with its causes."""
    a, b = read_instantane(moteur, premiere), read_instantane(moteur, seconde)
    avant, apres = a.par_cle(), b.par_cle()
    # A result only one evaluation has (a year the other did not evaluate) is not a change.
    changees = sorted(
        cle for cle in avant.keys() & apres.keys() if avant[cle]["statut"] != apres[cle]["statut"]
    )
    if not changees:
        return []
    debut, fin = min(a.au, b.au), max(a.au, b.au)
    saisies = _saisies(moteur, debut, fin)
    attributs = _attributs(moteur, debut, fin)
    ecarts = []
    for cle in changees:
        finess, indicateur, mesure, annee = cle
        ligne_a, ligne_b = avant[cle], apres[cle]
        causes = [
            _phrase_saisie(s, langue)
            for s in saisies.get((finess, indicateur), [])
            if s["annee"] <= annee
        ]
        if ligne_a.get("origine") != ligne_b.get("origine"):
            causes.append(
                texte(
                    "cause_contrat",
                    langue,
                    avant=ligne_a.get("origine") or texte("catalogue_seul", langue),
                    apres=ligne_b.get("origine") or texte("catalogue_seul", langue),
                )
            )
        causes += [
            texte(
                "cause_etablissement",
                langue,
                date=_date(e["le"]),
                fichier=e["fichier"],
                ligne=e["ligne"],
            )
            for e in attributs.get(finess, [])
        ]
        if a.empreinte_catalogue != b.empreinte_catalogue:
            causes.append(
                texte(
                    "cause_catalogue",
                    langue,
                    avant=a.empreinte_catalogue[:12],
                    apres=b.empreinte_catalogue[:12],
                    cible_avant=ligne_a.get("cible") or "—",
                    cible_apres=ligne_b.get("cible") or "—",
                )
            )
        if a.version_paquet != b.version_paquet:
            causes.append(
                texte("cause_version", langue, avant=a.version_paquet, apres=b.version_paquet)
            )
        ecarts.append(
            Ecart(
                finess,
                indicateur,
                mesure,
                annee,
                ligne_a.get("statut"),
                ligne_b.get("statut"),
                tuple(causes) or (texte("cause_inconnue", langue),),
            )
        )
    return ecarts


def _date(moment: dt.datetime) -> str:
    return moment.date().isoformat()


def _saisies(
    moteur: Engine, debut: dt.datetime, fin: dt.datetime
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Measure rows imported in (debut, fin], with the value they replaced."""
    ancienne = mesures.alias("ancienne")
    requete = (
        select(
            mesures.c.finess,
            mesures.c.indicateur,
            mesures.c.annee,
            mesures.c.variable,
            mesures.c.valeur,
            mesures.c.ligne,
            mesures.c.cellule,
            imports.c.fichier,
            imports.c.importe_le,
            ancienne.c.valeur.label("avant"),
        )
        .join(imports, imports.c.id == mesures.c.import_id)
        .outerjoin(ancienne, ancienne.c.id == mesures.c.remplace_id)
        .where(imports.c.importe_le > debut, imports.c.importe_le <= fin)
        .order_by(mesures.c.id)
    )
    saisies: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with moteur.connect() as connexion:
        for ligne in connexion.execute(requete):
            saisies.setdefault((ligne.finess, ligne.indicateur), []).append(dict(ligne._mapping))
    return saisies


def _phrase_saisie(saisie: dict[str, Any], langue: Langue) -> str:
    commun = {
        "variable": saisie["variable"],
        "annee": saisie["annee"],
        "date": _date(saisie["importe_le"]),
        "fichier": saisie["fichier"],
        # A workbook's value is found by its cell (« Suivi 2025!C7 »), a CSV's by its line.
        "lieu": texte("lieu_cellule", langue, cellule=saisie["cellule"])
        if saisie["cellule"]
        else texte("lieu_ligne", langue, ligne=saisie["ligne"]),
        "apres": saisie["valeur"] or "—",
    }
    if saisie["avant"] is None:
        return texte("cause_ajout", langue, **commun)
    return texte("cause_correction", langue, avant=saisie["avant"] or "—", **commun)


def _attributs(
    moteur: Engine, debut: dt.datetime, fin: dt.datetime
) -> dict[str, list[dict[str, Any]]]:
    requete = (
        select(
            etablissements.c.finess,
            etablissements.c.ligne,
            imports.c.fichier,
            imports.c.importe_le.label("le"),
        )
        .join(imports, imports.c.id == etablissements.c.import_id)
        .where(imports.c.importe_le > debut, imports.c.importe_le <= fin)
    )
    trouves: dict[str, list[dict[str, Any]]] = {}
    with moteur.connect() as connexion:
        for ligne in connexion.execute(requete):
            trouves.setdefault(ligne.finess, []).append(dict(ligne._mapping))
    return trouves


def history_valeur(
    moteur: Engine, finess: str, indicateur: str, annee: int, variable: str
) -> list[dict[str, Any]]:
    """Every stored row of one value, oldest first, with its provenance."""
    requete = (
        select(
            mesures.c.id,
            mesures.c.valeur,
            mesures.c.commentaire,
            mesures.c.preuves,
            mesures.c.ligne,
            mesures.c.cellule,
            mesures.c.remplace_id,
            imports.c.fichier,
            imports.c.feuille,
            imports.c.campagne,
            imports.c.importe_le,
            imports.c.utilisateur,
        )
        .join(imports, imports.c.id == mesures.c.import_id)
        .where(
            mesures.c.finess == finess,
            mesures.c.indicateur == indicateur,
            mesures.c.annee == annee,
            mesures.c.variable == variable,
        )
        .order_by(imports.c.importe_le, mesures.c.id)
    )
    with moteur.connect() as connexion:
        return [dict(r._mapping) for r in connexion.execute(requete)]


def history_cible(
    moteur: Engine, finess: str, indicateur: str, annee: int, mesure: str | None = None
) -> list[dict[str, Any]]:
    """The result of one target in every stored evaluation, oldest first."""
    condition = [
        resultats.c.finess == finess,
        resultats.c.indicateur == indicateur,
        resultats.c.annee == annee,
    ]
    if mesure is not None:
        condition.append(resultats.c.mesure == mesure)
    requete = (
        select(
            evaluations.c.id.label("evaluation"),
            evaluations.c.campagne,
            evaluations.c.realisee_le,
            evaluations.c.au,
            resultats.c.mesure,
            resultats.c.statut,
            resultats.c.raison,
            resultats.c.valeur,
            resultats.c.cible,
            resultats.c.origine,
        )
        .join(evaluations, evaluations.c.id == resultats.c.evaluation_id)
        .where(*condition)
        .order_by(evaluations.c.id, resultats.c.mesure)
    )
    with moteur.connect() as connexion:
        return [dict(r._mapping) for r in connexion.execute(requete)]


__all__ = ["Ecart", "Instantane", "compare_evaluations", "history_cible", "history_valeur"]
