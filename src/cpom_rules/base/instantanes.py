"""Evaluate a campaign from the store and keep a snapshot that can be reproduced bit for bit.

A snapshot records what was evaluated (campaign, years), on which state of the store (`au`,
with the ids of the imports and rows read), with which rules (the catalogue's content hash
and the package version), and every result row with the contract version that set its
target. Re-running it « as of » its `au` with the same catalogue gives the same results hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from cpom_rules.base.connexion import verifier_revision
from cpom_rules.base.imports import inserer
from cpom_rules.base.lecture import read_etat
from cpom_rules.base.provenance import utilisateur_systeme
from cpom_rules.base.schema import evaluations, resultats
from cpom_rules.base.textes import erreur
from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.contrats.application import (
    ContratResolu,
    apply_contrats,
    check_cibles_choisies,
    resolve_contrat,
)
from cpom_rules.donnees.validation import validate_dataset
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.problemes import Probleme

CHAMPS = (
    "finess",
    "indicateur",
    "mesure",
    "annee",
    "statut",
    "raison",
    "valeur",
    "cible",
    "cible_valeur",
    "origine",
    "preuves_manquantes",
)
Ligne = tuple[Any, ...]


@dataclass
class Instantane:
    """One evaluation of a campaign: its inputs, its rules' identity and its result rows."""

    campagne: int
    realisee_le: dt.datetime
    au: dt.datetime
    utilisateur: str
    empreinte_catalogue: str
    version_paquet: str
    annees: tuple[int, ...]
    entrees: dict[str, Any]
    lignes: list[Ligne]
    id: int | None = None
    resultats: Resultats | None = field(default=None, repr=False)
    contrats: tuple[ContratResolu, ...] = ()
    problemes: tuple[Probleme, ...] = ()

    @property
    def empreinte_resultats(self) -> str:
        return empreinte_lignes(self.lignes)

    def par_cle(self) -> dict[tuple[str, str, str, int], dict[str, Any]]:
        """Result rows keyed by (finess, indicateur, mesure, annee)."""
        return {(r[0], r[1], r[2], r[3]): dict(zip(CHAMPS, r, strict=True)) for r in self.lignes}


def _cle(ligne: Ligne) -> tuple[Any, ...]:
    return ligne[:4]


