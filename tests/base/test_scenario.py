"""Three campaigns of one contract, the issue's acceptance scenario, on both back-ends.

- 2025 data imported in February 2026, campaign 2025 evaluated on 2026-03-01 (A);
- an avenant signed 2027-02-10 lowers the CHU's OS_1 target from 2027 (12 % → 8 %);
- 2026 data imported in February 2027 with two corrections of 2025; campaign 2026 evaluated
  on 2027-03-01 (B); A replayed after that import is identical, bit for bit;
- 2027 data imported in February 2028; campaign 2027 evaluated on 2028-03-01 (C), and as the
  store stood on 2027-02-01, before the avenant (C0).
`ecarts` explains each changed verdict by its cause.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from cpom_rules import Catalogue
from cpom_rules.base import (
    compare_evaluations,
    evaluate_base,
    history_cible,
    history_valeur,
    import_contrats,
    import_etablissements,
    import_mesures,
    reproduce,
)
from cpom_rules.cli.main import main
from tests.base.outils import ecrire_csv, le, m
from tests.donnees_exemple import ecrire

CHU, CH = "340780477", "010000024"
CONTRAT = """\
finess: "340780477"
signature: 2025-03-01
fiches:
  CPOM_OS_1:
    mesures:
      taux_formes:
        cibles:
          2025-2029: {type: seuil, min: 12, texte: "≥ 12 %"}
"""
AVENANT = """\
avenants:
  - numero: 1
    date: 2027-02-10
    a_partir_de: 2027
    motif: Réajustement après la crise RH de 2026
    fiches:
      CPOM_OS_1:
        mesures:
          taux_formes:
            cibles:
              2027-2029: {type: seuil, min: 8, texte: "≥ 8 %"}
