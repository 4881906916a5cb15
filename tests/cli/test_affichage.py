"""The console makes data problems impossible to miss: grouped, counted, with their likely cause."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cpom_rules import libelles
from cpom_rules.cli import affichage
from cpom_rules.cli.main import main
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.problemes import probleme
from tests.conftest import SPECS
from tests.donnees_exemple import ETABLISSEMENTS, MESURES


def _ecrire(chemin: Path, lignes: list[dict[str, str]]) -> Path:
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=list(lignes[0]), delimiter=";")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
    return chemin


def _evaluer(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    etablissements: list[dict[str, str]],
    *extra: str,
    mesures: list[dict[str, str]] = MESURES,
) -> tuple[int, str, str]:
    code = main(
        [
            "evaluate",
            str(SPECS),
            "--etablissements",
            str(_ecrire(tmp_path / "e.csv", etablissements)),
            "--mesures",
            str(_ecrire(tmp_path / "m.csv", mesures)),
            "--sortie",
            str(tmp_path / "r.json"),
            *extra,
        ]
    )
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_colonne_renommee_nommee_avec_ses_voisines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    renommes = [
        {("nb_lits" if cle == "lits" else cle): valeur for cle, valeur in e.items()}
        for e in ETABLISSEMENTS
    ]
    code, sortie, _ = _evaluer(capsys, tmp_path, renommes)
    assert code == 0  # a warning: results written, success…
    assert _evaluer(capsys, tmp_path, renommes, "--strict")[0] == 1  # …unless --strict
    (conseil,) = [ligne for ligne in sortie.splitlines() if ligne.startswith("➜")]
    assert conseil.startswith("➜ colonne lits absente : ")
    assert conseil.endswith("résultats non évaluables ; colonnes voisines : nb_lits")
    assert int(conseil.split(" : ")[1].split()[0]) > 0
    # The problems themselves are printed, not only counted.
    assert "pas de colonne pour l'attribut « lits »" in sortie


def test_finess_a_huit_chiffres_suggere_la_reparation_et_echoue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tronques = [{**e, "finess": e["finess"].removeprefix("0")} for e in ETABLISSEMENTS]
    code, sortie, _ = _evaluer(capsys, tmp_path, tronques)
    assert code == 1  # data errors: results written, exit code 1
    assert "➜ 1 FINESS à 8 chiffres" in sortie and "--reparer-finess" in sortie
    assert "problèmes de données : 2 erreurs" in sortie  # the FINESS, then its orphan measures
    code, sortie, _ = _evaluer(capsys, tmp_path, tronques, "--reparer-finess")
    assert code == 0  # each repair is a warning, not an error…
    assert (
        _evaluer(capsys, tmp_path, tronques, "--reparer-finess", "--strict")[0] == 1
    )  # …unless --strict
    assert "--reparer-finess pour" not in sortie


def test_statuts_en_mots_et_pluriels_justes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, sortie, _ = _evaluer(capsys, tmp_path, ETABLISSEMENTS, "--lang", "en")
    assert code == 0
    statuts = next(ligne for ligne in sortie.splitlines() if ligne.startswith("statuses:"))
    assert "non_atteint" not in statuts and "donnees_manquantes" not in statuts
    assert " met (" in statuts


def test_bilan_ecrit_les_nombres_de_sa_langue() -> None:
    """The summary line of `evaluate` writes counts and shares the reader's way."""
    statuts = {"atteint": 1234, "non_atteint": 766}
    francais, _ = affichage.bilan(statuts, [], "fr")
    anglais, _ = affichage.bilan(statuts, [], "en")
    assert francais == "statuts : 1\u202f234 atteints (62\u00a0%), 766 non atteints (38\u00a0%)"
    assert anglais == "statuses: 1,234 met (62%), 766 not met (38%)"


def test_conseil_colonne_absente_en_anglais() -> None:
    absente = probleme("colonne_attribut_absente", attribut="lits")
    (conseil,) = affichage.conseils([absente], {"segment_indetermine": 1234}, "en", False)
    assert "1,234 results not assessable" in conseil
    (francais,) = affichage.conseils([absente], {"segment_indetermine": 1234}, "fr", False)
    assert "1\u202f234 résultats non évaluables" in francais


def test_groupes_de_problemes_avec_les_premieres_lignes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inconnus = [
        {**MESURES[0], "finess": f"34078047{i}", "indicateur": "CPOM_OS_1"} for i in range(6)
    ]
    _, sortie, _ = _evaluer(capsys, tmp_path, ETABLISSEMENTS, mesures=[*MESURES, *inconnus])
    assert "erreurs du même genre" in sortie
    assert "… et " in sortie and "--detail pour tout voir" in sortie


def test_chaque_statut_et_raison_a_ses_mots() -> None:
    assert {s.texte for s in Statut} == set(libelles.STATUTS) == set(libelles.TITRES_STATUTS)
    assert {r.texte for r in Raison if r.texte} == set(libelles.RAISONS)
    assert libelles.statut("donnees_manquantes", "fr", 1) == "1 donnée manquante"
    assert libelles.statut("atteint", "fr", 2) == "2 atteints"
    assert libelles.statut("non_atteint", "en", 3) == "3 not met"
    assert libelles.valeur("prive_non_lucratif") == "privé non lucratif"
    assert libelles.valeur("CHU") == "CHU"


def test_un_probleme_de_donnees_porte_finess_indicateur_annee_variable() -> None:
    p = probleme(
        "mesure_en_double",
        finess="340780477",
        indicateur="CPOM_OS_1",
        annee=2025,
        variable="professionnels_formes",
        valeurs="1 / 2",
    )
    assert (p.finess, p.indicateur, p.annee, p.variable) == (
        "340780477",
        "CPOM_OS_1",
        2025,
        "professionnels_formes",
    )
    assert p.to_dict()["annee"] == 2025
    assert probleme("table_vide").to_dict()["finess"] is None


def test_lignes_sources_dans_la_langue_du_lecteur() -> None:
    """The source rows of a data problem are « ligne » in French, « line » in English."""
    p = probleme("finess_donnees", fichier="m.csv", lignes=(2, 3), finess="12345678")
    assert p.texte("fr").startswith("m.csv (ligne 2, 3): erreur ")
    assert p.texte("en").startswith("m.csv (line 2, 3): error ")
