"""What a page says it is, in its schema.org data (JSON-LD), where that changes what its
article is: on a discussion thread the posts are the content, not comments under it."""

from __future__ import annotations



def ld_json_texts(tree) -> list[str]:
    """The texts of the page's JSON-LD scripts (found by lxml's tag filter, in C: an XPath
    search of the whole page for them cost ten times more)."""
    return [script.text for script in tree.iter("script")
            if script.text and script.get("type") == "application/ld+json"]


def is_discussion_thread(tree) -> bool:
    """Whether the page declares itself a forum thread (``DiscussionForumPosting``), the signal
    trafilatura itself reads. Q&A pages (``QAPage``) are not threads: their answers stand
    outside comment containers, and every extractor keeps them."""
    return any("DiscussionForumPosting" in script for script in ld_json_texts(tree))
