"""Which prompt directories a pull request changes, and what each is compared with (its base).

Base, in order: the registry's `production` alias when it holds a different pair and the
prompt already existed at the base ref (a prompt new in the PR is its own bootstrap, so any
registry entry for it came from this branch); otherwise `prompts/<name>/prompt.yaml` at the
base ref; otherwise nothing (a new prompt: absolute checks and claim ceilings only).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from service.prompt_source import PROMPT_FILE, load_prompt_dir
from service.prompts import PromptPair

DEFAULT_BASES = ("origin/main", "main")
Status = Literal["modified", "added", "deleted"]


class GitError(RuntimeError):
    """A git command failed (the message holds the command and git's own words)."""


def git(args: list[str], cwd: Path) -> str:
    """Run git in `cwd` and return stdout.

    Raises:
        GitError: git exited non-zero.
    """
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def default_base(cwd: Path) -> str:
    """`origin/main` if it exists, else `main`.

    Raises:
        GitError: Neither ref exists (pass --base).
    """
    for ref in DEFAULT_BASES:
        probe = ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"]
        if subprocess.run(probe, cwd=cwd, capture_output=True, check=False).returncode == 0:
            return ref
    raise GitError(f"no base ref: none of {', '.join(DEFAULT_BASES)} exists; pass --base/BASE=")


@dataclass(frozen=True)
class PromptTree:
    """Where the prompts live inside the git work tree."""

    root: Path  # git top level
    rel: str  # prompts folder relative to root, POSIX style

    @classmethod
    def locate(cls, prompts_dir: Path) -> PromptTree:
        """Find the git work tree holding `prompts_dir`."""
        root = Path(git(["rev-parse", "--show-toplevel"], prompts_dir).strip()).resolve()
        return cls(root, prompts_dir.resolve().relative_to(root).as_posix())

    def git_path(self, name: str) -> str:
        """`prompts/<name>/prompt.yaml` relative to the root."""
        return f"{self.rel}/{name}/{PROMPT_FILE}" if self.rel != "." else f"{name}/{PROMPT_FILE}"


@dataclass(frozen=True)
class ChangedPrompt:
    """A prompt directory that differs between the base ref and the working tree."""

    name: str
    status: Status


def compare_point(tree: PromptTree, base: str) -> str:
    """The merge base of `base` and HEAD (what a PR diff shows), or `base` when unknown."""
    try:
        return git(["merge-base", base, "HEAD"], tree.root).strip()
    except GitError:
        git(["rev-parse", "--verify", f"{base}^{{commit}}"], tree.root)  # names a bad ref
        return base  # e.g. a shallow clone without the common ancestor


def changed_prompts(tree: PromptTree, since: str) -> list[ChangedPrompt]:
    """Prompt directories changed between commit `since` and the working tree (untracked too)."""
    diff = git(["diff", "--name-only", since, "--", tree.rel], tree.root).splitlines()
    new = git(["ls-files", "--others", "--exclude-standard", "--", tree.rel], tree.root)
    prefix = "" if tree.rel == "." else tree.rel + "/"
    names = sorted(
        {
            path.removeprefix(prefix).split("/", 1)[0]
            for path in [*diff, *new.splitlines()]
            if path.startswith(prefix) and "/" in path.removeprefix(prefix)
        }
    )
    found = []
    for name in names:
        in_head = (tree.root / tree.git_path(name)).is_file()
        in_base = show_at(tree, since, name) is not None
        if in_head or in_base:
            status: Status = "modified" if in_head and in_base else "added"
            status = status if in_head else "deleted"
            found.append(ChangedPrompt(name, status))
    return found


def show_at(tree: PromptTree, ref: str, name: str) -> str | None:
    """The text of `prompts/<name>/prompt.yaml` at `ref`, or None when it does not exist."""
    try:
        return git(["show", f"{ref}:{tree.git_path(name)}"], tree.root)
    except GitError:
        return None


@dataclass(frozen=True)
class BaseChoice:
    """The pair a head is compared with (None: absolute checks and claim ceilings only) and
    why, for the summary."""

    pair: PromptPair | None
    prompt_dir: Path | None
    source: str
    reason: str


def choose_base(
    tree: PromptTree,
    name: str,
    head: PromptPair,
    *,
    since: str,
    base_label: str,
    scratch: Path,
    production: Callable[[str], tuple[PromptPair, Path] | None],
) -> BaseChoice:
    """Pick the base for `name` (see the module docstring for the order).

    Args:
        tree: The prompts' work tree.
        name: Prompt directory name.
        head: The working-tree pair.
        since: Commit the PR is compared with (merge base).
        base_label: How to name that commit in the summary (e.g. `origin/main`).
        scratch: Folder for the base prompt file taken from git.
        production: Looks up the registry's production pair (and a directory holding it).
    """
    text = show_at(tree, since, name)
    if text is None:
        return BaseChoice(
            None, None, "none", "new prompt: no base, absolute checks and claim ceilings only"
        )
    found = production(name)
    if found is not None and found[0].content_hash != head.content_hash:
        pair, directory = found
        why = f"registry alias production = {pair.name}@{pair.version}"
        return BaseChoice(pair, directory, f"registry production ({pair.version})", why)
    directory = scratch / "base" / name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / PROMPT_FILE).write_text(text, encoding="utf-8")
    pair = load_prompt_dir(directory).pair
    why = f"{tree.git_path(name)} at {base_label} ({since[:10]})"
    if found is not None:
        why += "; the registry's production holds the head's own content, which proves nothing"
    else:
        why += "; the registry has no production version of it"
    return BaseChoice(pair, directory, f"git {base_label}", why)
