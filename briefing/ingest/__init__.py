"""Reading articles from files: one module per format, all yielding `Record` or `Problem`."""
