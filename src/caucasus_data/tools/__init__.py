"""Maintainer tools: evidence rows from exact words, a new article previewed, the timeline figure."""
