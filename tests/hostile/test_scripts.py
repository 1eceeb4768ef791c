"""Issue 16 #7: languages written without spaces are detected by their characters, and their
punctuation is not rewritten by the width fix."""

from __future__ import annotations

import pytest

from parallax.clean import clean_articles
from parallax.config import DEFAULT
from parallax.ingest.decode import fix_text
from parallax.models import RawArticle

CHINESE = (
    "北京市政府周一宣布，将在全市范围内推行新的垃圾分类制度。官员表示，这项措施旨在减少填埋场的压力，"
    "并提高资源回收利用率。市民对此反应不一，有人支持，也有人担心执行难度。"
)
JAPANESE = (
    "東京都は月曜日、新しいごみ分別制度を市内全域で導入すると発表した。"
    "担当者は、埋め立て地の負担を減らすためだと説明した。"
)
THAI = "รัฐบาลประกาศมาตรการใหม่ในวันจันทร์เพื่อลดมลพิษทางอากาศในกรุงเทพมหานครและจังหวัดใกล้เคียงตลอดฤดูหนาวนี้"
ENGLISH = (
    "The city council announced on Monday a new recycling scheme for every district. Officials said "
    "the measure aims to reduce pressure on landfills and raise the share of waste that is reused."
)


@pytest.mark.parametrize(("text", "code"), [(CHINESE, "zh"), (JAPANESE, "ja"), (THAI, "th")])
def test_unspaced_scripts_fail_the_english_filter(text: str, code: str) -> None:
    raws = [
        RawArticle(id="foreign", source="f.txt", text=text),
        RawArticle(id="en", source="e.txt", text=ENGLISH),
    ]
    articles, skipped = clean_articles(raws, DEFAULT.clean)
    assert [a.id for a in articles] == ["en"]  # the positive control survives
    assert [s.source for s in skipped] == ["f.txt"]
    assert skipped[0].reason == f"not English: detected {code}"


def test_cjk_punctuation_is_kept_and_latin_full_width_still_fixed() -> None:
    assert fix_text(CHINESE) == CHINESE
    assert fix_text("The ＦＢＩ said so.") == "The FBI said so."
