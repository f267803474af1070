"""Where the researcher left each project: the article, the place in its text, the coder.
Reopening a project returns there."""

from dataclasses import dataclass

from annotator.core.settings import Settings

MAX_PLACES = 30


@dataclass(frozen=True)
class Place:
    article_id: int
    position: int  # code point at the top of the view
    coder: str


def remembered(settings: Settings, location: str) -> Place | None:
    raw = settings.places.get(location)
    if not isinstance(raw, dict):
        return None
    try:
        return Place(int(raw["article"]), int(raw.get("position", 0)), str(raw.get("coder", "")))
    except (KeyError, TypeError, ValueError):
        return None


def remember(settings: Settings, location: str, place: Place) -> None:
    places = {k: v for k, v in settings.places.items() if k != location}
    places[location] = {
        "article": place.article_id,
        "position": place.position,
        "coder": place.coder,
    }
    # the newest last; the oldest go first when there are many
    settings.places = dict(list(places.items())[-MAX_PLACES:])
