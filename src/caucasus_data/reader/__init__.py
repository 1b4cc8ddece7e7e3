"""The reader: what `import caucasus_data` gives its users, over the published package shipped with it."""
