"""The tasks of a run as a sequence made on demand: the planner decides each input's target
once for all (:mod:`cleaner.planning`), and a :class:`Task` is made when an engine, the resume
check or the report asks for it. A run of a million files holds no object per file."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence

from cleaner.task.run import Task


class TaskList(Sequence[Task]):
    """``count`` tasks, the ``index``-th made by ``make(index)``; iterated as often as asked,
    each time anew (so the same tasks, equal, in the same order)."""

    def __init__(self, count: int, make: Callable[[int], Task]) -> None:
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - a Sequence's
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        return self._make(range(self._count)[index])

    def __iter__(self) -> Iterator[Task]:
        return map(self._make, range(self._count))

    def where(self, indices: Iterable[int], change: Callable[[Task], Task] = lambda task: task) -> TaskList:
        """The tasks at ``indices`` (four bytes each), each passed through ``change``."""
        chosen = array("I", indices)
        return TaskList(len(chosen), lambda i: change(self._make(chosen[i])))
