"""The HTML report: escaping, structure hooks, French numbers, problems, self-containment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.evaluation.lectures import Changement, Difference, ImpactLecture, impact_lectures
from cpom_rules.render.html import ecart_texte, render_html, valeur_texte, write_html
from tests.evaluation.fabrique import F1, F2, catalogue, fiche, jeu, mesure, x
from tests.render.conftest import (
    CHU,
    FINESS_INVALIDE,
    FORMULE,
    NOM_FORMULE,
    NOM_SCRIPT,
    SCRIPT,
    tables,
)
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


def _tableau(dom: Element, finess: str) -> Element:
    (tableau,) = _scorecard(dom, finess).chercher("table", "tableau-bord")
    return tableau


def _cartes(dom: Element, finess: str) -> dict[tuple[str, str], Element]:
    """The measure rows of a scorecard, by (fiche code in the row header, measure code)."""
    return {
        (r.chercher("th")[0].texte(), r.attributs["data-mesure"]): r
        for r in _tableau(dom, finess).chercher("tr")
        if "data-mesure" in r.attributs
    }


def _carte(dom: Element, finess: str, mesure: str) -> Element:
    (carte,) = [c for (_, m), c in _cartes(dom, finess).items() if m == mesure]
    return carte


def _cellules(carte: Element) -> list[Element]:
    return [e for e in carte.enfants if e.balise in ("th", "td")]


def _cellule(dom: Element, finess: str, mesure: str, annee: int) -> Element:
    """The cell of a measure's year: under the column headed by that year."""
    (entete,) = _tableau(dom, finess).chercher("thead")
    titres = [th.texte() for th in entete.chercher("th")]
    (rang,) = [i for i, titre in enumerate(titres) if titre.startswith(str(annee))]
    return _cellules(_carte(dom, finess, mesure))[rang]


def test_un_nom_en_forme_de_script_est_echappe(html: str, dom: Element) -> None:
    assert NOM_SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The only scripts are the report's own code and its JSON data, where the name stays
    # a JSON string whose « < » is escaped: it cannot close the element.
    scripts = dom.chercher("script")
    assert [s.attributs.get("type") for s in scripts] == ["application/json", None]
    assert "alert(1)" not in scripts[1].texte()
    donnees = html.split('<script type="application/json" id="donnees-rapport">', 1)[1]
    donnees = donnees.split("</script>", 1)[0]
    assert "<" not in donnees and "\\u003cscript>alert(1)\\u003c/script>" in donnees
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


def _marqueurs(svg: Element) -> list[str]:
    return [u.attributs.get("href", "") for u in svg.chercher("use")[1:]]


def test_chaque_mesure_numerique_a_sa_trajectoire(dom: Element) -> None:
    cartes = _cartes(dom, CHU)
    assert set(cartes) == {
        ("CPOM_OS_1", "taux_formes"),
        ("CPOM_OS_12", "mammographies"),
        ("CPOM_OS_12", "echographies"),
    }
    for carte in cartes.values():
        (svg,) = carte.chercher("svg", "trajectoire")
        # Drawn next to the cells that give its numbers, in the row of its measure.
        assert svg.attributs["aria-hidden"] == "true"
        assert svg.chercher("path", "valeur")
    (svg,) = cartes[("CPOM_OS_1", "taux_formes")].chercher("svg", "trajectoire")
    # 2025 and 2027 reached (discs), 2026 missed (diamond); a threshold has no reference year.
    assert _marqueurs(svg) == ["#ma", "#mn", "#ma"]
    (svg,) = cartes[("CPOM_OS_12", "mammographies")].chercher("svg", "trajectoire")
    # Targets chained on N-1 start from the 2024 value, drawn as the reference point, with
    # its value written (the only one the cells do not give).
    assert _marqueurs(svg)[0] == "#mr"
    assert svg.chercher("g", "v")[0].texte() == "1\u202f200"
    fond = svg.chercher("use")[0].attributs["href"].removeprefix("#")
    (dessin,) = dom.chercher(id=fond)
    assert dessin.texte().split(" ", 2)[:2] == ["réf.", "2024"]