"""


def _os1(instantane: object, finess: str, annee: int) -> dict[str, object]:
    return instantane.par_cle()[(finess, "CPOM_OS_1", "taux_formes", annee)]  # type: ignore[attr-defined, no-any-return]


def test_trois_campagnes(moteur: Engine, catalogue: Catalogue, tmp_path: Path) -> None:
    etablissements, _ = ecrire(tmp_path)
    contrat = tmp_path / "contrats" / f"{CHU}.yaml"
    contrat.parent.mkdir()
    contrat.write_text(CONTRAT, encoding="utf-8")
    assert import_contrats(moteur, contrat.parent, le=le(2025, 3, 5)).nouvelles == 1
    assert import_etablissements(moteur, etablissements, le=le(2026, 2, 1)).nouvelles == 2
    mesures_2025 = ecrire_csv(
        tmp_path / "mesures-2025.csv",
        [
            m(CHU, 2025, "professionnels_formes", "57"),  # 10 % < the contract's 12 %
            m(CHU, 2025, "professionnels_total", "570"),
            m(CH, 2025, "professionnels_formes", "0"),
            m(CH, 2025, "professionnels_total", "0"),  # zero denominator
        ],
    )
    import_mesures(moteur, mesures_2025, campagne=2025, le=le(2026, 2, 1))
    a = evaluate_base(moteur, catalogue, 2025, au=le(2026, 3, 1), le=le(2026, 3, 1))
    assert _os1(a, CHU, 2025)["statut"] == "non_atteint"
    assert _os1(a, CHU, 2025)["origine"] == "contrat initial du 2025-03-01"
    assert _os1(a, CH, 2025)["statut"] == "non_evaluable"

    contrat.write_text(CONTRAT + AVENANT, encoding="utf-8")
    assert import_contrats(moteur, contrat.parent, le=le(2027, 2, 15)).corrections == 1
    mesures_2026 = ecrire_csv(
        tmp_path / "mesures-2026.csv",
        [
            m(CHU, 2026, "professionnels_formes", "149"),
            m(CHU, 2026, "professionnels_total", "1000"),
            m(CHU, 2025, "professionnels_formes", "70"),  # correction: 12.3 % ≥ 12 %
            m(CH, 2025, "professionnels_total", "300"),  # correction: 0 / 300 = 0 %
            m(CH, 2025, "professionnels_formes", "0"),  # unchanged: not stored again
        ],
    )
    bilan = import_mesures(moteur, mesures_2026, campagne=2026, le=le(2027, 2, 20))
    assert (bilan.nouvelles, bilan.corrections, bilan.inchangees) == (2, 2, 1)
    b = evaluate_base(moteur, catalogue, 2026, au=le(2027, 3, 1), le=le(2027, 3, 1))

    # The 2026 evaluation (A) replayed after the 2027 import: identical, bit for bit.
    passe, rejoue = reproduce(moteur, catalogue, a.id)  # type: ignore[arg-type]
    assert rejoue.lignes == passe.lignes == a.lignes
    assert rejoue.empreinte_resultats == a.empreinte_resultats
    assert passe.entrees == a.entrees

    ecarts = {(e.finess, e.annee): e for e in compare_evaluations(moteur, a.id, b.id)}  # type: ignore[arg-type]
    assert set(ecarts) == {(CHU, 2025), (CH, 2025)}
    chu = ecarts[(CHU, 2025)]
    assert (chu.avant, chu.apres) == ("non_atteint", "atteint")
    assert chu.causes == (
        f"professionnels_formes 2025 corrigée le 2027-02-20 par {mesures_2026} ligne 4 : 57 → 70",
    )
    ch = ecarts[(CH, 2025)]
    assert (ch.avant, ch.apres) == ("non_evaluable", "non_atteint")
    assert ch.causes == (
        f"professionnels_total 2025 corrigée le 2027-02-20 par {mesures_2026} ligne 5 : 0 → 300",
    )

    mesures_2027 = ecrire_csv(
        tmp_path / "mesures-2027.csv",
        [
            m(CHU, 2027, "professionnels_formes", "100"),
            m(CHU, 2027, "professionnels_total", "1000"),
        ],
    )
    import_mesures(moteur, mesures_2027, campagne=2027, le=le(2028, 2, 1))
    c = evaluate_base(moteur, catalogue, 2027, au=le(2028, 3, 1), le=le(2028, 3, 1))
    assert _os1(c, CHU, 2027)["statut"] == "atteint"  # 10 % ≥ the avenant's 8 %
    assert _os1(c, CHU, 2027)["origine"] == "avenant n°1 du 2027-02-10, applicable dès 2027"
    assert _os1(c, CHU, 2026)["origine"] == "contrat initial du 2025-03-01"
    c0 = evaluate_base(moteur, catalogue, 2027, au=le(2027, 2, 1), le=le(2028, 3, 2))
    assert _os1(c0, CHU, 2027)["origine"] == "contrat initial du 2025-03-01"
    ecarts = {(e.finess, e.annee): e for e in compare_evaluations(moteur, c0.id, c.id)}  # type: ignore[arg-type]
    chu_2027 = ecarts[(CHU, 2027)]
    assert (chu_2027.avant, chu_2027.apres) == ("donnees_manquantes", "atteint")
    assert any(
        "saisie le 2028-02-01" in cause and "ligne 2 : 100" in cause for cause in chu_2027.causes
    )
    assert (
        "cible fixée par avenant n°1 du 2027-02-10, applicable dès 2027 "
        "(avant : contrat initial du 2025-03-01)"
    ) in chu_2027.causes
    for ecart in ecarts.values():
        assert "cause non identifiée" not in ecart.causes

    historique = history_valeur(moteur, CHU, "CPOM_OS_1", 2025, "professionnels_formes")
    assert [(h["valeur"], h["fichier"], h["ligne"]) for h in historique] == [
        ("57", str(mesures_2025), 2),
        ("70", str(mesures_2026), 4),
    ]
    assert historique[1]["remplace_id"] == historique[0]["id"]
    cible = history_cible(moteur, CHU, "CPOM_OS_1", 2025)
    assert [h["statut"] for h in cible] == ["non_atteint", "atteint", "atteint", "non_atteint"]

    # The final report: each year's verdict as sent (last evaluation of its campaign) and now.
    from cpom_rules.base import build_rapport_final

    rapport = build_rapport_final(moteur, catalogue, le=le(2030, 6, 1))
    (chu,) = [e for e in rapport["etablissements"] if e["finess"] == CHU]
    par_annee = {
        r["annee"]: r
        for r in chu["resultats"]
        if (r["indicateur"], r["mesure"]) == ("CPOM_OS_1", "taux_formes")
    }
    assert (par_annee[2025]["statut_envoye"], par_annee[2025]["statut_actuel"]) == (
        "non_atteint",
        "atteint",
    )
    assert par_annee[2025]["evaluation_envoyee"] == a.id
    assert par_annee[2027]["origine"] == "avenant n°1 du 2027-02-10, applicable dès 2027"
    assert [av["numero"] for av in chu["contrat"]["avenants"]] == [1]


def test_catalogue_modifie_nomme_comme_cause(
    moteur: Engine, catalogue: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from cpom_rules import load_catalogue
    from tests.conftest import SPECS

    etablissements, _ = ecrire(tmp_path)
    import_etablissements(moteur, etablissements, le=le(2026))
    lignes = [
        m(CHU, 2025, "professionnels_formes", "10"),
        m(CHU, 2025, "professionnels_total", "100"),
    ]
    import_mesures(moteur, ecrire_csv(tmp_path / "m.csv", lignes), le=le(2026))
    a = evaluate_base(moteur, catalogue, 2025, au=le(2026, 2), le=le(2026, 2))
    copie = tmp_path / "specs"
    shutil.copytree(SPECS, copie)
    fiche = copie / "CPOM_OS_1.yaml"
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace(
            '2025: {type: seuil, min: 10, texte: "≥ 10 %"}',
            '2025: {type: seuil, min: 11, texte: "≥ 11 %"}',
        ),
        encoding="utf-8",
    )
    b = evaluate_base(moteur, load_catalogue(copie), 2025, au=le(2026, 2), le=le(2026, 3))
    assert a.empreinte_catalogue != b.empreinte_catalogue
    (ecart,) = compare_evaluations(moteur, a.id, b.id)  # type: ignore[arg-type]
    assert (ecart.indicateur, ecart.avant, ecart.apres) == ("CPOM_OS_1", "atteint", "non_atteint")
    (cause,) = ecart.causes
    assert cause.startswith("catalogue modifié (empreinte ") and cause.endswith(
        "cible : ≥ 10 % → ≥ 11 %"
    )
    passe, rejoue = reproduce(moteur, load_catalogue(copie), a.id)  # type: ignore[arg-type]
    assert passe.empreinte_resultats != rejoue.empreinte_resultats
    url = moteur.url.render_as_string(hide_password=False)
    assert main(["base", "evaluer", url, str(copie), "--reproduire", str(a.id)]) == 1
    sortie = capsys.readouterr().out
    assert "le catalogue a changé depuis cette évaluation" in sortie
    assert "NON reproduite : 2 résultat(s) diffèrent" in sortie  # both establishments' targets
