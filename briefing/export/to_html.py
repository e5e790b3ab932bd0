"""The document as one self-contained, printable HTML file.

No script, no external asset: the style sheet is inline, a Content-Security-Policy forbids
everything else, every piece of text goes through `html.escape`, and the only `href`s are
`#src-N` citations and http(s) article URLs. Links point readers to the numbered sources.
"""

from __future__ import annotations

import html
import re

from briefing.export import wording as w

_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z")

STYLE = """
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d5dae0; --accent: #1f5fa8; --mark: #fff3b0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); max-width: 60rem;
       margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .35rem; }
.meta, .muted, .why { color: var(--muted); }
.meta { margin: .15rem 0; font-size: .92rem; }
.why { font-size: .82rem; margin: .1rem 0 .5rem; }
a { color: var(--accent); text-decoration: none; }
a.ref { font-size: .85em; white-space: nowrap; }
ol.blu li { margin-bottom: .55rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { font-family: "Helvetica Neue", Arial, sans-serif; font-size: .8rem; text-transform: uppercase;
     letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; }
td.date { white-space: nowrap; }
.sentence { display: block; color: var(--muted); font-size: .85rem; }
.modality { font-variant: small-caps; font-weight: bold; }
.evidence { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin: .4rem 0; }
.evidence blockquote { margin: 0; padding: .35rem .6rem; border-left: 3px solid var(--rule); }
.note { font-size: .82rem; color: var(--muted); margin: 0 0 .4rem; }
.missing { background: var(--mark); font-weight: bold; }
.extract { margin: .3rem 0; }
.notes blockquote { margin: .2rem 0; padding-left: .6rem; border-left: 3px solid var(--mark); }
ol.sources li { margin-bottom: .3rem; }
code { font-size: .85em; word-break: break-all; }
@media print {
  @page { margin: 16mm; }
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  tr, li, .evidence, blockquote { break-inside: avoid; }
  .evidence { grid-template-columns: 1fr 1fr; }
}
"""


def e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def cite(ref: int) -> str:
    return f'<a class="ref" href="#src-{int(ref)}">[{int(ref)}]</a>'


def _q(text: str) -> str:
    return f"“{e(' '.join(text.split()))}”"


