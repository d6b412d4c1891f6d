"""The collector pause for bulk work: off inside, restored after, even after an error."""

from __future__ import annotations

import gc

import pytest

from pipeline.catalog import collector_paused


def test_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_is_restored_after_an_error_and_left_off_if_it_was() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
