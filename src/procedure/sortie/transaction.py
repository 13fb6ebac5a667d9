"""A run is all or nothing, journal included: its documents and its journal entry are committed as one step.

The protocol (a redo log of one record, ``DOSSIER/.procedure-transaction.json``), under the
dossier's lock (:mod:`procedure.sortie.verrou`), which is held from reading the journal:

1. **prepare**: the intent, state ``prepared``, lists every move ``temp -> final`` of the run
   (the journal's new version last). It is written to a temporary file, fsynced and renamed, so
   it exists whole or not at all. Then every document is written under its temporary name
   ``.<name>.<id>.tmp`` beside its final name (``O_EXCL``), the journal's new version beside
   ``journal.yaml``; each is fsynced, then its folder. A file to replace (``--remplacer``) gets a
   hard link ``.<name>.<id>.old.tmp`` (or a copy), so that it can be put back.
2. **commit point**: the intent is rewritten, state ``committed``. From here the run happens.
3. **apply**: each document is moved to its final name: a new one by ``link`` + ``unlink``,
   which never overwrites (a file that appeared meanwhile, from another dossier sharing the
   output folder, stops the run), a replaced one by ``rename``; then the journal by ``rename``,
   last; then the folders are fsynced.
4. **finish**: the backups, then the intent, are removed.

A failure (an exception) before the commit point removes the temporary files and the intent:
nothing happened. A failure while applying moves each applied document back to its temporary
name and restores the replaced ones, then removes the intent: nothing happened either; at every
instant of that undo the intent still says ``committed`` and every file needed to redo the run
is present. A crash (SIGKILL, power cut) leaves the intent: the next command that takes the lock
(every writing command, and every reading command that finds an intent) calls :func:`recover`,
which redoes a ``committed`` run (renames are idempotent) and undoes a ``prepared`` one. It also
removes stale temporary files (``.*.tmp`` older than the lock holder: :mod:`procedure.sortie.temporaires`).
So every journal entry's files exist with their SHA-256, and no final-named document exists
without its journal entry, once the lock has been taken again.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from procedure.erreurs import InputError, OutputExistsError, WriteError, os_reason
from procedure.modele.dossier import FileRecord
from procedure.sortie import journal, temporaires, verrou
from procedure.sortie.verrou import INTENT_FILE

FORMAT = "procedure-transaction/1"


@dataclass
class Move:
    temp: Path
    final: Path
    backup: Path | None = None  # the replaced file, kept until the run is done
    replace: bool = False
    placed: bool = False  # final now holds the new content
    temp_left: bool = False  # placed by link, temp not yet unlinked


def commit(folder: Path, outputs: list[tuple[Path, bytes]], entry: journal.JournalEntry, replace: bool = False,
           reference: str | None = None) -> list[Path]:
    """Write ``outputs`` and append ``entry`` to the journal of the dossier in ``folder``, all or
    nothing. An existing file is refused, or with ``replace`` replaced when this dossier's journal
    lists it (its checksum then goes to ``entry.remplace``). ``reference`` marks the dossier's own
    stale temporary files in an output folder shared with other dossiers."""
    folder = Path(os.path.abspath(folder))
    outputs = [(Path(os.path.abspath(p)), data) for p, data in outputs]
    with verrou.locked(folder):
        entries = journal.read(folder)
        replaced = _check_targets(folder, [p for p, _ in outputs], entries, replace)
        if replaced:
            entry = dataclasses.replace(entry, remplace=entry.remplace + replaced)
        text = journal.render([*entries, entry])
        temporaires.clean({p.parent for p, _ in outputs}, folder, reference)
        _Run(folder, outputs, text).run()
    return [p for p, _ in outputs]


def _check_targets(folder: Path, paths: list[Path], entries: list[journal.JournalEntry],
                   replace: bool) -> tuple[FileRecord, ...]:
    existing = [p for p in paths if os.path.lexists(p)]
    if existing and not replace:
        names = ", ".join(str(p) for p in existing)
        raise OutputExistsError(f"{names} : le document existe déjà ; rien n'a été écrit "
                                "(--remplacer pour l'écraser, ou une autre --date / --sortie)")
    listed = {f.path for e in entries for f in e.fichiers}
    replaced = []
    for p in existing:
        if not p.is_file() or p.is_symlink():
            raise InputError(f"{p} : n'est pas un fichier ordinaire : --remplacer refusé ; rien n'a été écrit")
        record_path = journal.record_path(folder, p)
        if record_path not in listed:
            raise InputError(f"{p} : ce fichier n'est pas inscrit au journal de ce dossier "
                             f"({folder / journal.JOURNAL_FILE}) : --remplacer refusé (il peut appartenir à un autre "
                             "dossier, ou avoir été déposé à la main) ; rien n'a été écrit")
        try:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError as exc:
            raise WriteError(f"{p} : lecture impossible ({os_reason(exc)}) : rien n'a été écrit") from None
        replaced.append(FileRecord(record_path, digest))
    return tuple(replaced)


class _Run:
    def __init__(self, folder: Path, outputs: list[tuple[Path, bytes]], journal_text: bytes):
        self.folder = folder
        self.id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.data = [data for _, data in outputs] + [journal_text]
        self.moves = [self._move(p, replace=os.path.lexists(p)) for p, _ in outputs]
        self.moves.append(self._move(folder / journal.JOURNAL_FILE, replace=True))  # last: it says the run happened
        self.created: list[Path] = []  # folders made for the run, removed with it

    def _move(self, final: Path, replace: bool) -> Move:
        m = Move(final.with_name(f".{final.name}.{self.id}.tmp"), final, replace=replace)
        if replace and final.name != journal.JOURNAL_FILE and os.path.lexists(final):
            m.backup = final.with_name(f".{final.name}.{self.id}.old.tmp")
        return m

    def run(self) -> None:
        documents, last = self.moves[:-1], self.moves[-1]
        try:
            _write_intent(self.folder, self.id, "prepared", self.moves)
            for m, data in zip(self.moves, self.data):
                self.created += _make_dir(m.temp.parent)
                _write_new(m.temp, data)
                if m.backup is not None:
                    _backup(m.final, m.backup)
            _sync_dirs({m.temp.parent for m in self.moves})
            _write_intent(self.folder, self.id, "committed", self.moves)
        except BaseException as exc:
            raise _as_input_error(exc, self.moves, self._discard()) from None
        try:
            for m in documents:
                _place(m)
            _sync_dirs({m.final.parent for m in documents})
            _place(last)
        except BaseException as exc:
            raise _as_input_error(exc, self.moves, self._undo()) from None
        # the journal holds the entry: the run happened; what remains is durability and tidying,
        # which the next command would also do
        try:
            _sync_dirs({self.folder})
        except OSError:
            pass
        for m in documents:
            _unlink_quietly(m.backup)
        _unlink_quietly(self.folder / INTENT_FILE)

    def _discard(self) -> bool:
        """Before the commit point (or after an undo): drop the intent, then every temporary file.
        False when the intent cannot be removed: the next command then decides from it."""
        try:
            os.unlink(self.folder / INTENT_FILE)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        for m in self.moves:
            _unlink_quietly(m.temp)
            _unlink_quietly(m.backup)
        for d in reversed(self.created):
            try:
                d.rmdir()
            except OSError:
                pass
        return True

    def _undo(self) -> bool:
        """After the commit point, the journal not yet replaced: put every applied document back
        (to its temporary name; a replaced file from its backup), then discard. At every instant
        the intent still allows the next command to redo the whole run instead."""
        try:
            for m in reversed(self.moves):
                if not m.placed:
                    continue
                if m.temp_left:
                    os.unlink(m.final)
                else:
                    os.replace(m.final, m.temp)
                if m.backup is not None:
                    os.replace(m.backup, m.final)
                    m.backup = None
                m.placed = False
        except BaseException:
            return False
        return self._discard()


def _as_input_error(exc: BaseException, moves: list[Move], undone: bool) -> BaseException:
    """The error to show: the user's to fix (exit 2), saying whether anything was written."""
    if not isinstance(exc, (OSError, InputError)):
        return exc  # KeyboardInterrupt and the like, after the same cleaning
    where = getattr(exc, "filename", None) or (moves[0].final.parent if moves else "")
    reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    if not undone:
        return WriteError(f"{where} : {reason} : commande interrompue ; la prochaine commande sur ce dossier "
                          "achèvera l'écriture")
    if isinstance(exc, InputError):
        return exc
    return WriteError(f"{where} : {reason} : rien n'a été écrit")