def test_sans_valeur_pas_de_trajectoire(dom: Element) -> None:
    # The CH has no mammography data: a row with its missing statuses, but no empty chart.
    carte = _carte(dom, FORMULE, "mammographies")
    assert carte.chercher("svg", "trajectoire") == []
    assert "Données manquantes" in carte.texte()


def test_nombres_au_format_francais(html: str, dom: Element) -> None:
    texte = _carte(dom, CHU, "taux_formes").texte()
    assert "21,3\u00a0%" in texte
    assert "−1\u00a0pt" in texte  # 14 % against ≥ 15 %
    # Shown numbers are French; only the script's JSON data keeps machine numbers.
    lisible = html.split('<script type="application/json"', 1)[0]
    assert "21.3" not in lisible
    mammographies = _carte(dom, CHU, "mammographies").texte()
    assert "1\u202f236" in mammographies
    assert "soit 1\u202f298" in mammographies  # the computed target next to « + 5 % »


def test_raisons_accentuees(dom: Element) -> None:
    bilan = _cellules(_carte(dom, CHU, "taux_formes"))[-1]
    assert "période incomplète" in bilan.texte()


def test_formats_unitaires() -> None:
    assert valeur_texte(21.3, taux=True, langue="fr") == "21,3\u00a0%"
    assert valeur_texte(1234.5, taux=False, langue="fr") == "1\u202f234,5"
    assert valeur_texte(True, taux=False, langue="fr") == "oui"
    assert valeur_texte(None, taux=True, langue="fr") == "—"
    assert ecart_texte(-0.04, taux=True, langue="fr") == "0\u00a0pt"
    assert ecart_texte(2.5, taux=True, langue="fr") == "+2,5\u00a0pts"
    assert ecart_texte(-62, taux=False, langue="fr") == "−62"


def test_statuts_avec_icone_et_mot(html: str, dom: Element) -> None:
    # Colour is never alone: each status has its word in the page and an icon in the CSS.
    assert '.s-nat::before { content: "✗' in html
    assert '.s-at::before { content: "✓' in html
    assert 'td.s-nat > b::before { content: "✗' in html
    cellules = [
        c
        for carte in _cartes(dom, SCRIPT).values()
        for c in _cellules(carte)
        if "s-nat" in c.classes
    ]
    assert len(cellules) == 3
    assert {c.chercher("b")[0].texte() for c in cellules} == {"Non atteint"}
    statuts = {
        c.chercher("b")[0].texte()
        for carte in _cartes(dom, SCRIPT).values()
        for c in _cellules(carte)
        if any(classe.startswith("s-") for classe in c.classes)
    }
    assert statuts == {"Non atteint"}


def test_preuve_manquante_affichee(dom: Element) -> None:
    cellule = _cellule(dom, CHU, "taux_formes", 2027)
    assert "Plan de formation intégrant des modules de santé environnementale" in cellule.texte()
    assert "Plan de formation" not in _cellule(dom, CHU, "taux_formes", 2026).texte()


def test_explication_de_chaque_resultat_non_atteint(
    html: str, dom: Element, resultats: Resultats
) -> None:
    cellule = _cellule(dom, CHU, "taux_formes", 2026)
    assert "s-nat" in cellule.classes
    (explication,) = cellule.chercher("p")
    attendue = resultats.expliquer(CHU, "CPOM_OS_1", 2026)
    # What the cell already shows (fiche, year, segment, final status) is not repeated.
    assert attendue.startswith("CPOM_OS_1 — 2026 — ") and attendue.endswith(" → non atteint")
    assert explication.texte() in attendue
    assert explication.texte() == attendue.split(" : ", 1)[1].removesuffix(" → non atteint")
    # Results that are atteint have none; the page says where to find them.
    atteinte = _cellule(dom, CHU, "taux_formes", 2025)
    assert "s-at" in atteinte.classes and atteinte.chercher("p") == []
    assert "exports JSON, CSV et Excel" in html
    # Every result that is not atteint has its explanation.
    for carte in _cartes(dom, CHU).values():
        for cellule in _cellules(carte)[2:-1]:
            if cellule.classes and "s-at" not in cellule.classes:
                assert cellule.chercher("p") or cellule.chercher("details"), carte.texte()


