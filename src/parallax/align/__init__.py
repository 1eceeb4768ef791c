"""Align: entities across articles, utterances, facts and contradictions."""
