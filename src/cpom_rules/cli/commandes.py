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
from typing import Any

from cpom_rules import libelles
from cpom_rules.cas.execution import read_cases, run_cases
from cpom_rules.chiffres import nombre_texte
from cpom_rules.cli import affichage
from cpom_rules.cli import chemins as chemins_cli
from cpom_rules.cli.base import commande_base, lire_moment
from cpom_rules.cli.ecrivains import ecrivain
from cpom_rules.cli.progression import Progression
from cpom_rules.cli.textes import texte
from cpom_rules.compilation.catalogue import (
    Catalogue,
    choisir_lectures,
    lectures_declarees,
    read_catalogue,
)
from cpom_rules.contrats import (
    ContratResolu,
    apply_contrats,
    check_cibles_choisies,
    check_contrats,
    read_contrats,
    resolve_contrat,
)
from cpom_rules.donnees import load_dataset, read_table
from cpom_rules.evaluation.lectures import ImpactLecture, impact_lectures
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.libelles import pluriel
from cpom_rules.lint import check
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurSpec, ErreurUsage, Niveau, Probleme, compter, erreurs, trier
from cpom_rules.spec.schema import dossier_schemas, textes_tous_schemas, write_schemas

SUCCES, ECHEC = 0, 1


def _fichiers_specs(chemin: Path) -> list[Path]:
    """The files of a catalogue folder, which no output may overwrite."""
    dossier = chemin if chemin.is_dir() else chemin.parent
    return [p for p in dossier.iterdir() if p.is_file()] if dossier.is_dir() else []


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


def _check_contrats(
    catalogue: Catalogue | None, contrats: Path, etablissements: Path | None
) -> list[Probleme]:
    """The contracts' own problems, then (with a valid catalogue) their references."""
    lus, problemes = read_contrats(chemins_cli.existe(contrats))
    if catalogue is None:
        return problemes
    connus = None
    if etablissements is not None:
        table = read_table(chemins_cli.existe(etablissements), "etablissements")
        colonne = table.colonne("finess")
        connus = {str(f).strip() for f in colonne} if colonne is not None else set()
    return problemes + check_contrats(catalogue, lus, connus)


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
    catalogue, problemes = check_specs(chemins_cli.specs(options.specs))
    if options.contrats is not None:
        problemes += _check_contrats(catalogue, options.contrats, options.etablissements)
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
                fiches=pluriel(fiches, "fiche"),
                erreurs=libelles.niveau("erreur", langue, comptes[Niveau.ERREUR]),
                avertissements=libelles.niveau(
                    "avertissement", langue, comptes[Niveau.AVERTISSEMENT]
                ),
            )
        )
    echec = comptes[Niveau.ERREUR] > 0 or (options.strict and comptes[Niveau.AVERTISSEMENT] > 0)
    return ECHEC if echec else SUCCES


def commande_test(options: argparse.Namespace, langue: Langue) -> int:
    # A single case file runs against the catalogue of its folder.
    catalogue = chemins_cli.charger_catalogue(
        options.specs.parent if options.specs.is_file() else options.specs
    )
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
    chemins = write_schemas(chemins_cli.sortie(options.sortie, langue, dossier=True))
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
    progression = progression or Progression(langue=langue)
    resolus: list[ContratResolu] = []
    with progression.etape(texte("etape_fiches", langue)) as comptes:
        catalogue = choisir_lectures(
            chemins_cli.charger_catalogue(options.specs), _lectures_choisies(options, langue)
        )
        if options.contrats is not None:
            catalogue, resolus = _appliquer_contrats(
                catalogue, options.contrats, options.au, langue
            )
        comptes.append(
            texte(
                "compte_fiches", langue, nombre=nombre_texte(len(catalogue.fiches), langue=langue)
            )
        )
    with progression.etape(texte("etape_donnees", langue)) as comptes:
        if options.fichier_lecture is not None:  # a wide workbook read by a declared mapping
            from cpom_rules.sources import load_wide  # noqa: PLC0415

            donnees = load_wide(
                catalogue,
                chemins_cli.entree(options.etablissements, langue),
                chemins_cli.entree(options.fichier_lecture, langue),
                [chemins_cli.entree(options.mesures, langue)],
                reparer_finess=options.reparer_finess,
            )
        else:
            donnees = load_dataset(
                catalogue,
                chemins_cli.entree(options.etablissements, langue),
                chemins_cli.entree(options.mesures, langue),
                reparer_finess=options.reparer_finess,
            )
        comptes.append(
            texte(
                "compte_etablissements",
                langue,
                nombre=nombre_texte(donnees.nombre_etablissements, langue=langue),
            )
        )
    with progression.etape(texte("etape_evaluation", langue)) as comptes:
        resultats = evaluate(catalogue, donnees, annees)
        comptes.append(
            texte("compte_resultats", langue, nombre=nombre_texte(len(resultats), langue=langue))
        )
    if resolus:
        resultats.problemes += tuple(check_cibles_choisies(resolus, donnees))
    return resultats


