"""The "Agreement" sheet: coefficients per tag with their reading, overall αU, and the
articles ranked by disagreement."""

from pathlib import Path

from openpyxl import Workbook

from annotator.core.agreement.report import COEFFICIENTS, AgreementReport, reading
from annotator.core.export.sheets import Column, Counters, SheetNames, SheetWriter
from annotator.core.files import atomic_path

COLUMNS = (
    Column("tag", 22),
    *(Column(name, 16) for name in COEFFICIENTS),
    Column("reading of alpha_u", 18),
)


def export_agreement(report: AgreementReport, out: Path) -> None:
    workbook = Workbook(write_only=True)
    names, counters = SheetNames(), Counters()
    sheet = SheetWriter(workbook, "Agreement", COLUMNS, names, counters)
    for tag, values in report.tags.items():
        sheet.append([tag, *(values[name] for name in COEFFICIENTS), reading(values["alpha_u"])])
    overall = report.overall_alpha_u
    blanks = [None] * (len(COEFFICIENTS) - 1)
    sheet.append(["overall", overall, *blanks, reading(overall)])
    sheet.append(
        [f"coders: {', '.join(report.coders)}; articles: {report.articles}", *blanks, None, None]
    )
    for note in report.notes:
        sheet.append([note, *blanks, None, None])
    sheet.finish()
    ranked = SheetWriter(
        workbook,
        "Articles by disagreement",
        (
            Column("article id", 10),
            Column("title", 60, wrap=True),
            Column("disagreement", 14),
            Column("differing characters", 20),
        ),
        names,
        counters,
    )
    for article in report.ranked_articles:
        ranked.append(
            [article.id, article.title, article.disagreement, article.differing_characters]
        )
    ranked.finish()
    with atomic_path(out) as partial:
        workbook.save(partial)
