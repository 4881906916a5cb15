"""Generate the synthetic example dataset: Occitanie-like establishments and their measures.

    python examples/generer.py            # writes examples/etablissements.csv and mesures.csv

The generator is seeded (same files on every run) and driven by the specs: for each fiche
it reads the segment's target table and draws a trajectory around those targets, so every
fiche is exercised and the statuses spread realistically (most establishments close to
their targets, some ahead, some behind). It adds the imperfections analysts meet: some
missing values, a few zero denominators, evidence sometimes missing, an establishment with
exactly 500 beds (between two printed tiers), a chosen target below its floor.

The three CHU carry their real FINESS (juridical entities) because fiche CPOM_CT_1 names
them; every other number is synthetic with a valid check key.
"""

from __future__ import annotations

import ast
import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cpom_rules import Catalogue, load_catalogue, read_table, validate_dataset
from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.evaluation.segments import affecter
from cpom_rules.finess import avec_cle
from cpom_rules.formules.expression import TypeExpr
from cpom_rules.spec.cibles import (
    PERIODES_PAR_AN,
    CibleBase,
    CibleChoisie,
    Cumul,
    Increment,
    KParmiN,
    Seuil,
    VariationPoints,
    VariationRelative,
    toutes_les_cibles,
)

ICI = Path(__file__).resolve().parent
SPECS = ICI.parent / "specs" / "occitanie-2025-2029"
GRAINE = 2025

COMMUNES = {
    "09": ["Foix", "Pamiers", "Saint-Girons", "Lavelanet"],
    "11": ["Carcassonne", "Narbonne", "Castelnaudary", "Limoux", "Lézignan-Corbières"],
    "12": ["Rodez", "Millau", "Villefranche-de-Rouergue", "Decazeville", "Saint-Affrique"],
    "30": ["Nîmes", "Alès", "Bagnols-sur-Cèze", "Uzès", "Le Vigan", "Beaucaire"],
    "31": ["Toulouse", "Saint-Gaudens", "Muret", "Colomiers", "Balma", "Cornebarrieu", "Revel"],
    "32": ["Auch", "Condom", "Lectoure", "Mirande"],
    "34": ["Montpellier", "Béziers", "Sète", "Lodève", "Agde", "Castelnau-le-Lez", "Lunel"],
    "46": ["Cahors", "Figeac", "Gourdon", "Saint-Céré"],
    "48": ["Mende", "Marvejols", "Langogne", "Saint-Chély-d'Apcher"],
    "65": ["Tarbes", "Lourdes", "Bagnères-de-Bigorre", "Lannemezan"],
    "66": ["Perpignan", "Prades", "Céret", "Thuir"],
    "81": ["Albi", "Castres", "Lavaur", "Graulhet", "Gaillac"],
    "82": ["Montauban", "Moissac", "Castelsarrasin"],
}
POIDS_DEPARTEMENTS = {
    "09": 2,
    "11": 5,
    "12": 4,
    "30": 9,
    "31": 20,
    "32": 3,
    "34": 17,
    "46": 3,
    "48": 2,
    "65": 4,
    "66": 7,
    "81": 6,
    "82": 4,
}
GHT = {
    "09": "GHT Ariège-Couserans",
    "11": "GHT Ouest Audois",
    "12": "GHT du Rouergue",
    "30": "GHT Cévennes-Gard-Camargue",
    "31": "GHT Haute-Garonne et Tarn-Ouest",
    "32": "GHT du Gers",
    "34": "GHT Est-Hérault et Sud-Aveyron",
    "46": "GHT du Lot",
    "48": "GHT de la Lozère",
    "65": "GHT des Hautes-Pyrénées",
    "66": "GHT des Pyrénées-Orientales",
    "81": "GHT du Tarn",
    "82": "GHT du Tarn-et-Garonne",
}
# category: (how many out of 280, status, bed range, activities)
CATEGORIES: dict[str, tuple[int, str, tuple[int, int], tuple[str, ...]]] = {
    "CH": (
        62,
        "public",
        (60, 900),
        ("MCO", "chirurgie", "urgences", "imagerie", "mammographie", "biologie", "pharmacie"),
    ),
    "CHS": (10, "public", (120, 450), ("psychiatrie", "pharmacie")),
    "ESPIC": (25, "prive_non_lucratif", (40, 420), ("MCO", "chirurgie", "imagerie", "SMR")),
    "clinique": (
        120,
        "prive_lucratif",
        (30, 380),
        ("MCO", "chirurgie", "urgences", "imagerie", "mammographie"),
    ),
    "HAD": (20, "prive_non_lucratif", (15, 90), ("HAD",)),
    "SMR": (40, "prive_lucratif", (30, 160), ("SMR",)),
}
CHU = [
    ("310781406", "CHU de Toulouse", "31", 2900),
    ("340780477", "CHU de Montpellier", "34", 2600),
    ("300780038", "CHU de Nîmes", "30", 1750),
]
PREFIXES = {
    "CH": "Centre hospitalier",
    "CHS": "Centre hospitalier spécialisé",
    "ESPIC": "Hôpital",
    "clinique": "Clinique",
    "HAD": "HAD",
    "SMR": "Centre de SMR",
}
# Names private establishments often bear; with the commune, they keep names distinct.
NOMS_PROPRES = (
    "Pasteur",
    "Saint-Jean",
    "des Cèdres",
    "du Parc",
    "Sainte-Marie",
    "Saint-Roch",
    "des Minimes",
    "du Pont",
    "Saint-Exupéry",
    "des Tilleuls",
    "La Croix du Sud",
    "Les Lavandes",
    "du Château",
    "Val d'Aurelle",
    "Saint-Louis",
    "des Oliviers",
    "Beau Soleil",
    "Les Aubépines",
    "du Languedoc",
    "Causse et Vallée",
)