def _lectures_choisies(options: argparse.Namespace, langue: Langue) -> dict[str, str]:
    """``--lecture CPOM_OS_9=points`` (repeatable) → {fiche: reading}."""
    choix = {}
    for valeur in options.lecture:
        indicateur, egal, lecture = valeur.partition("=")
        if not egal or not indicateur.strip() or not lecture.strip():
            raise ErreurUsage(texte("lecture_mal_formee", langue, valeur=valeur))
        choix[indicateur.strip()] = lecture.strip()
    return choix


def _imprimer_impacts(resultats: Resultats, impacts: list[ImpactLecture], langue: Langue) -> None:
    """The impact table of `--lectures`: per reading, the establishments whose verdicts change."""
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
                    differences=" ; ".join(
                        libelles.difference(d.mesure, d.annee, d.avant, d.apres, langue)
                        for d in changement.differences
                    ),
                )
            )


def _appliquer_contrats(
    catalogue: Catalogue, contrats: Path, au: str | None, langue: Langue
) -> tuple[Catalogue, list[ContratResolu]]:
    """The catalogue with the contracts in force (on `au`) applied; errors stop here."""
    lus, problemes = read_contrats(chemins_cli.entree(contrats, langue))
    problemes += check_contrats(catalogue, lus)
    if erreurs(problemes):
        raise ErreurSpec(erreurs(problemes))
    moment = lire_moment(au, langue)
    jour = moment.date() if moment else None
    resolus = [r for r in (resolve_contrat(catalogue, lu.contrat, jour) for lu in lus) if r]
    return apply_contrats(catalogue, resolus), resolus


def ecrire_annees(annees: tuple[int, ...] | list[int]) -> str:
    """``2025-2029`` for contiguous years, else the exact list (``2025, 2027``)."""
    if not annees:
        return "—"
    if list(annees) == list(range(annees[0], annees[-1] + 1)):
        return str(annees[0]) if len(annees) == 1 else f"{annees[0]}-{annees[-1]}"
    return ", ".join(str(a) for a in annees)


def commande_evaluate(options: argparse.Namespace, langue: Langue) -> int:
    ecrire = ecrivain(options.sortie.suffix.lower(), langue)
    # Every path is checked before minutes of work; the output replaces the previous one only
    # once complete (an interruption leaves it untouched).
    entrees = [chemins_cli.entree(options.etablissements, langue)]
    entrees.append(chemins_cli.entree(options.mesures, langue))
    chemins_cli.sortie(options.sortie, langue, [*entrees, *_fichiers_specs(options.specs)])
    progression = Progression(langue=langue)
    resultats = _evaluer(options, langue, lire_annees(options.annees, langue), progression)
    # The alternative readings evaluate their fiches again: only on demand; the HTML report
    # then has their section too.
    impacts = (
        impact_lectures(resultats.catalogue, resultats.donnees, resultats.annees)
        if options.lectures
        else None
    )
    if impacts is not None and options.sortie.suffix.lower() in (".html", ".htm"):
        from cpom_rules.render.html import write_html  # noqa: PLC0415

        ecrire = functools.partial(write_html, lectures=impacts, langue=langue)
    with (
        progression.etape(texte("etape_ecriture", langue, fichier=options.sortie.name)),
        chemins_cli.ecrire(options.sortie, langue) as temporaire,
    ):
        ecrire(resultats, temporaire)
    annees = ecrire_annees(resultats.annees)
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
    if impacts is not None:
        _imprimer_impacts(resultats, impacts, langue)
    print(texte("resume_ecrit", langue, chemin=options.sortie))
    return _code_sortie(resultats, options, langue)


