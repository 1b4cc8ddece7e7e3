"""The package in the tools journalists and researchers already use: a SQLite file (with full-text search),
Datasette's metadata for it, and a local Datasette server."""
