"""Annotate: sentences, tokens, entity mentions and quotes, with offsets into the cleaned body."""
