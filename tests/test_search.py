"""Search keys and the reference matching rule the store implements (`crm.domain.search`)."""

from __future__ import annotations

import pytest

from crm.domain.search import fold, matches, parse_query, search_document

WANG_FANG = search_document(
    family_name="Wang",
    given_name="Fang",
    name_zh="王芳",
    extra=["wangfang@hefei.gov.cn.example", "VIP", "欧洲处处长", "合肥市人民政府外事办公室"],
)
MULLER = search_document(
    family_name="Müller",
    given_name="Katrin",
    extra=["katrin.mueller@hamburg.de.example", "Head of Unit, Asia and China Affairs"],
)
ODEGARD = search_document(family_name="Ødegård", given_name="Ingrid")
SHAN_LIHUA = search_document(family_name="Shan", given_name="Lihua", name_zh="单丽华")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "muller"),
        ("Ødegård", "odegard"),
        ("Þórsdóttir", "thorsdottir"),
        ("Lévesque", "levesque"),
        ("Gdańsk", "gdansk"),
        ("合肥市", "合 肥 市"),
        ("王芳Wang Fang", "王 芳 wang fang"),
        ("katrin.mueller@hamburg.de", "katrin mueller hamburg de"),
        ("  ", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_document_holds_the_pinyin_joined_split_and_as_initials() -> None:
    words = WANG_FANG.split()
    for word in ("wangfang", "wang", "fang", "wf", "王", "芳"):
        assert word in words


def test_search_document_holds_the_germanic_spelling_of_umlauts() -> None:
    assert "mueller" in MULLER.split()
    assert "oedegaard" in ODEGARD.split()


@pytest.mark.parametrize(
    "query", ["王芳", "芳", "王", "wangfang", "wang fang", "wf", "WANG", "Wang Fang", "fang wang"]
)
def test_every_way_of_typing_wang_fang_finds_her(query: str) -> None:
    assert matches(WANG_FANG, query)


@pytest.mark.parametrize("query", ["muller", "mueller", "Müll", "MÜLLER", "katrin muller"])
def test_every_way_of_typing_muller_finds_her(query: str) -> None:
    assert matches(MULLER, query)


@pytest.mark.parametrize("query", ["odegard", "oedegaard", "Ødegård", "ødeg"])
def test_every_way_of_typing_odegard_finds_her(query: str) -> None:
    assert matches(ODEGARD, query)


@pytest.mark.parametrize("query", ["shan", "shanlihua", "slh", "dan li hua", "danlihua", "单"])
def test_shan_lihua_is_found_by_the_surname_and_the_everyday_reading(query: str) -> None:
    assert matches(SHAN_LIHUA, query)


def test_a_han_phrase_must_be_consecutive() -> None:
    assert matches(WANG_FANG, "王 芳")
    assert not matches(WANG_FANG, "芳王")


def test_terms_are_anded() -> None:
    assert matches(WANG_FANG, "wang hefei")
    assert not matches(WANG_FANG, "wang hamburg")
    assert not matches(WANG_FANG, "王芳 muller")


def test_latin_terms_are_word_prefixes_not_substrings() -> None:
    assert matches(WANG_FANG, "wan")
    assert not matches(WANG_FANG, "ang")
    assert not matches(MULLER, "ller")


def test_an_empty_query_matches_everything() -> None:
    assert matches(WANG_FANG, "")
    assert matches(MULLER, "  ,. ")


def test_an_organisation_name_that_repeats_characters_still_matches_as_a_phrase() -> None:
    # 改革 and 发展 each occur twice: de-duplicating words would break these phrases.
    document = search_document(
        family_name="Duan",
        given_name="Lijuan",
        name_zh="段丽娟",
        extra=["国家发展改革委城市和小城镇改革发展中心"],
    )
    assert matches(document, "改革发展中心")
    assert matches(document, "发展改革委")
    assert matches(document, "小城镇改革")
    assert not matches(document, "中心改革")


def test_a_repeated_character_in_a_name_is_kept() -> None:
    document = search_document(name_zh="乐乐")
    assert matches(document, "乐乐")


def test_parse_query_splits_han_runs_from_latin_words() -> None:
    terms = parse_query("合肥 wang 王芳")
    assert [(t.words, t.han) for t in terms] == [
        (("合", "肥"), True),
        (("wang",), False),
        (("王", "芳"), True),
    ]
