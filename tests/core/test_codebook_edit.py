from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.codebook import list_tags
from annotator.core.codebook_edit import (
    add_tag,
    delete_tag,
    merge_tags,
    move_tag,
    restore_tag,
    restore_tags,
    unmerge_tags,
    update_tag,
)
from annotator.core.coders import ensure_coder
from annotator.core.errors import AnnotatorError
from annotator.core.export.codebook_sheet import export_codebook_sheet, read_codebook_sheet
from annotator.core.models import Base
from annotator.core.project import Project
from tests.helpers import add_text_article

# Every write raises an annotation's version and sets its modified time, and a deletion is
# remembered: an undo gives back the content, and leaves those traces that writes happened.
WRITE_TRACES = {"annotation": {"version", "modified"}}
LEFT_OUT = {"annotation_tombstone", "change_log"}  # the log of writes is a trace too


def snapshot(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in key order: the database's content, without the traces
    that writes leave (versions, modified times of annotations, tombstones, the change log)."""
    out = {}
    with project.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in LEFT_OUT:
                continue
            skip = WRITE_TRACES.get(table.name, set())
            columns = [c for c in table.columns if c.name not in skip]
            query = sa.select(*columns).order_by(*table.primary_key.columns)
            out[table.name] = [tuple(row) for row in conn.execute(query)]
    return out


def versions(project: Project) -> dict[str, int]:
    with project.engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT uuid, version FROM annotation")).all())


@pytest.fixture
def coded(project: Project) -> Project:
    article = add_text_article(project, "Pledges and caveats and numbers: 40%.").article_id
    coder = ensure_coder(project, "Ada").id
    tags = {t.name: t.id for t in list_tags(project)}
    add_annotation(project, article, tags["pledge"], coder, 0, 7)
    add_annotation(project, article, tags["caveat"], coder, 12, 19)
    add_annotation(project, article, tags["statistic"], coder, 33, 36)
    return project


def test_add_rename_recolour_key_and_nest_and_back(coded: Project) -> None:
    before = snapshot(coded)
    tags = {t.name: t for t in list_tags(coded)}
    new = add_tag(coded, "conditional pledge", "#bbcc33", "Holds only if…", 1, tags["pledge"].id)
    after = {t.name: t for t in list_tags(coded)}
    assert after["conditional pledge"].shortcut == 1 and after["pledge"].shortcut is None
    assert after["conditional pledge"].color == "#BBCC33"
    assert after["conditional pledge"].parent_id == tags["pledge"].id
    old = update_tag(coded, replace(new, name="if-pledge", color="#AA4499"))
    assert {t.name for t in list_tags(coded)} >= {"if-pledge"}
    restore_tags(coded, old)
    delete_tag(coded, new.id)
    restore_tags(coded, list(tags.values()))
    assert snapshot(coded) == before


def test_invalid_edits_are_refused(coded: Project) -> None:
    pledge = list_tags(coded)[0]
    with pytest.raises(AnnotatorError, match="already a tag"):
        add_tag(coded, "caveat", "#FFFFFF")
    with pytest.raises(AnnotatorError, match="not a colour"):
        add_tag(coded, "new", "red")
    with pytest.raises(AnnotatorError, match="inside itself"):
        update_tag(coded, replace(pledge, parent_id=pledge.id))
    with pytest.raises(AnnotatorError, match="digit from 1 to 9"):
        update_tag(coded, replace(pledge, shortcut=12))


def test_delete_and_restore_is_exact(coded: Project) -> None:
    before = snapshot(coded)
    caveat = next(t for t in list_tags(coded) if t.name == "caveat")
    removed = delete_tag(coded, caveat.id)
    assert len(removed.annotations) == 1
    assert "caveat" not in {t.name for t in list_tags(coded)}
    restore_tag(coded, removed)
    assert snapshot(coded) == before


def test_merge_and_unmerge_is_exact(coded: Project) -> None:
    before = snapshot(coded)
    tags = {t.name: t.id for t in list_tags(coded)}
    merged = merge_tags(coded, tags["caveat"], tags["pledge"])
    names = [t.name for t in list_tags(coded)]
    assert "caveat" not in names
    quotes = [r.quote for r in article_annotations(coded, 1) if r.tag_id == tags["pledge"]]
    assert quotes == ["Pledges", "caveats"]
    unmerge_tags(coded, merged)
    assert snapshot(coded) == before
    with pytest.raises(AnnotatorError, match="into itself"):
        merge_tags(coded, tags["pledge"], tags["pledge"])


def test_reorder_and_back(coded: Project) -> None:
    before = snapshot(coded)
    tags = list_tags(coded)
    old = move_tag(coded, tags[2].id, -1)
    assert [t.name for t in list_tags(coded)][:3] == ["pledge", "criticism", "caveat"]
    restore_tags(coded, old)
    assert snapshot(coded) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_codebook_sheet_round_trip(coded: Project, tmp_path: Path, suffix: str) -> None:
    pledge = list_tags(coded)[0]
    add_tag(coded, "=conditional", "#BBCC33", "Starts like a formula", None, pledge.id)
    out = tmp_path / f"codebook{suffix}"
    export_codebook_sheet(list_tags(coded), out)
    rows = read_codebook_sheet(out).rows
    assert [r.name for r in rows] == ["pledge", "caveat", "criticism", "statistic", "=conditional"]
    assert rows[4].parent == "pledge" and rows[4].color == "#BBCC33"
    assert rows[0].key == 1 and rows[4].key is None
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(AnnotatorError, match="not a codebook sheet"):
        read_codebook_sheet(bad)


def test_a_codebook_sheet_with_one_bad_row_changes_nothing(coded: Project) -> None:
    from annotator.core.codebook_edit import apply_codebook  # noqa: PLC0415
    from annotator.core.export.codebook_sheet import TagRow  # noqa: PLC0415

    before = snapshot(coded)
    rows = [TagRow(f"new tag {i}", "", "", "#117733", None) for i in range(50)]
    rows.append(TagRow("pledge", "", "redefined", "#77AADD", 1))
    rows.append(TagRow("broken", "", "", "not a colour", None))  # the last row is wrong
    with pytest.raises(AnnotatorError, match="not a colour"):
        apply_codebook(coded, rows)
    assert snapshot(coded) == before
