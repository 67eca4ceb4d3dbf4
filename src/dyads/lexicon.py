"""The coder's lexicon: verbs, event nouns, adjectives and wrapper constructions.

Two package data sources, merged once per process: the broad verb list derived from
the PETRARCH2 CAMEO verb dictionary (``data/verbs/``, through :mod:`dyads.codebook`)
and dyads' own constructions file (``data/lexicon/constructions.yaml``), whose verb
codes win where both speak.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterator, Mapping

import yaml

from dyads import codebook
from dyads.errors import DataError

# The root each wrapper codes in (CAMEO 03 intent, 12 reject, 10 demand, 02 appeal).
WRAPPER_ROOTS = {"intent": "03", "reject": "12", "demand": "10", "appeal": "02"}
# Protest, force posture, coercion and violence: what one vows to do of these is a threat.
FORCE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


@dataclass(frozen=True)
class Lexicon:
    verbs: Mapping[str, str]
    own_verbs: frozenset[str]      # verbs dyads' own constructions file codes
    adjectives: Mapping[str, str]
    nouns: Mapping[str, str]
    light_verbs: frozenset[str]
    participant_verbs: Mapping[str, str | None]
    transparent: Mapping[str, str]
    intent: frozenset[str]
    intent_nouns: frozenset[str]
    intent_codes: Mapping[str, str]
    reject: frozenset[str]
    reject_codes: Mapping[str, str]
    demand: frozenset[str]
    demand_codes: Mapping[str, str]
    speech: frozenset[str]
    pejorative_nouns: Mapping[str, str]
    generic_heads: frozenset[str]
    modals: Mapping[str, str]
    hypothetical_marks: frozenset[str]
    group_heads: frozenset[str]
    holding_nouns: frozenset[str]
    dwelling_nouns: frozenset[str]
    dwelling_modifiers: frozenset[str]
    joint_nouns: frozenset[str]
    object_control: frozenset[str]
    settle_verbs: frozenset[str]
    settle_nouns: frozenset[str]
    settle_code: str
    verb_noun: tuple[tuple[frozenset[str], frozenset[str], str], ...]
    give_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    threat_verbs: frozenset[str]
    threat_codes: Mapping[str, str]
    stop_verbs: frozenset[str]
    demand_nouns: frozenset[str]
    proposal_nouns: frozenset[str]
    purpose_verbs: frozenset[str]
    appeal: frozenset[str]
    appeal_codes: Mapping[str, str]
    occurrence_verbs: frozenset[str]
    # verbs whose PLOVER type is finer than their CAMEO code's: "resign" (080, CONCEDE
    # by the crosswalk) is PLOVER's RETREAT "resign"; verb -> (type, mode)
    plover_verbs: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # objects that carry the act's name in a modifier: "mediation efforts"
    carrier_nouns: frozenset[str] = frozenset()
    # nouns that count or time the event named in their "of" phrase: "a series of strikes"
    span_nouns: frozenset[str] = frozenset()
    # nouns that name an act by its verb, and the verbs after which they are that act
    deverbals: Mapping[str, str] = field(default_factory=dict)
    act_verbs: frozenset[str] = frozenset()
    # killing one holder of these offices is an assassination (186)
    kill_verbs: frozenset[str] = frozenset()
    leader_titles: frozenset[str] = frozenset()
    killing_codes: frozenset[str] = frozenset()   # the codes that name no means
    # what an author issues: "issued a statement condemning" is the author's condemnation
    message_nouns: frozenset[str] = frozenset()
    authoring_verbs: frozenset[str] = frozenset()
    # what an act is about: parent code -> facets in the order of its children, and the
    # words (tuples of lemmas or forms) that name each facet
    facet_families: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facet_cues: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    # a cue that is also a word of the act counts only with an object among these
    # lemmas or entity types: lemma -> (object lemmas, entity labels)
    facet_licenses: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    # force verbs news also uses of words: all of them, those that are then criticism,
    # the sectors that speak but do not fight, and words of physical harm
    figurative_verbs: frozenset[str] = frozenset()
    criticism_verbs: frozenset[str] = frozenset()
    speaking_sectors: frozenset[str] = frozenset()
    casualty_words: frozenset[str] = frozenset()
    # "call X Y": naming verbs, the epithets that make it criticism, and the code of
    # "call X" as a telephone call
    naming_verbs: frozenset[str] = frozenset()
    epithets: frozenset[str] = frozenset()
    telephone_code: str = "041"
    # verbs whose own code needs an object that names someone or an event
    party_object_verbs: frozenset[str] = frozenset()
    move_verbs: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    summon_verbs: frozenset[str] = frozenset()
    readying_verbs: frozenset[str] = frozenset()
    decision_verbs: frozenset[str] = frozenset()
    # head nouns of the sources a reporter quotes without a name
    anonymous_sources: frozenset[str] = frozenset()
    extra: Mapping[str, object] = field(default_factory=dict)

    def verb_code(self, lemma: str, *, particle: str | None = None) -> str | None:
        """CAMEO code of a verb lemma, trying the phrasal form first."""
        if particle:
            code = self.verbs.get(f"{lemma} {particle}")
            if code:
                return code
        return self.verbs.get(lemma)

    def plover_of_verb(self, lemma: str, particle: str | None, code: str) -> tuple[str, str] | None:
        """PLOVER (type, mode) of a verb that is itself the event coded ``code``: its own
        code's root, not a wrapper's ("threatened to resign" is a threat)."""
        for key in ((f"{lemma} {particle}",) if particle else ()) + (lemma,):
            own = self.verbs.get(key)
            if key in self.plover_verbs and own and own[:2] == code[:2]:
                return self.plover_verbs[key]
        return None

    def pair_code(self, lemma: str, noun: str) -> str | None:
        """Code of a verb + object-noun pair ("lift" + "sanctions" -> 085)."""
        for verbs, nouns, code in self.verb_noun:
            if lemma in verbs and noun in nouns:
                return code
        return None

    def facet_child(self, code: str, words: list[tuple[str, str]]) -> str | None:
        """The child of family code ``code`` whose facet the words name first, or None.

        ``words`` are (form, lemma) pairs in text order, lower case; at each word the
        longest cue phrase wins ("war crimes" before "crime"). A root's unspecified
        code ("100" demand) takes the child of the one family of its root that has the
        facet ("demanded the resignation" 1041); a facet several families of the root
        share ("economic": cooperation 1011 or aid 1031) decides nothing."""
        families = self.facet_families
        if code in families:
            candidates = [code]
        elif len(code) == 3 and code.endswith("0"):
            candidates = [p for p in families if len(p) == 3 and p[:2] == code[:2]]
        else:
            return None
        if not candidates:
            return None
        for named in self._named_facets(words):
            children = [f"{p}{position}" for p in candidates
                        for position, facet in enumerate(families[p], start=1) if facet in named]
            # one family: its first facet the cue names; several: only an unshared one
            if children and (len(candidates) == 1 or len(children) == 1):
                return children[0]
        return None

    @functools.cached_property
    def _longest_cue(self) -> int:
        return max((len(cue) for cue in self.facet_cues), default=0)

    def _named_facets(self, words: list[tuple[str, str]]) -> Iterator[frozenset[str]]:
        """The facets each cue of ``words`` names, word by word in text order, the
        longest cue at each word ("human rights" at "human", then "rights")."""
        longest = self._longest_cue
        for start in range(len(words)):
            for length in range(min(longest, len(words) - start), 0, -1):
                span = words[start:start + length]
                named = (self.facet_cues.get(tuple(form for form, _ in span))
                         or self.facet_cues.get(tuple(lemma for _, lemma in span)))
                if named:
                    yield named
                    break   # at one word, the longest cue

    def threat_code(self, inner: str | None) -> str:
        """CAMEO 13x code of a threat to do ``inner``: the most specific match."""
        if inner:
            for length in (len(inner), 3, 2):
                if inner[:length] in self.threat_codes:
                    return self.threat_codes[inner[:length]]
        return self.threat_codes["default"]

    def wrapped_code(self, kind: str, inner: str | None) -> str:
        """Code of an embedded event under an intent, rejection or demand wrapper."""
        table = {"intent": self.intent_codes, "reject": self.reject_codes,
                 "demand": self.demand_codes, "appeal": self.appeal_codes}[kind]
        if inner and inner[:2] == WRAPPER_ROOTS[kind]:
            return inner   # "pledged to provide aid" under "agreed": already an intent
        if kind == "intent" and inner and inner[:2] in FORCE_ROOTS:
            return self.threat_code(inner)   # vowing to use force or coercion threatens it
        if inner:
            # the most specific entry: "0871" before "087" before "08"
            for length in (len(inner), 3, 2):
                if inner[:length] in table:
                    return table[inner[:length]]
        return table.get("default", next(iter(table.values())))


@functools.cache
def default() -> Lexicon:
    """The package lexicon (loaded once)."""
    path = resources.files("dyads") / "data" / "lexicon" / "constructions.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: malformed YAML ({exc})") from exc
    verbs = {lemma: entry.code for lemma, entry in codebook.verb_lexicon().items()}
    verbs.update({k: str(v) for k, v in raw["verbs"].items()})
    codes = list(verbs.values()) + [str(v) for v in raw["nouns"].values()]
    codes += [str(r["code"]) for r in raw["verb_noun"]]
    for code in codes:
        if not codebook.is_cameo(code):
            raise DataError(f"{path}: unknown CAMEO code {code!r}")
    return Lexicon(
        verbs=verbs,
        own_verbs=frozenset(raw["verbs"]),
        adjectives={k: str(v) for k, v in raw["adjectives"].items()},
        nouns={k: str(v) for k, v in raw["nouns"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        participant_verbs={k: (str(v) if v else None) for k, v in raw["participant_verbs"].items()},
        transparent=dict(raw["transparent"]),
        intent=frozenset(raw["intent"]),
        intent_nouns=frozenset(raw["intent_nouns"]),
        intent_codes={str(k): str(v) for k, v in raw["intent_codes"].items()},
        reject=frozenset(raw["reject"]),
        reject_codes={str(k): str(v) for k, v in raw["reject_codes"].items()},
        demand=frozenset(raw["demand"]),
        demand_codes={str(k): str(v) for k, v in raw["demand_codes"].items()},
        speech=frozenset(raw["speech"]),
        pejorative_nouns={k: str(v) for k, v in raw["pejorative_nouns"].items()},
        generic_heads=frozenset(raw["generic_heads"]),
        modals=dict(raw["modals"]),
        hypothetical_marks=frozenset(raw["hypothetical_marks"]),
        group_heads=frozenset(raw["group_heads"]),
        holding_nouns=frozenset(raw.get("holding_nouns", ())),
        dwelling_nouns=frozenset(raw["dwelling_nouns"]),
        dwelling_modifiers=frozenset(raw["dwelling_modifiers"]),
        joint_nouns=frozenset(raw["joint_nouns"]),
        object_control=frozenset(raw["object_control"]),
        settle_verbs=frozenset(raw["dispute_settlement"]["verbs"]),
        settle_nouns=frozenset(raw["dispute_settlement"]["nouns"]),
        settle_code=str(raw["dispute_settlement"]["code"]),
        verb_noun=tuple((frozenset(r["verbs"]), frozenset(r["nouns"]), str(r["code"]))
                        for r in raw["verb_noun"]),
        give_verbs=frozenset(raw["give_verbs"]),
        intent_adjectives=frozenset(raw["intent_adjectives"]),
        threat_verbs=frozenset(raw["threat_verbs"]),
        threat_codes={str(k): str(v) for k, v in raw["threat_codes"].items()},
        stop_verbs=frozenset(raw["stop_verbs"]),
        demand_nouns=frozenset(raw["demand_nouns"]),
        proposal_nouns=frozenset(raw["proposal_nouns"]),
        purpose_verbs=frozenset(raw["purpose_verbs"]),
        appeal=frozenset(raw["appeal"]),
        appeal_codes={str(k): str(v) for k, v in raw["appeal_codes"].items()},
        occurrence_verbs=frozenset(raw["occurrence_verbs"]),
        carrier_nouns=frozenset(raw.get("carrier_nouns", ())),
        span_nouns=frozenset(raw.get("span_nouns", ())),
        deverbals={str(k): str(v) for k, v in raw.get("deverbals", {}).items()},
        act_verbs=frozenset(raw.get("act_verbs", ())),
        message_nouns=frozenset(raw.get("messages", {}).get("nouns", ())),
        authoring_verbs=frozenset(raw.get("messages", {}).get("authoring_verbs", ())),
        kill_verbs=frozenset(raw.get("assassination", {}).get("verbs", ())),
        leader_titles=frozenset(raw.get("assassination", {}).get("titles", ())),
        killing_codes=frozenset(str(c) for c in raw.get("assassination", {}).get("replaces", ())),
        plover_verbs={str(k): (str(v["type"]), str(v.get("mode") or ""))
                      for k, v in raw.get("plover_verbs", {}).items()},
        **_facets(raw.get("facets", {}), path),
        **_words_of(raw.get("figurative_force", {}), figurative_verbs="verbs", criticism_verbs="criticism",
                    speaking_sectors="speaking_sectors", casualty_words="casualties"),
        **_words_of(raw.get("naming", {}), naming_verbs="verbs", epithets="epithets"),
        telephone_code=str(raw.get("naming", {}).get("telephone_code", "041")),
        **_words_of(raw, party_object_verbs="party_object_verbs", anonymous_sources="anonymous_sources",
                    move_verbs="move_verbs", stance_nouns="stance_nouns", summon_verbs="summon_verbs",
                    readying_verbs="readying_verbs", decision_verbs="decision_verbs"),
    )


def _words_of(section: dict, **fields: str) -> dict[str, frozenset[str]]:
    """Word lists of a lexicon section as Lexicon fields: field name -> section key
    (a missing key is an empty list)."""
    return {name: frozenset(str(word) for word in section.get(key, ()))
            for name, key in fields.items()}


def _facets(raw: dict, path) -> dict:
    """The ``facets`` section: every parent + position must be a CAMEO code."""
    families: dict[str, tuple[str, ...]] = {}
    for family in raw.get("families", ()):
        facets = tuple(str(f) for f in family["facets"])
        for parent in family["parents"]:
            for position in range(1, len(facets) + 1):
                if not codebook.is_cameo(f"{parent}{position}"):
                    raise DataError(f"{path}: facet {facets[position - 1]!r} of {parent} "
                                    f"has no CAMEO code {parent}{position}")
            families[str(parent)] = facets
    cues: dict[tuple[str, ...], set[str]] = {}
    for facet, words in raw.get("cues", {}).items():
        for phrase in words:
            cues.setdefault(tuple(str(phrase).lower().split()), set()).add(str(facet))
    licenses = {str(word): (frozenset(str(o) for o in spec.get("objects", ())),
                            frozenset(str(e) for e in spec.get("entities", ())))
                for word, spec in (raw.get("licenses") or {}).items()}
    return {"facet_families": families,
            "facet_cues": {cue: frozenset(named) for cue, named in cues.items()},
            "facet_licenses": licenses}
