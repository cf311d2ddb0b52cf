"""Engines: the same tasks (:mod:`cleaner.task.run`) scheduled in this process, in worker
processes, or on a Ray cluster. An engine is a function ``run(tasks, settings, jobs, *,
on_documents=None, address=None, on_shards=None)`` that yields one
:class:`~cleaner.task.stats.RunStats` per task, in the order of
the tasks; it may call ``on_documents(n)`` as documents inside a large input are done and
``on_shards(done, total)`` as its units of work finish. ``address`` names a cluster to join,
for engines that have one. The CLI picks the engine by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module

from cleaner.errors import CleanerError
from cleaner.task.boilerplate import learn_boilerplate
from cleaner.task.stats import RunStats

Engine = Callable[..., Iterator[RunStats]]

# Names to "module:function", imported only when chosen, so an engine's own dependencies
# are needed only by those who use it.
ENGINES: dict[str, str] = {
    "local": "cleaner.engine.local:run_tasks",
    "ray": "cleaner.engine.ray_engine:run_tasks",
}
# Engines that run on a cluster and take --address.
CLUSTER_ENGINES = frozenset({"ray"})


def get_engine(name: str) -> Engine:
    try:
        module_name, function = ENGINES[name].split(":")
    except KeyError:
        raise CleanerError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}") from None
    try:
        return getattr(import_module(module_name), function)
    except ImportError as exc:
        extra = f" (pip install 'cleaner[{name}]')" if name in CLUSTER_ENGINES else ""
        raise CleanerError(f"the {name} engine needs a package that is not installed ({exc.name}); "
                           f"install it{extra}, or use --engine local") from None


def get_boilerplate_learner(name: str) -> Callable[..., dict]:
    """The engine's first pass of ``--learn-boilerplate``: ``learn(cleaner, tasks, settings,
    **options)`` gives per-site line counts; the local one serves engines without their own."""
    module_name = ENGINES[name].split(":")[0]
    return getattr(import_module(module_name), "learn_boilerplate", None) or learn_boilerplate


__all__ = ["CLUSTER_ENGINES", "ENGINES", "Engine", "get_boilerplate_learner", "get_engine"]
