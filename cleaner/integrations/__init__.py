"""cleaner inside other data-processing frameworks; each module imports its framework, so
importing this package needs none of them."""
