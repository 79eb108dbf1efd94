"""The core: the model, dates, names, reading a chronology file, and queries; plain data only."""
