"""A generated news corpus: N articles of S sentences, a share of them repeated across articles.

Shared by the corpus tests and ``benchmarks/bench_corpus.py``. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

SUBJECTS = (
    "The ministry", "The central bank", "A city council", "The trade delegation",
    "The coalition", "A regional court", "The energy agency", "Local officials",
    "The port authority", "The weather service", "A union spokesperson", "The committee",
)  # fmt: skip
VERBS = (
    "announced", "reviewed", "postponed", "approved", "criticised", "welcomed",
    "questioned", "extended", "published", "rejected", "discussed", "confirmed",
)  # fmt: skip
OBJECTS = (
    "a new budget", "the rail project", "an export rule", "the housing plan",
    "a climate target", "the school reform", "a tax credit", "the water contract",
    "an interest rate change", "the flood defences", "a data law", "the fishing quota",
)  # fmt: skip
PLACES = (
    "Osaka", "Lyon", "Porto", "Tianjin", "Nagoya", "Leeds", "Gdansk", "Busan",
    "Seville", "Sapporo", "Turin", "Wuhan",
)  # fmt: skip


def sentence(rng: random.Random, serial: int) -> str:
    """One news sentence; ``serial`` makes it unique."""
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in "
        f"{rng.choice(PLACES)} on day {serial}, with {rng.randint(2, 99)} members present."
    )


def article_sentences(
    articles: int, sentences: int, repeated: float = 0.2, seed: int = 0
) -> list[list[str]]:
    """Sentences per article: ``repeated`` of each article's are drawn from a shared pool."""
    rng = random.Random(seed)
    shared_count = round(sentences * repeated)
    pool = [sentence(rng, 900_000 + i) for i in range(max(shared_count * 3, 1))]
    result = []
    for article in range(articles):
        own = [sentence(rng, article * sentences + i) for i in range(sentences - shared_count)]
        shared = rng.sample(pool, shared_count)
        mixed = own + shared
        rng.shuffle(mixed)
        result.append(mixed)
    return result


def write_corpus(
    root: Path,
    articles: int,
    sentences: int = 30,
    *,
    repeated: float = 0.2,
    languages: Sequence[str] = ("ja",),
    mt: str = "{n_best: 2, beam_size: 2}",
    seed: int = 0,
) -> Path:
    """A project folder with generated articles (3 sentences a paragraph); returns its config."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for index, lines in enumerate(article_sentences(articles, sentences, repeated, seed)):
        title = f"Regional news digest number {index + 1}"
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        text = "\n\n".join([title, *paragraphs]) + "\n"
        (root / "articles" / f"article-{index + 1:05d}.txt").write_text(text, encoding="utf-8")
    config = root / "locpipe.yaml"
    config.write_text(
        "source_language: en\n"
        f"languages: [{', '.join(languages)}]\n"
        "sources: [articles/*.txt]\n"
        "locales: locales\n"
        f"mt: {mt}\n",
        encoding="utf-8",
    )
    return config


def unique_sentences(articles: int, sentences: int, repeated: float = 0.2, seed: int = 0) -> int:
    """How many distinct sentences a generated corpus holds (titles not counted)."""
    return len(
        {s for lines in article_sentences(articles, sentences, repeated, seed) for s in lines}
    )
