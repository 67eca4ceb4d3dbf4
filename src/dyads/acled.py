"""ACLED event and sub-event types for the events inside ACLED's scope.

A crosswalk from CAMEO codes (``data/crosswalk/cameo_acled.tsv``) refined by who
acts on whom: an assault on an armed actor is a battle, on anyone else an attack on
civilians. Events outside ACLED's scope get ``{"event_type": null, ...}``.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

ARMED_SECTORS = {"MIL", "REB", "COP", "SPY", "UAF", "INS", "SEP"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD"}


@functools.cache
def _rows() -> tuple[dict, ...]:
    path = resources.files("dyads") / "data" / "crosswalk" / "cameo_acled.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return tuple(csv.DictReader(lines, delimiter="\t"))


def _holds(condition: str, source, target) -> bool:
    armed_target = target is not None and (target.sector in ARMED_SECTORS or target.kind == "group")
    state_source = source is not None and source.sector in STATE_SECTORS
    return {
        "any": True,
        "armed_target": armed_target,
        "unarmed_target": target is not None and not armed_target and target.sector is not None,
        "state_source": state_source,
        "nonstate_source": source is not None and not state_source,
    }[condition]


def classify(code: str, *, source=None, target=None) -> dict:
    """ACLED type of a CAMEO-coded event, given its source and target actors."""
    best: dict | None = None
    for row in _rows():
        prefix = row["cameo"]
        if not code.startswith(prefix) or not _holds(row["condition"], source, target):
            continue
        if best is None or len(prefix) > len(best["cameo"]):
            best = row
    if best is None:
        return {"event_type": None, "sub_event_type": None}
    return {"event_type": best["event_type"], "sub_event_type": best["sub_event_type"]}
