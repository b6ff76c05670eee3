"""Pure metric functions: text (and source records) in, numbers or findings out, no I/O.

Scorers in `eval.scorers` adapt these to the per-sample `Score` vocabulary.
"""
