"""Shared setup for the end-to-end tests: where the copydesk binary and the seed story are.

The binary is $COPYDESK_BIN, else target/debug/copydesk (build it with `cargo build`).
pytest-lsp's specification warnings are errors here: a protocol violation fails the test.
"""

from __future__ import annotations

import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "stories" / "seed-article.txt"


def copydesk_bin() -> str:
    return os.environ.get("COPYDESK_BIN") or str(REPO / "target" / "debug" / "copydesk")


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "error::pytest_lsp.LspSpecificationWarning")
    if not pathlib.Path(copydesk_bin()).is_file():
        raise pytest.UsageError(f"no copydesk binary at {copydesk_bin()}: run `cargo build` or set COPYDESK_BIN")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
