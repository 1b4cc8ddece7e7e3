"""Parsing the seed articles: datelines and dates, mentions of curated entities, quotations."""
