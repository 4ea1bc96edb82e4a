"""IBANs with words between their digit groups: found when mod 97 holds, never when it fails."""

from __future__ import annotations

import pytest

from gateway.classification.evasion import EvadedNumberFinder


@pytest.mark.parametrize(
    "text",
    [
        "the account DE89 3704 (that's the bank) 0044 0532 0130 00",
        "IBAN: DE89 3704 0044 then 0532 0130 00",
        "transfer to DE89 3704 0044 0532 and then 0130 00 please",
        "Konto PL61 1090 1014 — to jest mój — 0000 0712 1981 2874",
        "DE89 3704 0044 and then 0532 and then 0130 00",  # two stretches of words
        # An account holding letters: the words between are lower case, its letters are not.
        "Please pay GB29NWBK and then 601613 and then 31926819 by Friday.",
        "Ο λογαριασμός μου: NL91 ABNA μετά 0417 164300",
    ],
)
def test_an_iban_split_by_words_is_found(text: str) -> None:
    assert [h.entity for h in EvadedNumberFinder().find(text, "en")] == ["IBAN_CODE"]


@pytest.mark.parametrize(
    "text",
    [
        "the account DE89 3704 (that's the bank) 0044 0532 0130 01",  # mod 97 fails
        "DE89 3704 0044. Then 0532 0130 00 is another number.",  # a sentence ends between
        "DE89 3704 and 0044 and then 0532 and then 0130 00",  # three stretches of words
        "Please pay GB29NWBK and then 601613 and then 31926818 by Friday.",  # mod 97 fails
    ],
)
def test_digits_after_words_that_fail_the_iban_check_are_no_iban(text: str) -> None:
    assert [h for h in EvadedNumberFinder().find(text, "en") if h.entity == "IBAN_CODE"] == []
