"""JSON text for the run's files and JSONL outputs, lossless for file names that are not UTF-8.

A file name is bytes; Python reads one that is not UTF-8 with each undecodable byte as a lone
surrogate (U+DC80..U+DCFF, "surrogateescape"), which no UTF-8 file can hold. Written as the JSON
escape ``\\udcXX`` instead, the text stays valid UTF-8, and ``json.loads`` gives the same string
back, so ``os.fsencode`` gives the same bytes: a name is stored and reported losslessly, and a
rerun finds it recorded. Text without such characters is written exactly as ``json.dumps``
with ``ensure_ascii=False`` writes it.
"""

from __future__ import annotations

import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)``, lone surrogates escaped."""
    text = json.dumps(value, ensure_ascii=False, **options)
    # json.dumps leaves characters alone only inside strings, so an escape is valid there.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
