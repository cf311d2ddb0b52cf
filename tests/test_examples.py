"""The bundled sample archive, which the README's quick start cleans, shows what the default set
does: the mill-written article comes out with its stray semicolons fixed, the edited one as it
was written."""

from __future__ import annotations

from pathlib import Path

from cleaner import Cleaner

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scraped-archive"


def test_the_sample_mill_article_comes_out_with_its_stray_semicolons_fixed() -> None:
    text = (SAMPLE / "news" / "harbour-ferry.txt").read_text(encoding="utf-8")
    out = Cleaner.from_rules("default").clean(text).text
    assert "estuary, returned to service" in out and "shipwrights, who are now rare" in out
    assert "six in summer; however, winter" in out  # the writer's own semicolon stays


def test_the_sample_edited_article_comes_out_as_it_was_written() -> None:
    text = (SAMPLE / "news" / "library-hours.txt").read_text(encoding="utf-8")
    assert Cleaner.from_rules("default").clean(text).text == text
