"""Executors: the same per-file work run in this process or in worker processes."""

from cleaner.engine.local import Settings, Task, TaskResult, build_cleaner, load_document, run_tasks

__all__ = ["Settings", "Task", "TaskResult", "build_cleaner", "load_document", "run_tasks"]
