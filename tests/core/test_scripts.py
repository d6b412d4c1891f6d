"""The Simplified/Traditional character table: derived from OpenCC, and what it says."""

from __future__ import annotations

import pytest

from pipeline.core.scripts import SIMPLIFIED, TRADITIONAL, foreign_characters
from tests.support.scripttable import TABLE, build_table


def test_committed_table_is_what_opencc_gives() -> None:
    assert TABLE.read_text(encoding="utf-8") == build_table()


@pytest.mark.parametrize(
    ("text", "script", "found"),
    [
        pytest.param("集装箱船", TRADITIONAL, "装", id="simplified-in-traditional"),
        pytest.param("集裝箱船", SIMPLIFIED, "裝", id="traditional-in-simplified"),
        pytest.param("皇后 台灣 里程 後來 著名 為", TRADITIONAL, "", id="traditional-ok"),
        pytest.param("皇后 台湾 里面 后来 干杯 着", SIMPLIFIED, "", id="shared-in-simplified"),
        pytest.param("床 群 峰 秘", TRADITIONAL, "", id="taiwan-standard-forms"),
        pytest.param("发这发發", TRADITIONAL, "发这", id="each-once-in-order"),
        pytest.param("集装箱", "Jpan", "", id="other-scripts-unchecked"),
    ],
)
def test_foreign_characters(text: str, script: str, found: str) -> None:
    assert foreign_characters(text, script) == found
