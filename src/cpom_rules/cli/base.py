"""``cpom-rules base …``: the campaign store from the command line (extra ``base``).

init, importer, evaluer (« as of » a date, or replaying a snapshot), evaluations,
historique, ecarts, rapport-final. The store module is imported only when a subcommand
runs, so the rest of the CLI works without SQLAlchemy installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cpom_rules.cli import chemins as chemins_cli
from cpom_rules.cli.textes import texte
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurUsage, Probleme, erreurs, trier

SUCCES, ECHEC = 0, 1


def lire_moment(
    brut: str | None, langue: Langue, *, fin_de_journee: bool = False
) -> dt.datetime | None:
    """``2027-03-01`` (start or end of the day) or ``2027-03-01T14:30``."""
    if brut is None:
        return None
    try:
        if len(brut.strip()) == 10:
            jour = dt.date.fromisoformat(brut.strip())
            return dt.datetime.combine(jour, dt.time(23, 59, 59) if fin_de_journee else dt.time())
        return dt.datetime.fromisoformat(brut.strip()).replace(tzinfo=None)
    except ValueError as exc:
        raise ErreurUsage(texte("date_invalide", langue, texte=brut)) from exc


def ajouter_analyseur(sous: Any, t: Callable[[str], str]) -> None:
    """Add ``base`` and its subcommands to the top-level parser."""
    base = sous.add_parser("base", help=t("aide_base"), description=t("aide_base"))
    actions = base.add_subparsers(dest="action", required=True, parser_class=type(base))

    def cible(parseur: argparse.ArgumentParser) -> None:
        parseur.add_argument("base", help=t("aide_base_cible"))

    init = actions.add_parser("init", help=t("aide_base_init"), description=t("aide_base_init"))
    cible(init)

    importer = actions.add_parser(
        "importer", help=t("aide_base_importer"), description=t("aide_base_importer")
    )
    cible(importer)
    importer.add_argument(
        "genre", choices=["etablissements", "mesures", "contrats"], help=t("aide_base_genre")
    )
    importer.add_argument("fichier", type=Path, help=t("aide_base_fichier"))
    importer.add_argument("--campagne", type=int, help=t("aide_campagne"))
    importer.add_argument("--valide-du", help=t("aide_valide_du"))
    importer.add_argument("--le", help=t("aide_le"))
    importer.add_argument("--utilisateur", help=t("aide_utilisateur"))
    importer.add_argument("--fichier-lecture", type=Path, help=t("aide_fichier_lecture"))
    importer.add_argument("--specs", type=Path, help=t("aide_specs_lecture"))

    evaluer = actions.add_parser(
        "evaluer", help=t("aide_base_evaluer"), description=t("aide_base_evaluer")
    )
    cible(evaluer)
    evaluer.add_argument("specs", type=Path, help=t("aide_specs"))
    evaluer.add_argument("--campagne", type=int, help=t("aide_campagne"))
    evaluer.add_argument("--au", help=t("aide_au"))
    evaluer.add_argument("--le", help=t("aide_le"))
    evaluer.add_argument("--reproduire", type=int, help=t("aide_reproduire"))
    evaluer.add_argument("--sans-enregistrer", action="store_true", help=t("aide_sans_enregistrer"))
    evaluer.add_argument("--sortie", type=Path, help=t("aide_sortie_option"))

    liste = actions.add_parser(
        "evaluations", help=t("aide_base_evaluations"), description=t("aide_base_evaluations")
    )
    cible(liste)

    envoyer = actions.add_parser(
        "envoyer", help=t("aide_base_envoyer"), description=t("aide_base_envoyer")
    )
    cible(envoyer)
    envoyer.add_argument("evaluation", type=int, help=t("aide_evaluation"))
    envoyer.add_argument("--le", help=t("aide_le"))
    envoyer.add_argument("--utilisateur", help=t("aide_utilisateur"))
    envoyer.add_argument("--note", default="", help=t("aide_note_envoi"))

    historique = actions.add_parser(
        "historique", help=t("aide_base_historique"), description=t("aide_base_historique")
    )
    cible(historique)
    historique.add_argument("--finess", required=True, help=t("aide_finess"))
    historique.add_argument("--indicateur", required=True, help=t("aide_indicateur"))
    historique.add_argument("--annee", type=int, required=True, help=t("aide_annee"))
    historique.add_argument("--variable", help=t("aide_variable"))
    historique.add_argument("--mesure", help=t("aide_mesure"))
    historique.add_argument(
        "--format", choices=["texte", "json"], default="texte", help=t("aide_format")
    )

    ecarts = actions.add_parser(
        "ecarts", help=t("aide_base_ecarts"), description=t("aide_base_ecarts")
    )
    cible(ecarts)
    ecarts.add_argument("avant", type=int, help=t("aide_evaluation"))
    ecarts.add_argument("apres", type=int, help=t("aide_evaluation"))
    ecarts.add_argument(
        "--format", choices=["texte", "json"], default="texte", help=t("aide_format")
    )

    rapport = actions.add_parser(
        "rapport-final", help=t("aide_base_rapport"), description=t("aide_base_rapport")
    )
    cible(rapport)
    rapport.add_argument("specs", type=Path, help=t("aide_specs"))
    rapport.add_argument("--sortie", type=Path, required=True, help=t("aide_sortie_eval"))
    rapport.add_argument("--le", help=t("aide_le"))


def _imprimer(problemes: list[Probleme], langue: Langue) -> None:
    for probleme in trier(problemes):
        print(probleme.texte(langue))


def _json(donnees: Any) -> None:
    print(json.dumps(donnees, ensure_ascii=False, indent=1, default=str))


def commande_base(options: argparse.Namespace, langue: Langue) -> int:
    """Run ``cpom-rules base ACTION``."""
    try:
        from cpom_rules import base  # noqa: PLC0415  (optional extra)
    except ImportError as exc:
        raise ErreurUsage(texte("base_absente", langue)) from exc
    moteur = base.open_base(options.base)
    try:
        if options.action != "init":  # every other action needs the current schema
            base.verifier_revision(moteur)
        return _ACTIONS[options.action](base, moteur, options, langue)
    finally:
        moteur.dispose()


def _init(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    revision = base.init_base(moteur)
    print(texte("base_prete", langue, base=options.base, revision=revision))
    return SUCCES


def _importer(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    if not options.fichier.exists():
        raise ErreurUsage(texte("introuvable", langue, chemin=options.fichier))
    le = lire_moment(options.le, langue)
    commun = {"le": le, "utilisateur": options.utilisateur}
    if options.fichier_lecture is not None:  # a wide workbook read by a declared lecture
        bilan = base.import_mesures_larges(
            moteur,
            options.fichier,
            _lecture(options, langue),
            campagne=options.campagne,
            **commun,
        )
    elif options.genre == "mesures":
        bilan = base.import_mesures(moteur, options.fichier, campagne=options.campagne, **commun)
    elif options.genre == "etablissements":
        valide = lire_moment(options.valide_du, langue)
        bilan = base.import_etablissements(
            moteur, options.fichier, valide_du=valide.date() if valide else None, **commun
        )
    else:
        bilan = base.import_contrats(moteur, options.fichier, **commun)
    _imprimer(bilan.problemes, langue)
    if bilan.import_id is None:
        print(texte("import_rien", langue, lues=bilan.lignes_lues, inchangees=bilan.inchangees))
    else:
        print(
            texte(
                "import_fait",
                langue,
                numero=bilan.import_id,
                lues=bilan.lignes_lues,
                nouvelles=bilan.nouvelles,
                corrections=bilan.corrections,
                inchangees=bilan.inchangees,
            )
        )
    return ECHEC if erreurs(bilan.problemes) else SUCCES


def _lecture(options: argparse.Namespace, langue: Langue) -> Any:
    """The lecture a wide workbook is imported by, checked against its catalogue."""
    from cpom_rules.sources import load_lecture  # noqa: PLC0415

    if options.genre != "mesures" or options.specs is None:
        raise ErreurUsage(texte("lecture_importer", langue))
    return load_lecture(
        chemins_cli.entree(options.fichier_lecture, langue),
        chemins_cli.charger_catalogue(options.specs),
    )


def _evaluer(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    from cpom_rules.cli.ecrivains import ecrivain  # noqa: PLC0415  (imports the evaluation)

    catalogue = chemins_cli.charger_catalogue(options.specs)
    if options.reproduire is not None:
        passe, rejoue = base.reproduce(moteur, catalogue, options.reproduire)
        if passe.empreinte_catalogue != rejoue.empreinte_catalogue:
            print(
                texte(
                    "catalogue_different",
                    langue,
                    avant=passe.empreinte_catalogue[:16],
                    apres=rejoue.empreinte_catalogue[:16],
                )
            )
        if passe.empreinte_resultats == rejoue.empreinte_resultats:
            print(
                texte(
                    "reproduite", langue, numero=passe.id, empreinte=passe.empreinte_resultats[:16]
                )
            )
            return SUCCES
        differents = set(passe.lignes) ^ set(rejoue.lignes)
        print(
            texte(
                "non_reproduite",
                langue,
                numero=passe.id,
                nombre=len({ligne[:4] for ligne in differents}),
                avant=passe.empreinte_resultats[:16],
                apres=rejoue.empreinte_resultats[:16],
            )
        )
        return ECHEC
    if options.campagne is None:
        raise ErreurUsage(texte("campagne_requise", langue))
    instantane = base.evaluate_base(
        moteur,
        catalogue,
        options.campagne,
        au=lire_moment(options.au, langue, fin_de_journee=True),
        le=lire_moment(options.le, langue),
        enregistrer=not options.sans_enregistrer,
    )
    if options.sortie is not None:
        ecrire = ecrivain(options.sortie.suffix.lower(), langue)
        options.sortie.parent.mkdir(parents=True, exist_ok=True)
        ecrire(instantane.resultats, options.sortie)
    cle = "evaluation_gardee" if instantane.id is not None else "evaluation_non_gardee"
    print(
        texte(
            cle,
            langue,
            numero=instantane.id,
            campagne=instantane.campagne,
            au=instantane.au.isoformat(sep=" "),
            resultats=len(instantane.lignes),
            empreinte=instantane.empreinte_resultats[:16],
        )
    )
    avertissements = [p for p in instantane.problemes if p.code == "cible_choisie_hors_avenant"]
    _imprimer(avertissements, langue)
    return SUCCES


def _evaluations(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    del options
    envois: dict[int, list[Any]] = {}
    for envoi in base.list_envois(moteur):
        envois.setdefault(envoi.evaluation, []).append(envoi)
    for i in base.list_instantanes(moteur):
        ligne = (
            f"{i.id:>4}  {i.campagne}  {i.realisee_le.isoformat(sep=' ')}  "
            f"{i.au.isoformat(sep=' ')}  {i.utilisateur}  {i.version_paquet}  "
            f"{i.empreinte_catalogue[:12]}"
        )
        for envoi in envois.get(i.id, []):
            ligne += "  " + texte(
                "envoyee", langue, le=envoi.le.isoformat(sep=" "), par=envoi.utilisateur
            )
        print(ligne)
    return SUCCES


def _envoyer(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    envoi = base.record_envoi(
        moteur,
        options.evaluation,
        le=lire_moment(options.le, langue),
        utilisateur=options.utilisateur,
        note=options.note,
    )
    print(
        texte(
            "envoi_enregistre",
            langue,
            numero=envoi.evaluation,
            campagne=envoi.campagne,
            le=envoi.le.isoformat(sep=" "),
            par=envoi.utilisateur,
        )
    )
    return SUCCES


def _historique(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    if options.variable is not None:
        lignes = base.history_valeur(
            moteur, options.finess, options.indicateur, options.annee, options.variable
        )
    else:
        lignes = base.history_cible(
            moteur, options.finess, options.indicateur, options.annee, options.mesure
        )
    if options.format == "json":
        _json(lignes)
        return SUCCES
    if not lignes:
        print(texte("historique_vide", langue))
    for ligne in lignes:
        print(" ; ".join(f"{cle} {_valeur(v)}" for cle, v in ligne.items()))
    return SUCCES


def _valeur(valeur: object) -> str:
    if valeur is None or valeur == "":
        return "—"
    if isinstance(valeur, dt.datetime):
        return valeur.isoformat(sep=" ")
    return str(valeur)


def _ecarts(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:
    ecarts = base.compare_evaluations(moteur, options.avant, options.apres, langue)
    if options.format == "json":
        _json([e.to_dict() for e in ecarts])
        return SUCCES
    if not ecarts:
        print(texte("aucun_ecart", langue))
    for e in ecarts:
        print(f"{e.finess} {e.indicateur} {e.mesure} {e.annee} : {e.avant} → {e.apres}")
        for cause in e.causes:
            print(f"    {cause}")
    return SUCCES


def _rapport(base: Any, moteur: Any, options: argparse.Namespace, langue: Langue) -> int:

    catalogue = chemins_cli.charger_catalogue(options.specs)
    rapport = base.build_rapport_final(moteur, catalogue, le=lire_moment(options.le, langue))
    chemin = base.write_rapport_final(rapport, options.sortie)
    print(texte("resume_ecrit", langue, chemin=chemin))
    return SUCCES


_ACTIONS: dict[str, Callable[[Any, Any, argparse.Namespace, Langue], int]] = {
    "init": _init,
    "importer": _importer,
    "evaluer": _evaluer,
    "evaluations": _evaluations,
    "envoyer": _envoyer,
    "historique": _historique,
    "ecarts": _ecarts,
    "rapport-final": _rapport,
}

__all__ = ["ajouter_analyseur", "commande_base", "lire_moment"]
