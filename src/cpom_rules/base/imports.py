"""Import establishments, measures and contracts into the store: idempotent, append-only.

- A row whose key already holds the same content adds nothing: importing a file twice, or
  the same rows split over several files in any order, leaves the same store.
- A row whose key holds another content is stored as a *correction* pointing to the row it
  supersedes (`remplace_id`); nothing is ever updated or deleted.
- Two rows of one import with the same key and different contents are a conflict: both are
  reported with their line numbers and neither is stored (no silent choice).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select

from cpom_rules.base.lecture import mesures_courantes
from cpom_rules.base.provenance import BilanImport, Provenance, enregistrer_import, provenance
from cpom_rules.base.schema import avenants, contrats, etablissements, mesures
from cpom_rules.contrats.chargement import read_contrats
from cpom_rules.donnees.lecture import SourceTable, read_table
from cpom_rules.donnees.tables import TableBrute
from cpom_rules.finess import analyser_finess
from cpom_rules.problemes import Probleme, erreurs, probleme
from cpom_rules.sources.lecture import Lecture
from cpom_rules.sources.lieux import relocaliser
from cpom_rules.sources.tableur_large import read_wide

LOT = 50_000  # rows per INSERT batch
CLE_MESURE = ("finess", "indicateur", "annee", "variable")
_CONTENU_MESURE = ("valeur", "commentaire", "preuves")

Cle = tuple[str, str, int, str]
Contenu = tuple[str, str, str]


def _texte(valeur: Any) -> str:
    return "" if valeur is None else str(valeur).strip()


def _textes(colonne: Sequence[Any] | Any) -> list[str]:
    """A column as stripped texts ("" for an empty cell), in one pass."""
    return [v.strip() if type(v) is str else _texte(v) for v in colonne]


@functools.lru_cache(maxsize=65_536)
def _finess(brut: str) -> str | None:
    return analyser_finess(brut).finess


def _finess_invalide(table: TableBrute, ligne: int, brut: str) -> Probleme:
    analyse = analyser_finess(brut)
    return probleme(
        "finess_donnees",
        fichier=table.source,
        lignes=[ligne],
        finess=brut,
        detail=analyse.defaut,
        conseil=analyse.conseil,
        conseil_en=analyse.conseil_en,
    )


def _colonnes(table: TableBrute, obligatoires: Sequence[str]) -> list[Probleme]:
    absentes = [nom for nom in obligatoires if table.colonne(nom) is None]
    return [
        probleme(
            "colonne_manquante",
            fichier=table.source,
            nom_colonne=nom,
            lues=", ".join(table.entetes.values()),
            attendues=", ".join(obligatoires),
        )
        for nom in absentes
    ]


def _lire_mesures(table: TableBrute) -> tuple[dict[Cle, tuple[Contenu, int]], int, list[Probleme]]:
    """The rows of one file by key; conflicts and malformed keys are reported and left out."""
    problemes = _colonnes(table, ("finess", "indicateur", "annee", "variable", "valeur"))
    if problemes:
        return {}, len(table), problemes
    n = len(table)
    colonnes = [table.colonne(nom) for nom in (*CLE_MESURE, *_CONTENU_MESURE)]
    vides = [""] * n
    finess, indicateur, annee, variable, valeur, commentaire, preuves = (
        _textes(col) if col is not None else vides for col in colonnes
    )
    lignes = table.lignes.tolist()
    lues: dict[Cle, tuple[Contenu, int]] = {}
    conflits: dict[Cle, list[tuple[int, str]]] = {}
    # a campaign has a few thousand FINESS and a few years: each is read once
    numeros = {brut: _finess(brut) for brut in set(finess)}
    annees = {brut: int(brut) if brut.isdigit() and len(brut) == 4 else None for brut in set(annee)}
    for ligne, brut_finess, brut_annee, code, nom, *contenu_brut in zip(
        lignes, finess, annee, indicateur, variable, valeur, commentaire, preuves, strict=True
    ):
        numero = numeros[brut_finess]
        if numero is None:
            problemes.append(_finess_invalide(table, ligne, brut_finess))
            continue
        an = annees[brut_annee]
        if an is None:
            problemes.append(
                probleme(
                    "annee_donnees_invalide", fichier=table.source, lignes=[ligne], annee=brut_annee
                )
            )
            continue
        cle = (numero, code, an, nom)
        contenu: Contenu = (contenu_brut[0], contenu_brut[1], contenu_brut[2])
        deja = lues.get(cle)
        if deja is None:
            if cle in conflits:
                conflits[cle].append((ligne, contenu[0]))
                continue
            lues[cle] = (contenu, ligne)
        elif deja[0] != contenu:
            conflits.setdefault(cle, [(deja[1], deja[0][0])]).append((ligne, contenu[0]))
            del lues[cle]
    for cle, occurrences in conflits.items():
        problemes.append(
            probleme(
                "conflit_import",
                fichier=table.source,
                lignes=[ligne for ligne, _ in occurrences],
                finess=cle[0],
                indicateur=cle[1],
                annee=cle[2],
                variable=cle[3],
                valeurs=" / ".join(f"« {v} » (ligne {ligne})" for ligne, v in occurrences),
            )
        )
    return lues, n, problemes


def _verrouiller(connexion: Connection) -> None:
    """One import at a time on a shared server: two importers reading the same « current »
    row would both store a correction of it. (On SQLite the second writer, whose snapshot is
    stale, is refused by SQLite itself.)"""
    if connexion.dialect.name == "postgresql":
        connexion.exec_driver_sql("LOCK TABLE imports IN SHARE ROW EXCLUSIVE MODE")


def _feuille(source: SourceTable) -> str | None:
    """The sheet a workbook was read from (its first, as `read_table` does); None otherwise."""
    if not isinstance(source, str | Path) or Path(source).suffix.lower() != ".xlsx":
        return None
    from openpyxl import load_workbook  # noqa: PLC0415  (extra excel; read_table needed it)

    classeur = load_workbook(source, read_only=True)
    try:
        return str(classeur.sheetnames[0])
    finally:
        classeur.close()


def _lettre_valeur(table: TableBrute) -> str | None:
    """The spreadsheet column letter of the « valeur » column (A, B, … AA)."""
    noms = list(table.entetes)
    if "valeur" not in noms:
        return None
    numero, lettres = noms.index("valeur") + 1, ""
    while numero:
        numero, reste = divmod(numero - 1, 26)
        lettres = chr(ord("A") + reste) + lettres
    return lettres


def _courantes(connexion: Connection, annees: Iterable[int]) -> dict[Cle, tuple[Contenu, int]]:
    """The row in force of every key of those years, with its id."""
    choisies = set(annees)
    courantes: dict[Cle, tuple[Contenu, int]] = {}
    for ident, *cle, valeur, commentaire, preuves in connexion.execute(mesures_courantes(2**62)):
        if cle[2] in choisies:
            courantes[(cle[0], cle[1], cle[2], cle[3])] = ((valeur, commentaire, preuves), ident)
    return courantes


def import_mesures(
    moteur: Engine,
    source: SourceTable,
    *,
    campagne: int | None = None,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
) -> BilanImport:
    """Import a measures table (long format); return what was added and every problem."""
    table = read_table(source, "mesures")
    feuille = _feuille(source)
    origine = provenance(
        table.source if not isinstance(source, str | Path) else source,
        campagne=campagne,
        le=le,
        utilisateur=utilisateur,
        feuille=feuille,
    )
    colonne = _lettre_valeur(table) if feuille is not None else None
    return _enregistrer_mesures(
        moteur, table, origine, [], lambda ligne: f"{colonne}{ligne}" if colonne else None
    )


def import_mesures_larges(
    moteur: Engine,
    classeur: str | Path,
    lecture: Lecture,
    *,
    campagne: int | None = None,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
) -> BilanImport:
    """Import a wide workbook read by a declared `lecture` (`sources.tableur_large`, one
    column per variable): each value is stored with the sheet and cell it was read from,
    and problems point at their cell."""
    lues = read_wide(lecture, [classeur])
    table = lues.table()
    origine = provenance(classeur, campagne=campagne, le=le, utilisateur=utilisateur)
    cellules = [cellule for _, cellule in lues.cellules]

    def ligne_du_classeur(ligne: int) -> int:
        # « Suivi 2025!C7 » → 7: the workbook's row, as a long file's line.
        return int(re.sub(r"\D", "", cellules[ligne - 1].rsplit("!", 1)[-1]))

    return _enregistrer_mesures(
        moteur,
        table,
        origine,
        lues.problemes,
        lambda ligne: cellules[ligne - 1],
        ligne_du_classeur,
        lues.cellules,
    )


def _enregistrer_mesures(
    moteur: Engine,
    table: TableBrute,
    origine: Provenance,
    problemes_lecture: Sequence[Probleme],
    cellule: Callable[[int], str | None],
    ligne_source: Callable[[int], int] = int,
    lieux: Sequence[tuple[str, str]] = (),
) -> BilanImport:
    """Store the rows of `table` that are new or correct the row in force; `cellule` and
    `ligne_source` give where each of its rows was read (`lieux`: the cells of a workbook
    read by a lecture, to point problems at)."""
    lues, n, problemes = _lire_mesures(table)
    if lieux:
        problemes = relocaliser([*table.problemes, *problemes], table.source, lieux)
    else:
        problemes = [*table.problemes, *problemes]
    bilan = BilanImport("mesures", lignes_lues=n, problemes=[*problemes_lecture, *problemes])
    if not lues:
        return bilan
    with moteur.begin() as connexion:
        _verrouiller(connexion)
        courantes = _courantes(connexion, {cle[2] for cle in lues})
        nouvelles: list[tuple[Cle, Contenu, int, int | None]] = []
        for cle, (contenu, ligne) in lues.items():
            courante = courantes.get(cle)
            if courante is not None and courante[0] == contenu:
                bilan.inchangees += 1
                continue
            nouvelles.append((cle, contenu, ligne, courante[1] if courante else None))
        if not nouvelles:
            return bilan
        bilan.corrections = sum(1 for *_, remplace in nouvelles if remplace is not None)
        bilan.nouvelles = len(nouvelles) - bilan.corrections
        import_id = enregistrer_import(connexion, "mesures", origine, bilan)
        bilan.import_id = import_id
        lignes = [
            (*cle, *contenu, import_id, ligne_source(ligne), cellule(ligne), remplace)
            for cle, contenu, ligne, remplace in nouvelles
        ]
        inserer(connexion, mesures, lignes)
    return bilan


_COLONNES_MESURES = (
    *CLE_MESURE,
    *_CONTENU_MESURE,
    "import_id",
    "ligne",
    "cellule",
    "remplace_id",
)


def inserer(connexion: Connection, table: Table, lignes: Sequence[tuple[Any, ...]]) -> None:
    """Append rows in batches: COPY on PostgreSQL, the driver's executemany on SQLite."""
    noms = (
        _COLONNES_MESURES
        if table is mesures
        else tuple(c.name for c in table.columns if c.name != "id")
    )
    if connexion.dialect.name == "postgresql":
        brute = connexion.connection.dbapi_connection
        assert brute is not None
        commande = f"COPY {table.name} ({', '.join(noms)}) FROM STDIN"
        # psycopg 3's cursor has COPY; SQLAlchemy types it as the generic DB-API cursor.
        curseur: Any = brute.cursor()
        with curseur, curseur.copy(commande) as copie:
            for ligne in lignes:
                copie.write_row(ligne)
        return
    if connexion.dialect.name == "sqlite":
        # The driver's executemany on plain tuples: SQLAlchemy's per-row parameter
        # building would cost more than SQLite itself (about 25 µs a row).
        marques = ", ".join("?" for _ in noms)
        commande = f"INSERT INTO {table.name} ({', '.join(noms)}) VALUES ({marques})"
        for debut in range(0, len(lignes), LOT):
            connexion.exec_driver_sql(commande, list(lignes[debut : debut + LOT]))
        return
    requete = table.insert()
    for debut in range(0, len(lignes), LOT):
        lot = [dict(zip(noms, ligne, strict=True)) for ligne in lignes[debut : debut + LOT]]
        connexion.execute(requete, lot)


