"""Writes the small REFI-QDA files in tests/data/refi/ in the shape other programs give them.

    python -m tests.data.refi.make_samples

Written for this project (no file of another program is copied): each document follows the
published REFI-QDA schema and the habits the import must cope with: NVivo's positions in
UTF-16 code units with the selected text as the selection's name, its annotations as notes
linked to a selection; ATLAS.ti's codebook in the draft namespace 0:4; a selection that
covers only the CR of a Windows line end. Positions are computed here from the text itself
(``str.encode("utf-16-le")``), not by the code under test.
"""

import zipfile
from pathlib import Path

HERE = Path(__file__).parent
NVIVO_ORIGIN = "NVivo 12 (12.6.1.970)"

EMOJI_TEXT = (
    "Council 🚌 pledges 200 electric buses by 2030 🌍, the mayor said 😀.\r\n"
    "Critics 🙄 doubt the budget: only 12 per cent is funded 💶.\r\n"
    "The plan depends on a national grant 🏛️ arriving next year.\r\n"
)
CRLF_TEXT = "First line.\r\nSecond line with 40 per cent.\r\nThird line.\r\n"

USERS = {
    "A1B2C3D4-0000-4000-8000-000000000001": "Nadia",
    "A1B2C3D4-0000-4000-8000-000000000002": "Omar",
    "A1B2C3D4-0000-4000-8000-000000000003": "Pia (never coded)",
}
CODES = {
    "C0DE0000-0000-4000-8000-000000000001": ("pledge", "#77AADD"),
    "C0DE0000-0000-4000-8000-000000000002": ("criticism", "#EE8866"),
    "C0DE0000-0000-4000-8000-000000000003": ("statistic", "#44BB99"),
}
SOURCE = "5043E000-0000-4000-8000-000000000001"
CRLF_SOURCE = "5043E000-0000-4000-8000-000000000002"
# (selection guid, quote, code guid, user guid, note via a Link or None)
SELECTIONS = [
    ("5E1E0000-0000-4000-8000-000000000001", "pledges 200 electric buses by 2030 🌍", 0, 0, None),
    ("5E1E0000-0000-4000-8000-000000000002", "Critics 🙄 doubt the budget", 1, 1, "Strong words."),
    ("5E1E0000-0000-4000-8000-000000000003", "only 12 per cent is funded 💶", 2, 0, None),
    ("5E1E0000-0000-4000-8000-000000000004", "a national grant 🏛️ arriving", 0, 1, None),
]
WRONG = "5E1E0000-0000-4000-8000-000000000005"  # positions that fit no counting
MEMO_ONLY = "5E1E0000-0000-4000-8000-000000000006"  # a memo on a span without a code
JOURNAL = "A07E0000-0000-4000-8000-000000000001"
LINKED_NOTE = "A07E0000-0000-4000-8000-000000000002"


def utf16_span(text: str, quote: str) -> tuple[int, int]:
    """Where ``quote`` is in ``text``, counted in UTF-16 code units as NVivo counts."""
    before = text[: text.index(quote)]
    start = len(before.encode("utf-16-le")) // 2
    return start, start + len(quote.encode("utf-16-le")) // 2


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def nvivo_document(named: bool) -> str:
    """NVivo's shape: UTF-16 positions; the selected text as name when ``named``."""
    users = "".join(f'<User guid="{g}" name="{n}"/>' for g, n in USERS.items())
    codes = "".join(
        f'<Code guid="{g}" name="{n}" isCodable="true" color="{c}"/>' for g, (n, c) in CODES.items()
    )
    code_guids, user_guids = list(CODES), list(USERS)
    selections = []
    for guid, quote, code, user, _note in SELECTIONS:
        start, end = utf16_span(EMOJI_TEXT, quote)
        name = f' name="{_escape(quote)}"' if named else ' name=""'
        selections.append(
            f'<PlainTextSelection guid="{guid}"{name} startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{user_guids[user]}" '
            f'creationDateTime="2024-05-02T10:15:30Z" modifyingUser="{user_guids[user]}" '
            f'modifiedDateTime="2024-05-03T08:00:00Z">'
            f'<Coding guid="{guid[:-4]}c0de" creatingUser="{user_guids[user]}" '
            f'creationDateTime="2024-05-02T10:15:30Z">'
            f'<CodeRef targetGUID="{code_guids[code]}"/></Coding></PlainTextSelection>'
        )
    if named:
        start, end = utf16_span(EMOJI_TEXT, "the mayor said")
        selections.append(
            f'<PlainTextSelection guid="{WRONG}" name="the mayor said" '
            f'startPosition="{start + 7}" endPosition="{end + 7}" creatingUser="{user_guids[1]}">'
            f'<Coding guid="{WRONG[:-4]}c0de" creatingUser="{user_guids[1]}">'
            f'<CodeRef targetGUID="{code_guids[0]}"/></Coding></PlainTextSelection>'
        )
    start, end = utf16_span(EMOJI_TEXT, "arriving next year")
    selections.append(
        f'<PlainTextSelection guid="{MEMO_ONLY}" name="arriving next year" '
        f'startPosition="{start}" endPosition="{end}" creatingUser="{user_guids[0]}">'
        "<Description>Check the date.</Description></PlainTextSelection>"
    )
    note_guid = SELECTIONS[1][0]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="Bus pledges" origin="{NVIVO_ORIGIN}" '
        'creationDateTime="2024-05-01T09:00:00Z">'
        f"<Users>{users}</Users><CodeBook><Codes>{codes}</Codes></CodeBook>"
        f'<Sources><TextSource guid="{SOURCE}" name="Council bus plan" '
        f'plainTextPath="internal://{SOURCE}.txt" creatingUser="{user_guids[0]}">'
        f"{''.join(selections)}</TextSource></Sources>"
        f'<Notes><Note guid="{JOURNAL}" name="Project journal" '
        f'plainTextPath="internal://{JOURNAL}.txt" creatingUser="{user_guids[0]}"/>'
        f'<Note guid="{LINKED_NOTE}" name="Annotation" '
        f'plainTextPath="internal://{LINKED_NOTE}.txt" creatingUser="{user_guids[1]}"/></Notes>'
        f'<Links><Link guid="11AA0000-0000-4000-8000-000000000001" name="Annotation" '
        f'direction="OneWay" originGUID="{LINKED_NOTE}" targetGUID="{note_guid}"/></Links>'
        "</Project>"
    )


