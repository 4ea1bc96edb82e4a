"""The log as C2SP tlog-tiles: hash tiles and entry bundles of height 8, read from the stored tree.

``tile/<L>/<N>[.p/<W>]`` holds the hashes of tree level 8·L at indices 256·N … 256·N+W-1 (32 bytes
each); ``tile/entries/<N>[.p/<W>]`` the log's entries, each behind a big-endian uint16 length: the
bytes whose leaf hash the tree holds (``audit.entries``). Below the log's entry-format announcement
an entry is the record's canonical bytes; from it on, the record's scope and the SHA-256 of its
bytes, which the record itself is read against (``/audit/v1/records/<seq>``, within a token's
scope). ``<N>`` is written in groups of three digits, all but the last prefixed with ``x``: 1234067
is ``x001/x234/067``. A tile is served only within the latest signed checkpoint, so everything
served is covered by a signature.

>>> tile_index("x001/x234/067"), format_index(1234067)
(1234067, 'x001/x234/067')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from audit import entries, tree_store

HEIGHT = 8
WIDTH = 1 << HEIGHT
_GROUP = re.compile(r"x\d{3}")


class TileNotFound(LookupError):
    """No such tile: malformed path, or beyond the latest signed checkpoint."""


@dataclass(frozen=True)
class Tile:
    level: int  # -1 for an entry bundle
    index: int
    width: int  # WIDTH for a full tile

    @property
    def full(self) -> bool:
        return self.width == WIDTH


def tile_index(text: str) -> int:
    parts = text.split("/")
    if not all(_GROUP.fullmatch(p) for p in parts[:-1]) or not re.fullmatch(r"\d{3}", parts[-1]):
        raise TileNotFound(f"malformed tile index {text!r}")
    return int("".join(p.lstrip("x") for p in parts))


def format_index(n: int) -> str:
    digits = f"{n:d}"
    digits = "0" * (-len(digits) % 3) + digits
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*("x" + g for g in groups[:-1]), groups[-1]])


def parse_path(path: str) -> Tile:
    """``<L>/<N>[.p/<W>]`` or ``entries/<N>[.p/<W>]`` (the part after ``tile/``)."""
    level_text, _, rest = path.partition("/")
    width = WIDTH
    if ".p/" in rest:
        rest, _, width_text = rest.partition(".p/")
        if not width_text.isdigit() or not 1 <= int(width_text) < WIDTH or width_text.startswith("0"):
            raise TileNotFound(f"malformed partial width {width_text!r}")
        width = int(width_text)
    if level_text == "entries":
        level = -1
    elif (
        level_text.isdigit() and (level_text == "0" or not level_text.startswith("0")) and int(level_text) < 8
    ):
        level = int(level_text)
    else:
        raise TileNotFound(f"malformed tile level {level_text!r}")
    return Tile(level, tile_index(rest), width)


def read_tile(conn: Connection, tile: Tile, size: int) -> bytes:
    """The tile's bytes, if the tree of ``size`` (the latest signed checkpoint) covers all of it."""
    height = HEIGHT * max(tile.level, 0)
    first = tile.index * WIDTH
    if (first + tile.width) << height > size:
        raise TileNotFound("the tile reaches beyond the latest signed checkpoint")
    last = first + tile.width - 1
    if tile.level == -1:
        rows = conn.execute(
            select(tree_store.RECORDS.c.seq, tree_store.RECORDS.c.canonical)
            .where(tree_store.RECORDS.c.seq.between(first, last))
            .order_by(tree_store.RECORDS.c.seq)
        ).all()
        _check_all(rows, first, tile.width)
        switch = entries.switch(conn)
        found = [entries.entry(seq, bytes(c), switch) for seq, c in rows]
        return b"".join(len(e).to_bytes(2, "big") + e for e in found)
    if height == 0:
        query = select(tree_store.RECORDS.c.seq, tree_store.RECORDS.c.leaf_hash).where(
            tree_store.RECORDS.c.seq.between(first, last)
        )
        rows = conn.execute(query.order_by(tree_store.RECORDS.c.seq)).all()
    else:
        nodes = tree_store.NODES
        query = select(nodes.c.idx, nodes.c.hash).where(
            nodes.c.level == height, nodes.c.idx.between(first, last)
        )
        rows = conn.execute(query.order_by(nodes.c.idx)).all()
    _check_all(rows, first, tile.width)
    return b"".join(bytes(h) for _, h in rows)


def _check_all(rows: Sequence[Any], first: int, width: int) -> None:
    if [r[0] for r in rows] != list(range(first, first + width)):
        raise tree_store.MissingNodeError(f"the stored tree lacks hashes of tile starting at {first}")
