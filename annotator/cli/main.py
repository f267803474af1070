"""``annotator``: open the window on a project, or run a command on one."""

import argparse
import os
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.core.errors import AnnotatorError

COMMANDS = (
    "import",
    "import-annotations",
    "info",
    "show",
    "export",
    "agreement",
    "merge",
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
        help="extraction processes (default: one per core; 1: none)",
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
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p = sub.add_parser(
        "import-annotations",
        help="import W3C Web Annotations (a collection, a JSON list or JSON Lines)",
    )
    p.add_argument("project", help=PROJECT_HELP)
    p.add_argument("file", metavar="FILE")
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
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offscreen (import, code, export in a temporary project)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _run_command(_command_parser().parse_args(args))
        options = _window_parser().parse_args(args)
        from annotator.cli.window import launch_self_test, launch_window  # noqa: PLC0415

        if options.self_test:
            return launch_self_test()
        return launch_window(options.project)
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``annotator info … | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130


def _run_command(ns: argparse.Namespace) -> int:
    # Each command imports what it needs when it runs, so that `--help` and `info` start fast.
    from annotator.cli import commands  # noqa: PLC0415

    if ns.command == "import":
        from annotator.core.importing.service import ImportOptions  # noqa: PLC0415

        options = ImportOptions(trim=ns.trim, password=ns.password, workers=max(ns.jobs, 0))
        return commands.run_import(ns.project, ns.paths, options)
    if ns.command == "info":
        return commands.run_info(ns.project, ns.json)
    if ns.command == "show":
        return commands.run_show(ns.project, ns.id)
    if ns.command == "merge":
        return commands.run_merge(ns.project, ns.others)
    if ns.command == "agreement":
        return commands.run_agreement(ns.project, ns.coders, ns.tag, ns.json)
    if ns.command == "serve-init":
        return commands.run_serve_init(ns.url, ns.lead, ns.coder, ns.host)
    if ns.command == "import-annotations":
        return commands.run_import_annotations(ns.project, ns.file)
    from annotator.core.rows import Selection  # noqa: PLC0415

    selection = Selection(
        tags=frozenset(ns.tag) if ns.tag else None,
        coders=frozenset(ns.coder) if ns.coder else None,
        articles=frozenset(ns.article) if ns.article else None,
    )
    return commands.run_export(ns.project, ns.out, selection, ns.matrix, tag_sheets=ns.tag_sheets)
