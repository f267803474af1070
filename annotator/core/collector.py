"""Python's cycle collector held off while many long-lived small objects are made at once."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a block builds many small objects that all
    live on (a JSON document of a large project; an article's thousands of spans and their
    formats). Each collection the allocations set off would walk them all, and everything
    made before, without finding garbage: on a densely coded article that is a third of the
    time it takes to open. Nothing is leaked: collection resumes when the block ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
