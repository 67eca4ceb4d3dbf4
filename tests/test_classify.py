"""dyads.classify: the packaged event-type classifier on sentences written for this test.

Skipped when the [ml] extra (sentence-transformers) is not installed. The sentences
below are not in the training corpus; they check that the shipped model types
common events by their meaning, and that its outputs are well-formed probabilities.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sentence_transformers")

from dyads.classify import (  # noqa: E402 - after the skip on purpose
    EventClassifier,
    Prediction,
    load_model,
    model_path,
    save_model,
    unavailable_reason,
)
from dyads.errors import DataError  # noqa: E402

AIR_STRIKE = ("Turkish warplanes struck Kurdish militant positions in northern Iraq on "
              "Tuesday, killing at least a dozen fighters.")
VISIT = ("Indian Prime Minister Narendra Modi arrived in Washington on Wednesday for a "
         "three-day official visit.")
DEMAND = ("Opposition leaders demanded that the electoral commission publish the full "
          "vote count by Friday.")
PROTEST = ("Thousands of teachers marched through the streets of Nairobi on Monday to "
           "protest against months of unpaid salaries.")
NO_EVENT = ("The new stadium in the city centre seats 40,000 spectators and has a "
            "retractable roof.")


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    found = EventClassifier.default()
    assert found is not None, unavailable_reason()
    return found


@pytest.fixture(scope="module")
def predictions(classifier: EventClassifier) -> dict[str, Prediction]:
    texts = {"strike": AIR_STRIKE, "visit": VISIT, "demand": DEMAND, "protest": PROTEST,
             "none": NO_EVENT}
    return dict(zip(texts, classifier.predict(list(texts.values()))))


def test_available_when_the_extra_is_installed() -> None:
    assert unavailable_reason() is None
    assert model_path().is_file()


def test_air_strike_is_violence(predictions: dict[str, Prediction]) -> None:
    strike = predictions["strike"]
    assert strike.root in ("18", "19"), strike
    assert strike.event_probability > 0.5


def test_visit_demand_protest(predictions: dict[str, Prediction]) -> None:
    assert predictions["visit"].root == "04", predictions["visit"]
    assert predictions["demand"].root == "10", predictions["demand"]
    assert predictions["protest"].root == "14", predictions["protest"]


def test_no_event_sentence(predictions: dict[str, Prediction]) -> None:
    none = predictions["none"]
    assert none.event_probability < 0.3, none
    assert none.code is None and none.root is None


def test_views_mask_names_and_find_the_predicate(classifier: EventClassifier) -> None:
    views = classifier.view_texts([
        AIR_STRIKE,
        "The minister said on Monday that the army had shelled the town of Bakhmut.",
        "Iran did not agree to resume talks with the IAEA.",
    ])
    strike, reported, refused = views["sentence"]
    assert "Iraq" not in strike and "Turkish" not in strike and "Tuesday" not in strike
    assert "struck" in strike
    assert "the the" not in refused
    predicates = views["predicate"]
    assert predicates[0].startswith("struck")
    assert "shelled" in predicates[1] and "said" not in predicates[1]  # the reported event
    assert predicates[2].startswith("not agree to resume talks")


def test_predictions_are_probabilities(predictions: dict[str, Prediction]) -> None:
    for prediction in predictions.values():
        probabilities = [p for _, p in prediction.ranked]
        assert probabilities == sorted(probabilities, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in probabilities)
        # Codes share the event mass: together they cannot exceed it.
        assert sum(probabilities) <= prediction.event_probability + 1e-3
        if prediction.code is not None:
            assert prediction.code.startswith(prediction.root)
            assert dict(prediction.ranked).get(prediction.code, prediction.probability) == \
                pytest.approx(prediction.probability, abs=1e-4)


def test_batch_and_single_agree(classifier: EventClassifier,
                                predictions: dict[str, Prediction]) -> None:
    alone = classifier.predict([VISIT])[0]
    assert alone.code == predictions["visit"].code
    assert alone.probability == pytest.approx(predictions["visit"].probability, abs=1e-3)
    assert classifier.predict([]) == []
    with pytest.raises(TypeError):
        classifier.predict(VISIT)  # type: ignore[arg-type]


def test_a_broken_weights_file_is_a_data_error(tmp_path: Path) -> None:
    shipped = load_model()
    broken = tmp_path / "classifier.npz"
    np.savez(broken, root_labels=np.array(shipped.root_labels),
             root_weights=shipped.root_weights)
    with pytest.raises(DataError, match="lacks"):
        load_model(broken)
    other = tmp_path / "other.npz"
    save_model(replace(shipped, embedding_model="other/model"), other)
    with pytest.raises(DataError, match="other/model"):
        load_model(other)
    again = tmp_path / "again.npz"
    save_model(shipped, again)
    assert load_model(again).code_labels == shipped.code_labels


def test_root_and_code_probabilities_agree(predictions: dict[str, Prediction]) -> None:
    for prediction in predictions.values():
        assert sum(prediction.roots.values()) == pytest.approx(prediction.event_probability, abs=1e-3)
        if prediction.code is not None:
            best = prediction.best_within(prediction.root)
            assert best is not None and best[0] == prediction.code
            inside = sum(p for code, p in prediction.codes.items() if code[:2] == prediction.root)
            assert inside == pytest.approx(prediction.roots[prediction.root], abs=1e-2)


CLASHED = "Israeli troops clashed with Palestinian gunmen in Jenin."


def _codes(text: str) -> set[str]:
    from dyads.ingest import Document
    from dyads.pipeline import code_documents

    coded = next(code_documents([Document(doc_id="t", text=text, date="2019-03-01")]))
    return {event["cameo"] for event in coded.events}


def test_the_classifier_refines_the_rules_code_within_its_root(monkeypatch) -> None:
    # The rules read "clashed" as conventional force (190); gunmen fighting troops is
    # the small-arms fight (193). DYADS_CLASSIFIER is read per call.
    monkeypatch.setenv("DYADS_CLASSIFIER", "0")
    assert _codes(CLASHED) == {"190"}
    monkeypatch.setenv("DYADS_CLASSIFIER", "1")
    assert _codes(CLASHED) == {"193"}


def test_the_classifier_keeps_a_code_the_clause_s_words_already_refined(monkeypatch) -> None:
    # What the accusation is about names the exact code by the lexicon's facets
    # (torture: human-rights abuse 1122, spying: espionage 1125); the classifier
    # agrees and does not move it.
    for flag in ("0", "1"):
        monkeypatch.setenv("DYADS_CLASSIFIER", flag)
        assert "1122" in _codes(ACCUSED_TORTURE)
        assert _codes(ACCUSED_SPYING) == {"1125"}


ACCUSED_TORTURE = "The opposition accused the Zimbabwean government of torturing detained activists."
ACCUSED_SPYING = "Kenya accused Somalia of spying on its officials."
