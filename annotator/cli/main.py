"""``annotator``: open the window on a project, or run a command on one."""

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.cli import commands
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError
from annotator.core.export.rows import Selection
from annotator.core.importing.service import ImportOptions
from annotator.core.paths import data_dir

COMMANDS = (
    "import",
    "import-annotations",
    "info",
    "show",
    "export",
    "agreement",
    "merge",
    "check",
)
PROJECT_HELP = "a project file, or a SQLAlchemy database URL (postgresql://…)"


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Hand-coding of articles for policy research.",
        epilog="Run `annotator [PROJECT]` with no command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="import articles (files or folders, searched recursively)")
    p.add_argument("project", help=PROJECT_HELP + "; created when missing")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--trim",
        choices=("auto", "none"),
        default="auto",
        help="plain text saved from a browser: cut the page around the article (auto, the "
        "default) or keep the whole text (none)",
    )
    p.add_argument("--password", default="", help="the password of protected PDFs")
    p.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="extraction processes (default: one per core)",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=ImportOptions.time_limit,
        metavar="SECONDS",
        help=f"stop reading a file after this long (default {ImportOptions.time_limit:g})",
    )
    p.add_argument(
        "--memory-limit",
        type=int,
        default=ImportOptions.memory_limit,
        metavar="MB",
        help=f"stop reading a file that needs more memory (default {ImportOptions.memory_limit})",
    )
    p = sub.add_parser("info", help="list the project's articles, tags and coders")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser("show", help="print an article's canonical text")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("id", help="the article id (see `annotator info`)")
    p = sub.add_parser(
        "export",
        help="export the project; the format comes from the extension: "
        ".xlsx, .csv, .json (W3C), .qdpx, .qdc (REFI-QDA)",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("out", metavar="OUT")
    p.add_argument("--tag", action="append", metavar="TAG", help="only this tag (repeatable)")
    p.add_argument("--coder", action="append", metavar="NAME", help="only this coder (repeatable)")
    p.add_argument(
        "--article", action="append", type=int, metavar="ID", help="only this article (repeatable)"
    )
    p.add_argument(
        "--matrix", action="store_true", help="with .csv: the articles × tags 0/1 matrix"
    )
    p = sub.add_parser("merge", help="merge other projects (other coders' work) into this one")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("others", nargs="+", metavar="OTHER", help="projects to merge in")
    p = sub.add_parser("agreement", help="agreement between coders, per tag and overall")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--coders", nargs="+", metavar="NAME", help="two or more (default: all)")
    p.add_argument("--tag", action="append", metavar="TAG", help="only this tag (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser(
        "import-annotations",
        help="import W3C Web Annotations (a collection, a JSON list or JSON Lines)",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser(
        "check",
        help="check the project's data: the file's structure, links between rows, spans and "
        "quotes, the schema; exit status 1 on any problem",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        usage="annotator [PROJECT]\n       annotator COMMAND ...",
        description="Open the window on PROJECT (or the last project, or the sample project). "
        "Commands: " + ", ".join(COMMANDS) + "; `annotator COMMAND -h` for each.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument("project", nargs="?", help=PROJECT_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            options = _command_parser().parse_args(args)
            _log_to_file()
            return _run_command(options)
        options = _window_parser().parse_args(args)
        from annotator.cli.window import launch_window  # noqa: PLC0415 - Qt only when needed

        return launch_window(options.project)
    except AnnotatorError as exc:
        logging.getLogger("annotator").info("command failed: %s", exc, exc_info=exc)
        print(f"annotator: {printable(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``annotator info … | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        # Never a traceback on the terminal: one line, and the details in the log.
        logging.getLogger("annotator").exception("unexpected error")
        print(
            f"annotator: an unexpected error stopped the command ({type(exc).__name__}). "
            f"The details are in {printable(log_path())}; please report it.",
            file=sys.stderr,
        )
        return 2


def _log_unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """Errors Python can only report while cleaning up (a library's file closed on a full
    disk) go to the log, not to the terminal as a traceback."""
    logging.getLogger("annotator").warning(
        "ignored while cleaning up %r",
        unraisable.object,
        exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)
        if unraisable.exc_value is not None
        else None,
    )


def log_path() -> Path:
    return data_dir() / "annotator.log"


_file_log: logging.Handler | None = None


def _log_to_file() -> None:
    """Send what the core logs to the user's log file (opened only when something is
    written), so details of an error are kept without reaching the terminal."""
    global _file_log  # noqa: PLW0603 - one handler for the process, replaced when moved
    path = log_path()
    if _file_log is not None:
        if getattr(_file_log, "baseFilename", "") == str(path.absolute()):
            return
        logging.getLogger().removeHandler(_file_log)
        _file_log.close()
        _file_log = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no log folder: messages still say what happened
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    sys.unraisablehook = _log_unraisable
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _file_log = handler


def _run_command(ns: argparse.Namespace) -> int:
    if ns.command == "import":
        options = ImportOptions(
            trim=ns.trim,
            password=ns.password,
            workers=max(ns.jobs, 0),
            time_limit=ns.time_limit,
            memory_limit=ns.memory_limit,
        )
        return commands.run_import(ns.project, ns.paths, options)
    if ns.command == "check":
        return commands.run_check(ns.project, ns.json)
    if ns.command == "info":
        return commands.run_info(ns.project, ns.json)
    if ns.command == "show":
        return commands.run_show(ns.project, ns.id)
    if ns.command == "merge":
        return commands.run_merge(ns.project, ns.others)
    if ns.command == "agreement":
        return commands.run_agreement(ns.project, ns.coders, ns.tag, ns.json)
    if ns.command == "import-annotations":
        return commands.run_import_annotations(ns.project, ns.file)
    selection = Selection(
        tags=frozenset(ns.tag) if ns.tag else None,
        coders=frozenset(ns.coder) if ns.coder else None,
        articles=frozenset(ns.article) if ns.article else None,
    )
    return commands.run_export(ns.project, ns.out, selection, ns.matrix)
