"""Write tests/claims/data/candidates/floors.yaml from what the checker makes of the corpus now.

Run after a change that improves the checker on the candidate corpus, review the diff (a
floor that moves down is a loss to explain in the commit), and commit it with the change:
    .venv/bin/python tests/claims/floors.py
"""

from __future__ import annotations

import re
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


def _group(name: str) -> str:
    """'golden-v2-briefings-ids-1-mod-5.jsonl' -> 'golden-v2 briefings'."""
    stem = re.sub(r"-(?:ids-\d-mod-5|\d{3}-to-\d{3})\.jsonl$", "", name)
    return f"{stem[:9]} {stem[10:]}"


def main() -> None:
    found = {name: figures(name) for name in corpus_files()}
    floors = {name: each.as_floors() for name, each in found.items()}
    text = yaml.safe_dump(floors, sort_keys=True, default_flow_style=False, width=96)
    FLOORS.write_text(HEADER + text, encoding="utf-8")
    print(f"{FLOORS}: {len(floors)} files")
    print("| files | faithful flagged | wrong caught | named for their own reason |")
    print("|---|---|---|---|")
    for group_name in sorted({_group(name) for name in found}):
        group = [each for name, each in found.items() if _group(name) == group_name]
        named = sum(sum(each.named.values()) for each in group)
        print(
            f"| {group_name} ({len(group)}) | {sum(g.flagged for g in group)} of "
            f"{sum(g.faithful for g in group)} | {sum(g.caught for g in group)} of "
            f"{sum(g.wrong for g in group)} | {named} |"
        )


if __name__ == "__main__":
    main()
