"""Actors: people, states, organisations and regions, resolved across spellings and articles.

Flow for one document (all offsets are character offsets into the text given):

    sentences.split(text)            -> [Sentence]
    propose (rules.propose or the optional spaCy proposer) -> [Mention] with a type
    resolve.resolve_document(...)    -> the same mentions with `actor`, plus [Actor] with roles
    extract.extract(text)            -> Extraction (the stable entry point)

Cross-article resolution (surname-only mentions, acronyms defined elsewhere) happens in the
store when an article's actors are merged into the corpus.
"""
