"""What each ``cpom-rules`` subcommand does (reading files, calling the library, printing)."""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from cpom_rules import libelles
from cpom_rules.cas.execution import read_cases, run_cases
from cpom_rules.cli import affichage
from cpom_rules.cli.progression import Progression
from cpom_rules.cli.textes import texte
from cpom_rules.donnees import load_dataset
from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.libelles import pluriel
from cpom_rules.lint import check
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurSpec, ErreurUsage, Niveau, Probleme, compter, erreurs, trier
from cpom_rules.spec.chargement import Catalogue, read_catalogue
from cpom_rules.spec.fournis import resoudre
from cpom_rules.spec.schema import dossier_schemas, textes_tous_schemas, write_schemas

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


def commande_check(options: argparse.Namespace, langue: Langue) -> int:
    catalogue, problemes = check_specs(_specs(options.specs))
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
        fiches = len(catalogue.fiches) if catalogue else 0
        print(
            texte(
                "bilan_check",
                langue,
                fiches=pluriel(fiches, "fiche"),
                erreurs=libelles.niveau("erreur", langue, comptes[Niveau.ERREUR]),
                avertissements=libelles.niveau(
                    "avertissement", langue, comptes[Niveau.AVERTISSEMENT]
                ),
            )
        )
    echec = comptes[Niveau.ERREUR] > 0 or (options.strict and comptes[Niveau.AVERTISSEMENT] > 0)
    return ECHEC if echec else SUCCES


def _specs(chemin: Path) -> Path:
    """A catalogue folder on disk, or the name of a bundled catalogue."""
    return _existe(resoudre(chemin))


def _charger(chemin: Path) -> Catalogue:
    catalogue, problemes = read_catalogue(_specs(chemin))
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
    if options.sortie is None:  # never write into the current folder uninvited
        noms = ", ".join(textes_tous_schemas())
        print(texte("schemas_installes", langue, dossier=dossier_schemas(), noms=noms))
        return SUCCES
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
    with progression.etape(texte("etape_fiches", langue)) as comptes:
        catalogue = _charger(options.specs)
        comptes.append(texte("compte_fiches", langue, nombre=nombre_fr(len(catalogue.fiches))))
    with progression.etape(texte("etape_donnees", langue)) as comptes:
        donnees = load_dataset(
            catalogue,
            _existe(options.etablissements),
            _existe(options.mesures),
            reparer_finess=options.reparer_finess,
        )
        comptes.append(
            texte("compte_etablissements", langue, nombre=nombre_fr(donnees.nombre_etablissements))
        )
    with progression.etape(texte("etape_evaluation", langue)) as comptes:
        resultats = evaluate(catalogue, donnees, annees)
        comptes.append(texte("compte_resultats", langue, nombre=nombre_fr(len(resultats))))
        return resultats


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
        return functools.partial(write_excel, langue=langue)
    raise ErreurUsage(texte("format_inconnu", langue, extension=extension or "(aucune)"))


def commande_evaluate(options: argparse.Namespace, langue: Langue) -> int:
    ecrire = _ecrivain(options.sortie.suffix.lower(), langue)
    progression = Progression()
    resultats = _evaluer(options, langue, lire_annees(options.annees, langue), progression)
    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    with progression.etape(texte("etape_ecriture", langue, fichier=options.sortie.name)):
        ecrire(resultats, options.sortie)
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
    rendre_compte(resultats, options, langue)
    print(texte("resume_ecrit", langue, chemin=options.sortie))
    return _code_strict(resultats, options, langue)


def rendre_compte(resultats: Resultats, options: argparse.Namespace, langue: Langue) -> None:
    """Statuses in words, then the data problems grouped, with hints (never a bare count)."""
    problemes = list(resultats.problemes)
    affichage.imprimer(affichage.bilan(resultats.statuts(), problemes, langue), sys.stdout)
    affichage.imprimer(affichage.lignes_problemes(problemes, langue, options.detail), sys.stdout)
    raisons = affichage.compter_raisons(resultats)
    affichage.imprimer(
        affichage.conseils(problemes, raisons, langue, options.reparer_finess), sys.stdout
    )


def _code_strict(resultats: Resultats, options: argparse.Namespace, langue: Langue) -> int:
    """Exit code 1 under ``--strict`` when the data had any error, else success."""
    nombre = compter(resultats.problemes)[Niveau.ERREUR]
    if options.strict and nombre:
        print(texte("strict_echec", langue, nombre=nombre), file=sys.stderr)
        return ECHEC
    return SUCCES


def commande_explain(options: argparse.Namespace, langue: Langue) -> int:
    resultats = _evaluer(options, langue)
    trace = resultats.trace(options.finess, options.indicateur, options.annee, options.mesure)
    if options.format == "json":
        print(json.dumps(trace, ensure_ascii=False, indent=1))
        return SUCCES
    print(trace["explication"])
    print()
    for cle, valeur in trace.items():
        if cle in ("explication", "variables"):
            continue
        print(f"  {cle:20} {valeur if valeur not in (None, []) else '—'}")
    print("  variables")
    for nom, variable in trace["variables"].items():
        ligne = f" (ligne {variable['ligne_source']})" if variable["ligne_source"] else ""
        print(f"    {nom:28} {variable['valeur']}{ligne}")
    return SUCCES


def commande_doc(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.render.doc import write_doc  # noqa: PLC0415

    catalogue = _charger(options.specs)
    pages = write_doc(catalogue, options.sortie)
    print(texte("pages_ecrites", langue, nombre=len(pages), dossier=options.sortie))
    return SUCCES


def commande_dossier(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.render.dossier import write_dossiers  # noqa: PLC0415

    progression = Progression()
    resultats = _evaluer(options, langue, lire_annees(options.annees, langue), progression)
    finess = [str(f) for f in resultats.donnees.finess] if options.tous else list(options.finess)
    options.detail = False
    rendre_compte(resultats, options, langue)
    # The edition date is the reader's today: the only clock read, here at the top.
    ecrits = write_dossiers(
        resultats,
        finess,
        options.sortie,
        datetime.date.today(),
        pdf=not options.sans_pdf,
        avancer=progression.compteur(texte("etape_dossiers", langue)),
    )
    dossier = options.sortie if not options.sortie.suffix else options.sortie.parent
    nombre = pluriel(len(finess), "dossier")
    print(texte("dossiers_ecrits", langue, nombre=nombre, dossier=dossier))
    for chemin in ecrits[:4]:
        print(f"  {chemin}")
    return _code_strict(resultats, options, langue)


COMMANDES: dict[str, Callable[[argparse.Namespace, Langue], int]] = {
    "check": commande_check,
    "test": commande_test,
    "schema": commande_schema,
    "evaluate": commande_evaluate,
    "explain": commande_explain,
    "doc": commande_doc,
    "dossier": commande_dossier,
}


def executer(options: argparse.Namespace, langue: Langue) -> int:
    """Run the subcommand chosen on the command line."""
    return COMMANDES[options.commande](options, langue)
