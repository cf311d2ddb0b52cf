"""Clean scraped web articles: strip ads and boilerplate, fix stray semicolons, resolve shortcodes.

>>> from cleaner import Cleaner
>>> result = Cleaner.from_rules("default").clean(text)
>>> result.text, result.changes
"""

from cleaner.document import Change, Document, Edit
from cleaner.errors import CleanerError, InputError, RuleSetError
from cleaner.pipeline import Cleaner, CleanResult
from cleaner.ruleset import RuleSet, load_rule_set

__version__ = "0.1.0"

__all__ = [
    "Change",
    "CleanResult",
    "Cleaner",
    "CleanerError",
    "Document",
    "Edit",
    "InputError",
    "RuleSet",
    "RuleSetError",
    "load_rule_set",
    "__version__",
]
