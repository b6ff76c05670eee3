"""The prompt pull-request gate on promptfoo: provider, test generator, assertions, results.

promptfoo is the runner and the viewer; the verdict is the eval suite's own gate
(`eval.gate.decide` with `eval/gate.yaml`), computed from promptfoo's JSON output converted
back into `EvalRun`s (`eval.promptfoo.results`). See `eval/promptfoo/README.md`.
"""
