"""The SQLite store: schema, search language, and the corpus facade."""
