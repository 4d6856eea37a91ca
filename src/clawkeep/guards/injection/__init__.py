"""Shared prompt-injection judgement: normalisation, rules, the ONNX classifier, verdicts."""

from __future__ import annotations

from clawkeep.guards.injection._batcher import ScoreBatcher
from clawkeep.guards.injection._normalise import Normalised, normalise
from clawkeep.guards.injection.classifier import (
    ClassifierError,
    InjectionClassifier,
    default_classifier,
    model_status,
)
from clawkeep.guards.injection.rules import match_rule
from clawkeep.guards.injection.verdict import TextVerdict

__all__ = [
    "ClassifierError",
    "InjectionClassifier",
    "Normalised",
    "ScoreBatcher",
    "TextVerdict",
    "default_classifier",
    "match_rule",
    "model_status",
    "normalise",
]
