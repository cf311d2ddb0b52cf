"""WordPress-style shortcodes leaked into text: a linear-time parser and per-tag resolution."""

from cleaner.shortcodes.grammar import Node, Shortcode, parse

__all__ = ["Node", "Shortcode", "parse"]
