"""User-ready errors: locations and the "did you mean" hint every validator shares."""

from __future__ import annotations

from pipeline.core.errors import InputError, did_you_mean


def test_did_you_mean_names_the_closest_choice() -> None:
    assert did_you_mean("langauges", ["sources", "languages"]) == "; did you mean 'languages'?"
    assert did_you_mean("n_bst", ["n_best"], "mt.") == "; did you mean 'mt.n_best'?"
    assert did_you_mean("zzz", ["languages"]) == ""


def test_an_error_shows_file_and_line() -> None:
    assert str(InputError("bad", "a.yaml", 3)) == "a.yaml:3: bad"
    assert str(InputError("bad", "a.yaml")) == "a.yaml: bad"
