from briefing.ingest.lead import derive_title, lead_sentence


def test_lead_sentence_skips_abbreviations():
    text = "Mr. Smith met U.S. officials on Monday. Then he left."
    assert lead_sentence(text) == "Mr. Smith met U.S. officials on Monday."


def test_short_lead_is_whole_title():
    assert derive_title("Grenada abstained. More follows.") == "Grenada abstained"


def test_long_lead_cut_at_clause_or_word_boundary():
    text = ("Mexico’s foreign minister will travel to Jamaica, Grenada and Saint Lucia in March, "
            "a Mexican official said on Thursday, as part of efforts to erode influence.")
    title = derive_title(text)
    assert title == "Mexico’s foreign minister will travel to Jamaica, Grenada and Saint Lucia in March…"
    words = " ".join(["word"] * 40)
    cut = derive_title(words)
    assert cut.endswith("…") and len(cut) <= 91 and cut[:-1].split(" ")[-1] == "word"


def test_empty_text_has_no_title():
    assert derive_title("   ") is None