def rendre_compte(resultats: Resultats, options: argparse.Namespace, langue: Langue) -> None:
    """Statuses in words, then the data problems grouped, with hints (never a bare count)."""
    problemes = list(resultats.problemes)
    affichage.imprimer(affichage.bilan(resultats.statuts(), problemes, langue), sys.stdout)
    affichage.imprimer(affichage.lignes_problemes(problemes, langue, options.detail), sys.stdout)
    raisons = affichage.compter_raisons(resultats)
    affichage.imprimer(
        affichage.conseils(problemes, raisons, langue, options.reparer_finess), sys.stdout
    )


def _code_sortie(resultats: Resultats, options: argparse.Namespace, langue: Langue) -> int:
    """1 when the data had errors (results are still written); with ``--strict``, warnings
    count too; else success."""
    comptes = compter(resultats.problemes)
    if comptes[Niveau.ERREUR]:
        return ECHEC
    if options.strict and comptes[Niveau.AVERTISSEMENT]:
        print(texte("strict_echec", langue, nombre=comptes[Niveau.AVERTISSEMENT]), file=sys.stderr)
        return ECHEC
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
        ligne = (
            f" ({variable.cellule_source})"
            if variable.cellule_source
            else (f" (ligne {variable.ligne_source})" if variable.ligne_source else "")
        )
        print(f"    {variable.nom:28} {variable.valeur}{ligne}")
    return SUCCES


def commande_doc(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.render.doc import write_doc  # noqa: PLC0415

    catalogue = chemins_cli.charger_catalogue(options.specs)
    pages = write_doc(
        catalogue,
        chemins_cli.sortie(options.sortie, langue, _fichiers_specs(options.specs), dossier=True),
    )
    print(texte("pages_ecrites", langue, nombre=len(pages), dossier=options.sortie))
    return SUCCES


def commande_dossier(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.render.dossier import write_dossiers  # noqa: PLC0415

    progression = Progression(langue=langue)
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
        langue=langue,
    )
    dossier = options.sortie if not options.sortie.suffix else options.sortie.parent
    nombre = pluriel(len(finess), "dossier")
    print(texte("dossiers_ecrits", langue, nombre=nombre, dossier=dossier))
    for chemin in ecrits[:4]:
        print(f"  {chemin}")
    return _code_sortie(resultats, options, langue)


COMMANDES: dict[str, Callable[[argparse.Namespace, Langue], int]] = {
    "check": commande_check,
    "test": commande_test,
    "schema": commande_schema,
    "evaluate": commande_evaluate,
    "explain": commande_explain,
    "doc": commande_doc,
    "dossier": commande_dossier,
    "base": commande_base,
}


def _commandes_sources() -> dict[str, Callable[[argparse.Namespace, Langue], int]]:
    from cpom_rules.cli.sources import COMMANDES as IMPORTEURS  # noqa: PLC0415  (imports commandes' names)

    return IMPORTEURS


def executer(options: argparse.Namespace, langue: Langue) -> int:
    """Run the subcommand chosen on the command line."""
    commande = COMMANDES.get(options.commande) or _commandes_sources()[options.commande]
    return commande(options, langue)
