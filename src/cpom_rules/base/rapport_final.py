"""The final report of a contract: per establishment, each year's verdicts as they were sent
and as they stand now, the five-year totals, the avenants and the evidence still missing.

The law asks for it « au plus tard un an après » the term of the contract. « As sent » is the
evaluation marked as sent for that campaign (`envois`), or else the last one kept; « now »
is a fresh evaluation of the whole period on the store's current state. Written as JSON,
Excel (extra ``excel``) or self-contained HTML.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from cpom_rules.base.envois import envois_par_campagne
from cpom_rules.base.instantanes import evaluate_base, list_instantanes, read_instantane
from cpom_rules.base.textes import erreur
from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.fichiers import ecrire_atomique, ecrire_texte

Rapport = dict[str, Any]


def build_rapport_final(
    moteur: Any, catalogue: Catalogue, *, le: dt.datetime | None = None
) -> Rapport:
    """The final report's data, one entry per establishment."""
    periode = catalogue.periode
    actuel = evaluate_base(moteur, catalogue, periode.fin, au=le, enregistrer=False, le=le)
    assert actuel.resultats is not None
    envoyes: dict[int, Any] = {}
    # « As sent »: the evaluation marked as sent for the campaign (`base envoyer`); without a
    # mark, the kept evaluation on the latest state of the store (a what-if evaluated « as
    # of » an earlier date, kept later, is not what was sent), and the report says so.
    for instantane in sorted(list_instantanes(moteur), key=lambda i: (i.au, i.id or 0)):
        envoyes[instantane.campagne] = instantane
    marques = envois_par_campagne(moteur)
    for campagne, envoi in marques.items():
        envoyes[campagne] = read_instantane(moteur, envoi.evaluation)
    lignes_envoyees: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for campagne, instantane in sorted(envoyes.items()):
        for cle, ligne in read_instantane(moteur, instantane.id).par_cle().items():
            if cle[3] == campagne:
                lignes_envoyees[cle] = {**ligne, "evaluation": instantane.id}
    raisons = {
        str(actuel.resultats.donnees.finess[e]): str(actuel.resultats.donnees.raisons_sociales[e])
        for e in range(actuel.resultats.donnees.nombre_etablissements)
    }
    contrats = {r.finess: r for r in actuel.contrats}
    bilans: dict[str, list[dict[str, Any]]] = {}
    for bilan in actuel.resultats.bilans_records():
        bilans.setdefault(bilan["finess"], []).append(bilan)
    par_finess: dict[str, list[dict[str, Any]]] = {}
    for cle, ligne in sorted(actuel.par_cle().items()):
        envoye = lignes_envoyees.get(cle)
        par_finess.setdefault(cle[0], []).append(
            {
                "indicateur": cle[1],
                "mesure": cle[2],
                "annee": cle[3],
                "statut_envoye": envoye["statut"] if envoye else None,
                "evaluation_envoyee": envoye["evaluation"] if envoye else None,
                "statut_actuel": ligne["statut"],
                "raison_actuelle": ligne["raison"],
                "cible": ligne["cible"],
                "origine": ligne["origine"],
                "preuves_manquantes": ligne["preuves_manquantes"],
            }
        )
    etablissements = []
    for finess, lignes in par_finess.items():
        contrat = contrats.get(finess)
        etablissements.append(
            {
                "finess": finess,
                "raison_sociale": raisons.get(finess, ""),
                "contrat": None
                if contrat is None
                else {
                    "signature": contrat.contrat.signature.isoformat(),
                    "avenants": [
                        {
                            "numero": a.numero,
                            "date": a.date.isoformat(),
                            "a_partir_de": a.a_partir_de,
                            "motif": a.motif,
                            "fiches": list(a.fiches),
                        }
                        for a in contrat.avenants
                    ],
                },
                "synthese": {
                    str(annee): {
                        "envoye": dict(
                            Counter(
                                r["statut_envoye"]
                                for r in lignes
                                if r["annee"] == annee and r["statut_envoye"]
                            )
                        ),
                        "actuel": dict(
                            Counter(r["statut_actuel"] for r in lignes if r["annee"] == annee)
                        ),
                    }
                    for annee in actuel.annees
                },
                "preuves_manquantes": sum(1 for r in lignes if r["preuves_manquantes"]),
                "resultats": lignes,
                "bilans": bilans.get(finess, []),
            }
        )
    return {
        "periode": f"{periode.debut}-{periode.fin}",
        "genere_le": actuel.realisee_le.isoformat(sep=" "),
        "base_au": actuel.au.isoformat(sep=" "),
        "empreinte_catalogue": actuel.empreinte_catalogue,
        "version_paquet": actuel.version_paquet,
        "evaluations_envoyees": {str(c): i.id for c, i in sorted(envoyes.items())},
        "envois": {
            str(c): None
            if c not in marques
            else {
                "le": marques[c].le.isoformat(sep=" "),
                "par": marques[c].utilisateur,
                "note": marques[c].note,
            }
            for c in sorted(envoyes)
        },
        "etablissements": etablissements,
    }


