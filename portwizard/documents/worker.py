"""Reading untrusted attachments in a separate process with a hard time limit.

A PDF or picture the user attaches may be broken or built to be hostile (endless object
loops, enormous compressed streams, pictures that claim billions of pixels). pypdf and
Pillow cannot be interrupted from another thread, so the file is read in a child process;
the parent waits at most ``time_limit`` seconds, then kills it. Neither the window nor the
command line can be kept waiting. The child also caps its own memory where the OS allows.

The child is the program itself started again as ``portwizard --document-worker``
(``python -m portwizard --document-worker`` from source; in a frozen build its own
executable, on Windows the console one so that its standard input and output are real
pipes): it gets a JSON request on stdin and answers JSON on stdout. ``portwizard.__main__``
hands that flag to :func:`child_main` before it loads anything else. One way for source and
frozen builds, and no ``multiprocessing`` (whose PyInstaller start-up hook costs every
frozen start ~10 ms).

This module is imported by the child, so it imports nothing heavy at the top.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

# Memory the child may use (Linux honours it; elsewhere the time limit still applies).
CHILD_MEMORY_BYTES = 1536 * 2**20
MAX_TEXT_CHARS = 400_000
#: the argument that makes ``portwizard`` this module's child (see portwizard.__main__)
WORKER_FLAG = "--document-worker"


class WorkerTimeout(Exception):
    """The child did not answer within the time limit and was stopped."""


class WorkerCrashed(Exception):
    """The child died without answering (e.g. it ran out of memory)."""


def _limit_memory() -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = CHILD_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard, CHILD_MEMORY_BYTES)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _call(target: str, args: list) -> tuple[str, Any]:
    module, _, name = target.partition(":")
    try:
        fn = getattr(importlib.import_module(module), name)
        return "ok", fn(*args)
    except MemoryError:
        return "error", "MemoryError"
    except BaseException as exc:  # anything: the parent turns it into a finding
        return "error", type(exc).__name__


def child_main() -> None:
    """Entry point of the child interpreter: one request on stdin, one answer on stdout."""
    _limit_memory()
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    status, value = _call(request["target"], request["args"])
    sys.stdout.write(json.dumps([status, value]))
    sys.stdout.flush()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The child must import exactly what we import (source checkout, venv, test helpers).
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    return env


def _frozen() -> bool:
    """True in a PyInstaller build (no separate Python interpreter to start)."""
    return bool(getattr(sys, "frozen", False))


def _program() -> list[str]:
    """How to start this program again: ``python -m portwizard`` from source; in a frozen
    build its executable, on Windows the console twin (``portwizard-cli.exe``: the windowed
    one may have no standard input and output)."""
    if not _frozen():
        return [sys.executable, "-m", "portwizard"]
    exe = Path(sys.executable)
    if sys.platform == "win32":
        console = exe.with_name(f"{exe.stem}-cli{exe.suffix}")
        if console.is_file():
            return [str(console)]
    return [str(exe)]


def run_isolated(target: str, args: list, time_limit: float) -> Any:
    """Run ``target`` (``"package.module:function"``, JSON-able ``args`` and result) in a
    child process and return its result. Raises :class:`WorkerTimeout` after
    ``time_limit`` seconds (the child is killed), :class:`WorkerCrashed` if it dies, and
    ``RuntimeError(name)`` if the function raised (``name`` is the exception's type name:
    no file content leaks)."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows
    request = json.dumps({"target": target, "args": list(args)}).encode("utf-8")
    proc = subprocess.Popen([*_program(), WORKER_FLAG], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_child_env(),
                            creationflags=flags)
    try:
        out, _ = proc.communicate(request, timeout=time_limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise WorkerTimeout() from None
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    try:
        status, value = json.loads(out.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise WorkerCrashed() from None
    if status == "ok":
        return value
    raise RuntimeError(value)


# --------------------------------------------------------------------------- what the child does


def probe_pdf(path: str, max_pages: int, text_pages: int) -> dict:
    """Open a PDF with pypdf and report what :mod:`portwizard.documents.inspect` needs.

    Returns ``{"pages", "text", "keywords", "encrypted", "problem"}`` where ``problem`` is a
    finding code (``documents.encrypted``, ``documents.no_pages``, ``documents.too_many_pages``,
    ``documents.damaged``) or None.
    """
    import logging
    import warnings

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    out: dict[str, Any] = {"pages": 0, "text": "", "keywords": "", "encrypted": False,
                           "problem": None, "detail": ""}
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            out["encrypted"] = True
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
                out["detail"] = "unsupported"
            if not opened:
                out["problem"] = "documents.encrypted"
                return out
        pages = len(reader.pages)
        out["pages"] = pages
        if pages == 0:
            out["problem"] = "documents.no_pages"
            return out
        if pages > max_pages:
            out["problem"] = "documents.too_many_pages"
            return out
        try:
            meta = reader.metadata
            out["keywords"] = str(meta.get("/Keywords", "") or "") if meta else ""
        except Exception:
            out["keywords"] = ""
        parts: list[str] = []
        total = 0
        for i in range(min(pages, text_pages)):
            try:
                chunk = reader.pages[i].extract_text() or ""
            except Exception:
                chunk = ""
            parts.append(chunk)
            total += len(chunk)
            if total >= MAX_TEXT_CHARS:
                break
        out["text"] = "\n".join(parts)[:MAX_TEXT_CHARS]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, AssertionError, OSError, UnicodeError, ZeroDivisionError):
        out["problem"] = "documents.damaged"
    return out


def probe_image(path: str, max_pixels: int) -> dict:
    """Check a JPEG/PNG photo (header first, then a full decode)."""
    from portwizard.documents.images import ImageProblem, check_image

    try:
        info = check_image(path, max_pixels=max_pixels, decode=True)
    except ImageProblem as exc:
        return {"problem": exc.code, "message": str(exc), "fix": exc.fix}
    return {"problem": None, "width": info.width, "height": info.height, "format": info.format}
