"""Edited text with a few defects: does one stray make the rule rewrite the author's semicolons?

A document is read as a content mill's once it holds ``min_conclusive`` semicolons no editor puts
anywhere. An edited article with two such defects (a typo, a scraper's slip) is still edited
text, and every semicolon of its author must survive the clean. Each document of an edited
corpus gets ``k`` invented defect sentences as paragraphs of their own, at seeded places; the
measurement is how many of the author's own semicolons the clean changes.
"""

from __future__ import annotations

import random
import re

from _semicolon_trace import trace

from cleaner import Cleaner

# Invented sentences, each with one semicolon no editor puts there (a conclusive cue of the
# rule, of several kinds), and no other semicolon.
DEFECTS = (
    "After the vote; the council adjourned.",
    "The plant will close in March; the company said.",
    "However; the figures were late.",
    "The old school; which opened in 1911, will be rebuilt.",
    "“We will rebuild;” the mayor said.",
    "Ferrow Tools; the maker of garden shears, will close its plant.",
)
COUNTS = (2,)


def with_defects(text: str, rng: random.Random, count: int) -> tuple[str, list[int]]:
    """The text with ``count`` defect paragraphs inserted, and where the author's own semicolons
    now stand."""
    paragraphs = [(part, True) for part in text.split("\n\n")]
    for defect in rng.sample(DEFECTS, count):
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), (defect, False))
    pieces, own, offset = [], [], 0
    for part, is_own in paragraphs:
        if is_own:
            own.extend(offset + m.start() for m in re.finditer(";", part))
        pieces.append(part)
        offset += len(part) + 2
    return "\n\n".join(pieces), own


def measure_defects(cleaner: Cleaner, name: str, documents: dict[str, str], count: int, seed: int) -> dict:
    """The author's semicolons changed once ``count`` defects stand in each document."""
    rng = random.Random(f"{seed}/defects/{count}/{name}")
    semicolons = changed = documents_changed = 0
    examples = []
    for key in sorted(documents):
        if ";" not in documents[key]:
            continue
        text, own = with_defects(documents[key], rng, count)
        fates = trace(cleaner, text, own).fates
        here = [pos for pos, fate in zip(own, fates, strict=True) if fate.outcome != "kept"]
        semicolons += len(own)
        changed += len(here)
        documents_changed += bool(here)
        examples.extend({"document": key, "context": text[max(0, p - 60):p + 40].replace("\n", " ")}
                        for p in here[:2])
    return {"defects": count, "semicolons": semicolons, "changed": changed,
            "documents_changed": documents_changed, "examples": examples[:20]}