def test_libelles_longs_une_seule_fois(html: str, dom: Element) -> None:
    # Attribute labels are in the key above the scorecards, which show short names.
    assert html.count("Nombre de lits et places installés") == 1
    (attributs,) = _scorecard(dom, CHU).chercher("dl", "attributs")
    assert [dt.texte() for dt in attributs.chercher("dt")][:2] == ["lits", "catégorie"]
    # The measures' period targets are in the key too.
    (mesures,) = dom.chercher("table", "mesures")
    assert "CPOM_OS_1" in mesures.texte()


def test_aucun_attribut_entre_apostrophes(html: str) -> None:
    # The page writes apostrophes bare (not &#39;): safe only while every attribute of the
    # templates is quoted with double quotes.
    assert "&#39;" not in html
    assert not re.search(r"=\s*'", html)


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


def test_bandeau_quand_des_lignes_sont_ecartees(dom: Element) -> None:
    (bandeau,) = dom.chercher(id="bandeau")
    assert "1 FINESS invalide :" in bandeau.texte()
    assert "lits" not in bandeau.texte()


def test_bandeau_quand_une_colonne_manque(catalogue_reduit: Catalogue) -> None:
    etablissements, mesures = tables()
    sans_lits = [{k: v for k, v in e.items() if k != "lits"} for e in etablissements]
    resultats = evaluate(catalogue_reduit, load_dataset(catalogue_reduit, sans_lits, mesures))
    (bandeau,) = analyser(render_html(resultats)).chercher(id="bandeau")
    assert "Colonne absente de la table des établissements : lits" in bandeau.texte()


def test_bandeau_absent_sur_des_donnees_propres(catalogue_reduit: Catalogue) -> None:
    etablissements, mesures = tables()
    propres = [m for m in mesures if m["finess"] != FINESS_INVALIDE]
    resultats = evaluate(catalogue_reduit, load_dataset(catalogue_reduit, etablissements, propres))
    assert analyser(render_html(resultats)).chercher(id="bandeau") == []


def test_probleme_avec_finess_et_annee_structures(dom: Element) -> None:
    (section,) = dom.chercher(id="problemes")
    entetes = [th.texte() for th in section.chercher("th")]
    assert "FINESS" in entetes and "Année" in entetes


