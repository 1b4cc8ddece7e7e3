"""The package model: the layout of a checkout, its descriptor and Table Schemas, and what they define (ids,
EDTF dates, the CSV format). Everything else reads the package through it; it imports nothing heavy."""
