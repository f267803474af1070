"""Validation against the REFI-QDA schema files as published (Project.xsd, Codebook.xsd).

The published files are not part of this repository; placed in ``../shared/refi-qda/`` they
are used here, in addition to the schemas in tests/data/refi that every run uses.
"""

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from annotator.core.interchange.refi_export import codebook_xml, export_qdpx
from annotator.core.project import Project
from tests.conftest import REPO

PUBLISHED = REPO.parent / "shared" / "refi-qda"


def _published(name: str) -> etree.XMLSchema:
    path = PUBLISHED / name
    if not path.is_file():
        pytest.skip(f"the published REFI-QDA schema is not at {path}")
    return etree.XMLSchema(etree.parse(str(path)))


def test_project_export_against_the_published_schema(coded: Project, tmp_path: Path) -> None:
    schema = _published("Project.xsd")
    out = tmp_path / "p.qdpx"
    export_qdpx(coded, out)
    with zipfile.ZipFile(out) as archive:
        document = etree.fromstring(archive.read("project.qde"))
    assert schema.validate(document), schema.error_log


def test_codebook_export_against_the_published_schema(coded: Project) -> None:
    schema = _published("Codebook.xsd")
    assert schema.validate(etree.fromstring(codebook_xml(coded))), schema.error_log
