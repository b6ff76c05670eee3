"""The review queue: QA reviewers label summaries and findings, and the labels flow back.

`items` is what a reviewer reads, `sources` where each queue's items come from, `labels`
the project's store of labels, `submission` a form's validation, `mirror` the labels as
MLflow assessments, `app` the web app and `build` its composition root (`oci review serve`).
Kept free of imports so that `eval.weekly` can read labels without loading the app.
"""
