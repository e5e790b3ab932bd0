"""The actor data model shared by extraction, resolution, storage and export."""

from __future__ import annotations

from dataclasses import dataclass, field

TYPES = ("PERSON", "ORG", "GPE", "LOC")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    start: int  # character offsets into the document text
    end: int
    text: str  # == document[start:end]
    type: str  # one of TYPES
    sentence: int  # index into the document's sentences
    actor: str | None = None  # canonical name of the actor this mention refers to
    role: str | None = None  # role stated at this mention ("Foreign Minister")
    country: str | None = None  # country stated at this mention (from a demonym, "Mexico's")

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "actor": self.actor}


@dataclass(slots=True)
class Role:
    title: str  # "Foreign Minister", "President", "Secretary of State"
    country: str | None  # the state the role is held for, when the text says
    sentence: int  # index of the sentence it came from, in its document


@dataclass
class Actor:
    name: str  # canonical: "Luis Videgaray", "Saint Lucia", "Organization of American States"
    type: str
    country: str | None = None  # affiliation (a person's or organisation's state); a GPE's own name
    aliases: set[str] = field(default_factory=set)  # every surface form seen, canonical included
    roles: list[Role] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    acronym: str | None = None  # "OAS" for "Organization of American States"


@dataclass
class Extraction:
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    actors: list[Actor]
    extractor: str  # "rules" or "spacy+rules"
