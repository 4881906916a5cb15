"""The evaluation sent for a campaign is recorded (append-only) and is what the final
report gives as « sent »; without a record, the report says it took the last one kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from cpom_rules import Catalogue
from cpom_rules.base import (
    build_rapport_final,
    evaluate_base,
    import_etablissements,
    import_mesures,
    list_envois,
    record_envoi,
    write_rapport_final,
)
from cpom_rules.cli.main import main
from cpom_rules.problemes import ErreurUsage
from tests.base.outils import ecrire_csv, le, m
from tests.donnees_exemple import ecrire

CHU = "340780477"


def _deux_evaluations(moteur: Engine, catalogue: Catalogue, tmp_path: Path) -> tuple[int, int]:
    """Campaign 2025 evaluated (8.8 % formed < 10 %: non atteint), then again after a correction."""
    etablissements, _ = ecrire(tmp_path)
    import_etablissements(moteur, etablissements, le=le(2026, 2, 1))
    lignes = [
        m(CHU, 2025, "professionnels_formes", "50"),
        m(CHU, 2025, "professionnels_total", "570"),
    ]
    import_mesures(moteur, ecrire_csv(tmp_path / "a.csv", lignes), le=le(2026, 2, 1))
    a = evaluate_base(moteur, catalogue, 2025, au=le(2026, 3, 1), le=le(2026, 3, 1))
    correction = [m(CHU, 2025, "professionnels_formes", "400")]
    import_mesures(moteur, ecrire_csv(tmp_path / "b.csv", correction), le=le(2026, 4, 1))
    b = evaluate_base(moteur, catalogue, 2025, au=le(2026, 4, 2), le=le(2026, 4, 2))
    assert a.id is not None and b.id is not None
    return a.id, b.id


def _os1_2025(moteur: Engine, catalogue: Catalogue) -> dict[str, object]:
    rapport = build_rapport_final(moteur, catalogue, le=le(2030, 6, 1))
    (chu,) = [e for e in rapport["etablissements"] if e["finess"] == CHU]
    (ligne,) = [
        r
        for r in chu["resultats"]
        if (r["indicateur"], r["mesure"], r["annee"]) == ("CPOM_OS_1", "taux_formes", 2025)
    ]
    return {**ligne, "envoi": rapport["envois"]["2025"]}


def test_l_evaluation_envoyee_est_celle_du_rapport_final(
    moteur: Engine, catalogue: Catalogue, tmp_path: Path
) -> None:
    a, b = _deux_evaluations(moteur, catalogue, tmp_path)
    sans = _os1_2025(moteur, catalogue)  # no record: the last evaluation kept, said so
    assert (sans["evaluation_envoyee"], sans["statut_envoye"], sans["envoi"]) == (
        b,
        "atteint",
        None,
    )
    record_envoi(moteur, a, le=le(2026, 3, 2), utilisateur="dd31", note="courrier n°12")
    envoyee = _os1_2025(moteur, catalogue)
    assert (envoyee["evaluation_envoyee"], envoyee["statut_envoye"]) == (a, "non_atteint")
    assert envoyee["statut_actuel"] == "atteint"
    assert envoyee["envoi"] == {"le": "2026-03-02 12:00:00", "par": "dd31", "note": "courrier n°12"}
    record_envoi(moteur, b, le=le(2026, 5, 1), utilisateur="dd31")  # sent again, corrected
    assert _os1_2025(moteur, catalogue)["evaluation_envoyee"] == b
    assert [(e.evaluation, e.campagne) for e in list_envois(moteur)] == [(a, 2025), (b, 2025)]
    sortie = tmp_path / "final.html"
    write_rapport_final(build_rapport_final(moteur, catalogue, le=le(2030, 6, 1)), sortie)
    assert "envoyée le 2026-05-01 12:00:00 par dd31" in sortie.read_text(encoding="utf-8")


def test_envoi_inconnu_refuse_et_ajout_seul(
    moteur: Engine, catalogue: Catalogue, tmp_path: Path
) -> None:
    with pytest.raises(ErreurUsage, match="évaluation n°7 absente"):
        record_envoi(moteur, 7)
    a, _ = _deux_evaluations(moteur, catalogue, tmp_path)
    record_envoi(moteur, a, le=le(2026, 3, 2))
    for instruction in ("UPDATE envois SET note = 'x'", "DELETE FROM envois"):
        with pytest.raises(DBAPIError, match="ajout seul"), moteur.begin() as connexion:
            connexion.execute(text(instruction))
    assert len(list_envois(moteur)) == 1


def test_ligne_de_commande(
    moteur: Engine, catalogue: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = _deux_evaluations(moteur, catalogue, tmp_path)
    base = moteur.url.render_as_string(hide_password=False)
    commande = ["base", "envoyer", base, str(a), "--le", "2026-03-02", "--utilisateur", "dd31"]
    assert main([*commande, "--note", "courrier n°12"]) == 0
    assert "évaluation n°1 (campagne 2025) marquée envoyée le 2026-03-02" in capsys.readouterr().out
    assert main(["base", "evaluations", base]) == 0
    premiere, seconde = capsys.readouterr().out.splitlines()
    assert "envoyée le 2026-03-02 00:00:00 par dd31" in premiere and "envoyée" not in seconde
    assert main(["base", "envoyer", base, "99"]) == 2
    assert "évaluation n°99 absente" in capsys.readouterr().err
    assert main(["base", "envoyer", base, "99", "--lang", "en"]) == 2
    assert "no evaluation 99 in the store" in capsys.readouterr().err
