"""ad_label: lines that only say "Advertisement" (any case, dashes, language) go, and the
multi-word labels glued into paragraphs are cut with the paragraph kept whole; prose about
advertising stays."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.ad_label import AdLabel
from cleaner.kinds.base import validate_params
from cleaner.pipeline import Cleaner


def bundled_rule() -> AdLabel:
    rule = next(r for r in Cleaner.from_rules("ads").rules if r.id == "ads.label")
    assert isinstance(rule, AdLabel)
    return rule


BUNDLED = bundled_rule()


def build(**params) -> AdLabel:
    return AdLabel("t", **validate_params(AdLabel, params, source=None, rule_id="t"))


def run(text: str, rule: AdLabel | None = None) -> Document:
    return Cleaner.clean_document_with([rule or BUNDLED], Document(text))


BEFORE = "The council met on Tuesday evening.\n"
AFTER = "Residents filled the gallery.\n"


def framed(line: str) -> str:
    return BEFORE + line + "\n" + AFTER


@pytest.mark.parametrize("label", BUNDLED.labels)
def test_every_bundled_label_alone_on_a_line_is_removed(label):
    assert run(framed(label)).text == BEFORE + AFTER


_INLINE_KEYS = {" ".join(label.casefold().replace("-", " ").split()) for label in BUNDLED.inline}
WHOLE_LINE_ONLY = [label for label in BUNDLED.labels
                   if " ".join(label.casefold().replace("-", " ").split()) not in _INLINE_KEYS]
ALSO_INLINE = [label for label in BUNDLED.labels if label not in WHOLE_LINE_ONLY]


@pytest.mark.parametrize("label", WHOLE_LINE_ONLY)
def test_every_bundled_label_in_upper_case_with_dashes_is_removed(label):
    assert run(framed(f"- {label.upper()} -")).text == BEFORE + AFTER


@pytest.mark.parametrize("label", ALSO_INLINE)
def test_decorated_line_holding_an_inline_label_is_removed_whole(label):
    assert run(framed(f"- {label} -")).text == BEFORE + AFTER


@pytest.mark.parametrize("line", [
    "Advertisement",
    "ADVERTISEMENT",
    "advertisement",
    "- Advertisement -",
    "— ADVERTISEMENT —",
    "-- advertisement --",
    "[Advertisement]",
    "*** Advertisement ***",
    "  Advertisement  ",
    "Advertisement:",
    "Sponsored Content",
    "SPONSORED",
    "Story continues below advertisement",
    "Continue reading below",
    "Scroll to continue with content",
    "Anzeige",
    "ANZEIGE",
    "Werbung",
    "Publicidad",
    "Publicité",
    "Реклама",
    "РЕКЛАМА",
    "广告",
    "廣告",
    "광고",
    "إعلان",
])
def test_label_line_in_any_case_decoration_or_language_is_removed(line):
    doc = run(framed(line))
    assert doc.text == BEFORE + AFTER
    assert len(doc.changes) == 1


@pytest.mark.parametrize("label", [
    "Advertisement - Continue Reading Below",
    "Advertisement – Continue reading below",
    "Advertisement — Continue Reading Below",
    "Continue reading the main story",
    "Story continues below advertisement",
    "Article continues below advertisement",
    "Scroll to continue with content",
])
def test_glued_label_is_cut_and_paragraph_kept_whole_with_single_space(label):
    paragraph = f"The bridge reopened on Friday after repairs. {label} Traffic was light all weekend.\n"
    doc = run(BEFORE + "\n" + paragraph)
    assert doc.text == BEFORE + "\n" + \
        "The bridge reopened on Friday after repairs. Traffic was light all weekend.\n"


def test_glued_label_with_extra_spaces_around_it_leaves_one_space():
    text = "Rain fell on the pitch.   Story continues below advertisement  Fans waited under the stand.\n"
    assert run(text).text == "Rain fell on the pitch. Fans waited under the stand.\n"


def test_glued_label_at_end_of_paragraph_leaves_no_trailing_space():
    text = "The mayor spoke for an hour. Continue reading the main story\nThe vote came later.\n"
    assert run(text).text == "The mayor spoke for an hour.\nThe vote came later.\n"


def test_glued_label_at_start_of_paragraph_leaves_no_leading_space():
    text = "Scroll to continue with content The harvest began two weeks early.\n"
    assert run(text).text == "The harvest began two weeks early.\n"


def test_two_glued_labels_in_one_paragraph_are_both_cut():
    text = ("Ticket prices rose. Story continues below advertisement Attendance held up. "
            "Advertisement - Continue Reading Below The club expects a record season.\n")
    assert run(text).text == \
        "Ticket prices rose. Attendance held up. The club expects a record season.\n"


def test_glued_label_keeps_the_paragraph_on_one_line():
    text = "First clause here. Continue reading the main story Second clause here.\nNext paragraph.\n"
    out = run(text).text
    assert out.count("\n") == text.count("\n")
    assert out.splitlines()[1] == "Next paragraph."


PROSE = [
    "The advertisement ran for three weeks.",
    "Sponsored content is labelled on our site.",
    "Sponsored content on the Courier’s website is labelled in grey.",
    "Die Polizei hat Anzeige erstattet.",
    "Anzeige erstattet",
    "Er hat gestern Anzeige erstattet, sagte die Sprecherin.",
    "La publicidad institucional creció un cuatro por ciento.",
    "Реклама на телевидении дорожает.",
    "Advertising budgets fell by a third last year.",
    "The word “Advertisement” appears above each paid post.",
    "Ad hoc meetings were held all week.",
    "Promoted to captain in May, she led the side to the cup.",
    "Sponsored by the parish council",
    "AD 1066",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_mentions_advertising_is_kept(line):
    text = framed(line)
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_inline_label_words_inside_a_sentence_are_kept():
    text = "Readers who continue reading the main story will find a map.\n"
    assert run(text).text == text


def test_label_as_part_of_a_longer_line_is_not_a_label_line():
    text = framed("Advertisement feature: the new library opens")
    assert run(text).text == text


def test_custom_labels_only_remove_the_given_labels():
    rule = build(labels=["Paid Post"])
    assert run(framed("PAID POST"), rule).text == BEFORE + AFTER
    kept = framed("Advertisement")
    assert run(kept, rule).text == kept


def test_without_inline_labels_glued_text_is_not_touched():
    rule = build(labels=["Advertisement"])
    text = "One sentence. Continue reading the main story Another sentence.\n"
    assert run(text, rule).text == text


def test_cleaning_twice_changes_nothing_more():
    text = (
        "Advertisement\n"
        "The bridge reopened on Friday. Advertisement - Continue Reading Below Traffic was light.\n"
        "- Anzeige -\n"
        "The advertisement ran for three weeks.\n"
        "Die Polizei hat Anzeige erstattet.\n"
        "广告\n"
        "The mayor spoke. Continue reading the main story\n"
    )
    once = run(text)
    assert once.changes
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_removes_label_lines_and_glued_labels_in_one_article():
    text = (
        "Library opens late on Thursdays\n\n"
        "ADVERTISEMENT\n\n"
        "The library will open until nine. Story continues below advertisement Staff agreed.\n\n"
        "- Advertisement -\n\n"
        "The advertisement ran for three weeks.\n"
    )
    result = Cleaner.from_rules("default").clean(text)
    assert result.text == (
        "Library opens late on Thursdays\n\n"
        "The library will open until nine. Staff agreed.\n\n"
        "The advertisement ran for three weeks.\n"
    )
