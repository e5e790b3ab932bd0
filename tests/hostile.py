"""A corpus of hostile and broken input, generated here so nothing odd is committed as a file.

`TEXTS` are article bodies that must be stored and shown as plain text: escape sequences a
terminal would obey, markup Rich or Textual would interpret, text that breaks cell-width and
direction assumptions. `files()` are whole files a user might drop in by mistake or malice, each
with what ingest must do with it: import it (`"ok"`; a repair such as replaced bytes is reported
as `repaired`), import part and name the bad record (`"partial"`), or import nothing and say why
(`"refused"`). tests/test_hostile_ingest.py checks each one through the real ingest.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"

TEXTS: dict[str, str] = {
    "ansi_colour": f"Markets {ESC}[31mfell sharply{ESC}[0m in early trading on Monday.",
    "cursor_moves": f"The minister{ESC}[2J{ESC}[H{ESC}[10;10H said talks would resume{ESC}[K.",
    "osc52_clipboard": f"Officials {ESC}]52;c;cm0gLXJmIH4={BEL}denied the report on Tuesday.",
    "osc8_link": f"Read the {ESC}]8;;https://evil.example/{ST}full statement{ESC}]8;;{ST} online.",
    "osc_title": f"{ESC}]0;pwned{BEL}The central bank held rates steady.",
    "c1_controls": "The vote\x9b31m passed\x9d0;x\x9c narrowly.",
    "rich_markup": "Analysts said [bold red]the deal[/bold red] was [link=https://x.example]done[/link].",
    "textual_action": "Click [@click=app.quit]here[/] to read the [b]full[/b] report.",
    "stray_close": "The index rose [/] and [/bold] closed higher [ at 1,234.",
    "rtl_override": "The file invoice\u202egnp.exe\u202c was sent to the ministry.",
    "bidi_arabic": "Talks in \u0627\u0644\u0642\u0627\u0647\u0631\u0629 (Cairo) ended with a statement in Hebrew \u05e9\u05dc\u05d5\u05dd.",
    "zero_width": "Saint\u200b Lucia and Gre\u200dnada\ufeff signed the\u2060 accord.",
    "emoji_cjk": "Leaders met in 東京 (Tokyo) 🇯🇵🤝🇺🇸 and agreed on 貿易 trade terms 👍🏽.",
    "combining": "The Z\u0335\u0321a\u0336l\u0337g\u0338o\u0334 report was discredited.",
    "nul_bytes": "The ministry\x00 said\x00\x00 nothing.",
    "tabs_and_cr": "Prices\tclimbed\r\noverwrite\rthe line\r on Friday.",
}

LONG_LINE = ("The committee met again and heard evidence on the budget. " * 18000)[:1_000_000]
MANY_LINES = "".join(f"Line {i} of the transcript records a speaker.\n" for i in range(100_000))


@dataclass(frozen=True)
class HostileFile:
    name: str
    data: bytes
    expect: str  # "ok", "partial" or "refused"


def _text_file(body: str, title: str = "HOSTILE REPORT") -> bytes:
    return f"{title}\n\nLONDON, March 3 (Reuters) - {body}\n".encode("utf-8", "surrogatepass")


def files() -> list[HostileFile]:
    out = [HostileFile(f"text_{k}.txt", _text_file(v), "ok") for k, v in TEXTS.items()]
    out += [
        HostileFile("long_line.txt", _text_file(LONG_LINE), "ok"),
        HostileFile("many_lines.txt", ("TRANSCRIPT\n\n" + MANY_LINES).encode(), "ok"),
        HostileFile("invalid_utf8.txt",
                    b"BAD BYTES\n\nThe minister \xff\xfe said \xc3\x28 talks \xed\xa0\x80 resume.\n", "ok"),
        HostileFile("utf16_bom.txt", codecs.BOM_UTF16_LE + _text_file(
            "Talks with Saint Lucia resumed.").decode().encode("utf-16-le"), "ok"),
        HostileFile("empty.txt", b"", "refused"),
        HostileFile("whitespace.txt", b"  \n\t\n   \r\n", "refused"),
        HostileFile("binary.txt", bytes(range(256)) * 64, "refused"),
        HostileFile("png_named.txt", b"\x89PNG\r\n\x1a\n" + b"\x00IHDR" + bytes(2000), "refused"),
        HostileFile("ragged.csv", (
            'title,text,date\n'
            '"Ragged one","First story text about the budget.",2020-01-02\n'
            '"Too few"\n'
            '"Too many","Second story, with more fields.",2020-01-03,extra,more\n'
            '"Embedded","A story whose text\nspans two lines, quoted.",2020-01-04\n').encode(),
            "partial"),
        HostileFile("one_bad.jsonl", (
            json.dumps({"title": "Good one", "text": "A good story about trade talks."}) + "\n"
            + '{"title": "Broken", "text": "no closing brace"\n'
            + json.dumps({"title": "Good two", "text": "Another story about the vote."}) + "\n"
        ).encode(), "partial"),
        # An external entity is never fetched: the DOCTYPE's internal subset is removed and the
        # references to what it declared are dropped, so the item imports as "Item" / "Secret:"
        # with a `repaired` notice naming the file. Importing beats refusing: feeds also use the
        # internal subset for harmless entities, and nothing of the declaration can reach the text.
        HostileFile("xxe.xml", (
            '<?xml version="1.0"?>\n'
            '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            '<rss version="2.0"><channel><title>Feed</title>'
            '<item><title>Item &xxe;</title><description>Secret: &xxe;</description></item>'
            '</channel></rss>\n').encode(), "ok"),
        # The declarations go and every &lolN; with them, so nothing is expanded; the one item
        # then has neither title nor text and is skipped, naming it (#1): nothing is imported.
        HostileFile("billion_laughs.xml", (
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                      for i in range(1, 10))
            + ']>\n<rss version="2.0"><channel><title>Feed</title>'
            '<item><title>&lol9;</title><description>&lol9;</description></item>'
            '</channel></rss>\n').encode(), "refused"),
        HostileFile("stray_entities.sgm", (
            '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
            '<REUTERS NEWID="1"><DATE>26-FEB-1987 15:01:01.79</DATE>'
            '<TEXT><TITLE>BAHIA &foo; COCOA &#5; REVIEW &amp</TITLE>'
            '<BODY>Showers continued &unknown; throughout the week &#x1b;[31m in the Bahia '
            'cocoa zone &lt;b&gt;.\n&#3;</BODY></TEXT></REUTERS>\n').encode("latin-1"), "ok"),
    ]
    return out
