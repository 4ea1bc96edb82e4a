"""Export bundles: a BagIt bag (RFC 8493) a regulator can verify with nothing but a public key.

An export covers a time range, optionally narrowed to one tenant or one jurisdiction, and always to
the caller's access scope. Its payload (``data/``) holds:

- ``records.jsonl``: the matching records, one per line, exactly the bytes the log holds (a leaf
  hashes the record's entry, ``audit.entries``, which the verifier derives from them);
- ``withheld-entries.jsonl``: every other entry between the first and last record of the range,
  one JSON line each with its seq, its scope and its record's digest, so the verifier recomputes
  the tree over the whole range without reading anyone else's records and checks that each was out
  of the export's scope; ``withheld-leaves.txt``: ``<seq> <leaf hash>`` of those entries recorded
  before the log's entry-format announcement (format 1), whose scope cannot be shown (see
  ``audit.bundle_verify`` for what each proves);
- ``proofs/entry-format.json``: the log's entry-format announcement with its inclusion proof (where
  format 2 entries begin);
- ``proofs/range.json`` (the range against the latest checkpoint), ``proofs/inclusion.jsonl`` (one
  per record), ``proofs/consistency.jsonl`` (between the checkpoints in the bundle);
- ``proofs/rotations.jsonl``: each key rotation the log holds, with its inclusion proof (which key
  may sign which checkpoint);
- ``checkpoints/*.note`` (signed notes), ``keys/*.vkey``, ``schema/record.schema.json``;
- ``summary.csv``, ``report.html``, ``report.pdf``, ``export.json`` (what was asked, what was found);
- ``verifier/bundle_verify.py``: the offline verifier itself (standard library plus cryptography).

Each export is recorded in the log (an ``export`` event) before anything is read, and the tree is
signed afresh so the bundle's latest checkpoint covers the export's own record.

``request`` checks what is asked, ``bundle`` assembles the payload, ``proofs`` the proofs and
checkpoints in it, ``report`` what people read, ``bagit`` wraps it all in the bag.
"""
