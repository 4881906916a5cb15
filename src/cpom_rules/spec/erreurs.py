"""Turn pydantic validation errors into located, plain-French problems.

Pydantic reports a location as a tuple mixing keys, list indices and the tag of the union
member it tried (``('cibles', 'tous', '2025', 'seuil', 'mn')``). We walk the model's type
annotations along that tuple, which tells us which elements are union tags (dropped from
the YAML path) and which keys the model accepts at that point (for "did you mean").
"""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from cpom_rules.messages import MESSAGES
from cpom_rules.problemes import Probleme, probleme
from cpom_rules.spec.cibles import TYPES_CIBLES
from cpom_rules.spec.source import Chemin, Document
from cpom_rules.spec.types import decrire


def _deballer(annotation: Any) -> Any:
    """Strip ``Annotated[...]`` and ``X | None``."""
    while True:
        origine = get_origin(annotation)
        if origine is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origine in (Union, types.UnionType):
            membres = [a for a in get_args(annotation) if a is not type(None)]
            if len(membres) == 1:
                annotation = membres[0]
                continue
        return annotation


def _etiquette(modele: type[BaseModel]) -> str | None:
    champ = modele.model_fields.get("type")
    if champ is None or get_origin(champ.annotation) is not Literal:
        return None
    return str(get_args(champ.annotation)[0])


def _suivre(annotation: Any, loc: tuple[int | str, ...]) -> tuple[Chemin, Any, bool]:
    """Follow `loc` through the annotations.

    Returns the YAML path (union tags removed), the annotation reached, and whether the last
    element designates a mapping *key* (pydantic's ``[key]`` marker).
    """
    chemin: list[str | int] = []
    courant: Any = annotation
    sur_cle = False
    for element in loc:
        courant = _deballer(courant) if courant is not None else None
        if element == "[key]":
            sur_cle = True
            continue
        origine = get_origin(courant)
        if origine in (Union, types.UnionType):
            membres = [
                m for m in get_args(courant) if isinstance(m, type) and issubclass(m, BaseModel)
            ]
            choisi = next((m for m in membres if _etiquette(m) == element), None)
            if choisi is not None:
                courant = choisi
                continue
        chemin.append(element)
        if isinstance(courant, type) and issubclass(courant, BaseModel):
            champ = courant.model_fields.get(str(element))
            courant = champ.annotation if champ else None
        elif origine is dict:
            courant = get_args(courant)[1]
        elif origine in (tuple, list):
            courant = get_args(courant)[0]
        else:
            courant = None
    return tuple(chemin), courant, sur_cle


def _champs(annotation: Any) -> list[str]:
    annotation = _deballer(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _suggestion(cle: str, possibles: list[str]) -> tuple[str, str]:
    proches = difflib.get_close_matches(cle, possibles, n=1, cutoff=0.6)
    if proches:
        return f"vouliez-vous dire « {proches[0]} » ?", f"did you mean '{proches[0]}'?"
    if possibles:
        liste = ", ".join(possibles)
        return f"clés possibles ici : {liste}", f"possible keys here: {liste}"
    return "", ""


def problemes_validation(
    exc: ValidationError,
    modele: type[BaseModel],
    document: Document | None,
    fichier: str | None,
    code_fiche: str | None = None,
) -> list[Probleme]:
    """One located problem per pydantic error, in French, with a hint."""
    resultat: list[Probleme] = []
    for erreur in exc.errors(include_url=False):
        loc = tuple(erreur["loc"])
        type_erreur = erreur["type"]
        ctx: dict[str, Any] = dict(erreur.get("ctx") or {})
        entree = erreur.get("input")
        params: dict[str, Any]
        if type_erreur == "extra_forbidden":
            chemin, _, _ = _suivre(modele, loc)
            _, parent, _ = _suivre(modele, loc[:-1])
            cle = str(loc[-1])
            fr, en = _suggestion(cle, _champs(parent))
            code, params, sur_cle = (
                "cle_inconnue",
                {"cle": cle, "suggestion": fr, "suggestion_en": en},
                True,
            )
        elif type_erreur == "missing":
            chemin, _, _ = _suivre(modele, loc[:-1])
            code, params, sur_cle = "cle_manquante", {"cle": str(loc[-1])}, False
        else:
            chemin, annotation, sur_cle = _suivre(modele, loc)
            code, params = _traduire(type_erreur, ctx, entree, erreur["msg"], annotation)
        position = None
        if document is not None:
            position = document.position(chemin, de_la_cle=sur_cle)
        resultat.append(
            probleme(
                code,
                fichier=fichier,
                ligne=position.ligne if position else None,
                colonne=position.colonne if position else None,
                chemin=".".join(str(e) for e in chemin) or None,
                code_fiche=code_fiche,
                **params,
            )
        )
    return resultat


def _traduire(
    type_erreur: str, ctx: dict[str, Any], entree: Any, message: str, annotation: Any
) -> tuple[str, dict[str, Any]]:
    if type_erreur in MESSAGES:
        return type_erreur, ctx
    if type_erreur == "union_tag_invalid":
        trouve = str(ctx.get("tag", entree))
        proches = difflib.get_close_matches(trouve, TYPES_CIBLES, n=1, cutoff=0.6)
        suggestion = f" — vouliez-vous dire « {proches[0]} » ?" if proches else ""
        return "type_cible_inconnu", {
            "trouve": trouve,
            "possibles": ", ".join(TYPES_CIBLES),
            "suggestion": suggestion,
        }
    if type_erreur == "union_tag_not_found":
        return "type_cible_manquant", {"possibles": ", ".join(TYPES_CIBLES)}
    if type_erreur in ("model_type", "model_attributes_type", "dict_type"):
        return "attendu_dictionnaire", {"trouve": decrire(entree)}
    if type_erreur in ("tuple_type", "list_type"):
        return "attendu_liste", {"trouve": decrire(entree)}
    if type_erreur in ("string_type",):
        return "attendu_texte", {"trouve": decrire(entree)}
    if type_erreur == "literal_error":
        attendus = str(ctx.get("expected", ""))
        possibles = [
            p.strip(" '") for p in attendus.replace(" or ", ",").split(",") if p.strip(" '")
        ]
        fr, _ = _suggestion(str(entree), possibles)
        return "valeur_invalide", {
            "detail": f"{decrire(entree)} n'est pas accepté",
            "conseil": f"{fr} (valeurs possibles : {', '.join(possibles)})"
            if fr and not fr.startswith("clés")
            else f"valeurs possibles : {', '.join(possibles)}",
        }
    del annotation
    return "valeur_invalide", {"detail": message, "conseil": ""}