def _place(m: Move) -> None:
    """Move ``m``'s temporary file to its final name; a new file never overwrites another."""
    if m.replace:
        os.replace(m.temp, m.final)
        m.placed = True
        return
    try:
        os.link(m.temp, m.final)
    except FileExistsError:
        raise OutputExistsError(f"{m.final} : le document vient d'être écrit par une autre commande ; "
                                "rien n'a été écrit") from None
    except OSError as exc:  # no hard links here (FAT, some network shares): check, then rename
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(m.final):
            raise OutputExistsError(f"{m.final} : le document vient d'être écrit par une autre commande ; "
                                    "rien n'a été écrit") from None
        os.replace(m.temp, m.final)
        m.placed = True
        return
    m.placed = m.temp_left = True
    os.unlink(m.temp)
    m.temp_left = False


def recover(folder: Path) -> None:
    """Redo a committed run, undo a prepared one, remove stale temporary files (under the lock)."""
    folder = Path(os.path.abspath(folder))
    intent = folder / INTENT_FILE
    if os.path.lexists(intent):
        try:
            data = json.loads(intent.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            moves = [Move(_absolute(folder, m["temp"]), _absolute(folder, m["final"]),
                          _absolute(folder, m["backup"]) if m.get("backup") else None) for m in data["moves"]]
            state = data["state"]
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise WriteError(f"{intent} : fichier de reprise illisible ; vérifiez le journal du dossier puis "
                             "supprimez ce fichier") from None
        try:
            if state == "committed":
                for m in moves:
                    if os.path.lexists(m.temp):
                        os.replace(m.temp, m.final)
                        _unlink_quietly(m.temp)  # still there when temp and final were one file (link)
                _sync_dirs({m.final.parent for m in moves})
            for m in moves:
                _unlink_quietly(m.temp)
                _unlink_quietly(m.backup)
            os.unlink(intent)
            _sync_dirs({folder})
        except OSError as exc:
            raise WriteError(f"{intent} : reprise de la commande interrompue impossible ({os_reason(exc)})") from None
    temporaires.clean(temporaires.own_dirs(folder), folder, None)


# --- plumbing -------------------------------------------------------------------------------------

def _relative(folder: Path, path: Path | None) -> str | None:
    if path is None:
        return None
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def _absolute(folder: Path, text: str) -> Path:
    p = Path(text)
    return p if p.is_absolute() else folder / p


def _write_intent(folder: Path, run_id: str, state: str, moves: list[Move]) -> None:
    data = {"format": FORMAT, "id": run_id, "state": state, "written": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "moves": [{"temp": _relative(folder, m.temp), "final": _relative(folder, m.final),
                       "backup": _relative(folder, m.backup)} for m in moves]}
    final = folder / INTENT_FILE
    temp = folder / f"{INTENT_FILE}.{run_id}.tmp"
    try:
        _write_new(temp, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(temp, final)
    except BaseException:
        _unlink_quietly(temp)
        raise
    _sync_dirs({folder})


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (never over an existing file), write ``data``, fsync."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(path)
        raise
    os.close(fd)


def _backup(final: Path, backup: Path) -> None:
    try:
        os.link(final, backup)
    except OSError:
        _write_new(backup, final.read_bytes())


def _make_dir(path: Path) -> list[Path]:
    """Make ``path`` and its missing parents (durably); those it made, outermost first."""
    missing = []
    p = path
    while not p.is_dir() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d)
        except FileExistsError:
            if not d.is_dir():
                raise
            missing.remove(d)  # made meanwhile by another command: not ours to remove
    _sync_dirs({d.parent for d in missing})
    return list(reversed(missing))


def _sync_dirs(dirs: set[Path]) -> None:
    """fsync folders, so that the names they hold survive a power cut (no-op where unsupported)."""
    for d in dirs:
        try:
            fd = os.open(d, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            continue  # Windows cannot open a folder; its renames are durable enough
        try:
            os.fsync(fd)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
                raise
        finally:
            os.close(fd)


def _unlink_quietly(path: Path | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # left for the next run's cleaning