def render(doc: dict) -> str:
    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add('<html lang="en">')
    add("<head>")
    add('<meta charset="utf-8">')
    add('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f'<meta name="generator" content="briefing export, schema {int(doc["schema_version"])}">')
    add(f"<title>{e(doc['title'])}</title>")
    add(f"<style>{STYLE}</style>")
    add("</head>")
    add("<body>")
    add("<header>")
    add(f"<h1>{e(doc['title'])}</h1>")
    add(f'<p class="meta"><strong>Scope:</strong> {e(w.scope_text(doc))}</p>')
    add(f'<p class="meta"><strong>Generated:</strong> {e(doc["generated"])}</p>')
    add(f'<p class="meta"><strong>Corpus:</strong> {e(w.corpus_text(doc))}; database '
        f'<code>{e(doc["corpus"]["database"])}</code> (schema '
        f'{int(doc["corpus"]["schema_version"])}); export schema {int(doc["schema_version"])}</p>')
    add("</header>")
    _bottom_line(doc, add)
    _timeline(doc, add)
    _actors(doc, add)
    _links(doc, add)
    _articles(doc, add)
    _sources(doc, add)
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"


def _section(add, key: str, title: str) -> None:
    add(f'<section id="{key}">')
    add(f"<h2>{e(title)}</h2>")


def _bottom_line(doc: dict, add) -> None:
    _section(add, "bottom-line", "Bottom line up front")
    if not doc["bottom_line"]:
        add("<p>No sentence of these articles stands out.</p>")
    else:
        add('<ol class="blu">')
        for point in doc["bottom_line"]:
            add(f"<li>{e(point['text'])} {cite(point['ref'])}"
                f'<div class="why">{e("; ".join(point["why"]))}</div></li>')
        add("</ol>")
    add("</section>")


def _timeline(doc: dict, add) -> None:
    _section(add, "timeline", "Timeline")
    rows = doc["timeline"]
    if not rows:
        add("<p>No events in these articles.</p>")
    else:
        add('<p class="muted">Each event at its own date when the text states one, else its '
            "article’s date; <em>inferred</em> marks a date or an order placed by what the "
            "articles say.</p>")
        add("<table>")
        add("<thead><tr><th>Date</th><th>Event</th><th>Source</th></tr></thead>")
        add("<tbody>")
        for row in rows:
            extra = ""
            if row["realized_by"]:
                extra += " · realized in " + ", ".join(map(cite, row["realized_by"]))
            if row["realizes"]:
                extra += " · realizes the plan in " + ", ".join(map(cite, row["realizes"]))
            add(f'<tr><td class="date">{e(w.when(row))}</td>'
                f"<td>{e(w.event_text(row))}{extra}"
                f'<span class="sentence">{_q(row["sentence"])}</span></td>'
                f"<td>{cite(row['ref'])}</td></tr>")
        add("</tbody>")
        add("</table>")
    add("<h3>Planned but not reported</h3>")
    if not doc["not_reported"]:
        add(f"<p>{e(w.nothing_unreported(doc))}</p>")
    else:
        add("<ul>")
        for item in doc["not_reported"]:
            timing = f"; timing: {e(item['timing'])}" if item["timing"] else ""
            add(f'<li><span class="missing">{e(", ".join(item["not_reported"]))}</span>: '
                f"{e(w.not_reported_text(item))} {cite(item['plan_ref'])}; reported: "
                f"{e(', '.join(item['reported']) or 'nothing')} {cite(item['report_ref'])}"
                f"{timing}</li>")
        add("</ul>")
    add("</section>")


def _actors(doc: dict, add) -> None:
    _section(add, "actors", "Actors")
    actors = doc["actors"]
    if not actors:
        add("<p>No actors found in these articles.</p>")
        add("</section>")
        return
    total = doc["counts"]["actors_total"]
    if total > len(actors):
        add(f'<p class="muted">The {len(actors):,} actors found in the most articles, of '
            f"{total:,}.</p>")
    add("<table>")
    add('<thead><tr><th>Actor</th><th>Type</th><th>Role</th><th>Country</th>'
        '<th class="num">Articles</th><th class="num">Mentions</th></tr></thead>')
    add("<tbody>")
    for a in actors:
        roles = "; ".join(dict.fromkeys(r["title"] for r in a["roles"]))
        add(f"<tr><td>{e(a['name'])}</td><td>{e(w.ACTOR_TYPES.get(a['type'], a['type'].lower()))}"
            f"</td><td>{e(roles)}</td><td>{e(a['country'])}</td>"
            f'<td class="num">{a["articles"]:,}</td><td class="num">{a["mentions"]:,}</td></tr>')
    add("</tbody>")
    add("</table>")
    sourced = [(a, r) for a in actors for r in a["roles"]]
    if sourced:
        add("<h3>Where each role comes from</h3>")
        add("<ul>")
        for actor, role in sourced:
            add(f"<li><strong>{e(w.role_text(actor, role))}</strong>: {_q(role['sentence'])} "
                f"{cite(role['ref'])}</li>")
        add("</ul>")
    add("</section>")


def _links(doc: dict, add) -> None:
    _section(add, "links", "Links")
    if not doc["links"]:
        add("<p>No links between these articles.</p>")
    for link in doc["links"]:
        name, flags = w.link_label(link)
        add(f'<h3 id="link-{int(link["id"])}">{cite(link["from"])} → {cite(link["to"])}: '
            f"{e(name)} <span class=\"muted\">({e(flags)})</span></h3>")
        add(f"<p>{e(link['reason'])}</p>")
        for pair in link["evidence"]:
            add('<div class="evidence">')
            add(f"<blockquote>{cite(link['from'])} {_q(pair['from'])}</blockquote>")
            add(f"<blockquote>{cite(link['to'])} {_q(pair['to'])}</blockquote>")
            add("</div>")
            if pair["note"]:
                add(f'<p class="note">{e(pair["note"])}</p>')
        items = w.diff_items(link["type"], link["diff"])
        if items:
            add("<ul>")
            for label, value in items:
                cls = ' class="missing"' if label == "planned, not reported" else ""
                add(f"<li>{e(label)}: <span{cls}>{e(value)}</span></li>")
            add("</ul>")
    add("</section>")


def _articles(doc: dict, add) -> None:
    _section(add, "articles", "Articles")
    for a in doc["articles"]:
        add(f'<article id="article-{int(a["ref"])}">')
        add(f"<h3>{cite(a['ref'])} {e(a['title'] or '(untitled)')}</h3>")
        add(f'<p class="meta">{e(w.article_meta(a))}</p>')
        if a["extract"]:
            add(f'<p class="extract">{e(" ".join(a["extract"]))}</p>')
        if a["notes"]:
            add('<div class="notes"><strong>Notes</strong><ul>')
            for note in a["notes"]:
                lines = [e(line) for line in (note["text"] or "").splitlines() if line.strip()]
                body = "<br>".join(lines)
                if note["quote"]:
                    add(f"<li>Highlighted: <blockquote>{_q(note['quote'])}</blockquote>"
                        f"{body}</li>")
                else:
                    add(f"<li>{body}</li>")
            add("</ul></div>")
        add("</article>")
    add("</section>")


def _sources(doc: dict, add) -> None:
    _section(add, "sources", "Sources")
    add('<ol class="sources">')
    for s in doc["sources"]:
        parts = [w.date_text(s["date"]), s["dateline"], s["source"]]
        line = f"{e(w.sentence(s['title'] or '(untitled)'))} {e(', '.join(p for p in parts if p))}."
        if s["url"] and _URL.match(s["url"]):
            line += f' <a href="{e(s["url"])}">{e(s["url"])}</a>'
        elif s["url"]:
            line += f" <code>{e(s['url'])}</code>"
        if s["path"]:
            line += f" <code>{e(s['path'])}</code>"
        add(f'<li id="src-{int(s["ref"])}" value="{int(s["ref"])}">{line}</li>')
    add("</ol>")
    add("</section>")
