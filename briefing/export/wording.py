"""Plain-text wording shared by the Markdown and HTML renderers. Everything here returns plain
text; each renderer escapes it for its own format."""

from __future__ import annotations

ACTOR_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "state or city",
               "LOC": "region"}
LINK_NAMES = {"realizes": "plan → realization", "follow_up": "follow-up",
              "same_event": "same event", "same_story": "same story",
              "shared_context": "shared context", "duplicate": "duplicate"}
# Diff keys of a plan → realization link, in reading order, with their labels.
REALIZES_DIFF = (
    ("agent", "who"), ("event", "event"), ("planned", "planned"), ("reported", "reported"),
    ("planned_not_reported", "planned, not reported"),
    ("reported_not_planned", "reported, not planned"), ("reported_order", "order reported"),
    ("order_changed", "order changed"), ("planned_time", "planned time"),
    ("planned_window", "planned window"), ("reported_date", "reported date"),
    ("timing", "timing"),
)
SECTIONS = (("bottom-line", "Bottom line up front"), ("timeline", "Timeline"),
            ("actors", "Actors"), ("links", "Links"), ("articles", "Articles"),
            ("sources", "Sources"))


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def date_text(value: str | None) -> str:
    """A stored date as shown: the day, with the time when the source gave one."""
    if not value:
        return "undated"
    return value.replace("T", " ")[:16]


def when(row: dict) -> str:
    """A timeline row's date, marked when inferred."""
    if row["date"] is None:
        return "undated (order inferred)" if row["date_inferred"] else "undated"
    return row["date"] + (" (inferred)" if row["date_inferred"] else "")


def event_text(row: dict) -> str:
    """An event in words: `Luis Videgaray: planned visit (“travel”) → Jamaica, “March”`."""
    text = f"{row['agent']}: " if row["agent"] else ""
    text += f"{row['modality']} {row['type']} (“{row['trigger']}”)"
    others = row["places"] + [t for t in row["targets"] if t not in row["places"]]
    if others:
        text += " → " + ", ".join(others)
    if row["time_text"]:
        text += f", “{row['time_text']}”"
    return text


def value_text(value) -> str | None:
    """A diff value as words: lists joined, nested objects as key: value, None left out."""
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        parts = [value_text(v) for v in value]
        if all(p is None for p in parts):
            return None
        return ", ".join(p if p is not None else "?" for p in parts)
    if isinstance(value, dict):
        parts = [(k.replace("_", " "), value_text(v)) for k, v in value.items()]
        return "; ".join(f"{k}: {v}" for k, v in parts if v is not None)
    return str(value)


def link_label(link: dict) -> tuple[str, str]:
    """(name, flags) of a link's heading: "plan → realization", "score 0.78, order inferred"."""
    kind = link["type"]
    if kind == "same_event" and (link.get("diff") or {}).get("strength") == "story":
        kind = "same_story"  # as the reader says it: the same subject, not one event
    name = LINK_NAMES.get(kind, kind)
    flags = f"score {link['score']:.2f}" + (", order inferred" if link["inferred_order"] else "")
    return name, flags


def diff_items(link_type: str, diff: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of a link's diff in reading order; empty values left out."""
    known = dict(REALIZES_DIFF) if link_type == "realizes" else {}
    keys = [k for k, _ in REALIZES_DIFF if k in diff] if known else []
    keys += [k for k in diff if k not in keys]
    out = []
    for key in keys:
        text = value_text(diff[key])
        if text is not None:
            out.append((known.get(key, key.replace("_", " ")), text))
    return out


def article_meta(article: dict) -> str:
    parts = [date_text(article["date"]), article["place"], article["source"]]
    if article["bookmarked"]:
        parts.append("bookmarked")
    if article["duplicate_of"]:
        parts.append(f"duplicate of article {article['duplicate_of']}")
    return " · ".join(p for p in parts if p)


def corpus_text(doc: dict) -> str:
    c = doc["corpus"]
    span = (f"{date_text(c['first'])[:10]} to {date_text(c['last'])[:10]}"
            if c["first"] else "undated")
    text = (f"{count(c['articles'], 'article')} ({count(c['duplicates'], 'duplicate')}), "
            f"{span}")
    if c["sources"]:
        text += "; sources " + ", ".join(f"{s['name']} ({s['articles']:,})" for s in c["sources"])
    if c["extractors"]:
        text += "; actors by " + ", ".join(e["name"] for e in c["extractors"])
    return text


def scope_text(doc: dict) -> str:
    n = doc["counts"]
    return (f"{doc['scope']['label']}: {count(n['articles'], 'article')}, "
            f"{count(n['links'], 'link')}, {count(n['timeline'], 'event')}, "
            f"{count(n['notes'], 'note')}")


def not_reported_text(item: dict) -> str:
    """The rest of a "planned but not reported" line after the places themselves."""
    who = f"{item['agent']}’s " if item["agent"] else ""
    text = f"{who}{item['event'] or 'event'} planned to {', '.join(item['planned'])}"
    if item["planned_time"]:
        text += f" (“{item['planned_time']}”)"
    return text


def role_text(actor: dict, role: dict) -> str:
    text = f"{actor['name']}, {role['title']}"
    if role["country"] and role["country"] != actor["name"]:
        text += f" ({role['country']})"
    return text


def sentence(text: str) -> str:
    """Text closed with a full stop unless it already ends in punctuation."""
    text = text.rstrip()
    return text if text.endswith((".", "…", "!", "?")) else text + "."


def nothing_unreported(doc: dict) -> str:
    """What "Planned but not reported" says when it lists nothing."""
    if any(link["type"] == "realizes" for link in doc["links"]):
        return "Every planned place was reported, in the plan → realization links of this scope."
    return "No plan → realization links between these articles."
