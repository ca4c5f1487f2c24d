"""Chinese names: where the family name ends, how it is read, and how a name is written in Latin."""

from __future__ import annotations

import pytest

from crm.domain.names import (
    display_pinyin,
    full_label,
    latin_name,
    pinyin_variants,
    split_chinese_name,
)


@pytest.mark.parametrize(
    ("name_zh", "family", "given"),
    [
        ("王芳", "王", "芳"),
        ("单丽华", "单", "丽华"),
        ("欧阳明", "欧阳", "明"),
        ("司马光", "司马", "光"),
        ("诸葛亮", "诸葛", "亮"),
        ("欧阳 明", "欧阳", "明"),  # a space typed between the parts changes nothing
    ],
)
def test_split_chinese_name_keeps_compound_surnames_whole(
    name_zh: str, family: str, given: str
) -> None:
    assert split_chinese_name(name_zh) == (family, given)


def test_a_two_character_name_starting_like_a_compound_surname_still_has_a_given_name() -> None:
    # 欧阳 alone would leave the person without a given name; it is read as 欧 + 阳.
    assert split_chinese_name("欧阳") == ("欧", "阳")


@pytest.mark.parametrize(
    ("name_zh", "expected"),
    [
        ("王芳", "Wang Fang"),
        ("单丽华", "Shan Lihua"),  # not the everyday reading "Dan"
        ("曾志强", "Zeng Zhiqiang"),  # not the everyday reading "Ceng"
        ("欧阳明", "Ouyang Ming"),  # the compound surname is one word
        ("罗静怡", "Luo Jingyi"),
        ("吴德明", "Wu Deming"),
    ],
)
def test_display_pinyin_reads_the_family_name_as_a_surname(name_zh: str, expected: str) -> None:
    assert display_pinyin(name_zh) == expected


@pytest.mark.parametrize("name", ["", "Müller", "Ødegård"])
def test_display_pinyin_of_a_name_without_han_characters_is_empty(name: str) -> None:
    assert display_pinyin(name) == ""


def test_latin_name_writes_a_chinese_name_family_name_first() -> None:
    assert latin_name("Wang", "Fang", "王芳") == "Wang Fang"
    assert latin_name("Ouyang", "Ming", "欧阳明") == "Ouyang Ming"


def test_latin_name_writes_a_european_name_given_name_first() -> None:
    assert latin_name("Müller", "Katrin") == "Katrin Müller"
    assert latin_name("Ødegård", "Ingrid", "") == "Ingrid Ødegård"
    assert latin_name("de Vries", "Maarten") == "Maarten de Vries"


def test_latin_name_falls_back_to_the_generated_pinyin() -> None:
    assert latin_name("", "", "单丽华") == "Shan Lihua"
    assert latin_name("", "", "") == ""


def test_latin_name_with_only_one_part_has_no_stray_space() -> None:
    assert latin_name("Holst", "") == "Holst"
    assert latin_name("", "Birgitte") == "Birgitte"


def test_full_label_shows_the_chinese_characters_beside_the_latin_name() -> None:
    assert full_label("Wang", "Fang", "王芳") == "Wang Fang (王芳)"
    assert full_label("Müller", "Katrin") == "Katrin Müller"
    # A contact entered only in Chinese is still labelled readably for a European colleague.
    assert full_label("", "", "曾志强") == "Zeng Zhiqiang (曾志强)"


def test_pinyin_variants_put_the_surname_reading_first() -> None:
    variants = pinyin_variants("单丽华")
    assert variants[0] == ["shan", "li", "hua"]


def test_pinyin_variants_keep_the_everyday_reading_of_a_surname_too() -> None:
    # Someone who reads 单 as "dan" must still find Shan Lihua.
    assert ["dan", "li", "hua"] in pinyin_variants("单丽华")
    assert ["ceng", "zhi", "qiang"] in pinyin_variants("曾志强")


def test_pinyin_variants_of_a_compound_surname_keep_both_syllables() -> None:
    assert pinyin_variants("欧阳明")[0] == ["ou", "yang", "ming"]


def test_pinyin_variants_are_few_and_distinct() -> None:
    variants = pinyin_variants("单于乐乐")  # a compound surname and two heteronyms
    assert 1 <= len(variants) <= 8
    assert len({tuple(v) for v in variants}) == len(variants)


def test_pinyin_variants_of_a_latin_name_are_empty() -> None:
    assert pinyin_variants("Müller") == []
