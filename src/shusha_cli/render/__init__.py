"""Renderers: each turns query results into one output format (table, CSV, JSON)."""

from enum import Enum


class Format(str, Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
