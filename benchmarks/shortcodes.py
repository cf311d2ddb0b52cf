"""Shortcode resolution speed on shortcode-dense text, and whether it stays linear.

WordPress's own regex looks for a closing tag from every opening one, which is quadratic on
long texts with many shortcodes. This benchmark builds texts of growing size, dense with page
builder wrappers, captions, embeds, unclosed tags, orphan closers and prose brackets, cleans
each with the bundled ``shortcodes`` set, and prints MB/s and seconds per MB for each size; the
ratio of seconds per MB at the largest size to the smallest should be close to 1.

    python benchmarks/shortcodes.py                 # 1, 5, 10, 25, 50 MB, median of 3
    python benchmarks/shortcodes.py --quick         # 1 and 5 MB
    python benchmarks/shortcodes.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from cleaner import Cleaner

BLOCKS = [
    '[vc_row full_width="stretch_row"][vc_column width="1/2"][vc_column_text]The harbour board met on '
    'Tuesday to discuss the ferry timetable.[/vc_column_text][/vc_column][vc_column width="1/2"]'
    '[vc_column_text]Residents asked for later crossings in summer.[/vc_column_text][/vc_column][/vc_row]',
    '[caption id="attachment_{n}" align="alignnone" width=”300″]<img src="p{n}.jpg" /> The quay at dawn[/caption]',
    '[embedpost slug=”story-{n}”]',
    '[gallery ids="{n},{m},{k}"]',
    '[et_pb_section fb_built="1"][et_pb_row][et_pb_column type="4_4"][et_pb_text]Divi text block {n}.'
    '[/et_pb_text][/et_pb_column][/et_pb_row][/et_pb_section]',
    'A sentence with a citation [1] and an editorial aside [sic] stays as it is.',
    'An unclosed [dropcap]T opener and a stray [/vc_row] closer.',
    '[embed]https://video.example.org/watch?v={n}[/embed]',
    'Prose with [brackets that are not tags and a lone [ bracket.',
    '[contact-form-7 id="{n}" title="Contact form"]',
]


def make_text(size_bytes: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts, total, n = [], 0, 0
    while total < size_bytes:
        n += 1
        block = rng.choice(BLOCKS).format(n=n, m=n + 1, k=n + 2)
        parts.append(block)
        total += len(block.encode()) + 2
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10,25,50", help="sizes in MB, comma-separated")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 and 5 MB only")
    parser.add_argument("--json", dest="json_path", help="also write the figures here")
    args = parser.parse_args()
    sizes = [1, 5] if args.quick else [int(s) for s in args.sizes.split(",")]

    cleaner = Cleaner.from_rules("shortcodes")
    rows = []
    print(f"{'MB':>5} {'shortcodes':>11} {'median s':>9} {'MB/s':>7} {'s per MB':>9}")
    for mb in sizes:
        text = make_text(mb * 1_000_000)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            result = cleaner.clean(text)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        real_mb = len(text.encode()) / 1_000_000
        rows.append({"mb": real_mb, "median_s": median, "mb_per_s": real_mb / median,
                     "s_per_mb": median / real_mb, "changes": len(result.changes)})
        print(f"{real_mb:5.1f} {len(result.changes):11d} {median:9.3f} {real_mb / median:7.2f} {median / real_mb:9.4f}")
    ratio = rows[-1]["s_per_mb"] / rows[0]["s_per_mb"]
    print(f"\nseconds per MB, largest / smallest: {ratio:.2f} (linear time: close to 1)")
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as fh:
            json.dump({"rows": rows, "s_per_mb_ratio": ratio}, fh, indent=2)


if __name__ == "__main__":
    main()
