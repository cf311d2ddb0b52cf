"""Rule kinds, one module each, registered by their ``kind`` name for rule sets to pick."""

from cleaner.kinds.base import KINDS, HtmlRule, Param, Rule, register, validate_params
from cleaner.kinds import (  # noqa: F401  (importing registers the kinds)
    ad_label,
    blank_lines,
    encoding_repair,
    header_date,
    html_ads,
    line_pattern,
    link_lists,
    odd_spaces,
    regex_replace,
    repeated_banner,
    repeated_line,
    shortcodes,
    site_boilerplate,
    stray_semicolon,
)

__all__ = ["KINDS", "HtmlRule", "Param", "Rule", "register", "validate_params"]
