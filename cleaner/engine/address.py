"""A cluster's address, checked before anything is planned or written: Ray itself retries an
address that does not answer for minutes, and a run that gives up then must leave nothing
behind (not even its state folder)."""

from __future__ import annotations

import socket

from cleaner.errors import CleanerError


def check_reachable(address: str, seconds: float = 5.0) -> None:
    """Raise :class:`CleanerError` at once when a HOST:PORT (or ray://HOST:PORT) does not
    answer; ``auto`` and other forms are left to Ray."""
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, sep, port = hostport.rpartition(":")
    if address == "auto" or not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=seconds).close()
    except OSError as exc:
        raise CleanerError(f"--address {address}: nothing answers there ({exc.strerror or exc}). Is the Ray head "
                           "node up ('ray start --head') and the port open from here?") from None
