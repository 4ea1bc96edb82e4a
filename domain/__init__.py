"""The typed values the pipeline's stages hand each other, shared by ``gateway`` and ``audit``.

Nothing here does work: texts a request carries, the classification summary, the policy's input and
decision, and the events the audit trail records. This package imports no other package of ours.
"""
