"""Archive-wide facts: titles by slug, for shortcode templates that link to other articles."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.slug_titles import index_titles


def test_titles_are_indexed_by_slug_after_header_furniture_is_gone() -> None:
    cleaner = Cleaner.from_rules("default")
    titles = index_titles(cleaner, [
        ("news/harbour-ferry.txt", "Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nHarbour ferry sails again\n\nBody.\n"),
        ("https://example.org/2025/10/town-hall/", "Town hall reopens\n\nBody.\n"),
        ("news/harbour-ferry.html", "A later copy with another title\n"),
    ])
    assert titles == {"harbour-ferry": "Harbour ferry sails again", "town-hall": "Town hall reopens"}


def test_library_clean_uses_archive_titles_from_context(tmp_path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text('extends = ["shortcodes"]\n[[rules]]\nid = "shortcodes.resolve"\n[rules.tags]\n'
                     'embedpost = { action = "template", template = "See: {slug|archive_title}", '
                     'fallback = "See: {slug|title}" }\n', encoding="utf-8")
    cleaner = Cleaner.from_rules(rules)
    assert cleaner.uses_archive
    context = {"archive_titles": {"town-hall": "Town hall reopens"}}
    assert cleaner.clean('[embedpost slug="town-hall"]', context=context).text == "See: Town hall reopens"
    assert cleaner.clean('[embedpost slug="elsewhere"]', context=context).text == "See: Elsewhere"
    assert not Cleaner.from_rules("default").uses_archive
