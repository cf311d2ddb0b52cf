"""What a page says it is, in its schema.org data (JSON-LD), where that changes what its
article is: on a discussion thread the posts are the content, not comments under it."""

from __future__ import annotations

from lxml import etree

LD_JSON = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)


def is_discussion_thread(tree) -> bool:
    """Whether the page declares itself a forum thread (``DiscussionForumPosting``), the signal
    trafilatura itself reads. Q&A pages (``QAPage``) are not threads: their answers stand
    outside comment containers, and every extractor keeps them."""
    return any("DiscussionForumPosting" in script for script in LD_JSON(tree))
