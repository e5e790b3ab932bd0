"""RSS / Atom / JSON Feed import: real captured feeds, hand-written edge cases, hostile XML."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import feedparser
import pytest

from briefing.ingest import feed
from briefing.ingest.record import SKIPPED_RECORD, InputError, Problem, Record
from tests.helpers import shared, split_items, write_file

HTML_TAG = re.compile(r"</?(?:p|a|div|br|img|span|em|strong|ul|li|blockquote)\b[^>]*>", re.I)


def _write(tmp_path: Path, content: str | bytes, name: str = "feed.xml") -> Path:
    return write_file(tmp_path / name, content)


def _split(path: Path) -> tuple[list[Record], list[Problem]]:
    return split_items(feed.read(path))


# --- the real feeds (skipped when ../shared/data is absent) ----------------------------------

REAL = {
    # file: (entries, feed title, entries without a title)
    "DaringFireball.atom": (48, "Daring Fireball", 0),
    "DaringFireball.json": (48, "Daring Fireball", 0),
    "DaringFireball.rss": (47, "Daring Fireball", 0),  # really Atom, despite the name
    "OneFootTsunami.atom": (25, "One Foot Tsunami", 0),
    "aktuality.rss": (30, "Aktuality.sk - aktuálne spravodajstvo", 0),
    "livemint.xml": (25, "Livemint - News", 0),
    "macworld.rss": (30, "Macworld", 0),
    "medscape.rss": (20, "Medscape Family Medicine Headlines", 0),
    "scriptingNews.rss": (50, "Scripting News", 39),  # short posts have no title
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_feed_imports(name):
    path = shared("feeds", name)
    count, source, untitled = REAL[name]
    assert feed.sniff(path.read_bytes()[:1024])
    records, problems = _split(path)
    assert problems == []
    assert len(records) == count
    assert [r.origin for r in records] == [f"{path}#{i}" for i in range(1, count + 1)]
    assert sum(r.title is None for r in records) == untitled
    for r in records:
        assert r.source == source
        assert r.published and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", r.published)
        assert r.text.strip() and not HTML_TAG.search(r.text), r.origin
        assert "&amp;" not in r.text and "&#8217;" not in r.text
        assert r.url and r.url.startswith("http")


def test_real_feed_values():
    atom, _ = _split(shared("feeds", "DaringFireball.atom"))
    assert atom[0].title == "The Talk Show: ‘I Do Like Throwing a Baby’"
    assert atom[0].published == "2017-06-27T00:54:17"
    assert atom[0].text.startswith("New episode of America’s favorite 3-star podcast")
    # The same post from the JSON Feed edition of the blog reads the same.
    json_feed, _ = _split(shared("feeds", "DaringFireball.json"))
    assert (json_feed[0].title, json_feed[0].published) == (atom[0].title, atom[0].published)
    assert json_feed[0].text == atom[0].text
    assert json_feed[0].extra["external_url"] == "https://daringfireball.net/thetalkshow/2017/06/26/ep-195"
    # "Wed, 5 Nov 2025 13:52:10  EST": double space, US zone name; stored in UTC.
    medscape, _ = _split(shared("feeds", "medscape.rss"))
    assert medscape[0].published == "2025-11-05T18:52:10"
    assert medscape[0].title == "Caution Urged for Virtual Care Partnerships in Canada"


def test_license_file_is_not_a_feed():
    path = shared("feeds", "NetNewsWire_LICENSE")
    assert not feed.sniff(path.read_bytes()[:1024])
    with pytest.raises(InputError, match="NetNewsWire_LICENSE"):
        list(feed.read(path))


# --- hand-written feeds ----------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire &amp; Co</title>
<item>
  <title>Talks &lt;resume&gt;</title>
  <link>https://example.com/a</link>
  <pubDate>Mon, 26 Feb 2018  10:00:00 GMT</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>First&nbsp;para &amp; more
     text.</p><script>alert("x")</script><style>p {color: red}</style>
     <p>Second<br/>line</p>]]></content:encoded>
</item>
<item><title>Headline only</title><link>javascript:alert(1)</link></item>
<item><description>   </description></item>
<item><description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</description><pubDate>not a date</pubDate></item>
</channel></rss>"""


def test_rss_entries(tmp_path):
    path = _write(tmp_path, RSS)
    records, problems = _split(path)
    first, headline, escaped = records
    assert first.title == "Talks <resume>"
    assert first.source == "Wire & Co"
    assert first.url == "https://example.com/a"
    assert first.published == "2018-02-26T10:00:00"
    assert first.text == "First para & more text.\n\nSecond\nline"  # full content, not the summary
    assert first.origin == f"{path}#1"
    assert headline.text == "Headline only" and headline.url is None  # no javascript: links
    assert escaped.text == "Escaped HTML" and escaped.published is None and escaped.origin == f"{path}#4"
    assert problems == [Problem(f"{path}#3", "entry has neither title nor text", SKIPPED_RECORD)]


