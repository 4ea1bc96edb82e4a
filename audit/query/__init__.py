"""Reading the trail for people: scoped, filtered pages, daily counts, one record with its proof.

Every query takes an ``AccessScope`` (``scope``) and applies it in SQL beside the caller's filters
(``filters``), so no query path can read outside it: an officer sees the records of their tenants, a
regulator those served in their jurisdictions within their time range, an admin everything.
``pages`` reads records, ``counts`` counts them by day, ``integrity`` shows checkpoints and proofs.
"""
