"""E-mail and IP address recognizers: Presidio's, validated offline and for addresses that identify."""

from __future__ import annotations

import ipaddress
from typing import Any

import regex
import tldextract
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer

from gateway.classification.presidio.results import weighed_result

# The bundled public suffix snapshot; an empty URL list means tldextract never fetches one.
OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating the domain against the bundled suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        return OFFLINE_TLD(pattern_text).fqdn != ""


class PublicIpRecognizer(IpRecognizer):
    """Globally routable IP addresses; private, loopback, link-local and documentation ranges
    identify no one outside their network (and "version 10.4.3.2" is not an address).

    Candidates come from two small patterns and are validated by ``ipaddress`` (Presidio's own
    IPv6 patterns cost more than everything else on a log line). An address is reported on its
    own (score 0.6): context words would only raise the score, so results skip the enhancer.
    """

    SCORE = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        results = []
        for pattern in (_IPV4, _IPV6) if ":" in text else (_IPV4,):
            for m in pattern.finditer(text):
                if not self.invalidate_result(m.group(0)):
                    results.append(weighed_result(self, "IP_ADDRESS", m.start(), m.end(), self.SCORE))
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        try:
            ip = ipaddress.ip_interface(pattern_text).ip
        except ValueError:
            return True
        return not ip.is_global


_IPV4 = regex.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?!\.?\d)")
_IPV6 = regex.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])"
)
