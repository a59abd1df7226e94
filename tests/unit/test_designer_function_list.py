"""The designer's function picker offers exactly the functions the expression engine knows."""

from __future__ import annotations

import re
from pathlib import Path

from engine.expressions.functions import FUNCTIONS

PICKER = Path(__file__).resolve().parents[2] / "designer_ui/src/designer/expressions.ts"


def test_picker_lists_every_engine_function_and_no_other() -> None:
    listed = re.findall(r'fn\("\w+", "([A-Z_][A-Z0-9_]*)\(', PICKER.read_text(encoding="utf-8"))
    assert len(listed) == len(set(listed)), "a function is listed twice"
    assert sorted(listed) == sorted(FUNCTIONS)
