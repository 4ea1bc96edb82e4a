"""The simulator's "model": a fixed word list unrolled once into a long token table.

A generation is a slice of that table, chosen by hashing the prompt and the request's seed, so the
same request always gets the same answer and producing one costs a slice, not a sampling loop. The
words are plain common nouns, verbs and adjectives: no names or places, so answers never look like
personal data to the gateway's classifier.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b

_WORD_LIST = """
the a of and to in is that it for on with as was at by this be from or an are not have which model
answer system data node request token stream value result process method example point simple clear
small large quick steady careful early later often always never usually rarely make take give find
keep build run read write check send carry hold move turn open close start finish follow explain
describe compare measure test verify improve reduce increase choose use river mountain garden window
kitchen library market bridge harbor forest meadow valley island morning evening summer winter
weather light shadow color sound music story paper letter number question reason detail pattern
signal record report table chart graph figure section chapter useful careful gentle bright quiet
warm cold fresh ancient modern rapid slow strong light heavy because although while before after
during between across through around within without first second third next last other same
different several many few each every both either water stone glass metal wood cloth bread fruit
grain seed leaf branch root flower cloud rain engine wheel rope lamp clock coin key door wall roof
floor step path road field farm village
"""
WORDS: tuple[str, ...] = tuple(_WORD_LIST.split())

VOCAB_SIZE = 32_000
EOS_ID = 2
EOS_TEXT = "</s>"
TABLE_SIZE = 8_192  # at least max_total_tokens, so one slice of the doubled table never wraps
_PUNCTUATION = ((".", 29889), (",", 29892))
_FIRST_WORD_ID = 1_000


@dataclass(frozen=True, slots=True)
class Token:
    """One generated token, with its JSON object pre-rendered for stream events."""

    id: int
    text: str
    logprob: float
    special: bool
    json: str  # {"id":..,"text":..,"logprob":..,"special":..}
    text_json: str  # the text as a JSON string


def make_token(token_id: int, text: str, logprob: float, special: bool = False) -> Token:
    body = json.dumps(
        {"id": token_id, "text": text, "logprob": logprob, "special": special},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return Token(token_id, text, logprob, special, body, json.dumps(text, ensure_ascii=False))


EOS = make_token(EOS_ID, EOS_TEXT, -0.0625, special=True)


class TokenTable:
    """Precomputed tokens: ``following[i]`` is position i as it reads mid-sentence (" word", "."),
    ``opening[i]`` as the first token of an answer (capitalised, no leading space)."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.following: list[Token] = []
        self.opening: list[Token] = []
        previous_punct = True
        for _ in range(TABLE_SIZE):
            logprob = -round(rng.random() * 2.5, 4)
            if not previous_punct and rng.random() < 0.12:
                text, token_id = _PUNCTUATION[0] if rng.random() < 0.5 else _PUNCTUATION[1]
                self.following.append(make_token(token_id, text, logprob))
                self.opening.append(make_token(token_id, text, logprob))
                previous_punct = True
                continue
            index = rng.randrange(len(WORDS))
            word = WORDS[index]
            self.following.append(make_token(_FIRST_WORD_ID + 2 * index, " " + word, logprob))
            self.opening.append(make_token(_FIRST_WORD_ID + 2 * index + 1, word.capitalize(), logprob))
            previous_punct = False
        # Doubled so a slice starting anywhere in the first half never wraps.
        self.following = self.following + self.following
        self.seed = seed

    def start(self, key: int) -> int:
        """The table position where the answer for ``key`` begins (always a word, never punctuation)."""
        position = key % TABLE_SIZE
        while self.opening[position].id in (_PUNCTUATION[0][1], _PUNCTUATION[1][1]):
            position = (position + 1) % TABLE_SIZE
        return position

    def take(self, key: int, count: int, opening: bool) -> list[Token]:
        """``count`` tokens of the answer for ``key``: ``opening`` starts a fresh answer (chat),
        otherwise the answer continues the prompt (native and completions: " word ...")."""
        if count <= 0:
            return []
        position = self.start(key)
        if not opening:
            return self.following[position : position + count]
        return [self.opening[position], *self.following[position + 1 : position + count]]

    def request_key(self, prompt: str, seed: int | None) -> int:
        """A stable 64-bit key for (this table's seed, prompt, request seed)."""
        digest = blake2b(digest_size=8, key=(self.seed & 0xFFFF_FFFF_FFFF_FFFF).to_bytes(8, "little"))
        digest.update(prompt.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00" + str(seed).encode())
        return int.from_bytes(digest.digest(), "little")


def word_id(word: str) -> int:
    """A stable token id for a prompt word (for /tokenize and prefill details)."""
    digest = blake2b(word.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return 3 + int.from_bytes(digest, "little") % (VOCAB_SIZE - 3)


@lru_cache(maxsize=16)
def table_for(seed: int) -> TokenTable:
    """Tables are read-only once built, so nodes sharing a seed share one (building takes ~80 ms)."""
    return TokenTable(seed)
