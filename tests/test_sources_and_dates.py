"""No credit, date or source lost: a dateline's agency is the source, a text seed may give its
date, and seeds that try path tricks or hold many giant paragraphs get one notice each."""

from __future__ import annotations

import os

import pytest

from builder import ingest
from builder.ingest import recognise
from builder.models import Dateline

BODY = "The harbour council met on Monday.\n\nMara Lindqvist said the plan was sound.\n"


@pytest.mark.parametrize(
    ("written", "source"),
    [("AP", "Associated Press"), ("Reuters", "Reuters"), ("AFP", "Agence France-Presse"), ("CNN", "CNN")],
)
def test_a_dateline_agency_is_the_source_by_its_full_name(write_seed, written, source):
    path = write_seed("wire.txt", f"Talks resume\n\nWASHINGTON ({written}) — {BODY}")
    [article], notices = ingest.ingest([path])
    assert notices == [] and article.dateline == Dateline("WASHINGTON", written)
    assert article.source == source
    assert recognise.dateline_source(article.dateline) == source


def test_front_matter_source_wins_over_the_dateline(write_seed):
    path = write_seed("wire.md", f"---\ntitle: Talks\nsource: The Daily Example\n---\n\nWASHINGTON (AP) — {BODY}")
    [article], _ = ingest.ingest([path])
    assert article.source == "The Daily Example" and article.dateline is not None


@pytest.mark.parametrize("line", ["Date: 2023-11-06", "date: November 6, 2023", "Date: 6 Nov 2023"])
def test_a_text_seed_may_open_with_its_date(write_seed, line):
    path = write_seed("dated.txt", f"{line}\n\nRiver ferry returns\n\n{BODY}")
    [article], notices = ingest.ingest([path])
    assert notices == []
    assert (article.date, article.headline) == ("2023-11-06", "River ferry returns")
    assert article.paragraphs[0] == "The harbour council met on Monday."


def test_a_date_line_that_is_no_date_gets_a_notice(write_seed):
    path = write_seed("bad-date.txt", f"Date: 2023-02-30\nRiver ferry returns\n\n{BODY}")
    [article], notices = ingest.ingest([path])
    assert [n.message for n in notices] == ["date '2023-02-30' is not a date (write 2023-11-06); left undated"]
    assert article.date is None and article.headline == "River ferry returns"


def test_a_link_out_of_the_seeds_folder_is_not_read(write_seed, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nNot for publishing.\n", encoding="utf-8")
    ok = write_seed("ok.txt", f"Fine\n\n{BODY}")
    os.symlink(secret, ok.parent / "link.txt")
    os.symlink(ok, ok.parent / "alias.txt")  # inside the folder: read (and a duplicate of nothing)
    articles, notices = ingest.ingest([ok.parent])
    assert [str(n) for n in notices] == [f"{ok.parent / 'link.txt'}: a link to a file outside its folder; skipped"]
    assert sorted(a.slug for a in articles) == ["alias", "ok"]


def test_many_giant_paragraphs_give_one_notice(write_seed):
    giant = "A sentence about the harbour. " * 400
    path = write_seed("giants.txt", "Giants\n\n" + "\n\n".join([giant] * 5))
    [article], notices = ingest.ingest([path])
    assert len(notices) == 1 and "(and 4 more such paragraph(s))" in notices[0].message
    assert len([r for r in article.repairs if r.kind == "long paragraph split"]) == 5
