"""briefing: a keyboard-driven terminal reader that turns news articles into an analyst's briefing."""

__version__ = "0.1.0"
