"""Undoable edits of the corpus view: article attributes (define, edit, delete, set values,
import a sheet) and deleting articles. Each is one write through the core's write path;
undo and redo state what they expect to find, so another's change in between is refused."""

from pathlib import Path

from annotator.core.article_delete import DeletedArticles, delete_articles, restore_articles
from annotator.core.attribute_import import AttributeImport, apply_table, read_table
from annotator.core.attributes import AttributeState, ValueMap, attribute_writing
from annotator.core.errors import ConflictError
from annotator.gui.session import CodingSession
from annotator.gui.write_command import WriteCommand


class SetAttributeValuesCommand(WriteCommand):
    """One attribute's value for one article or many (empty: no value)."""

    def __init__(
        self, session: CodingSession, attribute_id: int, name: str, values: dict[int, object]
    ) -> None:
        many = f"{len(values)} articles" if len(values) != 1 else "an article"
        super().__init__(session, f"set {name} of {many}")
        self._project = session.project
        self._attribute = attribute_id
        self._values = values
        self._before: ValueMap = {}
        self._after: ValueMap = {}

    def perform(self) -> None:
        with attribute_writing(self._project) as writer:
            self._before = writer.set_values(self._attribute, self._values)
            self._after = writer.values(self._before)

    def _undo(self) -> None:
        with attribute_writing(self._project, "undo") as writer:
            writer.put_values(self._before, expected=self._after)

    def _redo(self) -> None:
        with attribute_writing(self._project, "redo") as writer:
            writer.put_values(self._after, expected=self._before)


class AttributeDefinitionCommand(WriteCommand):
    """Define, edit or delete an attribute: the attribute as it was and as it became."""

    def __init__(
        self,
        session: CodingSession,
        text: str,
        attribute_id: int | None,
        *,
        name: str = "",
        kind: str = "text",
        choices: tuple[str, ...] = (),
        delete: bool = False,
    ) -> None:
        super().__init__(session, text)
        self._project = session.project
        self._id = attribute_id
        self._edit = (name, kind, choices, delete)
        self._before: AttributeState | None = None
        self._after: AttributeState | None = None

    @property
    def attribute_id(self) -> int | None:
        return self._id

    def perform(self) -> None:
        name, kind, choices, delete = self._edit
        with attribute_writing(self._project) as writer:
            if self._id is None:
                self._id = writer.define(name, kind, choices).id
            else:
                self._before = writer.state(self._id)
                if delete:
                    writer.put_state(self._id, None, expected=self._before)
                else:
                    writer.update(self._id, name=name, kind=kind, choices=choices)
            self._after = writer.state(self._id)

    def _put(self, state: AttributeState | None, expected: AttributeState | None) -> None:
        assert self._id is not None
        with attribute_writing(self._project, "undo") as writer:
            writer.put_state(self._id, state, expected=expected)

    def _undo(self) -> None:
        self._put(self._before, self._after)

    def _redo(self) -> None:
        self._put(self._after, self._before)


class ImportAttributesCommand(WriteCommand):
    """Attribute values from a sheet, and the attributes it made: one step."""

    def __init__(self, session: CodingSession, path: Path, key: str | None = None) -> None:
        super().__init__(session, f"import attributes from {path.name}")
        self._project = session.project
        self._path = path
        self._key = key
        self.result: AttributeImport | None = None

    def perform(self) -> None:
        table = read_table(self._path)
        with attribute_writing(self._project, "import") as writer:
            self.result = apply_table(writer, self._project, table, self._key)

    def _undo(self) -> None:
        assert self.result is not None
        with attribute_writing(self._project, "undo") as writer:
            writer.put_values(self.result.before, expected=self.result.after)
            for state in self.result.created:
                writer.put_state(state.record.id, None, expected=state)

    def _redo(self) -> None:
        assert self.result is not None
        with attribute_writing(self._project, "redo") as writer:
            for state in self.result.created:
                writer.put_state(state.record.id, state, expected=None)
            writer.put_values(self.result.after, expected=self.result.before)


class DeleteArticlesCommand(WriteCommand):
    def __init__(self, session: CodingSession, article_ids: list[int]) -> None:
        many = f"{len(article_ids)} articles" if len(article_ids) != 1 else "an article"
        super().__init__(session, f"delete {many}")
        self._project = session.project
        self._ids = article_ids
        self._deleted: DeletedArticles | None = None

    def perform(self) -> None:
        self._deleted = delete_articles(self._project, self._ids)

    def _undo(self) -> None:
        assert self._deleted is not None
        restore_articles(self._project, self._deleted)

    def _redo(self) -> None:
        try:
            self._deleted = delete_articles(self._project, self._ids, "redo")
        except ConflictError as exc:
            raise ConflictError(
                "These articles were changed elsewhere since; they were left as they are."
            ) from exc
