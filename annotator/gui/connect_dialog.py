"""Connecting to a team's server: the fields a researcher knows (host, port, database, user,
password, TLS), the password kept in the system keyring or asked each time, and a clear
message for each failure, shown in the dialog so the researcher can correct and try again."""

import sqlalchemy as sa
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, NotAProjectError
from annotator.core.project import is_url, open_project
from annotator.core.team.credentials import (
    forget_password,
    keyring_available,
    remember_password,
    stored_password,
)
from annotator.core.team.server_errors import explain
from annotator.gui import messages

DRIVER = "postgresql+psycopg"


class ConnectDialog(QDialog):
    """Asks for a server and checks it by opening the project there; ``url`` is the
    answer (with the password, kept in memory only)."""

    def __init__(self, parent: QWidget | None = None, location: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to a team's server")
        self.setObjectName("connectDialog")
        self.url: str | None = None
        self.host = QLineEdit()
        self.host.setPlaceholderText("server.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QCheckBox("&Encrypted connection (TLS)")
        self.tls.setChecked(True)
        self.remember = QCheckBox("&Remember the password in the system keyring")
        if keyring_available():
            self.remember.setChecked(True)
        else:
            self.remember.setEnabled(False)
            self.remember.setToolTip(
                "This system has no keyring: the password will be asked each time."
            )
        self.error = QLabel()
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.tls)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText("&Connect")
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            "The lead gave each member these details (annotator serve-init prints them). "
            "The password is never written to a file."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if location:
            self.fill(location)

    def fill(self, location: str) -> None:
        url = sa.make_url(location)
        self.host.setText(url.host or str(url.query.get("host", "")))
        port = url.port or str(url.query.get("port", "")) or 5432
        self.port.setValue(int(port))
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        self.tls.setChecked(url.query.get("sslmode") != "disable")
        (self.password if self.user.text() else self.host).setFocus()

    def server_url(self) -> sa.URL:
        host = self.host.text().strip()
        query = {"connect_timeout": "10"}
        socket = host.startswith("/")  # a server on this machine, through its socket folder
        if socket:
            query.update(host=host, port=str(self.port.value()))
        else:
            query["sslmode"] = "require" if self.tls.isChecked() else "disable"
        return sa.URL.create(
            DRIVER,
            username=self.user.text().strip(),
            password=self.password.text() or None,
            host=None if socket else host,
            port=None if socket else self.port.value(),
            database=self.database.text().strip(),
            query=query,
        )

    def say(self, message: str) -> None:
        messages.log_error(message)
        self.error.setText(message)
        self.error.show()
        self.adjustSize()  # room for the message, without squeezing the fields

    def attempt(self) -> None:
        """Connect; on success keep (or forget) the password and close, else say why."""
        missing = [
            name
            for name, field in (
                ("host", self.host),
                ("database", self.database),
                ("user", self.user),
            )
            if not field.text().strip()
        ]
        if missing:
            self.say("Fill in the " + " and the ".join(missing) + ".")
            return
        url = self.server_url()
        location = url.render_as_string(hide_password=False)
        try:
            with messages.busy():
                open_project(location, create=False).close()
        except NotAProjectError as exc:
            if "holds no project" in str(exc):
                self.say(
                    f"The database {url.database!r} holds no project yet; ask the lead to "
                    "prepare it (annotator serve-init)."
                )
            else:
                self.say(str(exc))
            return
        except AnnotatorError as exc:  # a newer schema, a refused right
            self.say(str(exc))
            return
        except sa.exc.DBAPIError as exc:
            self.say(explain(exc, url))
            return
        if self.password.text():
            if self.remember.isChecked():
                remember_password(url, self.password.text())
            else:
                forget_password(url)
        self.url = location
        self.accept()


def ask_server(parent: QWidget | None, location: str | None = None) -> str | None:
    """Show the connect dialog; the server's URL (with its password) or None."""
    dialog = ConnectDialog(parent, location)
    return dialog.url if messages.run_dialog(dialog) else None


def with_password(parent: QWidget | None, location: str) -> str | None:
    """A location ready to open: a server's URL without a password gets the one in the
    keyring, or the connect dialog asks for it; anything else is returned as it is."""
    if not is_url(location):
        return location
    url = sa.make_url(location)
    if url.password or url.get_backend_name() != "postgresql":
        return location
    password = stored_password(url)
    if password:
        return url.set(password=password).render_as_string(hide_password=False)
    return ask_server(parent, location)
