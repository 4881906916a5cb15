"""Imports are idempotent and append-only; corrections supersede; conflicts are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from cpom_rules.base import import_contrats, import_etablissements, import_mesures
from cpom_rules.base.schema import avenants, contrats, etablissements, imports, mesures
from cpom_rules.problemes import ErreurUsage
from tests.base.outils import ecrire_csv, etat_courant, le, lignes_mesures, m
from tests.contrats.conftest import CONTRAT

CHU, CH = "340780477", "010000024"


def test_import_puis_reimport_n_ajoute_rien(moteur: Engine, tmp_path: Path) -> None:
    fichier = ecrire_csv(
        tmp_path / "m.csv",
        [m(CHU, 2025, "professionnels_formes", "57"), m(CHU, 2025, "professionnels_total", "570")],
    )
    premier = import_mesures(moteur, fichier, campagne=2025, le=le(2026), utilisateur="agent")
    assert (premier.nouvelles, premier.corrections, premier.import_id) == (2, 0, 1)
    second = import_mesures(moteur, fichier, campagne=2025, le=le(2026, 2))
    assert (second.ajoutees, second.inchangees, second.import_id) == (0, 2, None)
    assert len(lignes_mesures(moteur)) == 2
    with moteur.connect() as connexion:
        (importe,) = connexion.execute(select(imports)).all()
    assert (importe.fichier, importe.utilisateur, importe.campagne, importe.lignes_ajoutees) == (
        str(fichier),
        "agent",
        2025,
        2,
    )
    assert len(importe.empreinte) == 64


def test_correction_nouvelle_ligne_qui_remplace(moteur: Engine, tmp_path: Path) -> None:
    import_mesures(
        moteur,
        ecrire_csv(tmp_path / "a.csv", [m(CHU, 2025, "professionnels_formes", "57")]),
        le=le(2026),
    )
    bilan = import_mesures(
        moteur,
        ecrire_csv(tmp_path / "b.csv", [m(CHU, 2025, "professionnels_formes", "70")]),
        le=le(2027),
    )
    assert (bilan.nouvelles, bilan.corrections) == (0, 1)
    (premiere, seconde) = lignes_mesures(moteur)
    assert premiere[5] == "57" and seconde[5] == "70" and seconde[6] == premiere[0]


def test_conflit_dans_un_import_signale_et_rien_choisi(moteur: Engine, tmp_path: Path) -> None:
    fichier = ecrire_csv(
        tmp_path / "m.csv",
        [
            m(CHU, 2025, "professionnels_formes", "57"),
            m(CHU, 2025, "professionnels_total", "570"),
            m(CHU, 2025, "professionnels_formes", "58"),
            m(CHU, 2025, "professionnels_formes", "57"),
        ],
    )
    bilan = import_mesures(moteur, fichier, le=le(2026))
    (conflit,) = bilan.problemes
    assert conflit.code == "conflit_import" and conflit.lignes == (2, 4, 5)
    assert "« 57 » (ligne 2)" in conflit.message and "« 58 » (ligne 4)" in conflit.message
    assert [r[4] for r in lignes_mesures(moteur)] == ["professionnels_total"]


def test_meme_valeur_deux_fois_importee_une_fois(moteur: Engine, tmp_path: Path) -> None:
    ligne = m(CHU, 2025, "professionnels_formes", "57")
    bilan = import_mesures(moteur, ecrire_csv(tmp_path / "m.csv", [ligne, ligne]), le=le(2026))
    assert bilan.problemes == [] and bilan.nouvelles == 1


def test_cle_invalide_signalee_avec_sa_ligne(moteur: Engine, tmp_path: Path) -> None:
    fichier = ecrire_csv(
        tmp_path / "m.csv",
        [
            m("34078047", 2025, "x", "1"),
            (*m(CHU, 2025, "x", "1")[:2], "25", "x", "1", "", ""),
            m(CHU, 2025, "x", "1"),
        ],
    )
    bilan = import_mesures(moteur, fichier, le=le(2026))
    assert [(p.code, p.lignes) for p in bilan.problemes] == [
        ("finess_donnees", (2,)),
        ("annee_donnees_invalide", (3,)),
    ]
    assert bilan.nouvelles == 1


def test_colonne_manquante(moteur: Engine, tmp_path: Path) -> None:
    fichier = ecrire_csv(
        tmp_path / "m.csv", [(CHU, "CPOM_OS_1", "2025")], ("finess", "indicateur", "annee")
    )
    bilan = import_mesures(moteur, fichier, le=le(2026))
    assert {p.code for p in bilan.problemes} == {"colonne_manquante"} and bilan.import_id is None


def test_versions_d_un_etablissement(moteur: Engine, tmp_path: Path) -> None:
    entete = ("finess", "raison_sociale", "lits")
    import_etablissements(
        moteur, ecrire_csv(tmp_path / "e1.csv", [(CHU, "CHU", "2600")], entete), le=le(2026)
    )
    meme = import_etablissements(
        moteur, ecrire_csv(tmp_path / "e2.csv", [(CHU, "CHU", "2600")], entete), le=le(2026, 6)
    )
    assert meme.import_id is None and meme.inchangees == 1
    autre = import_etablissements(
        moteur,
        ecrire_csv(tmp_path / "e3.csv", [(CHU, "CHU", "2700")], entete),
        le=le(2027),
        valide_du=le(2027).date(),
    )
    assert autre.corrections == 1
    with moteur.connect() as connexion:
        versions = connexion.execute(select(etablissements).order_by(etablissements.c.id)).all()
    assert [json.loads(v.attributs)["lits"] for v in versions] == ["2600", "2700"]
    assert versions[1].valide_du == le(2027).date()


def test_double_etablissement_different(moteur: Engine, tmp_path: Path) -> None:
    entete = ("finess", "raison_sociale", "lits")
    bilan = import_etablissements(
        moteur,
        ecrire_csv(tmp_path / "e.csv", [(CHU, "CHU", "2600"), (CHU, "CHU", "2500")], entete),
        le=le(2026),
    )
    assert [(p.code, p.lignes) for p in bilan.problemes] == [("etablissement_double", (2, 3))]
    assert bilan.import_id is None


def test_contrats_versions_et_avenant_signe_immuable(moteur: Engine, tmp_path: Path) -> None:
    chemin = tmp_path / "c.yaml"
    chemin.write_text(CONTRAT, encoding="utf-8")
    assert import_contrats(moteur, chemin, le=le(2026, 3)).nouvelles == 1
    assert import_contrats(moteur, chemin, le=le(2026, 4)).import_id is None
    chemin.write_text(
        CONTRAT.replace("Réajustement des objectifs", "Autre motif"), encoding="utf-8"
    )
    refuse = import_contrats(moteur, chemin, le=le(2026, 5))
    assert [p.code for p in refuse.problemes] == ["avenant_modifie"] and refuse.import_id is None
    chemin.write_text(
        CONTRAT + "  - numero: 2\n    date: 2027-02-10\n    a_partir_de: 2027\n    motif: Second\n",
        encoding="utf-8",
    )
    assert import_contrats(moteur, chemin, le=le(2027, 3)).corrections == 1
    with moteur.connect() as connexion:
        assert connexion.execute(select(contrats.c.id)).scalars().all() == [1, 2]
        assert connexion.execute(
            select(avenants.c.numero).order_by(avenants.c.id)
        ).scalars().all() == [1, 2]


def test_contrat_invalide_pas_importe(moteur: Engine, tmp_path: Path) -> None:
    chemin = tmp_path / "c.yaml"
    chemin.write_text(CONTRAT.replace("2025-03-01", "hier"), encoding="utf-8")
    bilan = import_contrats(moteur, chemin, le=le(2026))
    assert [p.code for p in bilan.problemes] == ["date_invalide"] and bilan.import_id is None
    assert etat_courant(moteur) == {}


def test_import_date_avant_le_dernier_refuse(moteur: Engine, tmp_path: Path) -> None:
    import_mesures(moteur, ecrire_csv(tmp_path / "a.csv", [m(CHU, 2025, "x", "1")]), le=le(2027))
    with pytest.raises(ErreurUsage, match="ordre du temps"):
        import_mesures(
            moteur, ecrire_csv(tmp_path / "b.csv", [m(CHU, 2025, "x", "2")]), le=le(2026)
        )
    assert [r[5] for r in lignes_mesures(moteur)] == ["1"]


def test_classeur_excel_feuille_et_cellule(moteur: Engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from cpom_rules.base import history_valeur

    classeur = Workbook()
    feuille = classeur.active
    assert feuille is not None
    feuille.title = "Campagne 2025"
    feuille.append(["FINESS", "Indicateur", "Année", "Variable", "Valeur"])
    feuille.append([CHU, "CPOM_OS_1", 2025, "professionnels_formes", 57])
    classeur.save(tmp_path / "m.xlsx")
    import_mesures(moteur, tmp_path / "m.xlsx", campagne=2025, le=le(2026))
    (ligne,) = history_valeur(moteur, CHU, "CPOM_OS_1", 2025, "professionnels_formes")
    assert (ligne["feuille"], ligne["ligne"], ligne["valeur"]) == ("Campagne 2025", 2, "57")
    with moteur.connect() as connexion:
        assert connexion.execute(select(mesures.c.cellule)).scalar_one() == "E2"
