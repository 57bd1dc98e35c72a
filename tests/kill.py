"""Killing a command at a random moment that lands mid-run."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable


def kill_after(
    args: list[str], progress: Callable[[], int], target: int, timeout: float = 60
) -> None:
    """Start ``args``, SIGKILL it once ``progress()`` reaches ``target`` (or it
    ends, or ``timeout`` passes), and wait for it to die."""
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if progress() >= target:
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
