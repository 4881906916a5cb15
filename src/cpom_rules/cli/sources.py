"""The importer subcommands: ``etablissements`` (FINESS + SAE → establishments table).

Kept apart from `cpom_rules.cli.commandes` so that the importers add to the command line
without touching the other commands; `main` registers them with `ajouter_commandes`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cpom_rules.cli.textes import erreur, texte
from cpom_rules.compilation.catalogue import Catalogue, read_catalogue
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurSpec, ErreurUsage, Niveau, Probleme, compter, erreurs, trier
from cpom_rules.sources import import_etablissements, load_lecture, load_referentiel, read_wide

SUCCES, ECHEC = 0, 1


def ajouter_commandes(sous: argparse._SubParsersAction, t: Callable[[str], str]) -> None:  # type: ignore[type-arg]  # argparse's private generic
    """Declare the importer subcommands on the main parser."""
    etab = sous.add_parser(
        "etablissements",
        help=t("aide_etablissements_cmd"),
        description=t("aide_etablissements_cmd"),
    )
    etab.add_argument("specs", type=Path, help=t("aide_specs"))
    etab.add_argument("--finess", type=Path, required=True, help=t("aide_finess_extrait"))
    etab.add_argument("--sae", type=Path, nargs="*", default=[], help=t("aide_sae"))
    zone = etab.add_mutually_exclusive_group()
    zone.add_argument("--region", help=t("aide_region"))
    zone.add_argument("--departements", help=t("aide_departements"))
    etab.add_argument("--referentiel", type=Path, help=t("aide_referentiel"))
    etab.add_argument("--complements", type=Path, help=t("aide_complements"))
    etab.add_argument("--sortie", type=Path, required=True, help=t("aide_sortie_etab"))

    lecture = sous.add_parser(
        "lecture", help=t("aide_lecture_cmd"), description=t("aide_lecture_cmd")
    )
    actions = lecture.add_subparsers(dest="action", required=True)
    verifier = actions.add_parser(
        "verifier", help=t("aide_lecture_verifier"), description=t("aide_lecture_verifier")
    )
    verifier.add_argument("specs", type=Path, help=t("aide_specs"))
    verifier.add_argument(
        "--fichier-lecture", type=Path, required=True, help=t("aide_fichier_lecture")
    )
    verifier.add_argument("classeurs", type=Path, nargs="+", help=t("aide_classeurs"))
    verifier.add_argument("--lignes", type=int, default=5, help=t("aide_lignes_montrees"))

    formulaire = sous.add_parser(
        "formulaire", help=t("aide_formulaire"), description=t("aide_formulaire_long")
    )
    formulaire.add_argument("cible", help=t("aide_formulaire_cible"))
    formulaire.add_argument("dossier", type=Path, nargs="?", help=t("aide_formulaire_dossier"))
    formulaire.add_argument("--etablissements", type=Path, help=t("aide_etablissements"))
    formulaire.add_argument("--mesures", type=Path, help=t("aide_formulaire_mesures"))
    formulaire.add_argument("--annee", type=int, help=t("aide_annee"))
    formulaire.add_argument("--specs", type=Path, help=t("aide_specs"))
    formulaire.add_argument("--sortie", type=Path, required=True, help=t("aide_formulaire_sortie"))


def _catalogue(chemin: Path) -> Catalogue:
    if not chemin.exists():
        raise erreur("introuvable", chemin=chemin)
    catalogue, problemes = read_catalogue(chemin)
    if catalogue is None:
        raise ErreurSpec(erreurs(problemes) or problemes)
    return catalogue


def _imprimer(problemes: list[Probleme], langue: Langue) -> None:
    for p in trier(problemes):
        print(p.texte(langue))


def commande_etablissements(options: argparse.Namespace, langue: Langue) -> int:
    catalogue = _catalogue(options.specs)
    for chemin in [options.finess, *options.sae, *filter(None, [options.complements])]:
        if not chemin.is_file():
            raise erreur("introuvable", chemin=chemin)
    referentiel = load_referentiel(options.referentiel) if options.referentiel else None
    departements = options.departements.split(",") if options.departements else None
    try:
        table = import_etablissements(
            catalogue,
            options.finess,
            options.sae,
            referentiel=referentiel,
            region=options.region,
            departements=departements,
            complements=options.complements,
        )
    except ValueError as exc:
        raise ErreurUsage(texte("region_inconnue", langue, region=exc)) from exc
    colonnes = ["finess", "raison_sociale", *catalogue.definition.attributs]
    sources = table.write_csv(options.sortie, colonnes)
    _imprimer(list(table.problemes), langue)
    comptes = compter(table.problemes)
    print(
        texte(
            "bilan_etablissements",
            langue,
            nombre=len(table.lignes),
            hors_champ=table.hors_champ,
            erreurs=comptes[Niveau.ERREUR],
            avertissements=comptes[Niveau.AVERTISSEMENT],
            sortie=options.sortie,
            sources=sources,
        )
    )
    return ECHEC if comptes[Niveau.ERREUR] else SUCCES


def commande_lecture(options: argparse.Namespace, langue: Langue) -> int:
    catalogue = _catalogue(options.specs)
    for chemin in [options.fichier_lecture, *options.classeurs]:
        if not chemin.is_file():
            raise erreur("introuvable", chemin=chemin)
    lecture = load_lecture(options.fichier_lecture, catalogue)
    lues = read_wide(lecture, options.classeurs)
    for lieu, associees in lues.associees.items():
        print(texte("lecture_onglet", langue, lieu=lieu, nombre=len(associees)))
        for a in associees:
            cible = a.regle.variable or a.regle.role
            facteur = f" × {a.regle.facteur}" if a.regle.facteur is not None else ""
            print(f"  {a.entete[:50]:50} → {a.regle.indicateur}.{cible} {a.annee}{facteur}")
        for entete in lues.non_lues.get(lieu, []):
            print(f"  {entete[:50]:50} → {texte('lecture_non_lue', langue)}")
    print(texte("lecture_premieres", langue, nombre=min(options.lignes, len(lues.lignes))))
    for ligne, (_, cellule) in list(zip(lues.lignes, lues.cellules, strict=True))[: options.lignes]:
        valeurs = ";".join(
            str(ligne.get(c, "") or "")
            for c in ("finess", "indicateur", "annee", "variable", "valeur")
        )
        print(f"  {cellule:16} {valeurs}")
    lues_par_fiche: dict[str, set[str]] = {}
    for regle in lecture.colonnes:
        if regle.variable is not None:
            lues_par_fiche.setdefault(regle.indicateur, set()).add(regle.variable)
    for code, variables in sorted(lues_par_fiche.items()):
        oubliees = sorted(set(catalogue.fiches[code].variables) - variables)
        if oubliees:
            print(
                texte(
                    "lecture_variables_oubliees", langue, fiche=code, variables=", ".join(oubliees)
                )
            )
    _imprimer(lues.problemes, langue)
    comptes = compter(lues.problemes)
    print(
        texte(
            "bilan_lecture",
            langue,
            valeurs=len(lues.lignes),
            erreurs=comptes[Niveau.ERREUR],
            avertissements=comptes[Niveau.AVERTISSEMENT],
        )
    )
    return ECHEC if comptes[Niveau.ERREUR] else SUCCES


def commande_formulaire(options: argparse.Namespace, langue: Langue) -> int:
    if options.cible == "lire":
        return _formulaire_lire(options, langue)
    from cpom_rules.donnees import load_dataset  # noqa: PLC0415
    from cpom_rules.sources.formulaire import (  # noqa: PLC0415
        plan_formulaires,
        valeurs_precedentes,
    )
    from cpom_rules.sources.formulaire_xlsx import write_formulaires  # noqa: PLC0415  (openpyxl)

    if options.etablissements is None or options.annee is None:
        raise ErreurUsage(texte("formulaire_arguments", langue))
    catalogue = _catalogue(Path(options.cible))
    mesures = options.mesures
    for chemin in (options.etablissements, mesures):
        if chemin is not None and not chemin.is_file():
            raise erreur("introuvable", chemin=chemin)
    donnees = load_dataset(catalogue, options.etablissements, mesures if mesures else [])
    formulaires = plan_formulaires(
        catalogue, donnees, options.annee, valeurs_precedentes(mesures, options.annee - 1)
    )
    chemins = write_formulaires(formulaires, options.sortie)
    print(texte("formulaires_ecrits", langue, nombre=len(chemins), dossier=options.sortie))
    return SUCCES


def _formulaire_lire(options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.sources.retour import read_dossier, write_completude, write_mesures  # noqa: PLC0415

    if options.dossier is None:
        raise ErreurUsage(texte("formulaire_dossier_absent", langue))
    if not options.dossier.is_dir():
        raise erreur("introuvable", chemin=options.dossier)
    lues, completudes = read_dossier(options.dossier)
    problemes = list(lues.problemes)
    if options.specs is not None and options.etablissements is not None:
        donnees = lues.load(_catalogue(options.specs), options.etablissements)
        problemes = list(donnees.problemes)
    write_mesures(lues, options.sortie)
    completude = options.sortie.with_name(options.sortie.stem + ".completude.csv")
    write_completude(completudes, completude)
    _imprimer(problemes, langue)
    etats = {
        etat: sum(c.etat == etat for c in completudes)
        for etat in ("complet", "partiel", "vide", "illisible")
    }
    print(
        texte(
            "bilan_formulaires",
            langue,
            fichiers=len(completudes),
            valeurs=len(lues.lignes),
            sortie=options.sortie,
            completude=completude,
            etats=", ".join(f"{etat} {n}" for etat, n in etats.items()),
        )
    )
    return ECHEC if any(p.niveau is Niveau.ERREUR for p in problemes) else SUCCES


COMMANDES: dict[str, Callable[[argparse.Namespace, Langue], int]] = {
    "etablissements": commande_etablissements,
    "lecture": commande_lecture,
    "formulaire": commande_formulaire,
}
