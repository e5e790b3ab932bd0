"""Time: temporal expressions in article text, resolved against the article's date."""
