"""How a document read as a mill's (assume = "mill", or shown one by its evidence) reads the
words around each semicolon: a semicolon stays only with a clause on both sides, so what is a
clause and what only looks like one decides. Under the default set, with no evidence, each of
these texts is left as it is. Every example is invented, in the shape of real text."""

from __future__ import annotations

import pytest

from cleaner.document import Document
from cleaner.kinds.base import validate_params
from cleaner.kinds.stray_semicolon import StraySemicolon
from cleaner.pipeline import Cleaner


def run(text: str, **params) -> Document:
    rule = StraySemicolon("t", **validate_params(StraySemicolon, params, source=None, rule_id="t"))
    return Cleaner.clean_document_with([rule], Document(text))

# text -> the text under assume = "mill" (the same text where the semicolon is an author's).
MILL_READINGS = {
    # "a while" after its article is a noun; "that if" still opens a subordinate clause.
    "a-while-is-a-noun": ("She watched him for a while; then she turned back.\n", None),
    "that-if-is-subordinate": ("He said that if the ferry ran late again; the council would act.\n",
                               "He said that if the ferry ran late again, the council would act.\n"),
    # A past form after an indefinite noun phrase modifies it; with an object it is a verb.
    "participle-after-a-noun": ("Inside there is AppleSkin; a leather made in part from apple peel.\n",
                                "Inside there is AppleSkin, a leather made in part from apple peel.\n"),
    "past-tense-with-object": ("Inside there is AppleSkin; a rival made its name with cork.\n", None),
    # A clause inside the phrase lends it no verb; "once again" is no clause.
    "clause-inside-the-phrase": ("The car gets a new engine; a 2-liter unit that's 20 % lighter than before.\n",
                                 "The car gets a new engine, a 2-liter unit that's 20 % lighter than before.\n"),
    "once-again": ("He begged them not to go; Meynell once again paid his debts.\n", None),
    # "-ed" adjectives, "being", counts; a year may be a subject.
    "ed-after-an-adverb": ("She was sent to the House of Detention; a terribly overcrowded prison in the city.\n",
                           "She was sent to the House of Detention, a terribly overcrowded prison in the city.\n"),
    "ed-after-an-article": ("She was sent to the House of Detention; an owned exchange for group publishers.\n",
                            "She was sent to the House of Detention, an owned exchange for group publishers.\n"),
    "ed-in-a-compound": ("She was sent to the House of Detention; a trade-focused consulting firm in Washington.\n",
                         "She was sent to the House of Detention, a trade-focused consulting firm in Washington.\n"),
    "ed-after-a-possessive": ("She was sent to the House of Detention; their radiated power at night.\n",
                              "She was sent to the House of Detention, their radiated power at night.\n"),
    "plural-after-a-count": ("James finished with 25 points; 11 rebounds and 10 assists.\n",
                             "James finished with 25 points, 11 rebounds and 10 assists.\n"),
    "being": ("The performances were variable; those of the full ensemble being generally satisfying.\n",
              "The performances were variable, those of the full ensemble being generally satisfying.\n"),
    "a-year-is-a-subject": ("It was a hard decade for the port; 2019 marks the end of it.\n", None),
    # A pronoun and a verb of thinking with nothing after it is a parenthesis.
    # (One closing the sentence, "; I fear.", changes under the default set too: test_edited_prose.)
    "short-parenthesis": ("Such a policy would also; we believe; prove useful.\n",
                          "Such a policy would also, we believe, prove useful.\n"),
    "clause-with-an-object": ("It was a poor plan for the port; I knew it from the start.\n", None),
}


@pytest.mark.parametrize("text, under_mill", MILL_READINGS.values(), ids=MILL_READINGS.keys())
def test_a_mills_document_reads_what_is_a_clause(text, under_mill):
    assert run(text).text == text
    assert run(text, assume="mill").text == (under_mill or text)
