"""The lead's team dialogs: progress per coder and per article, dealing articles evenly, and
drawing the reliability sample. Each writes through the core's team services."""

import sqlalchemy as sa
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.coders import list_coders
from annotator.core.errors import AnnotatorError
from annotator.core.models import Attribute, CoderKind, TeamMember, TeamRole
from annotator.core.project import Project
from annotator.core.team.assignments import assign_evenly, coder_progress
from annotator.core.team.progress import article_progress
from annotator.core.team.reliability import current_draw, draw_sample
from annotator.gui import messages
from annotator.gui.checklist import checked_data, checklist


def _attributes(project: Project) -> list[tuple[str, int]]:
    with project.session() as session:
        return [
            (name, id_)
            for name, id_ in session.execute(
                sa.select(Attribute.name, Attribute.id).order_by(Attribute.position, Attribute.name)
            )
        ]


def _leads(project: Project) -> set[int]:
    with project.session() as session:
        return set(
            session.scalars(
                sa.select(TeamMember.coder_id).where(TeamMember.role == TeamRole.LEAD.value)
            )
        )


class DealDialog(QDialog):
    """Choose coders, an attribute to stratify by, and (for the sample) its size."""

    def __init__(self, project: Project, parent: QWidget | None, *, sample: bool) -> None:
        super().__init__(parent)
        self.project = project
        self.sample = sample
        self.setWindowTitle("Draw the reliability sample" if sample else "Assign articles evenly")
        self.setObjectName("drawDialog" if sample else "dealDialog")
        people = [c for c in list_coders(project) if c.kind == CoderKind.PERSON.value]
        # The team's leads assign and review; the coders are the ones to code, by default.
        leads = _leads(project)
        self.coders = checklist(
            [(c.name, c.id) for c in people], {c.id for c in people if c.id not in leads}
        )
        self.stratum = QComboBox()
        self.stratum.addItem("(no stratification)", None)
        for name, attribute_id in _attributes(project):
            self.stratum.addItem(name, attribute_id)
        self.sample_size = QLineEdit("20%")
        self.per_article = QSpinBox()
        self.per_article.setRange(2, 10)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText("random; the seed used is stored")
        form = QFormLayout()
        form.addRow("Coders:", self.coders)
        form.addRow("Stratify by:", self.stratum)
        if sample:
            form.addRow("Sample size (share or number):", self.sample_size)
            form.addRow("Coders per article:", self.per_article)
        form.addRow("Seed:", self.seed)
        explain = QLabel(
            "Each sampled article is assigned to several coders, who code it blind; the "
            "agreement report and the review use the sample by default. The same seed over "
            "the same articles draws the same sample."
            if sample
            else "The articles nobody is assigned yet are shuffled and dealt to the chosen "
            "coders in turn (within each value of the attribute, when one is chosen)."
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.result_text = ""

    def run(self) -> None:
        coders = [int(str(c)) for c in checked_data(self.coders)]
        attribute = self.stratum.currentData()
        seed_text = self.seed.text().strip()
        try:
            seed = int(seed_text) if seed_text else None
            if self.sample:
                draw = draw_sample(
                    self.project,
                    self.sample_size.text(),
                    coders,
                    coders_per_article=self.per_article.value(),
                    attribute_id=attribute,
                    seed=seed,
                )
                self.result_text = (
                    f"Drew {len(draw.articles)} articles (seed {draw.seed}), each assigned to "
                    f"{draw.coders_per_article} coders."
                )
            else:
                dealt = assign_evenly(self.project, coders, attribute_id=attribute, seed=seed)
                self.result_text = f"Assigned {len(dealt)} articles."
        except ValueError:
            messages.show_error(self, f"The seed {seed_text!r} is not a whole number.")
            return
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return
        self.accept()


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class TeamProgressDialog(QDialog):
    """Progress per coder and per article, updated live as the members work."""

    def __init__(self, project: Project, parent: QWidget | None, lead: bool) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Team progress")
        self.setObjectName("teamProgress")
        self.coders = _table(
            ["Coder", "Assigned", "Not started", "In progress", "Done"], "coderProgress"
        )
        # the long titles last, so that the states and coders are seen first
        self.articles = _table(["State", "Sample", "Coders", "Article"], "articleProgress")
        self.draw_label = QLabel()
        self.draw_label.setWordWrap(True)
        row = QHBoxLayout()
        self.deal_button = QPushButton("Assign &evenly…")
        self.draw_button = QPushButton("Draw the reliability &sample…")
        for button, sample in ((self.deal_button, False), (self.draw_button, True)):
            button.setEnabled(lead)
            button.clicked.connect(lambda _c=False, s=sample: self.deal(s))
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Per coder</b>"))
        layout.addWidget(self.coders, 1)
        layout.addWidget(QLabel("<b>Per article</b>"))
        layout.addWidget(self.articles, 3)
        layout.addWidget(self.draw_label)
        layout.addWidget(close)
        self.resize(820, 620)
        self.refresh()

    def deal(self, sample: bool) -> None:
        dialog = DealDialog(self.project, self, sample=sample)
        if messages.run_dialog(dialog):
            self.draw_label.setText(dialog.result_text)
            self.refresh()

    def refresh(self) -> None:
        people = coder_progress(self.project)
        self.coders.setRowCount(len(people))
        for row, p in enumerate(people):
            for column, value in enumerate(
                (p.name, p.assigned, p.not_started, p.in_progress, p.done)
            ):
                self.coders.setItem(row, column, QTableWidgetItem(str(value)))
        articles = article_progress(self.project)
        self.articles.setRowCount(len(articles))
        for row, a in enumerate(articles):
            who = ", ".join(f"{name}: {status.value}" for name, status in a.coders)
            for column, value in enumerate(
                (a.state.value, "✓" if a.in_sample else "", who, a.title)
            ):
                self.articles.setItem(row, column, QTableWidgetItem(value))
        draw = current_draw(self.project)
        if draw is not None and not self.draw_label.text():
            self.draw_label.setText(
                f"Reliability sample: {draw.requested} drawn {draw.created:%Y-%m-%d} "
                f"(seed {draw.seed}), {draw.coders_per_article} coders per article."
            )
