"""What the integrations' tests (datatrove, NeMo Curator) clean: scraped texts, and a cleaner
whose rule fails, for their error handling."""

from __future__ import annotations

from cleaner import Cleaner

TEXTS = [
    "Advertisement\nThe quay reopens on Monday.\n",
    "Share this: Facebook Twitter\n\nThe fleet sails at dawn.\n",
    "Nothing here needs cleaning.\n",
    "Tue, 21-Oct-2025\n\nAds | Ads | Ads\n\nIt rained all week; which surprised nobody.\n",
]


class BrokenCleaner(Cleaner):
    """Fails on any text that says BOOM, as a rule with a bug would."""

    def clean_document(self, doc):  # noqa: ANN001, ANN201
        if "BOOM" in doc.text:
            raise ValueError("the rule broke")
        return super().clean_document(doc)
