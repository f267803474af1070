"""The sample project a first start opens: one article written for it, one annotation per tag."""

from importlib.resources import files
from pathlib import Path

from annotator.core.annotations import add_annotation
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import Project, open_project
from annotator.core.text import first_line_title, normalise_newlines

SAMPLE_CODER = "Example coder"
SAMPLE_ANNOTATIONS: tuple[tuple[str, str, str], ...] = (
    (
        "pledge",
        "From next spring, every new vehicle in our fleet will be zero-emission.",
        "A dated commitment by the mayor.",
    ),
    (
        "caveat",
        "the timetable holds only if the national clean-transport fund approves a grant of "
        "180 million euros",
        "",
    ),
    (
        "criticism",
        "Opposition councillors called the plan a headline without a budget.",
        "",
    ),
    (
        "statistic",
        "cut the transport authority's carbon emissions by an estimated 41 per cent",
        "The council's own estimate; no method given.",
    ),
)


def sample_text() -> str:
    raw = files("annotator.resources").joinpath("sample-article.txt").read_text("utf-8")
    return normalise_newlines(raw)


def create_sample_project(path: Path, coder_name: str = SAMPLE_CODER) -> Project:
    """Create (or open, when it exists) the sample project at ``path``.

    The example annotations are recorded as ``coder_name``'s, so that the researcher who
    opens it first sees them (other coders' work is hidden while coding) and can change them.
    """
    project = open_project(path)
    text = sample_text()
    stored = store_article(
        project,
        ExtractedArticle(
            text=text,
            title=first_line_title(text),
            source_kind="txt",
            original_name="sample-article.txt",
            original_bytes=text.encode("utf-8"),
            outlet="Annotator sample desk",
        ),
    )
    if stored.duplicate:
        return project
    coder = ensure_coder(project, coder_name)
    tags = {tag.name: tag.id for tag in list_tags(project)}
    for tag, quote, note in SAMPLE_ANNOTATIONS:
        start = text.index(quote)
        add_annotation(
            project, stored.article_id, tags[tag], coder.id, start, start + len(quote), note
        )
    return project