def de(commune: str) -> str:
    """« de Rodez », « d'Albi », « du Vigan »."""
    if commune.startswith("Le "):
        return "du " + commune[3:]
    return f"d'{commune}" if commune[0] in "AEIOUÉÈÂÎ" else f"de {commune}"


def nommer(rng: np.random.Generator, categorie: str, commune: str, pris: set[str]) -> str:
    """A name not used yet: « Centre hospitalier de Rodez », « Clinique Pasteur (Albi) »."""
    candidats = [f"{PREFIXES[categorie]} {de(commune)}"] if categorie in ("CH", "CHS") else []
    candidats += [
        f"{PREFIXES[categorie]} {nom} ({commune})" for nom in rng.permutation(NOMS_PROPRES)
    ]
    nom = next(
        (n for n in candidats if n not in pris), f"{PREFIXES[categorie]} {len(pris)} ({commune})"
    )
    pris.add(nom)
    return nom


@dataclass
class Jeu:
    """The two generated tables, as rows ready to be written."""

    etablissements: list[dict[str, str]]
    mesures: list[dict[str, str]] = field(default_factory=list)


def _texte_nombre(valeur: float | int) -> str:
    """French formatting as an analyst's spreadsheet would export it: ``12,5``."""
    if float(valeur).is_integer():
        return str(int(valeur))
    return f"{valeur:.1f}".replace(".", ",")


def generer_etablissements(rng: np.random.Generator, nombre: int) -> list[dict[str, str]]:
    """`nombre` establishments: the three CHU, then the categories in Occitanie proportions."""
    lignes: list[dict[str, str]] = []
    vus = {finess for finess, _, _, _ in CHU}
    noms = {nom for _, nom, _, _ in CHU}
    for finess, nom, departement, lits in CHU:
        lignes.append(
            _etablissement(
                rng,
                finess,
                nom,
                "CHU",
                "public",
                departement,
                lits,
                (
                    "MCO",
                    "chirurgie",
                    "urgences",
                    "imagerie",
                    "mammographie",
                    "biologie",
                    "pharmacie",
                ),
            )
        )
    total = sum(n for n, *_ in CATEGORIES.values())
    departements = list(POIDS_DEPARTEMENTS)
    poids = np.array(list(POIDS_DEPARTEMENTS.values()), dtype=float)
    for categorie, (part, statut, (bas, haut), activites) in CATEGORIES.items():
        for _ in range(max(1, round((nombre - len(CHU)) * part / total))):
            if len(lignes) >= nombre:
                break
            departement = str(rng.choice(departements, p=poids / poids.sum()))
            commune = str(rng.choice(COMMUNES[departement]))
            finess = ""
            while not finess or finess in vus:
                finess = avec_cle(departement + f"{int(rng.integers(0, 10**6)):06d}")
            vus.add(finess)
            lits = int(rng.integers(bas, haut + 1))
            statut_effectif = (
                "public" if categorie in ("HAD", "SMR") and rng.random() < 0.25 else statut
            )
            lignes.append(
                _etablissement(
                    rng,
                    finess,
                    nommer(rng, categorie, commune, noms),
                    categorie,
                    statut_effectif,
                    departement,
                    lits,
                    activites,
                )
            )
    while len(lignes) < nombre:  # rounding leftovers: more clinics
        departement = str(rng.choice(departements, p=poids / poids.sum()))
        finess = avec_cle(departement + f"{int(rng.integers(0, 10**6)):06d}")
        if finess not in vus:
            vus.add(finess)
            lignes.append(
                _etablissement(
                    rng,
                    finess,
                    nommer(rng, "clinique", str(rng.choice(COMMUNES[departement])), noms),
                    "clinique",
                    "prive_lucratif",
                    departement,
                    int(rng.integers(30, 380)),
                    CATEGORIES["clinique"][3],
                )
            )
    # One intermediate CH with exactly 500 beds: printed tiers « plus de 500 » and « 100 à 499 »
    # leave it without a tier, which the report must show rather than hide.
    for ligne in lignes:
        if ligne["categorie"] == "CH":
            ligne["lits"] = "500"
            break
    return lignes


