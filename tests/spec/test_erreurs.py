"""pydantic errors become located French problems with a "did you mean" (ADVERSARIAL B.9, B.10)."""

from __future__ import annotations

import pytest

from cpom_rules.problemes import Probleme
from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.source import read_yaml_text
from tests.spec.fabrique import CATALOGUE, FICHE, lire_fiche, remplacer

CIBLE_2025 = '2025: {type: seuil, min: 10, texte: "≥ 10 %"}'


def _seul(texte: str) -> Probleme:
    _, problemes = lire_fiche(texte)
    assert len(problemes) == 1, [p.texte() for p in problemes]
    return problemes[0]


@pytest.mark.parametrize(
    ("avant", "apres", "cle", "conseil", "ligne", "colonne", "chemin"),
    [
        ("preuves:", "preuve:", "preuve", "vouliez-vous dire « preuves » ?", 26, 1, "preuve"),
        (
            "    cibles:",
            "    cibel:",
            "cibel",
            "vouliez-vous dire « cibles » ?",
            22,
            5,
            "mesures.taux_formes.cibel",
        ),
        (
            "numerateur: nb_formes",
            "numerateru: nb_formes",
            "numerateru",
            "vouliez-vous dire « numerateur » ?",
            18,
            7,
            "mesures.taux_formes.formule.numerateru",
        ),
        (
            "min: 10,",
            "mn: 10,",
            "mn",
            "vouliez-vous dire « min » ?",
            24,
            29,
            "mesures.taux_formes.cibles.tous.2025.mn",
        ),
        (
            "    type: nombre\n  nb_total",
            "    type: nombre\n    unit: actes\n  nb_total",
            "unit",
            "vouliez-vous dire « unite » ?",
            11,
            5,
            "variables.nb_formes.unit",
        ),
        (
            "preuves:",
            "zzz: 1\npreuves:",
            "zzz",
            "clés possibles ici : code, intitule",
            26,
            1,
            "zzz",
        ),
    ],
)
def test_cle_inconnue_a_toute_profondeur(
    avant: str, apres: str, cle: str, conseil: str, ligne: int, colonne: int, chemin: str
) -> None:
    probleme = _seul(remplacer(FICHE, (avant, apres)))
    assert probleme.code == "cle_inconnue"
    assert probleme.message == f"clé inconnue « {cle} »"
    assert probleme.conseil.startswith(conseil)
    assert (probleme.fichier, probleme.ligne, probleme.colonne) == ("CPOM_T_1.yaml", ligne, colonne)
    assert probleme.chemin == chemin
    assert probleme.code_fiche == "CPOM_T_1"


def test_cle_inconnue_rendue_en_anglais_aussi() -> None:
    probleme = _seul(remplacer(FICHE, ("    cibles:", "    cibel:")))
    assert probleme.texte("en").endswith("unknown key 'cibel' — did you mean 'cibles'?")
    assert probleme.texte().startswith(
        "CPOM_T_1.yaml:22:5: erreur [CPOM_T_1] mesures.taux_formes.cibel: "
    )


@pytest.mark.parametrize(
    ("avant", "apres", "cle", "ligne", "colonne"),
    [
        ("code: CPOM_T_1\n", "", "code", 1, 1),
        ("    type: nombre\n  nb_total", "  nb_total", "type", 9, 5),
        ('    unite: "%"\n', "", "unite", 16, 5),
        ("type: seuil, min: 10", "type: cumul", "min", 24, 15),
    ],
)
def test_cle_manquante_nommee_et_localisee_au_parent(
    avant: str, apres: str, cle: str, ligne: int, colonne: int
) -> None:
    probleme = _seul(remplacer(FICHE, (avant, apres)))
    assert probleme.code == "cle_manquante"
    assert probleme.message == f"clé obligatoire manquante : « {cle} »"
    assert probleme.conseil == f"ajoutez « {cle}: … » à cet endroit"
    assert (probleme.ligne, probleme.colonne) == (ligne, colonne)


def test_type_de_cible_inconnu_avec_suggestion() -> None:
    probleme = _seul(remplacer(FICHE, ("type: seuil, min: 10", "type: seuill, min: 10")))
    assert probleme.code == "type_cible_inconnu"
    assert probleme.message == "type de cible inconnu « seuill »"
    assert probleme.conseil.endswith("— vouliez-vous dire « seuil » ?")
    assert "k_parmi_n" in probleme.conseil
    # The union tag is not part of the YAML path.
    assert probleme.chemin == "mesures.taux_formes.cibles.tous.2025"
    assert (probleme.ligne, probleme.colonne) == (24, 15)


