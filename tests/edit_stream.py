"""A coder's stream of edits, as the window makes them through the one write path: add,
re-tag, move, note, delete, each stating the version it changes, each committed on its own.
Before each edit it prints what it is about to do, and after the edit returns, that it is done
(acknowledged), one JSON line each, flushed at once.

    python -m tests.edit_stream PROJECT ARTICLE_ID EDITS SEED
"""

import json
import random
import sys

from annotator.core.annotation_writes import (
    add_annotation,
    change_annotation,
    delete_annotation,
    set_note,
)
from annotator.core.annotations import get_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import Project, open_project

EDITS = ["add", "tag", "move", "note", "delete"]


def state(project: Project, annotation_id: int) -> dict[str, object]:
    record = get_annotation(project, annotation_id)
    return {
        "tag": record.tag_id,
        "start": record.start,
        "end": record.end,
        "note": record.note,
        "version": record.version,
    }


def main() -> None:
    location, article, edits, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    chooser = random.Random(seed)
    with open_project(location, create=False) as project:
        coder = ensure_coder(project, "Stream")
        tags = [t.id for t in list_tags(project)]
        live: dict[str, int] = {}
        versions: dict[str, int] = {}
        for number in range(edits):
            kind = "add" if len(live) < 3 else chooser.choice(EDITS)
            uuid = chooser.choice(sorted(live)) if kind != "add" else ""
            print(json.dumps({"begin": kind, "uuid": uuid}), flush=True)
            version = versions.get(uuid)
            if kind == "add":
                start = chooser.randrange(0, 900)
                made = add_annotation(project, article, tags[0], coder.id, start, start + 5)
                live[made.uuid] = made.id
                uuid = made.uuid
            elif kind == "tag":
                tag = chooser.choice(tags)
                change_annotation(project, live[uuid], expected_version=version, tag_id=tag)
            elif kind == "move":
                start = chooser.randrange(0, 900)
                span = (start, start + 7)
                change_annotation(project, live[uuid], expected_version=version, span=span)
            elif kind == "note":
                set_note(project, live[uuid], f"note {number}", expected_version=version)
            else:
                delete_annotation(project, live.pop(uuid), expected_version=version)
            after = state(project, live[uuid]) if uuid in live else None
            if after is not None:
                versions[uuid] = int(str(after["version"]))
            print(json.dumps({"done": kind, "uuid": uuid, "state": after}), flush=True)


if __name__ == "__main__":
    main()
