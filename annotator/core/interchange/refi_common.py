"""What REFI-QDA export and import share: namespaces, stable identifiers, times, and the
article metadata carried as REFI-QDA variables.

Positions in a REFI-QDA project are character offsets into the source's plain text; Annotator
writes Unicode code points, its own offsets, and reads what other programs write (see
``refi_positions``).
"""

import uuid
from datetime import datetime

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
# QDA-XML 1.0 (published 2019) and the draft 0:4 that ATLAS.ti still writes; the elements
# Annotator reads are the same in both.
KNOWN_PROJECT_NS = (PROJECT_NS, "urn:QDA-XML:project:0:4")
KNOWN_CODEBOOK_NS = (CODEBOOK_NS, "urn:QDA-XML:codebook:0:4")
_NAMESPACE = uuid.UUID("6f1c2a58-39d4-4f0e-9a51-1d7c0f3b8e20")

# Article fields carried as REFI-QDA variables (typeOfVariable "Text"), by variable name.
ARTICLE_VARIABLES = {
    "title": "title",
    "author": "author",
    "outlet": "outlet",
    "published": "published",
    "URL": "url",
    "language": "language",
    "source kind": "source_kind",
    "original file": "original_name",
}


def stable_guid(kind: str, key: str) -> str:
    """The same GUID for the same thing on every export, so re-imports recognise it."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def xml_time(moment: datetime) -> str:
    """A stored (naive UTC) time as xs:dateTime, to the microsecond when it has one."""
    return moment.isoformat() + "Z"