def test_type_de_cible_sans_ressemblance() -> None:
    probleme = _seul(remplacer(FICHE, ("type: seuil, min: 10", "type: zzz, min: 10")))
    assert probleme.code == "type_cible_inconnu"
    assert "vouliez-vous dire" not in probleme.conseil


def test_type_de_cible_manquant() -> None:
    probleme = _seul(remplacer(FICHE, ("type: seuil, min: 10", "min: 10")))
    assert probleme.code == "type_cible_manquant"
    assert probleme.message == "la cible n'indique pas son « type »"


def test_erreur_dans_une_condition_composite_localisee() -> None:
    texte = remplacer(
        FICHE,
        (
            CIBLE_2025,
            "2025: {type: et, conditions: [{type: seuil, min: 10}, {type: seuil, mn: 2}]}",
        ),
    )
    problemes = lire_fiche(texte)[1]
    codes = {(p.code, p.chemin) for p in problemes}
    assert ("cle_inconnue", "mesures.taux_formes.cibles.tous.2025.conditions.1.mn") in codes
    inconnue = next(p for p in problemes if p.code == "cle_inconnue")
    assert (inconnue.ligne, inconnue.colonne) == (24, 77)


@pytest.mark.parametrize(
    ("avant", "apres", "code", "message"),
    [
        (
            "frequence: annuelle",
            "frequence: annuel",
            "valeur_invalide",
            "valeur invalide : « annuel » n'est pas accepté",
        ),
        (
            "collecte:\n  frequence: annuelle\n",
            "collecte: annuelle\n",
            "attendu_dictionnaire",
            "un dictionnaire (clé: valeur) est attendu ici, pas « annuelle »",
        ),
        (
            "preuves:\n",
            "sources: Rapport\npreuves:\n",
            "attendu_liste",
            "une liste (lignes commençant par « - ») est attendue ici, pas « Rapport »",
        ),
        (
            "libelle: Professionnels formés",
            "libelle: {a: b}",
            "attendu_texte",
            "un texte est attendu ici, pas un dictionnaire",
        ),
        (
            "libelle: Professionnels formés",
            "libelle:",
            "attendu_texte",
            "un texte est attendu ici, pas une valeur vide",
        ),
        ("min: 10,", "min: 1/3,", "nombre_invalide", "« 1/3 » n'est pas un nombre"),
        ("min: 10,", "min: [10],", "nombre_invalide", "« list » n'est pas un nombre"),
    ],
)
def test_types_fautifs(avant: str, apres: str, code: str, message: str) -> None:
    probleme = _seul(remplacer(FICHE, (avant, apres)))
    assert probleme.code == code
    assert probleme.message == message
    assert probleme.ligne is not None and probleme.colonne is not None


def test_valeur_invalide_propose_la_valeur_proche() -> None:
    probleme = _seul(remplacer(FICHE, ("frequence: annuelle", "frequence: annuel")))
    assert probleme.conseil.startswith("vouliez-vous dire « annuelle » ?")
    assert "semestrielle" in probleme.conseil


def test_plusieurs_erreurs_toutes_signalees_dans_l_ordre_du_modele() -> None:
    texte = remplacer(
        FICHE, ("intitule:", "intitul:"), ("    cibles:", "    cibel:"), ("min: 10,", "min: 1/3,")
    )
    _, problemes = lire_fiche(texte)
    assert sorted(p.code for p in problemes) == ["cle_inconnue", "cle_inconnue", "cle_manquante"]


def test_erreur_du_catalogue_sans_code_de_fiche() -> None:
    document, _ = read_yaml_text(remplacer(CATALOGUE, ("segments:", "segmens:")), "catalogue.yaml")
    assert document is not None
    _, _, problemes = validate_document(document, DefinitionCatalogue)
    assert [p.code for p in problemes] == ["cle_inconnue"]
    assert problemes[0].code_fiche is None
    assert problemes[0].conseil == "vouliez-vous dire « segments » ?"
    assert (problemes[0].ligne, problemes[0].colonne) == (13, 1)


def test_cle_de_dictionnaire_invalide_localisee_sur_la_cle() -> None:
    probleme = _seul(remplacer(FICHE, ("  nb_formes:\n", "  Nb-Formes:\n")))
    assert probleme.code == "identifiant_invalide"
    assert (probleme.ligne, probleme.colonne) == (8, 3)
    assert probleme.chemin == "variables.Nb-Formes"
