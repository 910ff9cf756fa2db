"""Writing output safely: files atomically, and a build's folder all at once.

A file is written to a temporary file beside it and renamed over it, so a reader
sees the old file or the new one, never half of one. A build writes several
files (graph.trig and views/*.html) that belong together: they are written into
a fresh folder beside the output folder, which takes the old folder's place in
one rename at the end. A build that fails or is killed leaves the previous
output exactly as it was; its leftovers (hidden ``.<name>.*.part`` folders) are
removed by the next build.

New files get the usual permissions (0666 less the umask), like any program's.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

STALE_PART_SECONDS = 600  # a file's .part leftover older than this was left by a killed writer


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _why(e: OSError) -> str:
    return e.strerror or type(e).__name__


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name to write to")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as e:
        raise OutputError(f"{path}: cannot write here ({_why(e)})") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({_why(e)})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_parts(path: Path) -> None:
    """Leftovers of a killed write of this same file, old enough that no writer is still busy with them."""
    now = time.time()
    for part in path.parent.glob(f".{path.name}.*.part"):
        try:
            if part.is_file() and now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------ folders
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _carry_over(old: Path, new: Path, owned: set[str]) -> None:
    """Hard-link into `new` whatever `old` holds that the build does not write (a user's own files)."""
    for dirpath, dirnames, filenames in os.walk(old):
        rel = Path(dirpath).relative_to(old)
        for name in filenames:
            path = rel / name
            if path.as_posix() in owned or name.endswith(".part") or (new / path).exists():
                continue
            (new / rel).mkdir(parents=True, exist_ok=True)
            if os.path.islink(old / path):
                os.symlink(os.readlink(old / path), new / path)
            else:
                _link_or_copy(str(old / path), str(new / path))
        for name in [d for d in dirnames if os.path.islink(old / rel / d)]:  # os.walk lists these as folders
            dirnames.remove(name)
            if not os.path.lexists(new / rel / name):
                (new / rel).mkdir(parents=True, exist_ok=True)
                os.symlink(os.readlink(old / rel / name), new / rel / name)
        dirnames[:] = [d for d in dirnames if not d.endswith(".part")]


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One build at a time into the same parent folder (an advisory lock on the folder itself).

    Where the folder cannot be opened or locked (some network file systems), builds go unlocked.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def _tidy(out: Path) -> None:
    """Finish or undo what a killed build left beside `out` (called under the lock)."""
    previous = out.with_name(f".{out.name}.previous")
    if previous.is_dir():
        if out.exists():  # the new folder was in place: the old one only waited to be removed
            shutil.rmtree(previous, ignore_errors=True)
        else:  # killed between the two renames of the fallback swap: put the old output back
            os.rename(previous, out)
    for part in out.parent.glob(f".{out.name}.*.part"):
        if part.is_dir() and not part.is_symlink():
            shutil.rmtree(part, ignore_errors=True)
        else:
            part.unlink(missing_ok=True)


@contextmanager
def replacing_folder(out: Path, owned: set[str]) -> Iterator[Path]:
    """A fresh folder to write a build into; on success it replaces `out` whole.

    `owned` are the paths (relative, with /) a build writes: the old folder's copies
    of them go away with it, even if this build does not write them all (so no view
    of an older graph stays beside a new one). Every other file in the old folder is
    kept. On any error the fresh folder is removed and `out` is left untouched.
    """
    out = Path(out).absolute()
    here = Path.cwd().resolve()
    if out.resolve() == here or out.resolve() in here.parents:
        raise OutputError(f"{out}: is the current folder or holds it; give the build a folder of its own")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder; --out names the folder to write graph.trig into")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out.parent}: cannot create the folder ({_why(e)})") from None
    with _folder_lock(out.parent):
        _tidy(out)
        try:
            tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part"))
            os.chmod(tmp, (out.stat().st_mode & 0o7777) if out.is_dir() else 0o777 & ~_umask())
        except OSError as e:
            raise OutputError(f"{out}: cannot write in {out.parent} ({_why(e)})") from None
        try:
            yield tmp
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        try:
            _swap_in(tmp, out, owned)
        except OSError as e:
            raise OutputError(f"{out}: cannot replace the output folder ({_why(e)})") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # the old output after a swap; nothing after a rename


def _swap_in(new: Path, out: Path, owned: set[str]) -> None:
    """Put the folder `new` where `out` is, keeping the files of `out` a build does not own."""
    if not out.is_dir():
        os.rename(new, out)
        return
    _carry_over(out, new, owned)
    if _exchange(new, out):
        return
    previous = out.with_name(f".{out.name}.previous")  # _tidy puts it back if we are killed in between
    os.rename(out, previous)
    os.rename(new, out)
    shutil.rmtree(previous, ignore_errors=True)