def crlf_document() -> str:
    """A selection over the CR of a CR LF only, beside a good one, in a second source."""
    cr = CRLF_TEXT.index("\r")
    forty = CRLF_TEXT.index("40 per cent")
    user, code = next(iter(USERS)), list(CODES)[2]

    def selection(number: int, start: int, end: int) -> str:
        guid = f"5E1E0000-0000-4000-8000-0000000001{number:02d}"
        return (
            f'<PlainTextSelection guid="{guid}" name="" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{user}"><Coding guid="{guid[:-4]}c0de" '
            f'creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding>'
            "</PlainTextSelection>"
        )

    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Line ends" origin="Other QDA 2">'
        f'<Users><User guid="{user}" name="Nadia"/></Users>'
        f'<CodeBook><Codes><Code guid="{code}" name="statistic" isCodable="true"/></Codes>'
        "</CodeBook><Sources>"
        f'<TextSource guid="{CRLF_SOURCE}" name="Lines" plainTextPath="internal://{CRLF_SOURCE}.txt">'
        f"{selection(1, cr, cr + 1)}{selection(2, forty, forty + 11)}</TextSource>"
        f'<TextSource guid="{SOURCE}" name="Plain" plainTextPath="internal://{SOURCE}.txt">'
        f"{selection(3, 0, 5)}</TextSource>"
        "</Sources></Project>"
    )


def atlas_codebook(namespace: str) -> str:
    codes = "".join(
        f'<Code guid="{g}" name="{n}" isCodable="true" color="{c}"/>' for g, (n, c) in CODES.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<CodeBook xmlns="{namespace}" origin="ATLAS.ti 23.2.1"><Codes>{codes}</Codes>'
        "</CodeBook>"
    )


def main() -> None:
    for named in (True, False):
        out = HERE / ("nvivo-emoji.qdpx" if named else "nvivo-emoji-unnamed.qdpx")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", nvivo_document(named))
            archive.writestr(f"Sources/{SOURCE}.txt", EMOJI_TEXT.encode("utf-8"))
            archive.writestr(f"Sources/{JOURNAL}.txt", "Week one: coded the bus plan.")
            archive.writestr(f"Sources/{LINKED_NOTE}.txt", SELECTIONS[1][4] or "")
    with zipfile.ZipFile(HERE / "crlf-cr-only.qdpx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", crlf_document())
        archive.writestr(f"Sources/{CRLF_SOURCE}.txt", CRLF_TEXT.encode("utf-8"))
        archive.writestr(f"Sources/{SOURCE}.txt", b"Plain words here.")
    (HERE / "atlas-codebook-0-4.qdc").write_text(
        atlas_codebook("urn:QDA-XML:codebook:0:4"), encoding="utf-8"
    )
    (HERE / "unknown-namespace.qdc").write_text(
        atlas_codebook("urn:example:codebook:9"), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
