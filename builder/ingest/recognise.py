"""Recognisers for the parts of an article that the page shows apart from its text.

Each is a regular expression and, where a regular expression is not enough, a small function:
the Wikinews date line and web timestamps (-> the date), the byline (-> the authors), the
wire dateline (-> place, day and agency) and the contributor line (-> the contributors).
`clean` decides where in the body each one is looked for.
"""

from __future__ import annotations

import re

from builder.ingest.parse import parse_date
from builder.models import Dateline

UPPER = "A-ZÀ-ÖØ-Þ"
"""Capital letters, accented ones included (`MONTRÉAL`)."""
MONTH = r"(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?"
DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.?"

# ---------------------------------------------------------------- dates

WIKINEWS_DATE = re.compile(rf"(?P<date>{DAY}, [A-Z][a-z]+ \d{{1,2}}, \d{{4}})(?:$|\s+(?=[A-Z]))")
"""`Friday, March 8, 2024`, alone or opening the first paragraph (Wikinews)."""
DATE = rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?|\s*[AP]M)?(?:\s+[A-Z]{2,4}(?:[+-]\d{1,2})?)?"
TIMESTAMP = re.compile(
    r"(?:(?:Updated|Published|Posted|First published|Last updated|Last modified|Modified)(?:\s+on)?:?\s+)?"
    rf"(?:{DAY},?\s+)?"
    rf"(?:(?P<date>{DATE})(?:,?\s+(?:at\s+|[-–|·]\s+)?{TIME})?|{TIME}(?:,?\s+(?:on\s+)?(?:{DAY},?\s+)?(?P<later>{DATE}))?)\.?"
)
"""A paragraph that is only a date and time: `Updated 4:18 PM EST, November 8, 2023`."""


def timestamp_date(match: re.Match[str]) -> str | None:
    written = match.group("date") or match.group("later")
    return parse_date(written) if written else None


# ---------------------------------------------------------------- dateline

DATELINE = re.compile(
    r"\W{0,4}"  # wire noise such as `****`
    rf"(?:(?P<place>[{UPPER}][{UPPER}.'’-]+(?:[ ,]+[{UPPER}][{UPPER}.'’-]+)*"  # WASHINGTON, NEW YORK, ST. LOUIS
    r"(?:,(?:\s+[A-Z][a-z.]+){1,3})?"  # , Gaza Strip / , Calif.
    rf"|[A-Za-z][\w.'’-]+(?:[ ,]+[A-Z][\w.'’-]+){{0,3}}"  # New York, Nairobi: when a day or agency follows
    rf"(?=,\s+{MONTH}\s+\d|\s*\([A-Z][\w .&-]{{1,30}}\)\s*(?:[—–]|-{{1,2}})))"
    rf"(?:,\s+(?P<when>{MONTH}\s+\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?)?)?"  # , April 8 / , Nov. 6, 2023
    r"\s*(?:\((?P<source>[A-Za-z][\w .&-]{0,30})\)|/(?P<wire>[A-Za-z][\w .&-]{1,30})/)?"  # (AP) / /PRNewswire/
    r"\s*(?:[—–]|-{1,2})(?P<space>\s*)"
)
"""`WASHINGTON (AP) —`, `MANILA, April 8 -`, `GAZA CITY, Gaza Strip (AP) —`, `(CNN) —`,
`Nairobi (AFP) –`, `NEW YORK, Nov. 6, 2023 /PRNewswire/ --`, `SEATTLE--(BUSINESS WIRE)--`."""


def dateline_match(text: str) -> re.Match[str] | None:
    """The dateline that opens `text`, or None when the opening only looks like one."""
    match = DATELINE.match(text)
    if match is None or match.end() == len(text):
        return None
    place, dated = match.group("place") or "", match.group("when") or match.group("source") or match.group("wire")
    if not (place or dated):
        return None
    if not dated and (len(place.strip(" ,.-")) < 3 or not match.group("space")):
        return None  # `US - China talks`, `NATO-led forces`: not a dateline
    if text[match.end()].islower() and not match.group("when"):
        return None  # `NASA — the space agency — said`
    return match


def dateline_place(match: re.Match[str]) -> str:
    return (match.group("place") or "").strip(" ,-–—")


AGENCIES = {
    "AP": "Associated Press",
    "Associated Press": "Associated Press",
    "Reuters": "Reuters",
    "Reuter": "Reuters",
    "AFP": "Agence France-Presse",
    "UPI": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "DPA": "Deutsche Presse-Agentur",
    "ANSA": "Agenzia Nazionale Stampa Associata",
    "EFE": "Agencia EFE",
    "PA": "PA Media",
    "CP": "The Canadian Press",
    "AAP": "Australian Associated Press",
}
"""The news agencies that sign wire datelines by a short name (`(AP)`), with their full names."""


def dateline_source(dateline: Dateline | None) -> str | None:
    """The publication a wire dateline credits, by its full name: `(AP)` -> `Associated Press`;
    an agency not in `AGENCIES` as written (`(CNN)`, `/PRNewswire/`)."""
    if dateline is None or not dateline.source:
        return None
    return AGENCIES.get(dateline.source.strip(), dateline.source.strip())


