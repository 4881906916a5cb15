"""What each ``cpom-rules`` subcommand does (reading files, calling the library, printing)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cpom_rules.cas.execution import read_cases, run_cases
from cpom_rules.cli.progression import Progression
from cpom_rules.cli.textes import texte
from cpom_rules.donnees import load_dataset
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.lint import check
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurSpec, ErreurUsage, Niveau, Probleme, compter, erreurs, trier
from cpom_rules.spec.chargement import Catalogue, read_catalogue
from cpom_rules.spec.lectures import choisir_lectures, lectures_declarees
from cpom_rules.spec.schema import write_schemas

SUCCES, ECHEC = 0, 1


def _existe(chemin: Path) -> Path:
    if not chemin.exists():
        raise ErreurUsage(f"introuvable : {chemin}")
    return chemin


def _imprimer_problemes(problemes: list[Probleme], langue: Langue, flux: object = None) -> None:
    for probleme in trier(problemes):
        print(probleme.texte(langue), file=flux or sys.stdout)  # type: ignore[arg-type]


def check_specs(chemin: Path) -> tuple[Catalogue | None, list[Probleme]]:
    """Every problem of a catalogue: loading, compiling, linting and its case files."""
    catalogue, problemes = read_catalogue(chemin)
    if catalogue is not None:
        problemes = [p for p in problemes if p.niveau is Niveau.ERREUR] + list(
            catalogue.avertissements
        )
        problemes += check(catalogue)
        if catalogue.dossier is not None:
            problemes += read_cases(catalogue, catalogue.dossier)[1]
    return catalogue, problemes


def _imprimer_lectures(catalogue: Catalogue | None, langue: Langue) -> None:
    """Every declared alternative reading, for `check`."""
    declarees = lectures_declarees(catalogue) if catalogue else []
    if not declarees:
        return
    print(texte("lectures_titre", langue, nombre=len(declarees)))
    for indicateur, code, lecture in declarees:
        litterale = texte("lecture_litterale", langue) if lecture.litterale else ""
        print(
            texte(
                "lecture_ligne",
                langue,
                indicateur=indicateur,
                lecture=code,
                litterale=litterale,
                libelle=lecture.libelle,
            )
        )


def commande_check(options: argparse.Namespace, langue: Langue) -> int:
    catalogue, problemes = check_specs(_existe(options.specs))
    comptes = compter(problemes)
    if options.format == "json":
        print(
            json.dumps(
                {
                    "problemes": [p.to_dict(langue) for p in trier(problemes)],
                    "erreurs": comptes[Niveau.ERREUR],
                    "avertissements": comptes[Niveau.AVERTISSEMENT],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        _imprimer_problemes(problemes, langue)
        _imprimer_lectures(catalogue, langue)
        fiches = len(catalogue.fiches) if catalogue else 0
        print(
            texte(
                "bilan_check",
                langue,
                fiches=fiches,
                erreurs=comptes[Niveau.ERREUR],
                avertissements=comptes[Niveau.AVERTISSEMENT],
            )
        )
    echec = comptes[Niveau.ERREUR] > 0 or (options.strict and comptes[Niveau.AVERTISSEMENT] > 0)
    return ECHEC if echec else SUCCES


def _charger(chemin: Path) -> Catalogue:
    catalogue, problemes = read_catalogue(_existe(chemin))
    if catalogue is None:
        raise ErreurSpec(erreurs(problemes) or problemes)
    return catalogue


def commande_test(options: argparse.Namespace, langue: Langue) -> int:
    # A single case file runs against the catalogue of its folder.
    catalogue = _charger(options.specs.parent if options.specs.is_file() else options.specs)
    rapport = run_cases(catalogue, options.specs if options.specs.is_file() else None)
    reussis = sum(r.reussi for r in rapport.resultats)
    if options.format == "json":
        sortie = {
            "reussi": rapport.reussi,
            "cas": [
                {
                    "fichier": r.fichier,
                    "ligne": r.ligne,
                    "fiche": r.fiche,
                    "nom": r.nom,
                    "reussi": r.reussi,
                    "ecarts": r.ecarts,
                }
                for r in rapport.resultats
            ],
            "problemes": [p.to_dict(langue) for p in rapport.problemes],
        }
        print(json.dumps(sortie, ensure_ascii=False, indent=1))
    else:
        _imprimer_problemes(rapport.problemes, langue)
        for resultat in rapport.resultats:
            if not resultat.reussi:
                print(
                    f"{resultat.fichier}:{resultat.ligne}: {texte('cas_echec', langue)} [{resultat.fiche}] {resultat.nom}"
                )
                for ecart in resultat.ecarts:
                    print(f"    {ecart}")
        print(
            texte("bilan_test", langue, reussis=reussis, echoues=len(rapport.resultats) - reussis)
        )
    return SUCCES if rapport.reussi else ECHEC


def commande_schema(options: argparse.Namespace, langue: Langue) -> int:
    chemins = write_schemas(options.sortie)
    print(texte("schemas_ecrits", langue, chemins=", ".join(str(c) for c in chemins)))
    return SUCCES


def lire_annees(texte_annees: str | None, langue: Langue) -> list[int] | None:
    """``2025``, ``2025-2027`` or ``2025,2027``."""
    if texte_annees is None:
        return None
    annees: list[int] = []
    for morceau in texte_annees.split(","):
        correspondance = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", morceau)
        if not correspondance:
            raise ErreurUsage(texte("annees_invalides", langue, texte=texte_annees))
        debut = int(correspondance.group(1))
        fin = int(correspondance.group(2) or debut)
        if fin < debut:
            raise ErreurUsage(texte("annees_invalides", langue, texte=texte_annees))
        annees.extend(range(debut, fin + 1))
    return annees


def _evaluer(
    options: argparse.Namespace,
    langue: Langue,
    annees: list[int] | None = None,
    progression: Progression | None = None,
) -> Resultats:
    progression = progression or Progression()
    with progression.etape(texte("etape_fiches", langue)):
        catalogue = choisir_lectures(_charger(options.specs), _lectures_choisies(options, langue))
    with progression.etape(texte("etape_donnees", langue)):
        donnees = load_dataset(
            catalogue,
            _existe(options.etablissements),
            _existe(options.mesures),
            reparer_finess=options.reparer_finess,
        )
    with progression.etape(texte("etape_evaluation", langue)):
        return evaluate(catalogue, donnees, annees)


def _lectures_choisies(options: argparse.Namespace, langue: Langue) -> dict[str, str]:
    """``--lecture CPOM_OS_9=points`` (repeatable) → {fiche: reading}."""
    choix = {}
    for valeur in options.lecture:
        indicateur, egal, lecture = valeur.partition("=")
        if not egal or not indicateur.strip() or not lecture.strip():
            raise ErreurUsage(texte("lecture_mal_formee", langue, valeur=valeur))
        choix[indicateur.strip()] = lecture.strip()
    return choix


def _imprimer_impacts(resultats: Resultats, langue: Langue) -> None:
    """The impact table of `--lectures`: per reading, the establishments whose verdicts change."""
    impacts = resultats.lectures()
    print(texte("impact_titre", langue, etablissements=resultats.donnees.nombre_etablissements))
    for impact in impacts:
        litterale = texte("lecture_litterale", langue) if impact.litterale else ""
        print(
            texte(
                "impact_ligne",
                langue,
                indicateur=impact.indicateur,
                lecture=impact.lecture,
                litterale=litterale,
                libelle=impact.libelle,
                nombre=len(impact.changements),
            )
        )
        for changement in impact.changements:
            print(
                texte(
                    "impact_etablissement",
                    langue,
                    finess=changement.finess,
                    nom=changement.raison_sociale,
                    differences=" ; ".join(changement.differences),
                )
            )


def _ecrivain(extension: str, langue: Langue) -> Callable[[Resultats, Path], None]:
    if extension == ".json":
        from cpom_rules.render.export_json import write_json  # noqa: PLC0415

        return write_json
    if extension == ".csv":
        from cpom_rules.render.export_csv import write_csv  # noqa: PLC0415

        return write_csv
    if extension in (".html", ".htm"):
        from cpom_rules.render.html import write_html  # noqa: PLC0415

        return write_html
    if extension == ".xlsx":
        try:
            from cpom_rules.render.excel import write_excel  # noqa: PLC0415
        except ImportError as exc:
            raise ErreurUsage(texte("excel_absent", langue)) from exc
        return write_excel
    raise ErreurUsage(texte("format_inconnu", langue, extension=extension or "(aucune)"))


def commande_evaluate(options: argparse.Namespace, langue: Langue) -> int:
    ecrire = _ecrivain(options.sortie.suffix.lower(), langue)
    progression = Progression()
    resultats = _evaluer(options, langue, lire_annees(options.annees, langue), progression)
    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    with progression.etape(texte("etape_ecriture", langue, fichier=options.sortie.name)):
        ecrire(resultats, options.sortie)
    comptes = compter(resultats.problemes)
    annees = f"{resultats.annees[0]}-{resultats.annees[-1]}"
    print(
        texte(
            "resume_titre",
            langue,
            etablissements=resultats.donnees.nombre_etablissements,
            resultats=len(resultats),
            results=len(resultats),
            annees=annees,
        )
    )
    statuts = resultats.statuts()
    total = max(sum(statuts.values()), 1)
    print(
        texte(
            "resume_statuts",
            langue,
            statuts=", ".join(f"{s} {n} ({100 * n / total:.0f} %)" for s, n in statuts.items()),
        )
    )
    print(
        texte(
            "resume_problemes",
            langue,
            erreurs=comptes[Niveau.ERREUR],
            avertissements=comptes[Niveau.AVERTISSEMENT],
        )
    )
    if options.detail:
        _imprimer_problemes(list(resultats.problemes), langue)
    if options.lectures:
        _imprimer_impacts(resultats, langue)
    print(texte("resume_ecrit", langue, chemin=options.sortie))
    return SUCCES


def _aplatir(donnees: dict[str, Any], prefixe: str = "") -> list[tuple[str, str]]:
    """The trace as « comparaison.seuil  34.59542 » lines; empty fields left out."""
    lignes: list[tuple[str, str]] = []
    for nom, valeur in donnees.items():
        # `is` tests: a value 0 is a value (0 == False would drop it).
        vide = valeur is None or (valeur is False and nom != "issue") or valeur in ([], {})
        if vide:
            continue
        if isinstance(valeur, dict):
            lignes.extend(_aplatir(valeur, f"{prefixe}{nom}."))
        elif isinstance(valeur, list) and valeur and isinstance(valeur[0], dict):
            for i, element in enumerate(valeur):
                lignes.extend(_aplatir(element, f"{prefixe}{nom}.{i}."))
        else:
            texte = ", ".join(map(str, valeur)) if isinstance(valeur, list) else str(valeur)
            lignes.append((f"{prefixe}{nom}", texte))
    return lignes


def commande_explain(options: argparse.Namespace, langue: Langue) -> int:
    resultats = _evaluer(options, langue)
    cle = (options.finess, options.indicateur, options.annee, options.mesure)
    trace = resultats.trace(*cle)
    explication = resultats.expliquer(*cle, langue=langue)
    if options.format == "json":
        print(
            json.dumps(
                {**trace.to_dict(), "explication": explication}, ensure_ascii=False, indent=1
            )
        )
        return SUCCES
    print(explication)
    print()
    donnees = trace.to_dict()
    del donnees["variables"]
    for nom, valeur in _aplatir(donnees):
        print(f"  {nom:28} {valeur}")
    print("  variables")
    for variable in trace.variables:
        ligne = f" (ligne {variable.ligne_source})" if variable.ligne_source else ""
        print(f"    {variable.nom:28} {variable.valeur}{ligne}")
    return SUCCES


def commande_doc(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.render.doc import write_doc  # noqa: PLC0415

    catalogue = _charger(options.specs)
    pages = write_doc(catalogue, options.sortie)
    print(texte("pages_ecrites", langue, nombre=len(pages), dossier=options.sortie))
    return SUCCES


COMMANDES: dict[str, Callable[[argparse.Namespace, Langue], int]] = {
    "check": commande_check,
    "test": commande_test,
    "schema": commande_schema,
    "evaluate": commande_evaluate,
    "explain": commande_explain,
    "doc": commande_doc,
}


def executer(options: argparse.Namespace, langue: Langue) -> int:
    """Run the subcommand chosen on the command line."""
    return COMMANDES[options.commande](options, langue)
