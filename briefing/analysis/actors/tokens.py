r"""Tokens with character offsets, without a match object per token.

Both tokenisers (the proposer's in `rules`, resolution's in `roles`) cut text with a regex
whose alternatives end in `\S`, so nothing but whitespace is ever left between two tokens.
The same regex taking the whitespace before each token (`spaced`) matches runs that tile the
text up to its last token: one `findall` gives every token, and running sums of the lengths
give the offsets. No match object is made per token, which takes about a quarter off the cost
of `finditer`; tokenising is the floor of every document's analysis.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import sub


def spaced(token: re.Pattern) -> re.Pattern:
    r"""`token` taking the whitespace before it too, for `with_offsets`. Every match of `token`
    must start with a non-space, and `token` must match at any non-space (end it with `|\S`)."""
    return re.compile(r"\s*(?:" + token.pattern + ")", token.flags)


def with_offsets(spaced_token: re.Pattern, text: str, start: int = 0,
                 end: int | None = None) -> tuple[list[str], list[int], list[int]]:
    """The tokens of text[start:end] as (words, starts, ends), offsets into `text`: the tokens
    `token.finditer(text, start, end)` gives, for the `token` that `spaced_token` was made of."""
    runs = spaced_token.findall(text, start, len(text) if end is None else end)
    words = list(map(str.lstrip, runs))  # str.lstrip and \s agree on what whitespace is
    ends = list(accumulate(map(len, runs), initial=start))
    del ends[0]
    return words, list(map(sub, ends, map(len, words))), ends
