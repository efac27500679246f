"""The Python examples of this binding's README.md and of the project's README.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent
READMES = [HERE / "README.md", HERE.parent / "README.md"]
BLOCKS = [
    (readme, block)
    for readme in READMES
    for block in re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.DOTALL)
]


def test_readme_has_examples() -> None:
    assert all(any(readme == path for path, _ in BLOCKS) for readme in READMES)
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize(
    ("readme", "source"),
    BLOCKS,
    ids=[f"{readme.parent.name}-block{i}" for i, (readme, _) in enumerate(BLOCKS)],
)
def test_readme_example_runs(readme: Path, source: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(source, str(readme), "exec"), {"__name__": "readme"})