_GABARIT = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Rapport final CPOM {{ r.periode }}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 2em}
td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}.diff{background:#fff3cd}</style></head>
<body><h1>Rapport final du CPOM {{ r.periode }}</h1>
<p>Généré le {{ r.genere_le }} sur la base au {{ r.base_au }} — catalogue {{ r.empreinte_catalogue[:12] }},
cpom_rules {{ r.version_paquet }}. Évaluations envoyées : {% for c, i in r.evaluations_envoyees.items() %}
campagne {{ c }} → n°{{ i }} {% set envoi = r.envois[c] %}{% if envoi %}(envoyée le {{ envoi.le }} par {{ envoi.par }}{% if envoi.note %}, {{ envoi.note }}{% endif %}){% else %}(aucun envoi enregistré : la dernière évaluation gardée){% endif %}{% if not loop.last %}, {% endif %}{% endfor %}.</p>
{% for e in r.etablissements %}<h2>{{ e.raison_sociale }} ({{ e.finess }})</h2>
{% if e.contrat %}<p>Contrat signé le {{ e.contrat.signature }}{% for a in e.contrat.avenants %} ; avenant n°{{ a.numero }}
du {{ a.date }}, applicable dès {{ a.a_partir_de }} : {{ a.motif }}{% endfor %}.</p>{% endif %}
<table><tr><th>fiche</th><th>mesure</th><th>année</th><th>envoyé</th><th>actuel</th><th>cible</th><th>fixée par</th><th>preuves manquantes</th></tr>
{% for l in e.resultats %}<tr{% if l.statut_envoye and l.statut_envoye != l.statut_actuel %} class="diff"{% endif %}>
<td>{{ l.indicateur }}</td><td>{{ l.mesure }}</td><td>{{ l.annee }}</td><td>{{ l.statut_envoye or "—" }}</td>
<td>{{ l.statut_actuel }}</td><td>{{ l.cible or "—" }}</td><td>{{ l.origine or "catalogue" }}</td><td>{{ l.preuves_manquantes or "" }}</td></tr>
{% endfor %}</table>
{% if e.bilans %}<table><tr><th>fiche</th><th>mesure</th><th>total</th><th>valeur</th><th>statut</th></tr>
{% for b in e.bilans %}<tr><td>{{ b.indicateur }}</td><td>{{ b.mesure }}</td><td>{{ b.total or "—" }}</td>
<td>{{ b.valeur if b.valeur is not none else "—" }}</td><td>{{ b.statut }}</td></tr>{% endfor %}</table>{% endif %}
{% endfor %}</body></html>
"""


def write_rapport_final(rapport: Rapport, chemin: Path) -> Path:
    """Write the report; the format follows the extension (.json, .xlsx, .html)."""
    extension = chemin.suffix.lower()
    chemin.parent.mkdir(parents=True, exist_ok=True)
    if extension == ".json":
        ecrire_texte(chemin, json.dumps(rapport, ensure_ascii=False, indent=1, default=str))
    elif extension in (".html", ".htm"):
        environnement = Environment(
            autoescape=select_autoescape(default=True, default_for_string=True)
        )
        ecrire_texte(chemin, environnement.from_string(_GABARIT).render(r=rapport))
    elif extension == ".xlsx":
        _excel(rapport, chemin)
    else:
        raise erreur("extension_rapport", extension=extension or "—")
    return chemin


def _excel(rapport: Rapport, chemin: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415  (extra excel)

    from cpom_rules.render.securite import neutraliser  # noqa: PLC0415

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Verdicts"
    entetes = [
        "finess",
        "raison_sociale",
        "indicateur",
        "mesure",
        "annee",
        "statut_envoye",
        "evaluation_envoyee",
        "statut_actuel",
        "raison_actuelle",
        "cible",
        "origine",
        "preuves_manquantes",
    ]
    feuille.append(entetes)
    for e in rapport["etablissements"]:
        for r in e["resultats"]:
            ligne = {"finess": e["finess"], "raison_sociale": e["raison_sociale"], **r}
            feuille.append([neutraliser(ligne.get(nom)) for nom in entetes])
    bilans = classeur.create_sheet("Bilans")
    noms = ["finess", "indicateur", "mesure", "periode", "total", "valeur", "statut", "raison"]
    bilans.append(noms)
    for e in rapport["etablissements"]:
        for b in e["bilans"]:
            bilans.append([neutraliser(b.get(nom)) for nom in noms])
    feuille_avenants = classeur.create_sheet("Avenants")
    feuille_avenants.append(
        ["finess", "signature", "numero", "date", "a_partir_de", "motif", "fiches"]
    )
    for e in rapport["etablissements"]:
        if e["contrat"]:
            for a in e["contrat"]["avenants"]:
                feuille_avenants.append(
                    [
                        neutraliser(v)
                        for v in (
                            e["finess"],
                            e["contrat"]["signature"],
                            a["numero"],
                            a["date"],
                            a["a_partir_de"],
                            a["motif"],
                            ";".join(a["fiches"]),
                        )
                    ]
                )
    with ecrire_atomique(chemin) as temporaire:
        classeur.save(temporaire)
