"""Build ``pipeline/core/script_chars.txt`` from the dictionaries the opencc wheel ships.

Run ``python -m tests.support.scripttable`` after upgrading OpenCC; ``tests/core/test_scripts.py``
checks the committed table against this builder. The method is in docs/language-variants.md:
a character is Simplified-only when OpenCC's Simplified→Traditional
character table maps it only to other characters and no Traditional table (OpenCC's own, the
Taiwan and Hong Kong variant tables) produces it; Traditional-only is the mirror image.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

TABLE = Path(__file__).resolve().parents[2] / "pipeline" / "core" / "script_chars.txt"
_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
_DICT_TOOL = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"


def read_dictionary(name: str) -> dict[str, list[str]]:
    """One OpenCC dictionary (``STCharacters``) as key → candidates, via the wheel's opencc_dict."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"{name}.txt"
        command = [str(_DICT_TOOL), "-i", str(_SHARE / f"{name}.ocd2"), "-o", str(out)]
        subprocess.run([*command, "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        lines = out.read_text(encoding="utf-8").splitlines()
    return {key: values.split(" ") for key, values in (line.split("\t") for line in lines)}


def produced(*tables: dict[str, list[str]]) -> set[str]:
    return {char for table in tables for values in table.values() for char in values}


def one_script_only(table: dict[str, list[str]], valid_elsewhere: set[str]) -> str:
    """Single characters the table always converts away, minus those valid in the other script."""
    chars = {key for key, values in table.items() if len(key) == 1 and key not in values}
    return "".join(sorted(chars - valid_elsewhere))


def build_table() -> str:
    """The text of ``script_chars.txt``."""
    simplified_to_traditional = read_dictionary("STCharacters")
    traditional_to_simplified = read_dictionary("TSCharacters")
    traditional = produced(
        simplified_to_traditional, read_dictionary("TWVariants"), read_dictionary("HKVariants")
    )
    simplified = produced(traditional_to_simplified)
    return (
        f"# Characters of one Chinese script only, from OpenCC {opencc.__version__} "
        "(python -m tests.support.scripttable)\n"
        f"simplified-only: {one_script_only(simplified_to_traditional, traditional)}\n"
        f"traditional-only: {one_script_only(traditional_to_simplified, simplified)}\n"
    )


if __name__ == "__main__":
    TABLE.write_text(build_table(), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
