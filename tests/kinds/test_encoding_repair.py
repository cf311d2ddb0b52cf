"""encoding_repair: UTF-8 read as cp1252/Latin-1 is repaired; the author's typography
(curly quotes, ligatures, full-width letters, accents) is left alone unless asked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.encoding_repair import EncodingRepair
from cleaner.pipeline import Cleaner


def build(**params) -> EncodingRepair:
    return EncodingRepair("t", **validate_params(EncodingRepair, params, source=None, rule_id="t"))


def run(text: str, **params) -> Document:
    return Cleaner.clean_document_with([build(**params)], Document(text))


@pytest.mark.parametrize("broken, fixed", [
    ("itâ€™s raining again\n", "it’s raining again\n"),
    ("CafÃ© on the corner\n", "Café on the corner\n"),
    ("InÃ¨s arrived late\n", "Inès arrived late\n"),
    ("The vote â€” narrowly â€” passed\n", "The vote — narrowly — passed\n"),
    ("She said â€œnoâ€\x9d twice\n", "She said “no” twice\n"),
    ("Tickets cost Â£5\n", "Tickets cost £5\n"),
    ("The menu was Ã  la carte\n", "The menu was à la carte\n"),
    ("naÃ¯ve rÃ©sumÃ©\n", "naïve résumé\n"),
], ids=["apostrophe", "cafe", "ines", "em-dash", "quotes-c1", "pound", "a-grave", "diaeresis"])
def test_mojibake_is_repaired(broken, fixed):
    assert run(broken).text == fixed


def test_only_the_broken_line_changes():
    text = "“Curly” quotes stay here.\nBut itâ€™s broken here.\nThe ﬁrst ﬂoor stays.\n"
    doc = run(text)
    assert doc.text == "“Curly” quotes stay here.\nBut it’s broken here.\nThe ﬁrst ﬂoor stays.\n"
    assert len(doc.changes) == 1
    assert doc.changes[0].before == "But itâ€™s broken here."


@pytest.mark.parametrize("text", [
    "“Curly” quotes and it’s ‘single’ too.\n",
    "The ﬁrst ﬂoor is ﬁne.\n",
    "Full width: ＡＢＣ１２３\n",
    "Café crème, déjà vu, naïve résumé.\n",
    "Straße in München, Ærø, Łódź.\n",
    "„Deutsche“ und «français» guillemets.\n",
    "£5, €10 and ¥300.\n",
    "Москва и Санкт-Петербург.\n",
    "e\u0301 written with a combining accent\n",
    "Plain ASCII text.\n",
    "An em dash — and an ellipsis…\n",
], ids=["curly", "ligatures", "full-width", "accents", "letters", "guillemets", "currency",
        "cyrillic", "decomposed", "ascii", "dash-ellipsis"])
def test_correct_typography_is_not_changed_by_default(text):
    doc = run(text)
    assert doc.text == text
    assert doc.changes == []


def test_uncurl_quotes_straightens_curly_quotes():
    assert run("“Curly” quotes and it’s ‘single’.\n", uncurl_quotes=True).text == \
        "\"Curly\" quotes and it's 'single'.\n"


def test_uncurl_quotes_also_repairs_mojibake():
    assert run("itâ€™s late\n", uncurl_quotes=True).text == "it's late\n"


def test_uncurl_quotes_leaves_ligatures_alone():
    assert run("The ﬁrst ﬂoor\n", uncurl_quotes=True).text == "The ﬁrst ﬂoor\n"


def test_nfkc_normalization_folds_ligatures_and_full_width_when_asked():
    assert run("The ﬁrst ＡＢＣ\n", normalization="NFKC").text == "The first ABC\n"


def test_nfc_normalization_composes_accents_when_asked():
    assert run("e\u0301\n", normalization="NFC").text == "\u00e9\n"


def test_cleaning_twice_changes_nothing_more():
    text = "itâ€™s a CafÃ© â€” with “curly” quotes and the ﬁrst ＡＢＣ.\nInÃ¨s\n"
    once = run(text)
    assert once.text == "it’s a Café — with “curly” quotes and the ﬁrst ＡＢＣ.\nInès\n"
    twice = run(once.text)
    assert twice.text == once.text
    assert twice.changes == []


def test_default_set_repairs_mojibake():
    assert Cleaner.from_rules("default").clean("The cafÃ©â€™s owner agreed.\n").text == \
        "The café’s owner agreed.\n"


# Characters around the lead and continuation ranges, and the cp1252 punctuation.
_NEAR = "\ud800aé ÃÂâôõüß\u0080\u009f\u00a0\u00bf€‘’“”–—…™ŒšƒˆËЖ\n"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NEAR, max_size=12))
def test_the_byte_sieve_passes_every_text_the_suspect_scan_would_read(text):
    from cleaner.kinds.encoding_repair import _SUSPECT, may_hold_mojibake

    if _SUSPECT.search(text):
        assert may_hold_mojibake(text)


@pytest.mark.parametrize("text", ["plain “curly” text — with dashes", "Café, naïve, Zürich, São Paulo.", "Привет, мир"])
def test_clean_accented_text_is_not_even_scanned(text):
    from cleaner.kinds.encoding_repair import may_hold_mojibake

    assert not may_hold_mojibake(text)
