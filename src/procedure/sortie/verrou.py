"""One command at a time on a dossier: an OS lock on ``DOSSIER/.procedure.lock``.

A command that writes takes the lock before it reads the journal and keeps it until its files and
its journal entry are committed (:mod:`procedure.sortie.transaction`). So two commands run at once
on one dossier never both append to the same journal and lose an entry, and never both write the
same file: the second waits, then sees what the first did ("le document existe déjà").

The lock is the kernel's (``flock``; ``msvcrt.locking`` on Windows): a crashed or killed command
releases it with its process, so there is never a stale lock to remove by hand. The lock file
itself stays: deleting it would let two commands lock two different files.

Taking the lock first completes or undoes a run interrupted in this dossier
(:func:`procedure.sortie.transaction.recover`). The lock is reentrant within a thread: a use case
takes it around reading and rendering, and the commit it calls takes it again.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from procedure.erreurs import BusyError, WriteError, os_reason

LOCK_FILE = ".procedure.lock"
INTENT_FILE = ".procedure-transaction.json"  # a run being committed (procedure.sortie.transaction)
WAIT_SECONDS = 600.0  # a large injonction bundle takes a while; a lot run queues on one dossier at most
_POLL_SECONDS = 0.05

_held: dict[tuple[str, int], list] = {}  # (folder, thread) -> [fd, depth, acquired at]
_guard = threading.Lock()


def _key(folder: Path) -> tuple[str, int]:
    return (os.path.realpath(folder), threading.get_ident())


def held(folder: Path) -> bool:
    """Whether this thread holds the lock of ``folder``."""
    return _key(folder) in _held


def acquired_at(folder: Path) -> float:
    """When this thread took the lock of ``folder`` (a temporary file older than that is stale)."""
    return _held[_key(folder)][2]


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _lock_reason(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return ("dossier en lecture seule ; procedure y tient son journal : copiez le dossier sur un support "
                "inscriptible")
    return os_reason(exc)


@contextmanager
def locked(folder: Path, wait: float | None = None):
    """Hold the dossier's lock (waiting up to ``wait`` seconds for another command), after
    completing or undoing an interrupted run."""
    key = _key(folder)
    with _guard:
        mine = _held.get(key)
        if mine is not None:
            mine[1] += 1
    if mine is not None:
        try:
            yield
        finally:
            mine[1] -= 1
        return
    path = Path(folder) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise WriteError(f"{path} : impossible de verrouiller le dossier : {_lock_reason(exc)} : rien n'a été écrit") from None
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise BusyError(f"{folder} : une autre commande procedure travaille sur ce dossier depuis trop "
                                f"longtemps (verrou {path}) : rien n'a été écrit ; réessayez")
            time.sleep(_POLL_SECONDS)
        with _guard:
            _held[key] = [fd, 1, time.time()]
        try:
            from procedure.sortie import transaction

            transaction.recover(Path(folder))
            yield
        finally:
            with _guard:
                del _held[key]
            _unlock(fd)
    finally:
        os.close(fd)
