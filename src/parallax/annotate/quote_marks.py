"""Pair quotation marks in a paragraph: straight and curly marks, guillemets, nesting, unbalanced input.

Working on characters (not tokens) keeps the pairing independent of the tokenizer. Single quotes are
not paired: they double as apostrophes, and in news they mark quotes nested inside double ones,
which then stay part of the outer quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Two apostrophes stand for a straight double mark in some archives' plain text; two backticks
# open a quotation that two apostrophes close (Penn Treebank and LaTeX style: ``…'').
MARKS = re.compile(r"``|''|[\"“”„«»‹›]")
_STRAIGHT = {'"', "''"}
_OPENS = {"“", "„", "«", "‹", "``"}
# closing mark -> the opening marks it closes ("“" closes German „ and otherwise opens)
_CLOSES = {"”": "“„", "“": "„", "»": "«", "›": "‹"}
# Mismatched pairs typed by hand or mangled by a CMS: a curly double opening closed by a straight
# mark, or a straight opening closed by a curly one.
_CURLY_DOUBLE_OPENS = {"“", "„"}
_CURLY_DOUBLE_CLOSES = {"”"}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’]?(?=\s)")


@dataclass(frozen=True)
class MarkedSpan:
    """A quotation in paragraph-relative offsets; ``start``/``end`` include the marks."""

    start: int
    end: int
    closed: bool
    open_len: int = 1
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks."""
        return self.start + self.open_len, self.end - (self.close_len if self.closed else 0)


def _straight_opens(text: str, i: int, size: int) -> bool:
    """A straight mark opens after a space, bracket or dash (or at the start) and before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + size] if i + size < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _straight_closes(text: str, i: int, size: int) -> bool:
    after = text[i + size] if i + size < len(text) else " "
    return after.isspace() or after in ".,;:!?)]}—–-'’"


def _closes_only(text: str, i: int, size: int) -> bool:
    """A straight mark after a word and before a space: it ends a quotation, it never opens one."""
    return _straight_closes(text, i, size) and not _straight_opens(text, i, size) and i > 0


def continuation_end(text: str) -> int | None:
    """A paragraph that goes on with a quotation opened in an earlier one and closes it without
    reopening it ("… leaving,” he wrote."): the offset just after that closing mark, else None."""
    first = MARKS.search(text)
    if first is None:
        return None
    mark, i = first.group(), first.start()
    if mark in _STRAIGHT:
        return first.end() if _closes_only(text, i, len(mark)) else None
    return first.end() if mark in {"”", "»"} else None


def _sentence_end_between(text: str, start: int, stop: int) -> int | None:
    """Offset just after the last sentence end in ``text[start:stop]``, if any."""
    last = None
    for match in _SENTENCE_END.finditer(text, start, stop):
        last = match.end()
    return last


def _closes(mark: str, opener: str, text: str, i: int) -> bool:
    """A curly closing mark closes its own opener, or a straight one when it does not open itself."""
    if mark in _CLOSES and opener in _CLOSES[mark]:
        return True
    return mark in _CURLY_DOUBLE_CLOSES and opener == '"' and not _straight_opens(text, i, 1)


def _mismatched_close(mark: str, opener: str, text: str, i: int) -> bool:
    """A straight mark closing another kind of opener: a curly double one ("“…\"") or, for two
    apostrophes, two backticks (``…'')."""
    size = len(mark)
    if mark == "''" and opener == "``":
        return not _straight_opens(text, i, size)
    return (
        mark == '"'
        and opener in _CURLY_DOUBLE_OPENS
        and _straight_closes(text, i, size)
        and not _straight_opens(text, i, size)
    )


def pair_marks(text: str) -> list[MarkedSpan]:
    """The outermost quotations of one paragraph, in order.

    An opening mark never closed runs to the end of the paragraph (news style: a quotation that
    continues in the next paragraph has no closing mark), unless a later opening mark of the same
    kind after a sentence end shows it was a stray, which then ends at that sentence end. A closing
    mark with nothing open is ignored.
    """
    spans: list[MarkedSpan] = []
    stack: list[tuple[str, int]] = []

    def reopen(mark: str, i: int) -> bool:
        """Same opener again at depth one after a sentence end: the open quote was never closed."""
        if len(stack) != 1 or stack[0][0] != mark:
            return False
        cut = _sentence_end_between(text, stack[0][1], i)
        if cut is None:
            return False
        spans.append(
            MarkedSpan(stack[0][1], len(text[:cut].rstrip()), closed=False, open_len=len(stack[0][0]))
        )
        stack[:] = [(mark, i)]
        return True

    def close(depth: int, i: int, size: int = 1) -> None:
        if depth == 0:
            spans.append(MarkedSpan(stack[0][1], i + size, True, len(stack[0][0]), size))
        del stack[depth:]

    for match in MARKS.finditer(text):
        mark, i = match.group(), match.start()
        if mark in _STRAIGHT:
            size = len(mark)
            if stack and stack[-1][0] == mark:
                if _straight_opens(text, i, size) and not _straight_closes(text, i, size) and reopen(mark, i):
                    continue
                close(len(stack) - 1, i, size)
            elif stack and _mismatched_close(mark, stack[-1][0], text, i):
                close(len(stack) - 1, i, size)
            elif ((not stack and not _closes_only(text, i, size)) or _straight_opens(text, i, size)) and (
                mark == '"' or _straight_opens(text, i, size)
            ):
                stack.append((mark, i))
            continue
        if stack and _closes(mark, stack[-1][0], text, i):
            close(len(stack) - 1, i)
        elif mark in _OPENS:
            if not reopen(mark, i):
                stack.append((mark, i))
        elif mark in _CLOSES:
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] in _CLOSES[mark]), None)
            if depth is not None:
                close(depth, i)
    if stack:
        end = len(text.rstrip())
        if end > stack[0][1] + len(stack[0][0]):
            spans.append(MarkedSpan(stack[0][1], end, closed=False, open_len=len(stack[0][0])))
    return spans