# ---------------------------------------------------------------- bylines and credits

PARTICLE = r"(?:de|da|del|della|van|von|der|den|bin|al|el|la|le|du|dos)"
AGENCY_WORD = r"(?:Associated|Reuters|AP|AFP|Agence|Bloomberg|CNN|NPR|BBC)\b"
NAME = rf"(?!The\s|A\s|An\s)[{UPPER}][\w.'’-]*(?:\s+(?!{AGENCY_WORD})(?:[{UPPER}][\w.'’-]*|{PARTICLE})){{1,4}}"
"""A person's name: two to five words, capitalised but for particles (`Ana de la Cruz`)."""
NAMES = rf"{NAME}(?:(?:,\s+|,?\s+and\s+){NAME}){{0,7}}"
AGENCY = r"(?:The\s+)?(?:Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg|CNN|NPR|BBC(?: News)?)"
OUTLET = rf"{AGENCY}|[A-Z][\w.'’&-]*(?:\s+(?!and\b)[\w.'’&-]+){{0,5}}"
"""An outlet or a title after the names: `Associated Press`, `The Harbour Gazette`, `Staff Writer`."""
BYLINE = re.compile(
    rf"By\s+(?P<names>{NAMES}?)(?:\s*[,|/·—–-]\s*(?P<outlet>{OUTLET})|\s+{AGENCY}|\s+Reporting from [A-Z][\w.,'’ -]{{1,60}})?"
)
"""`By Mara Lindqvist, Associated Press`, `By A and B | The Gazette`: use with `fullmatch`."""
OUTLET_LINE = re.compile(r"[A-Z][\w.'’&-]*(?:,?\s+[\w.'’&-]+){0,5}")
"""The line under a byline that names the outlet or place (`BBC News, Cardiff`)."""

NAME_IN = rf"{NAME}(?:\s+in\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){{0,3}})?"
NAME_LIST = rf"{NAME_IN}(?:(?:,\s+|,?\s+and\s+){NAME_IN}){{0,7}}"  # bounded: no backtracking blow-up
CONTRIBUTORS = re.compile(
    rf"(?P<line>(?:(?:{AGENCY}|[A-Z][\w]*[’']s)\s+)?"
    rf"(?:(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?)\s+(?P<names>{NAME_LIST})\s+contributed"
    r"(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|story|article))?"
    rf"|(?P<named>{NAME_LIST})\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)"
    rf"|Additional\s+reporting\s+by\s+(?P<more>{NAME_LIST}))\.)"
)
"""`Associated Press writers X in Ankara, Turkey, and Y contributed to this report.`,
`CNN’s Tom Beckett contributed to this report.`, `Additional reporting by Sam Okoro.`"""
WIRE_CREDITS = re.compile(r"\((?P<names>(?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled) by [^()]{1,300})\)")
"""`(Reporting by A and B; Editing by C)`: the credit line that ends a Reuters story."""


def contributor_lines(text: str) -> list[tuple[re.Match[str], list[str]]]:
    """Each contributor line that is a whole sentence of `text`, with the names it credits."""
    found = []
    for match in (*CONTRIBUTORS.finditer(text), *WIRE_CREDITS.finditer(text)):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in '.!?"”’)':
            continue  # inside a sentence
        credited = match.group("names") if match.re is WIRE_CREDITS else credited_names(match)
        names = [n for part in credited.split(";") for n in split_names(re.sub(r"^.*?\bby\s+", "", part.strip()))]
        found.append((match, names))
    return found


def credited_names(match: re.Match[str]) -> str:
    return str(match.group("names") or match.group("named") or match.group("more"))


def split_names(names: str) -> list[str]:
    """`X in Ankara, Turkey, and Y in Washington` -> [X, Y]; `A, B and C` -> [A, B, C]."""
    out: list[str] = []
    for part in re.split(r",?\s+and\s+", names):
        if " in " in part:
            out.append(part.split(" in ")[0].strip(" ,"))
        else:
            out.extend(p.strip() for p in part.split(",") if p.strip())
    return [n for n in out if n]


def byline_before_dateline(text: str) -> tuple[re.Match[str], str] | None:
    """`By Eleanor Marsh Associated Press CHICAGO (AP) — …` -> (the byline's match, the text
    after it, which opens with a dateline). Of the ways to split, the one whose dateline
    place is in capitals wins."""
    best: tuple[tuple[bool, int], re.Match[str], str] | None = None
    for word in list(re.finditer(r"\S+", text[:240]))[2:14]:
        rest = text[word.end() :].lstrip()
        if (byline := BYLINE.fullmatch(text[: word.end()])) and (dateline := dateline_match(rest)):
            rank = (dateline_place(dateline).isupper(), word.end())
            if best is None or rank > best[0]:
                best = (rank, byline, rest)
    return (best[1], best[2]) if best else None
