"""Export bundles: a BagIt bag (RFC 8493) a regulator can verify with nothing but a public key.

An export covers a time range, optionally narrowed to one tenant or one jurisdiction, and always to
the caller's access scope. Its payload (``data/``) holds:

- ``records.jsonl``: the matching records, one per line, exactly the bytes their leaves hash;
- ``withheld-leaves.txt``: ``<seq> <leaf hash>`` of every other entry between the first and last
  record of the range, so the verifier can recompute the tree over the whole range without reading
  anyone else's records (see ``audit.bundle_verify`` for what this proves and what it does not);
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
