"""``annotator``: open the window on a project, or run a command on one."""

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from annotator import __version__
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError
from annotator.core.importing import MEGABYTES_PER_FILE, SECONDS_PER_FILE

COMMANDS = (
    "import",
    "import-annotations",
    "info",
    "show",
    "export",
    "agreement",
    "merge",
    "check",
    "attributes",
    "search",
    "suggest",
    "suggest-settings",
    "serve-init",
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
        default=SECONDS_PER_FILE,
        metavar="SECONDS",
        help=f"stop reading a file after this long (default {SECONDS_PER_FILE:g})",
    )
    p.add_argument(
        "--memory-limit",
        type=int,
        default=MEGABYTES_PER_FILE,
        metavar="MB",
        help=f"stop reading a file that needs more memory (default {MEGABYTES_PER_FILE})",
    )
    p = sub.add_parser("info", help="list the project's articles, tags and coders")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON for scripts (indented at a terminal, compact into a pipe or file)",
    )
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
    p.add_argument(
        "--no-tag-sheets",
        dest="tag_sheets",
        action="store_false",
        help="with .xlsx: leave out the sheet per tag (the Annotations sheet has every row)",
    )
    p = sub.add_parser("merge", help="merge other projects (other coders' work) into this one")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("others", nargs="+", metavar="OTHER", help="projects to merge in")
    p = sub.add_parser("agreement", help="agreement between coders, per tag and overall")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--coders", nargs="+", metavar="NAME", help="two or more (default: all)")
    p.add_argument("--tag", action="append", metavar="TAG", help="only this tag (repeatable)")
    p.add_argument(
        "--all-articles",
        action="store_true",
        help="every article, not only the reliability sample (the default when one was drawn)",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser(
        "import-annotations",
        help="import W3C Web Annotations (a collection, a JSON list or JSON Lines)",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("file", metavar="FILE")
    _add_project_care_commands(sub)
    _add_corpus_commands(sub)
    _add_suggest_command(sub)
    _add_team_commands(sub)
    return parser


def _add_project_care_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "check",
        help="check the project's data: the file's structure, links between rows, spans and "
        "quotes, the schema; exit status 1 on any problem",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_corpus_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "attributes",
        help="import article attributes from a .csv or .xlsx sheet: one column names the "
        "article (file name, URL, URI or title), each other column is an attribute",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    p.add_argument(
        "--key",
        metavar="COLUMN",
        help="the column that names the articles (default: found by its header or content)",
    )
    p = sub.add_parser("search", help="full-text search across the articles, best first")
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument(
        "words",
        help='words to find (all of them); "a phrase" in quotes, word* for a prefix, '
        "OR between alternatives, -word to leave out",
    )
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N articles")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_suggest_command(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "suggest",
        help="the uncoded sentences most like those coded with a tag, best first (learned "
        "on this machine from the project's annotations of the tag)",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("--tag", required=True, metavar="TAG", help="the tag to suggest passages for")
    p.add_argument(
        "--article",
        type=int,
        action="append",
        metavar="ID",
        help="suggest in this article only (repeatable; default: every article)",
    )
    how_many = p.add_mutually_exclusive_group()
    how_many.add_argument("--top", type=int, metavar="N", help="the N best suggestions")
    how_many.add_argument(
        "--threshold",
        type=float,
        metavar="P",
        help="every suggestion scoring at least P, between 0 and 1 (default 0.5)",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument(
        "--coder", metavar="NAME", help="learn from this coder's annotations (default: all)"
    )
    p = sub.add_parser(
        "suggest-settings",
        help="whether suggestions may be shown in the reliability sample (coded blind); "
        "prints the project's setting, or changes it for every coder",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument(
        "--in-sample",
        choices=("allow", "forbid"),
        help="allow suggestions in the reliability sample, or forbid them again (the default); "
        "on a team's server only the lead may change this",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def _add_team_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser(
        "serve-init",
        help="prepare an empty PostgreSQL database for a team: the schema, the lead's and "
        "coders' roles, a login for each member; prints what each member types to connect",
    )
    p.add_argument("url", metavar="URL", help="the database, as its administrator: postgresql://…")
    p.add_argument("--lead", required=True, metavar="NAME", help="the lead's name")
    p.add_argument(
        "--coder", action="append", default=[], metavar="NAME", help="a coder (repeatable)"
    )
    p.add_argument(
        "--host", metavar="HOST", help="the server's name as members reach it (default: the URL's)"
    )


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        usage="annotator [PROJECT]\n       annotator COMMAND ...",
        description="Open the window on PROJECT (or the last project, or the sample project). "
        "Commands: " + ", ".join(COMMANDS) + "; `annotator COMMAND -h` for each.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument("project", nargs="?", help=PROJECT_HELP)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offscreen (import, code, export in a temporary project)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        options = _command_parser().parse_args(args)
        with _command_log():
            return _guarded(lambda: _run_command(options))
    return _guarded(lambda: _open_window(args))


def _open_window(args: list[str]) -> int:
    options = _window_parser().parse_args(args)
    from annotator.cli.window import launch_self_test, launch_window  # noqa: PLC0415

    if options.self_test:
        return launch_self_test()
    return launch_window(options.project)


def _guarded(run: Callable[[], int]) -> int:
    """Run a command; any error is one line on the terminal, never a traceback (the details
    go to the log)."""
    try:
        return run()
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
        from annotator.core.logs import log_path  # noqa: PLC0415

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


@contextmanager
def _command_log() -> Iterator[None]:
    """While a command runs, what the core logs, and the details of any error, go to the
    log file, never to the terminal."""
    from annotator.core import logs  # noqa: PLC0415

    root = logging.getLogger()
    started = not any(getattr(h, "annotator_log", False) for h in root.handlers)
    quiet: logging.Handler | None = None
    try:
        logs.start_logging(native=False)
    except OSError:  # no log folder here: messages still say what happened
        started = False
        quiet = logging.NullHandler()
        root.addHandler(quiet)
    hook = sys.unraisablehook
    sys.unraisablehook = _log_unraisable
    try:
        yield
    finally:
        gc.collect()  # what a failed write left half-closed is cleaned up (and logged) now
        sys.unraisablehook = hook
        if quiet is not None:
            root.removeHandler(quiet)
        if started:
            logs.stop_logging()


def _run_command(ns: argparse.Namespace) -> int:
    # Each command imports what it needs when it runs, so that `--help` and `info` start fast.
    from annotator.cli import commands  # noqa: PLC0415

    if ns.command == "import":
        from annotator.core.importing.service import ImportOptions  # noqa: PLC0415

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
        return commands.run_agreement(
            ns.project, ns.coders, ns.tag, ns.json, all_articles=ns.all_articles
        )
    if ns.command == "serve-init":
        return commands.run_serve_init(ns.url, ns.lead, ns.coder, ns.host)
    if ns.command == "import-annotations":
        return commands.run_import_annotations(ns.project, ns.file)
    if ns.command == "attributes":
        return commands.run_attributes(ns.project, ns.file, ns.key)
    if ns.command == "search":
        return commands.run_search(ns.project, ns.words, ns.limit, ns.json)
    if ns.command == "suggest":
        from annotator.cli.suggest_command import run_suggest  # noqa: PLC0415

        return run_suggest(ns.project, ns.tag, ns.article, ns.top, ns.threshold, ns.json, ns.coder)
    if ns.command == "suggest-settings":
        from annotator.cli.suggest_command import run_suggest_settings  # noqa: PLC0415

        return run_suggest_settings(ns.project, ns.in_sample, ns.json)
    from annotator.core.rows import Selection  # noqa: PLC0415

    selection = Selection(
        tags=frozenset(ns.tag) if ns.tag else None,
        coders=frozenset(ns.coder) if ns.coder else None,
        articles=frozenset(ns.article) if ns.article else None,
    )
    return commands.run_export(ns.project, ns.out, selection, ns.matrix, tag_sheets=ns.tag_sheets)
