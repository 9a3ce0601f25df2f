"""The ingestion commands, as an operator runs them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from incidents.demo_corpus import CORPUS_DIR
from incidents.models import Article, ArticleStatus, ExtractionCandidate, Feed

pytestmark = pytest.mark.django_db

CONVOY = CORPUS_DIR / "articles" / "01-gao-ansongo-convoy-ambush-en.html"
INCIDENT_KEYS = {
    "date",
    "date_precision",
    "location_text",
    "place",
    "latitude",
    "longitude",
    "geo_precision",
    "country",
    "admin1",
    "actors",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "killed",
    "killed_min",
    "killed_max",
    "wounded",
    "toll_revisions",
    "background",
    "evidence",
}
REVISION_KEYS = {"killed", "killed_min", "killed_max", "qualifier", "said_by", "evidence"}


def run(*args) -> list[dict]:
    out = StringIO()
    call_command("extract_incidents", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_extract_incidents_prints_one_json_object_per_file(tmp_path):
    plain = tmp_path / "note.txt"
    plain.write_text(
        "Four herders were killed by gunmen near Inékar on 2 February 2025, "
        "residents said. The attackers drove the cattle away."
    )
    lines = run(str(CONVOY), str(plain), "--published", "2025-02-09")
    assert [line["file"] for line in lines] == [str(CONVOY), str(plain)]
    convoy = [i for i in lines[0]["incidents"] if not i["background"]][0]
    assert INCIDENT_KEYS <= set(convoy)
    assert REVISION_KEYS <= set(convoy["toll_revisions"][0])
    assert (convoy["date"], convoy["killed"]) == ("2025-02-07", 32)
    assert [r["killed"] for r in convoy["toll_revisions"]] == [10, 32]
    assert lines[1]["incidents"][0]["date"] == "2025-02-02"
    assert Article.objects.count() == 0, "extract_incidents writes nothing"


def test_without_publication_date_relative_dates_stay_unresolved():
    convoy = [i for i in run(str(CONVOY))[0]["incidents"] if not i["background"]][0]
    assert convoy["date"] != "2025-02-07"


def test_unreadable_files_are_reported(tmp_path):
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x00\x01garbage")
    with pytest.raises(CommandError):
        run(str(tmp_path / "missing.txt"))
    lines = run(str(binary), str(CONVOY), "--published", "2025-02-09")
    assert "error" in lines[0] and lines[1]["incidents"]


def test_ingest_article_from_file_goes_through_the_pipeline():
    out = StringIO()
    call_command("ingest_article", str(CONVOY), stdout=out)
    article = Article.objects.get()
    assert article.status == ArticleStatus.PROCESSED
    assert "processed" in out.getvalue()
    assert ExtractionCandidate.objects.filter(article=article).exists()


def test_ingest_feed_polls_and_processes(news_site, loopback_allowed):
    news_site.items = news_site.items[:3]
    out = StringIO()
    call_command("ingest_feed", news_site.base_url + "/feed.xml", stdout=out)
    assert Feed.objects.count() == 1
    assert Article.objects.filter(status=ArticleStatus.PROCESSED).count() == 3
    assert "3 new articles" in out.getvalue()


def test_ingest_feed_refuses_a_bad_url():
    with pytest.raises(CommandError, match="Only http and https"):
        call_command("ingest_feed", "file:///etc/passwd")
