"""Stray semicolons: content mills and spinners put ``;`` where a comma, or nothing, belongs.

Each semicolon of prose is read in a bounded window and gets a verdict from a named chain of
cues (``cleaner.semicolons``): keep it (two independent clauses, a list whose items hold
commas), make it a comma (a relative pronoun, a participle, an appositive, an attribution),
or drop it (a preposition that continues the phrase).

Edited prose uses semicolons in many places a mill also puts them ("; but", "; which" in an
older essay), so a verdict is trusted alone only where no editor puts a semicolon at all
(conclusive, and definite where the reading is a judgment of the word lists); the rest wait
for a document that shows a mill's hand (conclusive strays, and then only where the spinner
struck), or for ``assume = "mill"`` on an archive known to be one. Clean and edited text is
never made worse.
"""

from __future__ import annotations

from cleaner.document import Document, Edit
from cleaner.kinds.base import Param, Rule, register
from cleaner.kinds.odd_spaces import UNICODE_SPACES
from cleaner.semicolons.evidence import Evidence, Reading, read_document
from cleaner.semicolons.verdicts import Verdict

# Spaces other than the plain one that may follow a semicolon (no-break, typographic).
_UNICODE_SPACES = frozenset(UNICODE_SPACES)


@register
class StraySemicolon(Rule):
    kind = "stray_semicolon"
    summary = "Turn semicolons a content mill put in place of commas into commas (or nothing)."
    params = {
        "assume": Param(str, "edited", "what the documents are taken to be until they show otherwise: "
                        "'edited' (only a semicolon no editor puts anywhere changes, unless the document "
                        "holds min_conclusive of them) or 'mill' (an archive known to be a content "
                        "mill's: every stray-looking semicolon changes; a kept one needs a clause on "
                        "both sides)", choices=("edited", "mill")),
        "min_conclusive": Param(int, 2, "semicolons no editor puts anywhere (“We won;” she said, "
                                "'However; the') that show a document is a mill's; definite ones, read "
                                "through a judgment of the word lists ('; who', 'Unfortunately;'), change "
                                "alone and do not count", minimum=1),
        "english_share": Param(float, 0.1, "share of English function words a document needs for the "
                               "rule to read its grammar; other documents are left alone", minimum=0.0),
        "min_unread": Param(int, 8, "with assume = 'mill', in a language the rule cannot read: "
                            "semicolons needed before all become commas", minimum=1),
        "min_context_share": Param(float, 0.1, "in a document shown to be a mill's by its evidence "
                                   "(not assumed one), a likely verdict changes a semicolon only where "
                                   "semicolons are at least this share of the commas and semicolons before "
                                   "the same kind of word (lower-case, capitalised, a number, 'and'/'but'/…): "
                                   "a spinner makes them common where it strikes, an author's stay rare "
                                   "beside their commas; 0 turns this off", minimum=0.0),
        "thin_document_share": Param(float, 0.25, "a document shown to be a mill's whose semicolons are under "
                                     "this share of all its commas and semicolons reads like edited prose "
                                     "with a slip or two (an editor's semicolons are few beside the commas): "
                                     "there thin_context_share applies instead of min_context_share; 0 "
                                     "turns this off", minimum=0.0),
        "thin_context_share": Param(float, 0.5, "in such a document, a likely verdict changes a semicolon only "
                                    "where semicolons are at least this share of the marks before its kind of "
                                    "word: the majority a spinner that struck only there leaves (before "
                                    "capitals, before numbers), and an author's own use rarely does",
                                    minimum=0.0),
        "min_unread_density": Param(float, 0.35, "with assume = 'mill', in a language the rule cannot "
                                    "read: share of semicolons among semicolons and commas needed",
                                    minimum=0.0),
    }

    def setup(self) -> None:
        self.evidence = Evidence(assume_mill=self.assume == "mill", min_conclusive=self.min_conclusive,
                                 english_share=self.english_share, min_unread=self.min_unread,
                                 min_unread_density=self.min_unread_density,
                                 min_context_share=self.min_context_share,
                                 thin_document_share=self.thin_document_share,
                                 thin_context_share=self.thin_context_share)

    def read(self, text: str) -> Reading:
        """Every prose semicolon's verdict and the document's treatment (for explaining and
        benchmarks; :meth:`find` turns it into edits)."""
        return read_document(text, self.evidence)

    def judge(self, text: str):
        """``(treatment name, sites)``: the reading in the shape benchmarks consume."""
        reading = self.read(text)
        return reading.treatment.value, reading.sites

    def find(self, doc: Document) -> list[Edit]:
        if ";" not in doc.text:
            return []
        text = doc.text
        reading = read_document(text, self.evidence, every_verdict=False)
        edits = []
        for site in reading.edits():
            mark = "" if site.verdict is Verdict.DROP else ","
            # A no-break space after the stray semicolon was the separator it came with; the
            # mended text has the plain space an editor types (``participation;\xa0in``).
            if text[site.pos + 1:site.pos + 2] in _UNICODE_SPACES:
                edits.append(Edit(site.pos, site.pos + 2, mark + " ", site.reason))
            else:
                edits.append(Edit(site.pos, site.pos + 1, mark, site.reason))
        return edits