def empreinte_lignes(lignes: Sequence[Ligne]) -> str:
    """sha256 of the result rows in a canonical JSON form."""
    texte_json = json.dumps(
        sorted(lignes, key=_cle),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(texte_json.encode()).hexdigest()


def empreinte_catalogue(catalogue: Catalogue) -> str:
    """sha256 of the catalogue's files (name and bytes), or of its models when built in code."""
    empreinte = hashlib.sha256()
    if catalogue.dossier is not None and catalogue.fichiers:
        fichiers = sorted(
            {catalogue.dossier / "catalogue.yaml", *map(Path, catalogue.fichiers.values())}
        )
        for chemin in fichiers:
            empreinte.update(chemin.name.encode() + b"\0" + chemin.read_bytes() + b"\0")
    else:
        empreinte.update(catalogue.definition.model_dump_json().encode())
        for code in sorted(catalogue.fiches):
            empreinte.update(catalogue.fiches[code].model_dump_json().encode())
    return empreinte.hexdigest()


def _json(valeur: Any) -> str | None:
    return None if valeur is None else json.dumps(valeur, ensure_ascii=False)


def evaluate_base(
    moteur: Engine,
    catalogue: Catalogue,
    campagne: int,
    *,
    au: dt.datetime | None = None,
    enregistrer: bool = True,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
) -> Instantane:
    """Evaluate the years up to `campagne` on the store as it stood at `au` (default: now)."""
    from cpom_rules import __version__  # noqa: PLC0415  (lazy: the package may re-export us)

    verifier_revision(moteur)
    periode = catalogue.periode
    if campagne < periode.debut:
        raise erreur(
            "campagne_hors_periode", campagne=campagne, debut=periode.debut, fin=periode.fin
        )
    maintenant = (le or dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    moment = (au or maintenant).replace(microsecond=0, tzinfo=None)
    with moteur.connect() as connexion:
        etat = read_etat(connexion, moment)
    resolus = tuple(
        r for r in (resolve_contrat(catalogue, c, moment.date()) for c in etat.contrats) if r
    )
    en_vigueur = apply_contrats(catalogue, resolus)
    # validated against the contracts too: their targets may reach back to other years
    donnees = validate_dataset(en_vigueur, etat.etablissements, etat.mesures)
    annees = tuple(range(periode.debut, min(campagne, periode.fin) + 1))
    resultat = evaluate(en_vigueur, donnees, annees)
    origines = {
        (r.finess, fiche, mesure, annee): version.texte()
        for r in resolus
        for (fiche, mesure, annee), (_, version) in r.cibles.items()
    }
    lignes = [
        (
            ligne["finess"],
            ligne["indicateur"],
            ligne["mesure"],
            ligne["annee"],
            ligne["statut"],
            ligne["raison"],
            _json(ligne["valeur"]),
            ligne["cible"],
            _json(ligne["cible_valeur"]),
            origines.get((ligne["finess"], ligne["indicateur"], ligne["mesure"], ligne["annee"])),
            ";".join(ligne["preuves_manquantes"]),
        )
        for ligne in resultat.lignes(explications=False)
    ]
    lignes.sort(key=_cle)
    instantane = Instantane(
        campagne,
        maintenant,
        moment,
        utilisateur or utilisateur_systeme(),
        empreinte_catalogue(catalogue),
        __version__,
        annees,
        etat.entrees,
        lignes,
        resultats=resultat,
        contrats=resolus,
        problemes=(*resultat.problemes, *check_cibles_choisies(resolus, donnees)),
    )
    if enregistrer:
        instantane.id = _enregistrer(moteur, instantane)
    return instantane


def _enregistrer(moteur: Engine, instantane: Instantane) -> int:
    with moteur.begin() as connexion:
        cle = connexion.execute(
            evaluations.insert().values(
                campagne=instantane.campagne,
                realisee_le=instantane.realisee_le,
                au=instantane.au,
                utilisateur=instantane.utilisateur,
                empreinte_catalogue=instantane.empreinte_catalogue,
                version_paquet=instantane.version_paquet,
                annees=",".join(map(str, instantane.annees)),
                entrees=json.dumps(instantane.entrees),
                empreinte_resultats=instantane.empreinte_resultats,
                nombre_resultats=len(instantane.lignes),
            )
        ).inserted_primary_key
        assert cle is not None
        ident = int(cle[0])
        inserer(connexion, resultats, [(ident, *ligne) for ligne in instantane.lignes])
    return ident


def _depuis_ligne(ligne: Any, lignes: list[Ligne]) -> Instantane:
    return Instantane(
        ligne.campagne,
        ligne.realisee_le,
        ligne.au,
        ligne.utilisateur,
        ligne.empreinte_catalogue,
        ligne.version_paquet,
        tuple(int(a) for a in ligne.annees.split(",")),
        json.loads(ligne.entrees),
        lignes,
        id=ligne.id,
    )


def read_instantane(moteur: Engine, ident: int) -> Instantane:
    """A stored snapshot, with its result rows."""
    with moteur.connect() as connexion:
        ligne = connexion.execute(select(evaluations).where(evaluations.c.id == ident)).first()
        if ligne is None:
            raise erreur("evaluation_inconnue", numero=ident)
        rangs = connexion.execute(
            select(*(resultats.c[nom] for nom in CHAMPS)).where(resultats.c.evaluation_id == ident)
        ).all()
    return _depuis_ligne(ligne, [tuple(r) for r in rangs])


def list_instantanes(moteur: Engine) -> list[Instantane]:
    """Every snapshot (without result rows), oldest first."""
    with moteur.connect() as connexion:
        lignes = connexion.execute(select(evaluations).order_by(evaluations.c.id)).all()
    return [_depuis_ligne(ligne, []) for ligne in lignes]


def reproduce(moteur: Engine, catalogue: Catalogue, ident: int) -> tuple[Instantane, Instantane]:
    """Re-run snapshot `ident` as of its moment (not stored); return (stored, re-run).

    Equal `empreinte_resultats` means reproduced bit for bit.
    """
    passe = read_instantane(moteur, ident)
    rejoue = evaluate_base(
        moteur,
        catalogue,
        passe.campagne,
        au=passe.au,
        enregistrer=False,
        utilisateur=passe.utilisateur,
    )
    return passe, rejoue
