"""The reader: a Textual app over the Corpus facade. Only this package imports textual."""
