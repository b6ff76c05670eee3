"""Write tests/claims/data/candidates/floors.yaml from what the checker makes of the corpus now.

Run after a change that improves the checker on the candidate corpus, review the diff (a
floor that moves down is a loss to explain in the commit), and commit it with the change:
    .venv/bin/python tests/claims/floors.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import yaml
from oci_testing.candidates import FLOORS, corpus_files, figures

HEADER = """\
# Floors of the candidate corpus: per file, how many faithful candidates the checker may flag
# at most, how many wrong ones it must catch, and how many of each family it must name for
# its own reason. Written by `.venv/bin/python tests/claims/floors.py` from the checker's
# figures when it was run; not edited by hand.
"""


def main() -> None:
    floors = {name: figures(name).as_floors() for name in corpus_files()}
    text = yaml.safe_dump(floors, sort_keys=True, default_flow_style=False, width=96)
    FLOORS.write_text(HEADER + text, encoding="utf-8")
    print(f"{FLOORS}: {len(floors)} files")


if __name__ == "__main__":
    main()