def import_etablissements(
    moteur: Engine,
    source: SourceTable,
    *,
    valide_du: dt.date | None = None,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
) -> BilanImport:
    """Import an establishments table: a FINESS whose attributes changed gets a new version
    valid from `valide_du` (default: the import date)."""
    table = read_table(source, "etablissements")
    origine = provenance(
        table.source if not isinstance(source, str | Path) else source,
        le=le,
        utilisateur=utilisateur,
    )
    debut = valide_du or origine.le.date()
    problemes = [*table.problemes, *_colonnes(table, ("finess",))]
    bilan = BilanImport("etablissements", lignes_lues=len(table), problemes=problemes)
    if erreurs(problemes):
        return bilan
    noms = [nom for nom in table.colonnes if nom not in ("finess", "raison_sociale")]
    finess_col = table.colonne("finess") or []
    raisons = table.colonne("raison_sociale") or [""] * len(table)
    lignes = table.lignes.tolist()
    lues: dict[str, tuple[tuple[str, str], int]] = {}
    doublons: dict[str, list[int]] = {}
    for i in range(len(table)):
        brut = _texte(finess_col[i])
        numero = _finess(brut)
        if numero is None:
            bilan.problemes.append(_finess_invalide(table, lignes[i], brut))
            continue
        attributs = json.dumps(
            {nom: _texte(table.colonnes[nom][i]) for nom in noms},
            ensure_ascii=False,
            sort_keys=True,
        )
        contenu = (_texte(raisons[i]), attributs)
        if numero in lues and lues[numero][0] != contenu:
            doublons.setdefault(numero, [lues[numero][1]]).append(lignes[i])
        lues.setdefault(numero, (contenu, lignes[i]))
    for numero, occurrences in doublons.items():
        del lues[numero]
        bilan.problemes.append(
            probleme(
                "etablissement_double", fichier=table.source, lignes=occurrences, finess=numero
            )
        )
    with moteur.begin() as connexion:
        _verrouiller(connexion)
        dernier = (
            select(etablissements.c.finess, func.max(etablissements.c.id).label("id"))
            .group_by(etablissements.c.finess)
            .subquery()
        )
        courantes = {
            r[0]: (r[1], r[2])
            for r in connexion.execute(
                select(
                    etablissements.c.finess,
                    etablissements.c.raison_sociale,
                    etablissements.c.attributs,
                ).join(dernier, dernier.c.id == etablissements.c.id)
            )
        }
        nouvelles = [(f, c, ligne) for f, (c, ligne) in lues.items() if courantes.get(f) != c]
        bilan.inchangees = len(lues) - len(nouvelles)
        bilan.corrections = sum(1 for f, *_ in nouvelles if f in courantes)
        bilan.nouvelles = len(nouvelles) - bilan.corrections
        if not nouvelles:
            return bilan
        bilan.import_id = enregistrer_import(connexion, "etablissements", origine, bilan)
        inserer(
            connexion,
            etablissements,
            [(f, debut, c[0], c[1], bilan.import_id, ligne) for f, c, ligne in nouvelles],
        )
    return bilan


