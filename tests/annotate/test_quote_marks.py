"""Pairing of quotation marks: curly, straight, two-apostrophe, nested and unbalanced."""

from __future__ import annotations

from parallax.annotate.quote_marks import continuation_end, pair_marks


def _quoted(text: str) -> list[str]:
    return [text[s.inner[0] : s.inner[1]] for s in pair_marks(text)]


def test_curly_and_straight_marks_pair() -> None:
    assert _quoted("“One,” he said, “two.”") == ["One,", "two."]
    assert _quoted('"One," he said. "Two."') == ["One,", "Two."]


def test_two_apostrophes_stand_for_a_double_mark() -> None:
    assert _quoted("''We won,'' she said of the players' union.") == ["We won,"]


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    assert _quoted("“He told me “no” and left,” she said.") == ["He told me “no” and left,"]
    assert _quoted("«Il a dit “non” hier» fin") == ["Il a dit “non” hier"]
    assert _quoted("“He said ‘never’ twice,” she added.") == ["He said ‘never’ twice,"]


def test_unclosed_quote_ends_at_its_sentence_and_keeps_the_next_quote() -> None:
    text = 'He said "this is never closed. Then "a proper quote," she said.'
    assert _quoted(text) == ["this is never closed.", "a proper quote,"]


def test_quote_continuing_into_next_paragraph_runs_to_paragraph_end() -> None:
    assert _quoted("“This goes on to the next paragraph") == ["This goes on to the next paragraph"]


def test_stray_closing_mark_is_ignored() -> None:
    assert _quoted("a stray ” mark and “a real one” here") == ["a real one"]


def test_mismatched_curly_and_straight_marks_still_pair() -> None:
    assert _quoted('“We will rebuild the bridge," Ortega said. “Soon.”') == [
        "We will rebuild the bridge,",
        "Soon.",
    ]
    assert _quoted('"We will rebuild the bridge,” Ortega said.') == ["We will rebuild the bridge,"]


def test_straight_mark_opening_inside_a_curly_quote_stays_nested() -> None:
    # near miss: a straight mark before a word opens a nested quotation, it does not close the outer one
    assert _quoted('“She wrote "never again" on the wall,” Ortega said.') == [
        'She wrote "never again" on the wall,'
    ]


def test_paragraph_closing_a_quotation_left_open_before_tells_where_it_ends() -> None:
    assert continuation_end('They rushed them," Hale wrote.') == len('They rushed them,"')
    assert continuation_end("They rushed them,” Hale wrote.") == len("They rushed them,”")
    # near misses: a paragraph opening a quotation of its own, or with no marks, continues nothing
    assert continuation_end('"They rushed them," Hale wrote.') is None
    assert continuation_end("Hale wrote nothing.") is None


def test_straight_mark_closing_with_nothing_open_is_no_opening() -> None:
    assert _quoted('They rushed them," Hale wrote, "and lied."') == ["and lied."]


def test_backticks_open_what_two_apostrophes_close() -> None:
    text = "``We are sorry,'' he said, and ``we will pay.''"
    spans = pair_marks(text)
    assert [text[s.start : s.end] for s in spans] == ["``We are sorry,''", "``we will pay.''"]
    # positive control: two apostrophes alone still pair as a straight mark
    alone = "He called it ''not relevant'' to the case."
    assert [alone[s.start : s.end] for s in pair_marks(alone)] == ["''not relevant''"]