# --- the section on alternative readings (`--lectures`) --------------------------------------
def test_la_section_des_lectures_liste_les_etablissements_qui_changent() -> None:
    """Each declared reading has its block, with the count in words and the establishments
    whose verdicts change, statuses in words; without impacts, no section at all."""
    strict = {
        "libelle": "« > 10 » tel qu'imprimé",
        "retenue": "au moins 10",
        "litterale": True,
        "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 10, "min_inclus": False}}},
    }
    cat = catalogue(
        fiche(mesures={"m": mesure({"type": "seuil", "min": 10})}, lectures={"strict": strict})
    )
    resultats = evaluate(cat, jeu(cat, {F1: x(None, 10), F2: x(None, 11)}), [2025])
    assert 'id="lectures"' not in render_html(resultats)
    dom = analyser(
        render_html(resultats, impact_lectures(cat, resultats.donnees, resultats.annees))
    )
    (section,) = dom.chercher("section", id="lectures")
    (bloc,) = section.chercher("details", "lecture")
    assert bloc.attributs["data-lecture"] == "strict"
    resume = bloc.chercher("summary")[0].texte()
    assert "« strict » (lecture littérale)" in resume
    assert "1 établissement change sur 2" in resume
    (ligne,) = bloc.chercher("tbody")[0].chercher("tr")
    assert F1 in ligne.texte() and F2 not in section.texte()
    assert "2025 m : Atteint → Non atteint" in ligne.texte()
    assert any(a.attributs.get("href") == "#lectures" for a in dom.chercher("a"))
    rien = ImpactLecture("CPOM_T_1", "large", "autre", None, False, 2, ())
    bilan = Changement(F1, "X", (Difference("m", None, "non_evaluable", "atteint"),))
    vide = analyser(render_html(resultats, [rien]))
    assert (
        "aucun établissement ne change sur 2" in vide.chercher("section", id="lectures")[0].texte()
    )
    autre = ImpactLecture("CPOM_T_1", "large", "autre", None, False, 2, (bilan,))
    assert "bilan m : Non évaluable → Atteint" in render_html(resultats, [autre])
    assert "period total m: Not assessable → Met" in render_html(resultats, [autre], langue="en")


# --- the report in English (`--lang en`) -----------------------------------------------------
MODELES = Path(__file__).resolve().parents[2] / "src" / "cpom_rules" / "render" / "templates"


def test_chaque_texte_du_rapport_a_son_anglais() -> None:
    """Every text the templates (``m("…")``) and the scripts (``texteEn("…")``) look up has its
    English entry: a missing one would stay French in an English report."""
    from cpom_rules.render.rapport_anglais import ANGLAIS

    textes = set()
    for nom, motif in (
        ("rapport.html", r'\bm\("((?:[^"\\]|\\.)*)"'),
        ("dossier.html", r'\bm\("((?:[^"\\]|\\.)*)"'),
        ("rapport.js", r'\btexteEn\("((?:[^"\\]|\\.)*)"\)'),
        ("explorateur.js", r'\btexteEn\("((?:[^"\\]|\\.)*)"\)'),
    ):
        trouves = re.findall(motif, (MODELES / nom).read_text(encoding="utf-8"))
        assert trouves, nom
        textes |= set(trouves)
    assert sorted(textes - set(ANGLAIS)) == []


def test_rapport_en_anglais(resultats: Resultats) -> None:
    page = render_html(resultats, langue="en")
    dom = analyser(page)
    assert '<html lang="en">' in page
    (titre,) = dom.chercher("h2", id="titre-synthese")
    assert titre.texte() == "Regional summary"
    # The texts shown, scripts aside (the table of words has the French texts as keys).
    montre = re.sub(r"<script.*?</script>", "", page, flags=re.DOTALL)
    for francais in ("Synthèse régionale", "Problèmes de données", "Tableau de bord", "Légende"):
        assert francais not in montre, francais
    assert "Not met" in montre and "Non atteint" not in montre
    assert " target " in _tableau(dom, CHU).texte()
    assert 'id="mots-rapport"' in page and '"Rang":"Rank"' in page
    # The French page carries no table of words.
    assert 'id="mots-rapport"' not in render_html(resultats)


def test_write_html_interrompu_laisse_l_ancien_rapport(
    tmp_path: Path, resultats: Resultats, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure halfway through writing (a full disk) leaves the previous report intact
    and no partial file beside it (issue #10: files are never lost)."""
    chemin = tmp_path / "rapport.html"
    chemin.write_text("ancien rapport", encoding="utf-8")
    ecrire = Path.write_text

    def disque_plein(self: Path, texte: str, *args: object, **kwargs: object) -> int:
        ecrire(self, texte[:100], encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disque_plein)
    with pytest.raises(OSError, match="No space"):
        write_html(resultats, chemin)
    monkeypatch.undo()
    assert chemin.read_text(encoding="utf-8") == "ancien rapport"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]
