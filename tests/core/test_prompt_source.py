import shutil
from pathlib import Path

import pytest

from service.prompt_source import PromptSourceError, load_prompt_dir


def _copy(repo_root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "omni-summary"
    shutil.copytree(repo_root / "prompts" / "omni-summary", target)
    return target


def test_committed_prompt_loads_with_a_stable_content_hash(repo_root: Path, tmp_path: Path) -> None:
    first = load_prompt_dir(repo_root / "prompts" / "omni-summary")
    second = load_prompt_dir(_copy(repo_root, tmp_path))
    assert first.pair.content_hash == second.pair.content_hash
    assert first.pair.version == f"local-{first.pair.content_hash[:8]}"
    assert first.changelog


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("channels: {{channels}}", "channels: {{channel_list}}", "user"),
        ("variables: [ivr_intent,", "variables: [ivr_intent, account_number,", "variables"),
        ("  timeout_s: 5.0", "  timeout_s: -1", "model_config.timeout_s"),
        ("  primary: local/extractive-summarizer\n", "", "model_config.primary"),
        ("customer. The agent", "customer {{ivr_intent}}. The agent", "system"),
    ],
)
def test_prompt_source_errors_name_file_line_and_field(
    repo_root: Path, tmp_path: Path, old: str, new: str, field: str
) -> None:
    directory = _copy(repo_root, tmp_path)
    path = directory / "prompt.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(PromptSourceError) as caught:
        load_prompt_dir(directory)
    assert caught.value.field == field
    assert str(path) in str(caught.value)
    assert caught.value.line >= 1


def test_prompt_source_reports_yaml_syntax_errors_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "prompt.yaml").write_text("system: ok\nuser: [unclosed\n")
    with pytest.raises(PromptSourceError) as caught:
        load_prompt_dir(tmp_path)
    assert caught.value.field == "yaml"
    assert caught.value.line >= 2
