"""Person names without an NER model, in the seven languages, and not in technical text."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine


@pytest.mark.parametrize(
    "text",
    [
        "Please forward the contract to Emily Clarke by Monday.",
        "Dear Oliver, thanks for the update.",
        "Mr. Henderson will join the call.",
        "Ataskaitą parašė Rūta Petraitienė.",
        "Perdaviau dokumentus Jonui Kazlauskui.",
        "Ponas Jankauskas prisijungs prie skambučio.",
        "Sanāksmē piedalījās Jānis Bērziņš.",
        "Bērziņa kundze pievienosies zvanam.",
        "Tere Mari, aitäh uuenduse eest.",
        "Koosolekul osales Tiit Tamm.",
        "Hyvä Matti Virtanen, kiitos viestistä.",
        "Herra Korhonen liittyy puheluun.",
        "Hallo Jürgen, danke für das Update.",
        "Herr Müller nimmt am Anruf teil.",
        "Il rapporto è stato scritto da Giulia Rossi.",
        "Il signor Bianchi si unirà alla chiamata.",
        "My name is Xavier Quentinson.",  # neither name listed: the introduction decides
    ],
)
def test_names_are_found(engine: DetectionEngine, text: str) -> None:
    assert engine.analyze(text).entities.get("PERSON") == 1


@pytest.mark.parametrize(
    "text",
    [
        "The C4 model and Amazon S3 both appear in the architecture review.",
        "Set the colour to #96c and the margin to 4px.",
        "Jenkins runs the nightly build; Maven resolves the dependencies.",
        "Julia and Ruby are both dynamically typed languages.",
        "Will the migration finish before the maintenance window closes?",
        "May we schedule the upgrade for Tuesday?",
        "Use JsonParser.parse() and Client(config) in the handler.",
        "class CustomerRepository(BaseRepository): pass",
        "The European Data Protection Board met in Brussels.",
        "Die Pipeline baut das Container-Image und lädt es in die Registry hoch.",
        "Kubernetes Scheduler assigns Pods to Nodes.",
    ],
)
def test_technical_text_has_no_names(engine: DetectionEngine, text: str) -> None:
    assert "PERSON" not in engine.analyze(text).entities
