"""Which evaluation of a campaign was sent to the establishments, when and by whom.

An ARS may evaluate a campaign several times (a correction, a what-if « as of » an earlier
date) and sends one of them. Marking it (`record_envoi`) is what the final report's « as
sent » column reads; sending again (after a correction) is a new record, the latest wins.
Records are append-only like the rest of the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from cpom_rules.base.connexion import verifier_revision
from cpom_rules.base.provenance import utilisateur_systeme
from cpom_rules.base.schema import envois, evaluations
from cpom_rules.base.textes import erreur


@dataclass(frozen=True)
class Envoi:
    """Evaluation `evaluation` (of campaign `campagne`) sent on `le` by `utilisateur`."""

    evaluation: int
    campagne: int
    le: dt.datetime
    utilisateur: str
    note: str


def record_envoi(
    moteur: Engine,
    evaluation: int,
    *,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
    note: str = "",
) -> Envoi:
    """Mark kept evaluation `evaluation` as sent (now, or on `le`)."""
    verifier_revision(moteur)
    moment = (le or dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    with moteur.begin() as connexion:
        campagne = connexion.execute(
            select(evaluations.c.campagne).where(evaluations.c.id == evaluation)
        ).scalar_one_or_none()
        if campagne is None:
            raise erreur("evaluation_inconnue", numero=evaluation)
        envoi = Envoi(evaluation, campagne, moment, utilisateur or utilisateur_systeme(), note)
        connexion.execute(
            envois.insert().values(
                evaluation_id=evaluation,
                envoye_le=envoi.le,
                utilisateur=envoi.utilisateur,
                note=envoi.note,
            )
        )
    return envoi


def list_envois(moteur: Engine) -> list[Envoi]:
    """Every record, oldest first."""
    requete = (
        select(
            envois.c.evaluation_id,
            evaluations.c.campagne,
            envois.c.envoye_le,
            envois.c.utilisateur,
            envois.c.note,
        )
        .join(evaluations, evaluations.c.id == envois.c.evaluation_id)
        .order_by(envois.c.envoye_le, envois.c.id)
    )
    with moteur.connect() as connexion:
        return [Envoi(*ligne) for ligne in connexion.execute(requete)]


def envois_par_campagne(moteur: Engine) -> dict[int, Envoi]:
    """The evaluation last sent for each campaign that has one."""
    return {envoi.campagne: envoi for envoi in list_envois(moteur)}


__all__ = ["Envoi", "envois_par_campagne", "list_envois", "record_envoi"]
