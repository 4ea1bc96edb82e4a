"""Processes that leave when the process that started them is gone."""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(parent_pid: int) -> None:
    """Exit once ``parent_pid`` is no longer this process's parent.

    A parent killed with SIGKILL cannot stop its children, and Linux tells them nothing: they would
    go on holding the listening socket or their memory. Checked twice a second: once the parent
    dies, the child is handed to another process and ``getppid`` changes.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
