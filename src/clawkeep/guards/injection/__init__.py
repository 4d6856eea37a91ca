"""Shared prompt-injection judgement: normalisation, rules, the classifier, verdicts.

Names are loaded on first use (PEP 562), so ``clawkeep.guards.injection.model_files`` (the
audit's model check) can be imported without loading numpy, tokenizers or onnxruntime.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clawkeep.guards.injection._batcher import ScoreBatcher
    from clawkeep.guards.injection._normalise import Normalised, normalise
    from clawkeep.guards.injection.classifier import (
        ClassifierError,
        InjectionClassifier,
        default_classifier,
        model_status,
    )
    from clawkeep.guards.injection.model_files import model_files_status
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
    "model_files_status",
    "model_status",
    "normalise",
]

_WHERE = {
    "ScoreBatcher": "_batcher",
    "Normalised": "_normalise",
    "normalise": "_normalise",
    "ClassifierError": "classifier",
    "InjectionClassifier": "classifier",
    "default_classifier": "classifier",
    "model_status": "classifier",
    "model_files_status": "model_files",
    "match_rule": "rules",
    "TextVerdict": "verdict",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