def _etablissement(
    rng: np.random.Generator,
    finess: str,
    nom: str,
    categorie: str,
    statut: str,
    departement: str,
    lits: int,
    activites: Sequence[str],
) -> dict[str, str]:
    gardees = [
        a for a in activites if rng.random() < 0.85 or a in ("MCO", "HAD", "SMR", "psychiatrie")
    ]
    public = statut == "public"
    return {
        "finess": finess,
        "raison_sociale": nom,
        "categorie": categorie,
        "statut": statut,
        "lits": str(lits),
        "departement": departement,
        "ght": GHT[departement] if public else "",
        "activites": "|".join(gardees),
        "engage_sante_environnementale": "oui" if rng.random() < 0.4 else "non",
        "engage_produits_ecoresponsables": "oui" if rng.random() < 0.35 else "non",
        "engage_communication_rh": "oui" if rng.random() < 0.45 else "non",
    }


def _niveau(cible: CibleBase) -> float | None:
    """The yearly level a target asks for, when it is a level."""
    if isinstance(cible, Seuil):
        borne = cible.min if cible.min is not None else cible.max
        return float(borne or 0) * PERIODES_PAR_AN[cible.periodicite]
    if isinstance(cible, Cumul):
        return float(cible.min)
    if isinstance(cible, CibleChoisie) and cible.plancher is not None:
        return float(cible.plancher) * 1.3
    return None


def _elan(cibles: Iterable[CibleBase], base: float) -> float | None:
    """The yearly increase the targets ask for (absolute), if they ask for one."""
    hausses = []
    for cible in cibles:
        if isinstance(cible, Increment):
            hausses.append(float(cible.valeur))
        elif isinstance(cible, VariationPoints):
            hausses.append(float(cible.points))
        elif isinstance(cible, VariationRelative):
            hausses.append(
                base
                * float(cible.pourcentage)
                / 100
                / (2 if cible.reference not in ("n_moins_1",) else 1)
            )
    return float(np.mean(hausses)) if hausses else None


@dataclass
class _Contexte:
    rng: np.random.Generator
    annees: tuple[int, ...]
    lits: int
    performance: float
    valeurs: dict[tuple[str, int], object] = field(default_factory=dict)


def _trajectoire(
    ctx: _Contexte, mesure: MesureCompilee, table: dict[int, CibleBase]
) -> list[float]:
    """Values of a numeric measure year by year, around what its targets ask."""
    rng = ctx.rng
    cibles = [
        x
        for cible in table.values()
        for x in toutes_les_cibles(cible)
        if x.mesure in (None, mesure.code)
    ]
    niveaux = [n for n in (_niveau(c) for c in cibles) if n is not None]
    taux = mesure.modele.est_taux
    if niveaux:
        base = niveaux[0] * rng.uniform(0.55, 1.15)
    elif taux:
        base = rng.uniform(8, 55)
    else:
        base = (
            max(1.0, ctx.lits * rng.uniform(0.05, 1.2))
            if any(isinstance(c, VariationRelative) for c in cibles)
            else rng.uniform(2, 12)
        )
    elan = _elan(cibles, base)
    if elan is None:
        elan = (
            (niveaux[-1] - niveaux[0]) / max(len(niveaux) - 1, 1)
            if len(niveaux) > 1
            else base * 0.04
        )
    valeurs, valeur = [], base * ctx.performance
    for _ in ctx.annees:
        valeurs.append(min(valeur, 100.0) if taux else max(valeur, 0.0))
        valeur += elan * ctx.performance * rng.uniform(0.1, 1.7) + rng.normal(
            0, max(abs(elan), base * 0.03) * 0.25
        )
        valeur = max(valeur, 0.0)
    return valeurs


