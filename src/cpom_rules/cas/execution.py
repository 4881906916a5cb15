"""Run author test cases (``*.cas.yaml``) against their fiche: `cpom-rules test`.

Each case becomes a one-establishment dataset that goes through the same reader and core as
real data; the expected fields are compared exactly (numbers as exact decimals). A case file
that names an unknown fiche, measure, variable or attribute is a spec error, reported with
its line like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.compiler import Lieu
from cpom_rules.donnees.lecture import read_table
from cpom_rules.donnees.valeurs import lecteur
from cpom_rules.donnees.validation import annees_utiles, validate_dataset
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.resultats import evaluate
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.formules.expression import suggerer
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.cas import Attendu, BilanAttendu, Cas, FichierCas
from cpom_rules.spec.chargement import SUFFIXE_CAS, read_model
from cpom_rules.spec.source import Document


@dataclass
class ResultatCas:
    """The outcome of one case: where it is written and the differences found (none: passed)."""

    fichier: str
    ligne: int | None
    fiche: str
    nom: str
    ecarts: list[str] = field(default_factory=list)
    problemes_donnees: list[Probleme] = field(default_factory=list)

    @property
    def reussi(self) -> bool:
        return not self.ecarts


@dataclass
class RapportCas:
    """Every case run, plus the problems that prevented running some of them."""

    resultats: list[ResultatCas] = field(default_factory=list)
    problemes: list[Probleme] = field(default_factory=list)

    @property
    def reussi(self) -> bool:
        return all(r.reussi for r in self.resultats) and not any(
            p.niveau is Niveau.ERREUR for p in self.problemes
        )


def fichiers_cas(chemin: Path) -> list[Path]:
    """The case files of a catalogue folder (or the file itself), ``.CAS.YAML`` included."""
    if chemin.is_file():
        return [chemin]
    return sorted(p for p in chemin.iterdir() if p.name.lower().endswith(SUFFIXE_CAS))


def read_cases(
    catalogue: Catalogue, chemin: Path
) -> tuple[list[tuple[FichierCas, Document]], list[Probleme]]:
    """Read and check every case file against the catalogue."""
    lus: list[tuple[FichierCas, Document]] = []
    problemes: list[Probleme] = []
    for fichier in fichiers_cas(chemin):
        modele, document, defauts = read_model(fichier, FichierCas)
        problemes.extend(defauts)
        if modele is None or document is None:
            continue
        erreurs = _verifier_references(catalogue, modele, document)
        problemes.extend(erreurs)
        if not erreurs:
            lus.append((modele, document))
    return lus, problemes


def _verifier_references(
    catalogue: Catalogue, fichier: FichierCas, document: Document
) -> list[Probleme]:
    lieu = Lieu(document.fichier, document, fichier.fiche)
    if fichier.fiche not in catalogue.regles.fiches:
        suggestion = suggerer(fichier.fiche, sorted(catalogue.regles.fiches))
        lieu.signaler(
            "reference_inconnue",
            ("fiche",),
            quoi="La fiche",
            quoi_en="Fiche",
            nom=fichier.fiche,
            e="e",
            suggestion=suggestion,
            suggestion_en=suggestion,
        )
        return lieu.problemes
    compilee = catalogue.regles.fiches[fichier.fiche]
    variables = compilee.fiche.variables
    attributs = catalogue.definition.attributs
    evaluees = [m.code for m in compilee.mesures_evaluees]
    utiles = annees_utiles(catalogue.restreindre([fichier.fiche]))
    for i, cas in enumerate(fichier.cas):
        for groupe_annees, annees in (("valeurs", cas.valeurs), ("preuves", cas.preuves)):
            for annee in annees:
                if annee not in utiles:  # the dataset reader would only warn, and drop it
                    lieu.signaler(
                        "annee_hors_periode",
                        ("cas", i, groupe_annees, str(annee)),
                        de_la_cle=True,
                        annee=annee,
                        debut=utiles[0],
                        fin=utiles[-1],
                    )
        for nom, brut in cas.etablissement.items():
            if nom in attributs:
                attribut = attributs[nom]
                lu = lecteur(attribut.type, frozenset(attribut.valeurs))(brut)
                if lu.erreur:
                    lieu.signaler(
                        "cas_attribut_invalide",
                        ("cas", i, "etablissement", nom),
                        attribut=nom,
                        valeur=brut,
                        detail=lu.erreur,
                        detail_en=lu.erreur_en or "",
                    )
        for nom in cas.etablissement:
            if nom not in attributs:
                lieu.signaler(
                    "reference_inconnue",
                    ("cas", i, "etablissement", nom),
                    de_la_cle=True,
                    quoi="L'attribut",
                    quoi_en="Attribute",
                    nom=nom,
                    e="",
                    suggestion=suggerer(nom, sorted(attributs)),
                    suggestion_en="",
                )
        for annee, valeurs in cas.valeurs.items():
            for nom in valeurs:
                if nom not in variables:
                    lieu.signaler(
                        "reference_inconnue",
                        ("cas", i, "valeurs", str(annee), nom),
                        de_la_cle=True,
                        quoi="La variable",
                        quoi_en="Variable",
                        nom=nom,
                        e="e",
                        suggestion=suggerer(nom, sorted(variables))
                        or f"variables : {', '.join(variables)}",
                        suggestion_en="",
                    )
        groupes: tuple[tuple[str, tuple[Attendu | BilanAttendu, ...]], ...] = (
            ("attendu", cas.attendu),
            ("bilan", cas.bilan),
        )
        for groupe, attendus in groupes:
            for j, attendu in enumerate(attendus):
                chemin = ("cas", i, groupe, j)
                if attendu.mesure is None and len(evaluees) > 1:
                    lieu.signaler(
                        "cas_attendu_inconnu",
                        chemin,
                        quoi="une mesure non précisée",
                        conseil=f"ajoutez « mesure: » parmi {', '.join(evaluees)}",
                    )
                elif attendu.mesure is not None and attendu.mesure not in evaluees:
                    lieu.signaler(
                        "cas_attendu_inconnu",
                        (*chemin, "mesure"),
                        quoi=f"la mesure « {attendu.mesure} »",
                        conseil=f"mesures évaluées : {', '.join(evaluees)}",
                    )
                if isinstance(attendu, Attendu) and attendu.annee not in compilee.periode.annees:
                    lieu.signaler(
                        "annee_hors_periode",
                        (*chemin, "annee"),
                        annee=attendu.annee,
                        debut=compilee.periode.debut,
                        fin=compilee.periode.fin,
                    )
    return lieu.problemes


def _tables(fiche: str, cas: Cas) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    etablissement = {"finess": cas.finess, "raison_sociale": cas.nom, **cas.etablissement}
    mesures: list[dict[str, Any]] = []
    for annee, valeurs in cas.valeurs.items():
        preuves = ";".join(cas.preuves.get(annee, ()))
        for i, (variable, valeur) in enumerate(valeurs.items()):
            mesures.append(
                {
                    "finess": cas.finess,
                    "indicateur": fiche,
                    "annee": str(annee),
                    "variable": variable,
                    "valeur": valeur,
                    "preuves": preuves if i == 0 else "",
                }
            )
    return [etablissement], mesures


def _comparer(nom: str, attendu: object, obtenu: object) -> str | None:
    if attendu is None:
        return None
    if isinstance(attendu, Decimal):
        if obtenu is None or Fraction(attendu) != obtenu:
            return f"{nom} : attendu {attendu}, obtenu {_affiche(obtenu)}"
        return None
    if isinstance(attendu, tuple):
        obtenus = (
            sorted(str(x) for x in obtenu) if isinstance(obtenu, tuple | list | frozenset) else []
        )
        return (
            None
            if sorted(attendu) == obtenus
            else f"{nom} : attendu {list(attendu)}, obtenu {obtenus}"
        )
    return None if attendu == obtenu else f"{nom} : attendu {attendu}, obtenu {_affiche(obtenu)}"


def _affiche(valeur: object) -> str:
    if isinstance(valeur, Fraction):
        return str(valeur.numerator) if valeur.denominator == 1 else f"{float(valeur):g} ({valeur})"
    return "absent" if valeur is None else str(valeur)


def _espaces(texte: str) -> str:
    """Explanations use no-break spaces (« 21,3 % »); authors type plain ones."""
    return " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())


def _valeur(bloc: Bloc, e: int, a: int) -> Fraction | str | None:
    if isinstance(bloc.valeur, c.Booleens):
        return (
            ("oui" if bloc.valeur.valeurs[e, a] else "non")
            if bloc.valeur.absence[e, a] == 0
            else None
        )
    assert isinstance(bloc.valeur, c.Nombres)
    return bloc.valeur.fraction((e, a))


def _verifier_attendu(attendu: Attendu, bloc: Bloc, explication: str) -> list[str]:
    a = bloc.annees.index(attendu.annee)
    prefixe = f"{attendu.annee}{' ' + bloc.mesure.code if attendu.mesure else ''}"
    obtenus = {
        "statut": Statut(int(bloc.statut[0, a])).texte,
        "raison": Raison(int(bloc.raison[0, a])).texte,
        "segment": str(bloc.affectation.segment[0]) or None,
        "valeur": _valeur(bloc, 0, a),
        "valeur_reference": bloc.reference.fraction((0, a)),
        "cible_valeur": bloc.cible_valeur.fraction((0, a)),
        "ecart": c.soustraire(bloc.evaluee, bloc.cible_valeur).fraction((0, a)),
        "preuves_manquantes": tuple(bloc.fiche.preuves.liste(int(bloc.preuves_manquantes[0, a]))),
    }
    ecarts = []
    for nom, obtenu in obtenus.items():
        difference = _comparer(nom, getattr(attendu, nom), obtenu)
        if difference:
            ecarts.append(f"{prefixe} {difference}")
    if attendu.explication_contient and _espaces(attendu.explication_contient) not in _espaces(
        explication
    ):
        ecarts.append(
            f"{prefixe} explication sans « {attendu.explication_contient} » : {explication}"
        )
    if ecarts:
        ecarts.append(f"    ↳ {explication}")
    return ecarts


def run_case(catalogue: Catalogue, fiche: str, cas: Cas) -> tuple[list[str], list[Probleme]]:
    """Evaluate one case; return the differences with what it expects, and the data problems."""
    restreint = catalogue.restreindre([fiche])
    etablissements, mesures = _tables(fiche, cas)
    donnees = validate_dataset(
        restreint, read_table(etablissements, "cas"), read_table(mesures, "cas")
    )
    annees = cas.annees or tuple(restreint.periode.annees)
    resultats = evaluate(restreint, donnees, annees)
    ecarts: list[str] = []
    for attendu in cas.attendu:
        bloc = next(b for b in resultats.blocs if attendu.mesure in (None, b.mesure.code))
        if attendu.annee not in bloc.annees:
            ecarts.append(f"{attendu.annee} : année non évaluée (années : {list(bloc.annees)})")
            continue
        ecarts.extend(
            _verifier_attendu(
                attendu,
                bloc,
                resultats.expliquer(cas.finess, fiche, attendu.annee, bloc.mesure.code),
            )
        )
    for attendu_bilan in cas.bilan:
        ecarts.extend(_verifier_bilan(attendu_bilan, resultats.bilans))
    return ecarts, list(resultats.problemes)


def _verifier_bilan(attendu: BilanAttendu, bilans: Iterable[Any]) -> list[str]:
    bilan = next((b for b in bilans if attendu.mesure in (None, b.bloc.mesure.code)), None)
    if bilan is None:
        return ["bilan : la mesure ne déclare pas de total"]
    obtenus = {
        "statut": Statut(int(bilan.statut[0])).texte,
        "raison": Raison(int(bilan.raison[0])).texte,
        "valeur": bilan.valeur.fraction(0),
        "cible_valeur": bilan.cible_valeur.fraction(0),
    }
    return [
        f"bilan {d}"
        for nom, obtenu in obtenus.items()
        if (d := _comparer(nom, getattr(attendu, nom), obtenu))
    ]


def run_cases(catalogue: Catalogue, chemin: str | Path | None = None) -> RapportCas:
    """Run every case file of `chemin` (default: the catalogue folder)."""
    dossier = Path(chemin) if chemin is not None else catalogue.dossier
    rapport = RapportCas()
    if dossier is None:
        return rapport
    lus, rapport.problemes = read_cases(catalogue, dossier)
    for fichier, document in lus:
        for i, cas in enumerate(fichier.cas):
            position = document.position(("cas", i))
            resultat = ResultatCas(
                document.fichier, position.ligne if position else None, fichier.fiche, cas.nom
            )
            resultat.ecarts, resultat.problemes_donnees = run_case(catalogue, fichier.fiche, cas)
            rapport.resultats.append(resultat)
    return rapport
