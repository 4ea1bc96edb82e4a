"""A local Presidio service for LiteLLM's Presidio guardrail: the analyzer and anonymizer REST API.

LiteLLM's guardrail calls Presidio over HTTP (``POST /analyze``, ``POST /anonymize``), as Presidio's
own containers serve it. Those containers load a spaCy NER model fetched at build time; nothing may
be fetched here, so this service builds Presidio's stock AnalyzerEngine on a blank English spaCy
pipeline (no NER: PERSON and LOCATION go undetected, every pattern recognizer runs) and the
bundled public suffix list. That makes the guardrail cheaper than the stock one, so LiteLLM with
Presidio is, if anything, understated. Runs in .venv-litellm (Presidio is in its lock):

    .venv-litellm/bin/python bench/sidebyside/presidio_service.py --port 5002
"""

from __future__ import annotations

import argparse
from typing import Any


def build_app() -> Any:
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerResult
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    from presidio_anonymizer import AnonymizerEngine
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    # The e-mail recognizer would fetch the public suffix list; the bundled snapshot is used instead.
    email_recognizer.tldextract = type("Offline", (), {"extract": tldextract.TLDExtract(suffix_list_urls=())})

    class BlankEnglish(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    nlp = BlankEnglish(models=[{"lang_code": "en", "model_name": "blank"}])
    nlp.load()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    anonymizer = AnonymizerEngine()

    async def analyze(request: Request) -> JSONResponse:
        body = await request.json()
        results = analyzer.analyze(
            text=body["text"],
            language=body.get("language", "en"),
            entities=body.get("entities"),
            score_threshold=body.get("score_threshold"),
        )
        return JSONResponse([r.to_dict() for r in results])

    async def anonymize(request: Request) -> JSONResponse:
        body = await request.json()
        found = [RecognizerResult.from_json(r) for r in body.get("analyzer_results", [])]
        result = anonymizer.anonymize(text=body["text"], analyzer_results=found)
        items = [
            {
                "start": i.start,
                "end": i.end,
                "entity_type": i.entity_type,
                "text": i.text,
                "operator": i.operator,
            }
            for i in result.items
        ]
        return JSONResponse({"text": result.text, "items": items})

    async def health(_: Request) -> PlainTextResponse:
        return PlainTextResponse("Presidio service is up")

    return Starlette(
        routes=[
            Route("/analyze", analyze, methods=["POST"]),
            Route("/anonymize", anonymize, methods=["POST"]),
            Route("/health", health),
        ]
    )


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(build_app(), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