def import_contrats(
    moteur: Engine,
    chemin: str | Path,
    *,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
) -> BilanImport:
    """Import contract files (a file or a folder). A new text for a FINESS is a new version;
    an avenant already stored must come back unchanged (a signed avenant is never edited)."""
    lus, problemes = read_contrats(chemin)
    origine = provenance(chemin, le=le, utilisateur=utilisateur)
    bilan = BilanImport("contrats", lignes_lues=len(lus), problemes=problemes)
    if erreurs(problemes):
        return bilan
    with moteur.begin() as connexion:
        _verrouiller(connexion)
        a_ajouter = []
        for lu in lus:
            texte = Path(lu.fichier).read_text(encoding="utf-8-sig")
            empreinte = hashlib.sha256(texte.encode()).hexdigest()
            precedent = connexion.execute(
                select(contrats.c.id, contrats.c.empreinte)
                .where(contrats.c.finess == lu.contrat.finess)
                .order_by(contrats.c.id.desc())
                .limit(1)
            ).first()
            if precedent is not None and precedent.empreinte == empreinte:
                bilan.inchangees += 1
                continue
            deja = {
                r.numero: (r.date, r.a_partir_de, r.motif)
                for r in connexion.execute(
                    select(avenants).where(avenants.c.finess == lu.contrat.finess)
                )
            }
            modifies = [
                a.numero
                for a in lu.contrat.avenants
                if a.numero in deja and deja[a.numero] != (a.date, a.a_partir_de, a.motif)
            ]
            if modifies:
                bilan.problemes.append(
                    probleme(
                        "avenant_modifie",
                        fichier=lu.fichier,
                        finess=lu.contrat.finess,
                        numeros=", ".join(str(n) for n in modifies),
                    )
                )
                continue
            a_ajouter.append((lu, texte, empreinte, precedent is not None, set(deja)))
        if not a_ajouter:
            return bilan
        bilan.corrections = sum(1 for *_, remplace, _ in a_ajouter if remplace)
        bilan.nouvelles = len(a_ajouter) - bilan.corrections
        bilan.import_id = enregistrer_import(connexion, "contrats", origine, bilan)
        for lu, texte, empreinte, _, connus in a_ajouter:
            contrat = lu.contrat
            cle = connexion.execute(
                contrats.insert().values(
                    finess=contrat.finess,
                    signature=contrat.signature,
                    texte=texte,
                    empreinte=empreinte,
                    import_id=bilan.import_id,
                )
            ).inserted_primary_key
            assert cle is not None
            for avenant in contrat.avenants:
                if avenant.numero not in connus:
                    connexion.execute(
                        avenants.insert().values(
                            contrat_id=cle[0],
                            finess=contrat.finess,
                            numero=avenant.numero,
                            date=avenant.date,
                            a_partir_de=avenant.a_partir_de,
                            motif=avenant.motif,
                            fiches=";".join(avenant.fiches),
                        )
                    )
    return bilan
