"""The run report as one self-contained page: inline SVG charts and CSS, nothing loaded from
the network, so it opens the same on an air-gapped cluster as on a laptop."""

from __future__ import annotations

import html
from typing import Any

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2330}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.figures{display:flex;gap:1rem;flex-wrap:wrap}.figure{background:#f3f5f9;border-radius:6px;padding:.6rem .9rem}
.figure b{display:block;font-size:1.3rem}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e7ee;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}code{background:#f3f5f9;padding:0 .2rem}
del{background:#fde2e1;text-decoration:line-through}ins{background:#ddf4e4;text-decoration:none}
.muted{color:#6b7385}
"""


def _bars(rows: list[tuple[str, int]], *, width: int = 560, bar_height: int = 18, color: str = "#3b6fd8") -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return '<p class="muted">nothing to show</p>'
    top = max(value for _, value in rows) or 1
    label_width = 230
    height = bar_height * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + label_width + 60}" height="{height}" '
             f'role="img" aria-label="bar chart">']
    for i, (label, value) in enumerate(rows):
        y = i * bar_height + 2
        length = max(1, round(width * value / top)) if value else 0
        parts.append(f'<text x="{label_width - 6}" y="{y + bar_height - 6}" text-anchor="end" font-size="12">'
                     f'{html.escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 2}" width="{length}" height="{bar_height - 5}" '
                     f'fill="{color}" rx="2"/>')
        parts.append(f'<text x="{label_width + length + 6}" y="{y + bar_height - 6}" font-size="12">{value:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: dict[str, Any]) -> str:
    docs = summary["documents"]
    size = summary["bytes"]
    figures = [("documents in", f"{docs['in']:,}"), ("written", f"{docs['written']:,}"),
               ("failed", f"{docs['failed']:,}"), ("changed", f"{docs['changed']:,}"),
               ("MB in", f"{size['in'] / 1e6:,.1f}"), ("MB out", f"{size['out'] / 1e6:,.1f}"),
               ("seconds", f"{summary['wall_seconds']:,.1f}"), ("documents/s", f"{summary['documents_per_second']:,}")]
    rules = summary.get("rules_hit", {})
    kept = summary.get("kept_share_histogram", {})
    removed = summary.get("top_removed_lines", [])
    samples = summary.get("sample_changes", [])
    unknown = summary.get("unknown_shortcodes", {})
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           "<title>cleaner report</title><style>", _STYLE, "</style></head><body>",
           "<h1>cleaner report</h1>",
           f"<p class='muted'>rule sets: {html.escape(', '.join(summary.get('rules', [])))} · "
           f"version {html.escape(str(summary.get('version', '')))}</p><div class='figures'>"]
    out += [f"<div class='figure'><b>{value}</b>{html.escape(label)}</div>" for label, value in figures]
    out.append("</div><h2>Documents changed, per rule</h2>")
    out.append(_bars([(rule, hits.get("documents", 0)) for rule, hits in rules.items()]))
    out.append("<h2>Characters removed, per rule</h2>")
    out.append(_bars([(rule, hits.get("characters_removed", 0)) for rule, hits in rules.items()], color="#d8663b"))
    out.append("<h2>How much of each document was kept</h2>")
    out.append(_bars([(f"{share} kept", n) for share, n in kept.items()], color="#2f9e6b"))
    out.append("<h2>Most removed lines</h2>")
    if removed:
        out.append("<table><tr><th>line</th><th>times</th></tr>")
        out += [f"<tr><td><code>{html.escape(r['line'])}</code></td><td class='n'>{r['count']:,}</td></tr>"
                for r in removed]
        out.append("</table>")
    else:
        out.append("<p class='muted'>no whole lines removed</p>")
    out.append("<h2>Sample changes</h2>")
    if samples:
        out.append("<table><tr><th>rule</th><th>change</th><th>document</th></tr>")
        for sample in samples:
            out.append(f"<tr><td>{html.escape(sample['rule'])}</td><td><del>{html.escape(sample['before'])}</del>"
                       f"<ins>{html.escape(sample['after'])}</ins></td>"
                       f"<td class='muted'>{html.escape(sample['source'])}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p class='muted'>no samples</p>")
    if unknown:
        out.append("<h2>Unknown shortcode tags</h2><table><tr><th>tag</th><th>times</th><th>example</th></tr>")
        out += [f"<tr><td>{html.escape(tag)}</td><td class='n'>{e['count']:,}</td>"
                f"<td><code>{html.escape(e['example'])}</code></td></tr>" for tag, e in unknown.items()]
        out.append("</table>")
    out.append("</body></html>\n")
    return "".join(out)
