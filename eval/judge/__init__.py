"""The LLM judge: its prompt, the local deterministic baseline judge, and ragas faithfulness.

Nothing here registers anything at import; `eval.judge.local_judge.register_local_judge()`
adds the baseline judge to litellm's `local` provider when a caller asks for it.
"""