def _noms_additionnes(expression: ast.expr) -> list[str] | None:
    """The names of a plain sum ``a + b + c``, else None."""
    if isinstance(expression, ast.Name):
        return [expression.id]
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add):
        gauche, droite = _noms_additionnes(expression.left), _noms_additionnes(expression.right)
        if gauche is not None and droite is not None:
            return gauche + droite
    return None


def _poser_mesure(
    ctx: _Contexte, fiche: FicheCompilee, mesure: MesureCompilee, table: dict[int, CibleBase]
) -> None:
    """Choose the variables' values so that the measure follows its trajectory."""
    if mesure.type is not TypeExpr.NOMBRE:
        return
    valeurs = _trajectoire(ctx, mesure, table)
    variables = fiche.fiche.variables
    if mesure.numerateur is not None and mesure.denominateur is not None:
        noms_num = _noms_additionnes(mesure.numerateur.arbre)
        noms_den = _noms_additionnes(mesure.denominateur.arbre)
        if not noms_num or not noms_den or len(noms_num) != 1 or len(noms_den) != 1:
            return
        facteur = float(mesure.facteur)
        taille = (
            max(5, int(ctx.lits * ctx.rng.uniform(0.4, 3.0)))
            if mesure.modele.est_taux
            else int(ctx.rng.integers(1, 7))
        )
        for annee, valeur in zip(ctx.annees, valeurs, strict=True):
            denominateur = max(1, int(taille * ctx.rng.uniform(0.95, 1.05)))
            numerateur = round(valeur * denominateur / facteur)
            if mesure.modele.est_taux:
                numerateur = min(numerateur, denominateur)
            if ctx.rng.random() < 0.006:  # a zero denominator now and then
                numerateur, denominateur = 0, 0
            ctx.valeurs.setdefault((noms_num[0], annee), numerateur)
            ctx.valeurs.setdefault((noms_den[0], annee), denominateur)
        return
    if mesure.expression is None:
        return
    noms = _noms_additionnes(mesure.expression.arbre)
    if not noms or any(n not in variables for n in noms):
        return
    for annee, valeur in zip(ctx.annees, valeurs, strict=True):
        parts = ctx.rng.dirichlet(np.ones(len(noms)))
        for nom, part in zip(noms, parts, strict=True):
            entier = variables[nom].type == "nombre"
            ctx.valeurs.setdefault(
                (nom, annee), round(valeur * part) if entier else round(valeur * part, 1)
            )


def _poser_le_reste(ctx: _Contexte, fiche: FicheCompilee) -> None:
    """Variables no trajectory set: yes/no, dates, chosen targets, free counts."""
    rng = ctx.rng
    choisies = {
        x.variable: x
        for m in fiche.mesures.values()
        for t in m.cibles.values()
        for c in t.values()
        for x in toutes_les_cibles(c)
        if isinstance(x, CibleChoisie)
    }
    comptes = [
        x
        for m in fiche.mesures.values()
        for t in m.cibles.values()
        for c in t.values()
        for x in toutes_les_cibles(c)
        if isinstance(x, KParmiN)
    ]
    for nom, variable in fiche.fiche.variables.items():
        for rang, annee in enumerate(ctx.annees):
            if (nom, annee) in ctx.valeurs:
                continue
            if nom in choisies:
                if rang == 1 and rng.random() < 0.7:  # declared once, the first year of the period
                    plancher = float(choisies[nom].plancher or 0)
                    ctx.valeurs[(nom, annee)] = round(plancher + rng.uniform(0, 12), 1)
            elif variable.type in ("booleen", "jalon"):
                ctx.valeurs[(nom, annee)] = bool(
                    rng.random() < min(0.95, (0.45 + 0.12 * rang) * ctx.performance)
                )
            elif variable.type == "date":
                recent = rng.random() < (0.5 + 0.1 * rang) * ctx.performance or bool(
                    comptes and rng.random() < 0.2
                )
                an = annee if recent else annee - int(rng.integers(1, 3))
                ctx.valeurs[(nom, annee)] = (
                    f"{int(rng.integers(1, 29)):02d}/{int(rng.integers(1, 13)):02d}/{an}"
                )
            elif variable.type in ("nombre", "taux"):
                ctx.valeurs[(nom, annee)] = (
                    int(rng.integers(0, 30))
                    if variable.type == "nombre"
                    else round(rng.uniform(0, 100), 1)
                )


def _texte(valeur: object) -> str:
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, int | float):
        return _texte_nombre(valeur)
    return str(valeur)