def test_json_feed(tmp_path):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON\u0007 Wire",
        "items": [
            {
                "id": "1",
                "title": "Plain text item",
                "content_text": "Line one.\r\nLine two.",
                "date_published": "2020-01-02T03:04:05+02:00",
                "url": "https://example.com/1",
                "authors": [{"name": "Ann"}],
            },
            {"id": "2", "summary": "Only a summary", "external_url": "http://example.org/2"},
            "not an object",
            {"id": "4"},
            {"id": "5", "content_html": "<p>Hi <em>there</em></p>", "url": "file:///etc/passwd"},
        ],
    }
    path = _write(tmp_path, json.dumps(doc), name="feed.json")
    assert feed.sniff(path.read_bytes()[:1024])
    records, problems = _split(path)
    one, two, five = records
    assert one.source == "JSON Wire"  # the BEL control character is gone
    assert (one.title, one.text) == ("Plain text item", "Line one.\nLine two.")
    assert one.published == "2020-01-02T01:04:05"  # in UTC
    assert one.url == "https://example.com/1" and one.extra == {"id": "1", "author": "Ann"}
    assert two.text == "Only a summary" and two.url == "http://example.org/2" and two.title is None
    assert five.text == "Hi there" and five.url is None
    assert [(p.where, p.action) for p in problems] == [
        (f"{path}#3", SKIPPED_RECORD),
        (f"{path}#4", SKIPPED_RECORD),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", "Just a note, not a feed.\n"),
        ("page.html", "<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>"),
        ("data.json", '{"name": "not a feed", "items": []}'),
        ("broken.json", '{"version": "https://jsonfeed.org/version/1", "items": ['),
        ("deep.json", "[" * 100_000),
        ("empty.xml", "  \n"),
        ("image.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ],
)
def test_not_a_feed_is_an_input_error_naming_the_file(tmp_path, name, content):
    path = _write(tmp_path, content, name=name)
    with pytest.raises(InputError) as error:
        list(feed.read(path))
    assert error.value.problem.where == str(path)


def test_sniff():
    assert feed.sniff(b"\n\n  <rss version='2.0'><channel>")
    assert feed.sniff(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    assert feed.sniff(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">')
    assert feed.sniff(b'{"version": "https://jsonfeed.org/version/1", "items": []}')
    assert not feed.sniff(b'{"version": "2", "items": []}')
    assert not feed.sniff(b"<html><body>news</body></html>")
    assert not feed.sniff(b"<REUTERS NEWID='1'>")


def test_html_to_text():
    html = (
        "<div>Intro &eacute;&#8217;s <a href='x'>link</a></div><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table><noscript>hidden</noscript><pre>x  = 1\ny = 2</pre>"
    )
    assert feed.html_to_text(html) == "Intro é’s link\n\none\n\ntwo\n\na b\n\nx  = 1\ny = 2"


# --- hostile XML -----------------------------------------------------------------------------

SECRET = "TOPSECRET-c0ffee"


def _xxe_documents(secret_file: Path) -> dict[str, str]:
    url = secret_file.as_uri()
    item = "<item><title>a &xxe;</title><description>b &xxe;</description></item>"
    return {
        "multiline": f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "{url}">\n]>\n'
        f'<rss version="2.0"><channel><title>T &xxe;</title>{item}</channel></rss>',
        "one line": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url}">]>'
        f'<rss version="2.0"><channel><title>T &xxe;</title>{item}</channel></rss>',
        "plain path": f'<?xml version="1.0"?>\n<!DOCTYPE feed [ <!ENTITY xxe SYSTEM "{secret_file}"> ]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<entry><title>a &xxe;</title><content>b &xxe;</content></entry></feed>",
        "parameter entity": f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "{url}">\n%p;\n]>\n'
        f'<rss version="2.0"><channel><title>T</title>{item}</channel></rss>',
        # An apostrophe in a comment defeats quote-aware scanning of the DOCTYPE.
        "unpaired quote": f'<?xml version="1.0"?><!DOCTYPE rss [<!-- it\'s --><!ENTITY xxe SYSTEM "{url}">]>'
        f'<rss version="2.0"><channel><title>T &xxe;</title>{item}</channel></rss>',
    }


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


@pytest.mark.parametrize(
    "variant", ["multiline", "one line", "plain path", "parameter entity", "unpaired quote"]
)
def test_external_entities_are_never_resolved(tmp_path, secret_file, variant):
    path = _write(tmp_path, _xxe_documents(secret_file)[variant])
    out = list(feed.read(path))
    assert SECRET not in repr(out)
    records = [o for o in out if isinstance(o, Record)]
    assert [r.title.split()[0] for r in records] == ["a"]  # the entry itself is still read
    assert any("DOCTYPE entity declarations ignored" in o.reason for o in out if isinstance(o, Problem))


def test_feedparser_itself_does_not_resolve_external_entities(secret_file):
    # The second line of defence, should the DOCTYPE stripping ever miss: feedparser's SAX
    # parser must keep external general entities off.
    for document in _xxe_documents(secret_file).values():
        result = feedparser.parse(io.BytesIO(document.encode()))
        assert SECRET not in repr(result)


def _laughs(levels: int = 10, newline: str = "\n") -> str:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        f'<?xml version="1.0"?>{newline}<!DOCTYPE rss [{newline}{newline.join(entities)}{newline}]>{newline}'
        f'<rss version="2.0"><channel><title>T</title><item><title>a &lol{levels - 1};</title>'
        f"<description>b &lol{levels - 1};</description></item></channel></rss>"
    )


@pytest.mark.parametrize(
    "document",
    [
        _laughs(),
        _laughs(newline=""),
        # Quadratic blow-up: one big entity, referenced many times (no nesting to detect).
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "a" * 50_000 + '">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>x</title><description>'
        + "&a;" * 20_000 + "</description></item></channel></rss>",
    ],
    ids=["billion laughs", "billion laughs on one line", "quadratic blow-up"],
)
def test_entity_expansion_bombs_are_defused(tmp_path, document):
    path = _write(tmp_path, document)
    started = time.perf_counter()
    out = list(feed.read(path))
    assert time.perf_counter() - started < 2
    records = [o for o in out if isinstance(o, Record)]
    assert len(records) == 1
    assert len(records[0].text) < 100_000 and "lollollol" not in records[0].text
    assert "aaaaaaaaaa" * 10 not in records[0].text
