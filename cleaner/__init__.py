"""Clean scraped web articles: strip ads and boilerplate, fix stray semicolons, resolve shortcodes.

>>> from cleaner import Cleaner
>>> result = Cleaner.from_rules("default").clean(text)
>>> result.text, result.changes

A batch of files, folders or archives: ``cleaner.clean_dataset(paths, out, ...)``.
"""

from cleaner.document import Change, Document, Edit
from cleaner.errors import CleanerError, InputError, RuleSetError
from cleaner.pipeline import Cleaner, CleanResult
from cleaner.ruleset import RuleSet, load_rule_set

__version__ = "0.3.0"


def __getattr__(name: str):
    # The batch layer (engines, planning, storage) is imported only by those who run batches.
    if name == "clean_dataset":
        from cleaner.dataset import clean_dataset

        return clean_dataset
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")


__all__ = [
    "Change",
    "CleanResult",
    "Cleaner",
    "CleanerError",
    "Document",
    "Edit",
    "clean_dataset",
    "InputError",
    "RuleSet",
    "RuleSetError",
    "load_rule_set",
    "__version__",
]
