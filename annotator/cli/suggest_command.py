"""``annotator suggest``: the uncoded passages most like those coded with a tag, best first.

It learns from the project's annotations of the tag (every coder's, or one coder's) against
the rest of the coded articles' text, and prints article id, start and end (code points),
score and quote of each suggestion. Nothing is written to the project.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from annotator.core.codebook import list_tags
from annotator.core.coders import list_coders
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError
from annotator.core.project import open_project


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
    from annotator.core.suggest.policy import BLIND, closed_articles  # noqa: PLC0415
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
        trained = train(project, tags[tag], coder_ids)
        closed = closed_articles(project) & set(articles) if articles else set()
        found = suggest(project, trained, articles or None, top=top, threshold=threshold)
    if closed:
        print(f"{len(closed)} article(s) left out. {BLIND}", file=sys.stderr)
    print(
        f"Learned from {trained.examples} sentences of {trained.articles} coded article(s), "
        f"{trained.positives} of them coded {printable(tag)}.",
        file=sys.stderr,
    )
    if as_json:
        json.dump([s.as_json() for s in found], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if found else 1
    for s in found:
        print(
            f"{s.article_id:>6}  {s.start:>7}  {s.end:>7}  {s.score:.3f}  {printable(s.quote)}",
            file=out,
        )
    if not found:
        print("No suggestions.", file=sys.stderr)
    return 0 if found else 1
