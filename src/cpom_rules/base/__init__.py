"""The campaign store (extra ``base``): yearly campaigns in SQLite or PostgreSQL, with provenance.

SQLAlchemy Core and Alembic migrations around the pure core: imports are idempotent and
append-only, every value knows its file, row, import time, user and campaign, evaluations are
kept as snapshots that can be replayed bit for bit, and two snapshots can be compared with the
cause of each changed verdict.

from cpom_rules.base import open_base, init_base, import_mesures, evaluate_base
moteur = open_base("cpom.sqlite")          # or "postgresql+psycopg://ars@serveur/cpom"
init_base(moteur)
import_mesures(moteur, "mesures-2025.csv", campagne=2025)
instantane = evaluate_base(moteur, catalogue, campagne=2025)
"""

from __future__ import annotations

from cpom_rules.base.connexion import (
    init_base,
    open_base,
    revision_base,
    url_base,
    verifier_revision,
)
from cpom_rules.base.ecarts import Ecart, compare_evaluations, history_cible, history_valeur
from cpom_rules.base.envois import Envoi, envois_par_campagne, list_envois, record_envoi
from cpom_rules.base.imports import (
    import_contrats,
    import_etablissements,
    import_mesures,
    import_mesures_larges,
)
from cpom_rules.base.instantanes import (
    Instantane,
    empreinte_catalogue,
    evaluate_base,
    list_instantanes,
    read_instantane,
    reproduce,
)
from cpom_rules.base.lecture import Etat, read_etat
from cpom_rules.base.provenance import BilanImport
from cpom_rules.base.rapport_final import build_rapport_final, write_rapport_final

__all__ = [
    "BilanImport",
    "Ecart",
    "Envoi",
    "Etat",
    "Instantane",
    "build_rapport_final",
    "compare_evaluations",
    "empreinte_catalogue",
    "envois_par_campagne",
    "evaluate_base",
    "history_cible",
    "history_valeur",
    "import_contrats",
    "import_etablissements",
    "import_mesures",
    "import_mesures_larges",
    "init_base",
    "list_envois",
    "list_instantanes",
    "open_base",
    "read_etat",
    "read_instantane",
    "record_envoi",
    "reproduce",
    "revision_base",
    "url_base",
    "verifier_revision",
    "write_rapport_final",
]
