"""Small articles for suggestion tests: pledges among other sentences, in English and in
Swedish, with emoji (characters outside the Basic Multilingual Plane) before some sentences,
so that code points and Qt's UTF-16 positions differ."""

THINGS = ["buses", "schools", "bridges", "parks", "trains", "clinics", "roads", "libraries"]
SAKER = ["bussar", "skolor", "broar", "parker", "tåg", "vårdcentraler", "vägar", "bibliotek"]


def english(seed: int, count: int = 30) -> tuple[str, list[str]]:
    """An article and its pledge sentences (every third sentence is one)."""
    sentences, pledges = [], []
    for i in range(count):
        thing = THINGS[(i + seed) % len(THINGS)]
        if i % 3 == 0:
            sentence = f"We will build {i + seed + 2} new {thing} before the next election."
            pledges.append(sentence)
        elif i % 3 == 1:
            sentence = f"Last year the number of {thing} in the region fell by {i + 3} percent."
        else:
            sentence = f"Critics 😠 say the {thing} were never a priority for the council."
        sentences.append(sentence)
    return "🚌 Election programme\n\n" + " ".join(sentences) + "\n", pledges


def swedish(seed: int, count: int = 30) -> tuple[str, list[str]]:
    sentences, pledges = [], []
    for i in range(count):
        sak = SAKER[(i + seed) % len(SAKER)]
        if i % 3 == 0:
            sentence = f"Vi kommer att bygga {i + seed + 2} nya {sak} före nästa val."
            pledges.append(sentence)
        elif i % 3 == 1:
            sentence = (
                f"Förra året minskade antalet {sak} i länet med {i + 3} procent, bl.a. i norr."
            )
        else:
            sentence = f"Kritiker 😠 säger att {sak} aldrig har prioriterats av kommunen."
        sentences.append(sentence)
    return "🗳️ Valprogram för Åre och Älvdalen\n\n" + " ".join(sentences) + "\n", pledges
