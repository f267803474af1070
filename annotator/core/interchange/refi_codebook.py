"""Reading a REFI-QDA codebook: its namespace checked, its codes matched to tags by name or
added (nested as in the file), each code's GUID remembered for the codings that cite it."""

from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

import sqlalchemy as sa

from annotator.core.errors import ImportFailure
from annotator.core.interchange.refi_report import RefiReport
from annotator.core.limits import name_problem, no_nul
from annotator.core.models import Tag

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def namespace_of(root: Element, element: str, known: tuple[str, ...], what: str) -> str:
    """``{namespace}`` of a REFI-QDA root element, refused unless it is a known one."""
    namespace, _brace, name = (
        root.tag[1:].partition("}")
        if root.tag.startswith("{")
        else (
            "",
            "",
            root.tag,
        )
    )
    if name != element:
        raise ImportFailure(f"{what} is not a REFI-QDA {element}: its root element is <{name}>")
    if namespace not in known:
        raise ImportFailure(
            f"{what} uses the namespace {namespace or '(none)'}, which is not REFI-QDA's; "
            f"Annotator reads {' and '.join(known)}"
        )
    return "{" + namespace + "}"


class Codebook:
    """Tags by the file's code GUIDs, created or matched by name as the codes are read."""

    def __init__(self, session: "Session", report: RefiReport) -> None:
        self.session = session
        self.report = report
        self.by_name = {t.name: t for t in session.scalars(sa.select(Tag))}
        self.by_guid: dict[str, int] = {}
        self.memos = 0  # notes on codes, which have no place here

    def read(self, codes: Element | None, ns: str, parent: Tag | None = None) -> None:
        if codes is None:
            return
        for code in codes.findall(ns + "Code"):
            self.memos += len(code.findall(ns + "NoteRef"))
            name = " ".join(no_nul(code.get("name") or "").split())
            problem = name_problem(name, "code")
            if problem is not None:
                self.report.skipped.append(f"code {code.get('guid')}: {problem}")
                continue
            color = code.get("color") or "#DDDDDD"
            definition = no_nul((code.findtext(ns + "Description") or "").strip())
            tag = self.by_name.get(name)
            if tag is None:
                position = self.session.scalar(
                    sa.select(sa.func.coalesce(sa.func.max(Tag.position), 0))
                )
                tag = Tag(
                    name=name,
                    color=normal_color(color),
                    definition=definition,
                    position=(position or 0) + 1,
                    parent_id=parent.id if parent is not None else None,
                )
                self.session.add(tag)
                self.session.flush()
                self.by_name[name] = tag
                self.report.new_tags.append(name)
            elif normal_color(color).lower() != tag.color.lower() or (
                definition and definition != tag.definition
            ):
                self.report.differing_tags.append(name)
            self.by_guid[code.get("guid") or ""] = tag.id
            self.read(code, ns, tag)


def normal_color(color: str) -> str:
    value = color.strip()
    if len(value) == 4 and value.startswith("#"):
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.upper() if len(value) == 7 and value.startswith("#") else "#DDDDDD"
