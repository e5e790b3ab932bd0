"""Analysis of stored articles: actors (who), and later time, events and links."""