def generer(
    catalogue: Catalogue,
    nombre: int = 280,
    annees: Sequence[int] = (2024, 2025, 2026),
    graine: int = GRAINE,
) -> Jeu:
    """The synthetic dataset: `nombre` establishments, measures of every fiche for `annees`."""
    rng = np.random.default_rng(graine)
    etablissements = generer_etablissements(rng, nombre)
    donnees = validate_dataset(catalogue, read_table(etablissements), read_table([]))
    index = {str(f): e for e, f in enumerate(donnees.finess.tolist())}
    jeu = Jeu(etablissements)
    annees = tuple(annees)
    for fiche in catalogue.regles.fiches.values():
        affectations = {m.code: affecter(fiche, m, donnees) for m in fiche.mesures_evaluees}
        preuves = sorted(fiche.fiche.preuves)
        for ligne in etablissements:
            e = index[ligne["finess"]]
            concernee = [
                (m, affectations[m.code].segment[e])
                for m in fiche.mesures_evaluees
                if affectations[m.code].perimetre.valeurs[e]
            ]
            if not concernee:
                continue
            ctx = _Contexte(
                rng,
                annees,
                int(ligne["lits"]),
                float(rng.choice([1.3, 1.0, 0.65], p=[0.4, 0.4, 0.2])),
            )
            for mesure, segment in concernee:
                table = mesure.cibles.get(str(segment)) or next(iter(mesure.cibles.values()))
                _poser_mesure(ctx, fiche, mesure, dict(table))
            _poser_le_reste(ctx, fiche)
            jeu.mesures.extend(_lignes(ctx, fiche.code, ligne["finess"], preuves))
    return jeu


def _lignes(ctx: _Contexte, code: str, finess: str, preuves: list[str]) -> list[dict[str, str]]:
    lignes = []
    for annee in ctx.annees:
        fournies = ";".join(p for p in preuves if ctx.rng.random() < 0.85)
        premiere = True
        for (nom, an), valeur in sorted(ctx.valeurs.items(), key=lambda kv: kv[0]):
            if an != annee:
                continue
            texte = (
                "" if ctx.rng.random() < 0.035 else _texte(valeur)
            )  # some values never come back
            lignes.append(
                {
                    "finess": finess,
                    "indicateur": code,
                    "annee": str(annee),
                    "variable": nom,
                    "valeur": texte,
                    "commentaire": "",
                    "preuves": fournies if premiere else "",
                }
            )
            premiere = False
    return lignes


def ajouter_defauts(jeu: Jeu, rng: np.random.Generator) -> None:
    """The defects an ARS meets in real returns, each once, so the report has some to show."""
    comptes = [m for m in jeu.mesures if m["valeur"].isdigit() and int(m["valeur"]) > 3]
    comptes[int(rng.integers(len(comptes)))]["valeur"] = "n.c."  # « non communiqué » in a count
    double = dict(comptes[int(rng.integers(len(comptes)))])
    double["valeur"] = str(int(double["valeur"]) + 1)  # the same cell typed twice, differently
    jeu.mesures.append(double)
    totaux = {
        (m["finess"], m["annee"]): m["valeur"]
        for m in jeu.mesures
        if m["indicateur"] == "CPOM_OS_1" and m["variable"] == "professionnels_total"
    }
    formes = [
        m
        for m in jeu.mesures
        if m["indicateur"] == "CPOM_OS_1"
        and m["variable"] == "professionnels_formes"
        and m["annee"] == "2025"
        and totaux.get((m["finess"], "2025"), "").isdigit()
    ]
    trop = formes[int(rng.integers(len(formes)))]
    trop["valeur"] = str(int(totaux[(trop["finess"], "2025")]) + 12)  # more trained than employed
    choisies = [
        m
        for m in jeu.mesures
        if m["indicateur"] == "CPOM_OS_19" and m["variable"] == "cible_taux_eig" and m["valeur"]
    ]
    choisies[0]["valeur"] = "3,5"  # a chosen target below its floor of 5 %


def ecrire(chemin: Path, lignes: list[dict[str, str]]) -> None:
    """A `;`-separated UTF-8 CSV, as eCARS-like exports are."""
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=list(lignes[0]), delimiter=";")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)


def main() -> int:
    catalogue = load_catalogue(SPECS)
    jeu = generer(catalogue)
    ajouter_defauts(jeu, np.random.default_rng(GRAINE + 1))
    ecrire(ICI / "etablissements.csv", jeu.etablissements)
    ecrire(ICI / "mesures.csv", jeu.mesures)
    print(
        f"{len(jeu.etablissements)} établissements, {len(jeu.mesures)} mesures écrites dans {ICI}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
