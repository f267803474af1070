"""``annotator suggest``: the uncoded passages most like those coded with a tag, best first.

It learns from the project's annotations of the tag (every coder's, or one coder's) against
the rest of the coded articles' text, and prints article id, start and end (code points),
score and quote of each suggestion, under a line naming these columns (``--json``: a list
of objects, without it). Nothing is written to the project. The articles of the
reliability sample are left out (they are coded blind) unless the project allows
suggestions there, which ``annotator suggest-settings`` shows and changes.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from annotator.core.codebook import list_tags
from annotator.core.coders import list_coders
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError
from annotator.core.project import open_project

COLUMNS = f"{'article':>7}  {'start':>7}  {'end':>7}  score  quote"
"""The line above the suggestions printed without ``--json``, naming their columns."""


def run_suggest(
    project_location: str,
    tag: str,
    articles: list[int] | None,
    top: int | None,
    threshold: float | None,
    as_json: bool,
    coder: str | None,
    out: TextIO | None = None,
) -> int:
    """Print the suggestions; exit status 1 when there are none."""
    from annotator.core.suggest.policy import closed_articles  # noqa: PLC0415
    from annotator.core.suggest.service import suggest, train  # noqa: PLC0415

    out = out or sys.stdout
    if threshold is not None and not 0 <= threshold <= 1:
        raise AnnotatorError("--threshold is a score between 0 and 1, such as 0.7.")
    with open_project(project_location, create=False) as project:
        tags = {t.name: t.id for t in list_tags(project)}
        if tag not in tags:
            known = ", ".join(sorted(tags)) or "none yet"
            raise AnnotatorError(f"There is no tag {tag!r} in this project (tags: {known}).")
        coder_ids = None
        if coder is not None:
            coders = {c.name: c.id for c in list_coders(project)}
            if coder not in coders:
                raise AnnotatorError(f"There is no coder {coder!r} in this project.")
            coder_ids = [coders[coder]]
        trained = train(project, tags[tag], coder_ids, check=True)
        closed = closed_articles(project)
        left_out = sorted(closed & set(articles) if articles else closed)
        found = suggest(project, trained, articles or None, top=top, threshold=threshold)
    if left_out:
        _say_left_out(left_out, project_location, as_json)
    name = printable(tag)
    print(
        f"Learned from {trained.examples} sentences of {trained.articles} coded article(s), "
        f"{trained.positives} of them coded {name}.",
        trained.quality.plain(name) if trained.quality else "",
        file=sys.stderr,
    )
    if trained.quality:
        print(trained.quality.figures(name), file=sys.stderr)
    if as_json:
        json.dump([s.as_json() for s in found], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if found else 1
    if found:
        print(COLUMNS, file=out)
    for s in found:
        print(
            f"{s.article_id:>7}  {s.start:>7}  {s.end:>7}  {s.score:.3f}  {printable(s.quote)}",
            file=out,
        )
    if not found:
        print("No suggestions.", file=sys.stderr)
    return 0 if found else 1


def refusal(left_out: list[int], project_location: str) -> dict[str, Any]:
    """What is said of the reliability sample's articles left out, and how to allow them."""
    from annotator.core.suggest.policy import ALLOW_COMMAND  # noqa: PLC0415

    allow = ALLOW_COMMAND.replace("PROJECT", project_location)
    return {
        "refused": "blind coding",
        "articles": left_out,
        "message": (
            f"{len(left_out)} article(s) of the reliability sample left out: they are coded "
            "blind, without help, so that agreement between coders can be measured."
        ),
        "allow": allow,
    }


def _say_left_out(left_out: list[int], project_location: str, as_json: bool) -> None:
    said = refusal(left_out, project_location)
    if as_json:  # the suggestions stay the only thing on standard output
        print(json.dumps(said, ensure_ascii=False), file=sys.stderr)
        return
    ids = ", ".join(map(str, left_out[:20])) + (", …" if len(left_out) > 20 else "")
    print(
        f"{said['message']} (article id(s) {ids}) The project's lead can allow suggestions "
        f"there: {printable(said['allow'])}",
        file=sys.stderr,
    )


def run_suggest_settings(
    project_location: str, in_sample: str | None, as_json: bool, out: TextIO | None = None
) -> int:
    """Print (and, with ``in_sample``, change) whether the reliability sample has suggestions."""
    from annotator.core.suggest.policy import (  # noqa: PLC0415
        EXPLAIN_SWITCH,
        allow_in_sample,
        allowed_in_sample,
    )
    from annotator.core.team.reliability import current_sample  # noqa: PLC0415

    out = out or sys.stdout
    with open_project(project_location, create=False) as project:
        if in_sample is not None:
            allow_in_sample(project, in_sample == "allow")
        allowed = allowed_in_sample(project)
        sample = current_sample(project) or set()
    if as_json:
        json.dump(
            {"suggestions_in_reliability_sample": allowed, "sample_articles": len(sample)},
            out,
        )
        out.write("\n")
        return 0
    state = "allowed" if allowed else "not allowed (the default)"
    print(f"Suggestions in the reliability sample: {state}.", file=out)
    print(
        f"The reliability sample holds {len(sample)} article(s)."
        if sample
        else "No reliability sample has been drawn.",
        file=out,
    )
    if in_sample is None:
        print(EXPLAIN_SWITCH, file=out)
    return 0
