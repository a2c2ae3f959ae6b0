"""Made-up briefings for the page-weight tests: `write_seeds(folder, 1000)` writes that many
short Markdown seeds about invented people, organisations and places (no real text).

Each seed draws its people, organisation, place, topic and tag from small pools by its number,
so the generated site has a few dozen actors that each appear in many briefings, as a
newsroom's regulars do: the pages that list an actor's briefings must not grow with them.
"""

from __future__ import annotations

from pathlib import Path

FIRST = ("Ines", "Tomas", "Mirela", "Oskar", "Priya", "Joren", "Halima", "Vesna", "Caius", "Ludmila")
LAST = ("Aguilar", "Brennick", "Castellow", "Dunmore", "Ekwueme", "Falkenrath", "Gorvitch")
ORGS = ("Merrow Harbour Authority", "Tallis Water Board", "Quarry Lane Council", "Northfold Rail Trust")
PLACES = ("Merrow", "Tallis", "Northfold", "Quarry Lane", "Ashby Vale")
TOPICS = ("bridge repairs", "a bus timetable", "the harbour fees", "school meals", "flood defences")
TAGS = ("transport", "council", "environment", "schools")
ROLES = ("spokeswoman", "chief engineer", "chair", "treasurer")


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def seed(i: int) -> str:
    """Seed `i`: a dated Markdown article of three short paragraphs with one quote."""
    speaker, other = person(i % 23), person((i * 7 + 3) % 23)
    org, place = ORGS[i % len(ORGS)], PLACES[i % len(PLACES)]
    topic, tag, role = TOPICS[i % len(TOPICS)], TAGS[i % len(TAGS)], ROLES[i % len(ROLES)]
    date = f"{2024 + i // 400}-{1 + (i // 31) % 12:02d}-{1 + i % 28:02d}"
    return (
        f"---\ntitle: {org} votes on {topic}, meeting {i:04d}\ndate: {date}\ntags: [{tag}]\n---\n\n"
        f"{speaker}, the {role} of the {org}, said on Tuesday that {topic} in {place} would cost "
        f"{40 + i % 60} million pounds over {2 + i % 5} years.\n\n"
        f"“We have listened to the people of {place} and we will keep our promise,” {speaker.split()[1]} said.\n\n"
        f"{other} said the plan needed another vote before the end of the year.\n"
    )


def write_seeds(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"gen-{i:04d}.md").write_text(seed(i), encoding="utf-8")
