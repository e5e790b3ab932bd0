"""The document as CommonMark (tables in the GitHub / Obsidian pipe syntax).

Every piece of text from an article, a note or a query goes through `md()`: it backslash-
escapes the characters that could start Markdown syntax (links, emphasis, code, HTML, tables,
Obsidian tags, highlights, comments and math) and block markers at the start of a line, so
`[link](javascript:...)`, `<script>` or `|` read as the text they are. Only the structure
written here is Markdown.
"""

from __future__ import annotations

import re

from briefing.export import wording as w

# ASCII punctuation that can open inline syntax in CommonMark, GFM or Obsidian. A backslash
# before any ASCII punctuation is always a valid escape, so over-escaping is harmless.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$%#=^])")
# At the start of a line: list bullets, ordered-list numbers, block quotes, headings, rules.
_LINE_START = re.compile(r"^([-+])|^(\d+)([.)])")
_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z")


def md(text: str | None) -> str:
    """Plain text as inline Markdown that renders as exactly that text (whitespace folded)."""
    text = _INLINE.sub(r"\\\1", " ".join((text or "").split()))
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                           else m.group(2) + "\\" + m.group(3), text)


def md_lines(text: str | None, indent: str) -> str:
    """Multi-line text (a note) as one paragraph with hard line breaks, each line escaped."""
    lines = [md(line) for line in (text or "").splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def code(text: str) -> str:
    """An inline code span that holds any text (fence longer than any backtick run)."""
    text = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cite(ref: int) -> str:
    return f"[{ref}]"  # no link reference definitions exist, so this stays literal text


def quote(text: str) -> str:
    return f"“{md(text)}”"


class _Lines(list):
    def blank(self) -> None:
        """One blank line (block separator), never two."""
        if self and self[-1] != "":
            self.append("")


def render(doc: dict) -> str:
    out = _Lines()
    add = out.append
    add(f"# {md(doc['title'])}")
    add("")
    add(f"- **Scope:** {md(w.scope_text(doc))}")
    add(f"- **Generated:** {md(doc['generated'])}")
    add(f"- **Corpus:** {md(w.corpus_text(doc))}; database {code(doc['corpus']['database'])}"
        f" (schema {doc['corpus']['schema_version']}); export schema {doc['schema_version']}")
    _bottom_line(doc, out)
    _timeline(doc, out)
    _actors(doc, out)
    _links(doc, out)
    _articles(doc, out)
    _sources(doc, out)
    return "\n".join(out) + "\n"


def _heading(out: _Lines, text: str, level: int = 2) -> None:
    out.blank()
    out.append("#" * level + " " + text)
    out.append("")


def _bottom_line(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Bottom line up front")
    if not doc["bottom_line"]:
        add("No sentence of these articles stands out.")
    for n, point in enumerate(doc["bottom_line"], 1):
        add(f"{n}. {md(point['text'])} {cite(point['ref'])}")


def _timeline(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Timeline")
    rows = doc["timeline"]
    if not rows:
        add("No events in these articles.")
    else:
        add("Each event at its own date when the text states one, else its article's date; "
            "*inferred* marks a date or an order placed by what the articles say.")
        add("")
    for row in rows:
        line = f"- **{md(w.when(row))}** · {md(w.event_text(row))} {cite(row['ref'])}"
        if row["realized_by"]:
            line += " · realized in " + ", ".join(map(cite, row["realized_by"]))
        if row["realizes"]:
            line += " · realizes the plan in " + ", ".join(map(cite, row["realizes"]))
        add(line)
    _heading(out, "Planned but not reported", 3)
    if not doc["not_reported"]:
        add(w.nothing_unreported(doc))
    for item in doc["not_reported"]:
        add(f"- **{md(', '.join(item['not_reported']))}**: {md(w.not_reported_text(item))} "
            f"{cite(item['plan_ref'])}; reported: {md(', '.join(item['reported']) or 'nothing')} "
            f"{cite(item['report_ref'])}"
            + (f"; timing: {md(item['timing'])}" if item["timing"] else ""))


def _actors(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Actors")
    actors = doc["actors"]
    if not actors:
        add("No actors found in these articles.")
        return
    total = doc["counts"]["actors_total"]
    if total > len(actors):
        add(f"The {len(actors):,} actors found in the most articles, of {total:,}.")
        add("")
    add("| Actor | Type | Role | Country | Articles | Mentions |")
    add("|---|---|---|---|--:|--:|")
    for a in actors:
        roles = "; ".join(dict.fromkeys(r["title"] for r in a["roles"]))
        add(f"| {md(a['name'])} | {md(w.ACTOR_TYPES.get(a['type'], a['type'].lower()))} | "
            f"{md(roles)} | {md(a['country'])} | {a['articles']:,} | {a['mentions']:,} |")
    sourced = [(a, r) for a in actors for r in a["roles"]]
    if sourced:
        add("")
        add("Where each role comes from:")
        add("")
        for actor, role in sourced:
            add(f"- **{md(w.role_text(actor, role))}**: {quote(role['sentence'])} "
                f"{cite(role['ref'])}")


def _links(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Links")
    if not doc["links"]:
        add("No links between these articles.")
    for link in doc["links"]:
        name, flags = w.link_label(link)
        _heading(out, f"{cite(link['from'])} → {cite(link['to'])}: {md(name)} ({flags})", 3)
        add(md(link["reason"]))
        add("")
        for pair in link["evidence"]:
            add(f"- {cite(link['from'])} {quote(pair['from'])}\\")
            add(f"  {cite(link['to'])} {quote(pair['to'])}"
                + (f"\\\n  *{md(pair['note'])}*" if pair["note"] else ""))
        items = w.diff_items(link["type"], link["diff"])
        if items:
            add("")
            add("What differs:")
            add("")
            for label, value in items:
                strong = label == "planned, not reported"
                add(f"- {md(label)}: " + (f"**{md(value)}**" if strong else md(value)))


def _articles(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Articles")
    for n, a in enumerate(doc["articles"]):
        if n:
            add("")
        add(f"### {cite(a['ref'])} {md(a['title'] or '(untitled)')}")
        add("")
        add(md(w.article_meta(a)))
        if a["extract"]:
            add("")
            add(md(" ".join(a["extract"])))
        if a["notes"]:
            add("")
            add("**Notes**")
            add("")
        for note in a["notes"]:
            text = md_lines(note["text"], "  ")
            if note["quote"]:
                head = f"- Highlighted: {quote(note['quote'])}"
                add(head + (f"\\\n  {text}" if text else ""))
            elif text:
                add(f"- {text}")


def _sources(doc: dict, out: _Lines) -> None:
    add = out.append
    _heading(out, "Sources")
    for s in doc["sources"]:
        parts = [w.date_text(s["date"]), s["dateline"], s["source"]]
        line = f"{s['ref']}. {md(w.sentence(s['title'] or '(untitled)'))} " + md(
            ", ".join(p for p in parts if p)) + "."
        if s["url"] and _URL.match(s["url"]):
            line += f" <{s['url']}>"
        elif s["url"]:
            line += " " + code(s["url"])
        if s["path"]:
            line += " " + code(s["path"])
        add(line)
