"""Reading a chronology file: find, read, cache, compose the YAML, check records and references."""
