"""trafilatura, set for precision (its favor_precision mode) unless told otherwise, comments
off, tables kept."""

from __future__ import annotations

from cleaner.extractors.base import Extraction


def extract_with_trafilatura(tree, *, url: str | None, output: str, precision: bool = True) -> Extraction | None:
    # Imported when a page is first extracted: trafilatura's import takes about a third of a
    # second, which every run of text files (and every rerun) would pay for nothing.
    from trafilatura import bare_extraction
    from trafilatura.settings import Extractor
    from trafilatura.xml import xmltotxt

    options = Extractor(output_format="markdown" if output == "markdown" else "txt", comments=False,
                        tables=True, formatting=output == "markdown", url=url, precision=precision)
    document = bare_extraction(tree, options=options, as_dict=False)
    if document is None or document.body is None:
        return None
    text = xmltotxt(document.body, options.formatting) or ""
    if output == "text":
        # One paragraph a line from trafilatura; a blank line between them, as in text inputs.
        # A template's indentation inside a block comes through on its line: not text.
        text = "\n\n".join(stripped for stripped in (line.strip() for line in text.split("\n")) if stripped)
    return Extraction(text, "trafilatura" if precision else "trafilatura (standard mode)")
