"""Sentence splitting: offsets, newlines, abbreviations."""

from __future__ import annotations

import pytest

from briefing.analysis.actors.model import Sentence
from briefing.analysis.actors.sentences import split


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split(text)]


def test_offsets_point_into_the_text():
    text = "  Mexico is looking. Jamaica agreed!  Why? "
    sents = split(text)
    assert all(isinstance(s, Sentence) for s in sents)
    assert [text[s.start:s.end] for s in sents] == ["Mexico is looking.", "Jamaica agreed!", "Why?"]


def test_empty_and_blank():
    assert split("") == []
    assert split(" \n\n  \n") == []


def test_newline_always_ends_a_sentence():
    text = "GRENADA PLANS TALKS\nST. GEORGE'S 2018-02-14\nThe talks begin on Monday"
    assert texts(text) == ["GRENADA PLANS TALKS", "ST. GEORGE'S 2018-02-14", "The talks begin on Monday"]


@pytest.mark.parametrize("text", [
    "Mr. Smith met Gen. Jones in the capital.",
    "The U.S. Navy sent a ship to St. Lucia on Jan. 5 last year.",
    "Dr. Ruth Alvarez of Acme Inc. said profits rose.",
    "Sen. Marco Fuentes and Rep. Ann Lee voted against it.",
    "President George W. Bush spoke at 10 a.m. local time.",
    "Pemex and Petrojam Corp. signed the deal in Kingston.",
])
def test_abbreviations_do_not_end_a_sentence(text):
    assert texts(text) == [text]


def test_an_abbreviation_can_still_close_a_sentence_before_an_opener():
    text = "The sanctions target the U.S. The move came on Tuesday."
    assert texts(text) == ["The sanctions target the U.S.", "The move came on Tuesday."]


def test_quotes_and_brackets_stay_with_their_sentence():
    text = "“Whatever we do in Jamaica counts,” he said. “It is a model.” (Reuters reported it.) Next."
    assert texts(text) == ["“Whatever we do in Jamaica counts,” he said.", "“It is a model.”",
                           "(Reuters reported it.)", "Next."]


def test_lowercase_after_period_is_not_a_new_sentence():
    assert texts("Prices fell 2.5 pct. in March, e.g. in oil.") == ["Prices fell 2.5 pct. in March, e.g. in oil."]


def test_ellipsis_and_numbers():
    assert texts("It was over... Then it began. No. 1 seed won.") == ["It was over...", "Then it began.", "No. 1 seed won."]


def test_conll_style_spaced_tokens():
    text = "Videgaray said he was hoping . Jamaica agreed .\nNEXT LINE"
    assert texts(text) == ["Videgaray said he was hoping .", "Jamaica agreed .", "NEXT LINE"]
