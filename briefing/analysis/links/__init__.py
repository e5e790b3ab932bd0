"""Cross-article links: plan -> realization, same event, follow-ups, shared context, duplicates."""
