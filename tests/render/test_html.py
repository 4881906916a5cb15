"""The HTML report: escaping, structure hooks, French numbers, problems, self-containment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cpom_rules import Resultats
from cpom_rules.render.html import ecart_fr, render_html, valeur_fr, write_html
from tests.render.conftest import CHU, FORMULE, NOM_FORMULE, NOM_SCRIPT, SCRIPT
from tests.render.dom import Element, analyser


@pytest.fixture(scope="module")
def html(resultats: Resultats) -> str:
    return render_html(resultats)


@pytest.fixture(scope="module")
def dom(html: str) -> Element:
    return analyser(html)


def _scorecard(dom: Element, finess: str) -> Element:
    (fiche,) = dom.chercher("details", "fiche-etablissement", data_finess=finess)
    return fiche


def test_un_nom_en_forme_de_script_est_echappe(html: str, dom: Element) -> None:
    assert NOM_SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The only script element is the report's own filtering script.
    assert len(dom.chercher("script")) == 1
    assert "alert(1)" not in dom.chercher("script")[0].texte()
    assert NOM_SCRIPT in _scorecard(dom, SCRIPT).texte()


def test_un_nom_en_forme_de_formule_est_echappe(html: str, dom: Element) -> None:
    assert NOM_FORMULE not in html
    assert "=HYPERLINK(&#34;x&#34;)" in html
    assert NOM_FORMULE in _scorecard(dom, FORMULE).texte()


def test_le_rapport_a_ses_sections_et_une_fiche_par_etablissement(
    dom: Element, resultats: Resultats
) -> None:
    for ident in ("synthese", "retards", "etablissements", "problemes"):
        assert len(dom.chercher(id=ident)) == 1, ident
    fiches = dom.chercher("details", "fiche-etablissement")
    assert sorted(f.attributs["data-finess"] for f in fiches) == sorted(
        str(f) for f in resultats.donnees.finess
    )


def test_chaque_mesure_numerique_a_sa_trajectoire(dom: Element) -> None:
    fiche = _scorecard(dom, CHU)
    cartes = fiche.chercher("article", "carte-mesure")
    assert {(c.attributs["data-indicateur"], c.attributs["data-mesure"]) for c in cartes} == {
        ("CPOM_OS_1", "taux_formes"),
        ("CPOM_OS_12", "mammographies"),
        ("CPOM_OS_12", "echographies"),
    }
    for carte in cartes:
        (svg,) = carte.chercher("svg", "trajectoire")
        titre = svg.chercher("title")[0].texte()
        assert titre.startswith(f"Trajectoire {carte.attributs['data-indicateur']} — ")
    (taux,) = [c for c in cartes if c.attributs["data-mesure"] == "taux_formes"]
    svg = taux.chercher("svg", "trajectoire")[0]
    # 2025 and 2027 reached (discs), 2026 missed (diamond); a threshold has no reference year.
    assert len(svg.chercher("circle", "m-atteint")) == 2
    assert len(svg.chercher("path", "m-non_atteint")) == 1
    assert svg.chercher("circle", "m-reference") == []
    (mammographies,) = [c for c in cartes if c.attributs["data-mesure"] == "mammographies"]
    svg = mammographies.chercher("svg", "trajectoire")[0]
    # Targets chained on N-1 start from the 2024 value, drawn as the reference point.
    assert len(svg.chercher("circle", "m-reference")) == 1
    assert "réf. 2024" in svg.texte()
    assert "1 200" in svg.texte()


def test_sans_valeur_pas_de_trajectoire(dom: Element) -> None:
    # The CH has no mammography data: a card with its missing statuses, but no empty chart.
    (carte,) = [
        c
        for c in _scorecard(dom, FORMULE).chercher("article", "carte-mesure")
        if c.attributs["data-mesure"] == "mammographies"
    ]
    assert carte.chercher("svg", "trajectoire") == []
    assert "Données manquantes" in carte.texte()


def test_nombres_au_format_francais(html: str, dom: Element) -> None:
    carte = next(
        c
        for c in _scorecard(dom, CHU).chercher("article", "carte-mesure")
        if c.attributs["data-mesure"] == "taux_formes"
    )
    texte = carte.texte()
    assert "21,3\u00a0%" in texte
    assert "−1\u00a0pt" in texte  # 14 % against ≥ 15 %
    assert "21.3" not in html
    mammographies = next(
        c
        for c in _scorecard(dom, CHU).chercher("article", "carte-mesure")
        if c.attributs["data-mesure"] == "mammographies"
    )
    assert "1\u202f236" in mammographies.texte()
    assert "soit 1\u202f298" in mammographies.texte()  # the computed target next to « + 5 % »


def test_raisons_accentuees(dom: Element) -> None:
    (carte,) = [
        c
        for c in _scorecard(dom, CHU).chercher("article", "carte-mesure")
        if c.attributs["data-mesure"] == "taux_formes"
    ]
    assert "période incomplète" in carte.chercher("p", "bilan")[0].texte()


def test_formats_unitaires() -> None:
    assert valeur_fr(21.3, taux=True) == "21,3\u00a0%"
    assert valeur_fr(1234.5, taux=False) == "1\u202f234,5"
    assert valeur_fr(True, taux=False) == "oui"
    assert valeur_fr(None, taux=True) == "—"
    assert ecart_fr(-0.04, taux=True) == "0\u00a0pt"
    assert ecart_fr(2.5, taux=True) == "+2,5\u00a0pts"
    assert ecart_fr(-62, taux=False) == "−62"


def test_statuts_avec_icone_et_mot(html: str, dom: Element) -> None:
    # Colour is never alone: each status has its word in the page and an icon in the CSS.
    assert '.s-non_atteint::before { content: "✗' in html
    assert '.s-atteint::before { content: "✓' in html
    statuts = _scorecard(dom, SCRIPT).chercher("span", "statut")
    assert {s.texte() for s in statuts} == {"Non atteint"}


def test_preuve_manquante_affichee(dom: Element) -> None:
    carte = next(
        c
        for c in _scorecard(dom, CHU).chercher("article", "carte-mesure")
        if c.attributs["data-mesure"] == "taux_formes"
    )
    (ligne_2027,) = [
        r
        for r in carte.chercher("tr")
        if r.chercher("th") and r.chercher("th")[0].texte() == "2027"
    ]
    assert "Plan de formation intégrant des modules de santé environnementale" in ligne_2027.texte()


def test_explications_dans_un_details(dom: Element, resultats: Resultats) -> None:
    carte = _scorecard(dom, CHU).chercher("article", "carte-mesure")[0]
    (explications,) = carte.chercher("details", "explications")
    attendue = resultats.expliquer(CHU, "CPOM_OS_1", 2026)
    assert attendue in explications.texte()


def test_problemes_listes_avec_leurs_lignes(dom: Element, resultats: Resultats) -> None:
    (probleme,) = [p for p in resultats.problemes if p.code == "finess_donnees"]
    (section,) = dom.chercher(id="problemes")
    lignes = section.chercher("tr", "erreur")
    assert len(lignes) == 1
    texte = lignes[0].texte()
    assert str(probleme.lignes[0]) in texte
    assert "mesures" in texte
    assert "FINESS « 123 » invalide" in texte


def test_le_plus_en_retard_est_en_tete(dom: Element) -> None:
    (section,) = dom.chercher(id="retards")
    premiere = section.chercher("tbody")[0].chercher("tr")[0]
    assert premiere.chercher("a")[0].attributs["href"] == f"#etab-{SCRIPT}"
    assert "0\u00a0%" in premiere.texte()


def test_synthese_par_fiche_segment_annee(dom: Element) -> None:
    (section,) = dom.chercher(id="synthese")
    lignes = section.chercher("table", "par-fiche")[0].chercher("tbody")[0].chercher("tr")
    segments = {
        (r.chercher("th")[0].texte(), r.chercher("td", "segment")[0].texte()) for r in lignes
    }
    assert ("CPOM_OS_12", "Cible attendue pour les CHU") in segments
    assert ("CPOM_OS_1", "Pour tous les établissements") in segments
    taux = next(r for r in lignes if r.chercher("th")[0].texte() == "CPOM_OS_1")
    # 2025: CHU 21,3 % and CH 10 % reached, the clinic's 5 % missed.
    assert "66,7\u00a0%" in taux.chercher("td", "cellule-synthese")[0].texte()


def test_le_fichier_est_autonome(html: str, dom: Element) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert dom.chercher("link") == [] and dom.chercher("img") == []
    assert "@import" not in html and "url(http" not in html


def test_write_html_ecrit_le_meme_texte(tmp_path: Path, resultats: Resultats, html: str) -> None:
    chemin = tmp_path / "rapport.html"
    write_html(resultats, chemin)
    assert chemin.read_text(encoding="utf-8") == html  # deterministic, UTF-8
