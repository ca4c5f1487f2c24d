"""Greetings: the salutation a contact gets in each language, the shipped templates, rendering."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crm.domain.greetings import (
    GREETING_OCCASIONS,
    TEMPLATE_LANGUAGES,
    GreetingContext,
    GreetingTemplate,
    Recipient,
    languages_for,
    parse_template_file,
    render_greeting,
    salutation,
    validate_template,
)
from crm.domain.salutations import position_title
from crm.domain.text import DomainError
from crm.services.greeting_templates import shipped_templates

MUELLER = Recipient("1", "Müller", "Katrin", honorific="Dr", language="de")
WANG = Recipient(
    "2", "Wang", "Fang", "王芳", "Ms", "Division Director", "欧洲处处长", language="zh_CN"
)
CONTEXT = GreetingContext(
    "mid_autumn",
    2027,
    our_city="Stavanger",
    our_city_zh="斯塔万格",
    sender="Kari Nordmann",
    sender_title="International Adviser",
    partner="Ningbo",
    partner_zh="宁波",
    years=20,
    country="China",
    country_zh="中国",
)


def person(**fields: str) -> Recipient:
    return Recipient("x", **fields)


# --- English ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        (MUELLER, "Dear Dr Müller,"),
        (WANG, "Dear Ms Wang,"),
        (
            person(family_name="Wang", given_name="Fang", honorific="Director"),
            "Dear Director Wang,",
        ),
        (
            person(family_name="Haugland", given_name="Ola", honorific="Prof."),
            "Dear Prof Haugland,",
        ),
        (person(family_name="Jensen", given_name="Mette", honorific="Mrs"), "Dear Mrs Jensen,"),
        (person(family_name="Bakke", honorific="Ms."), "Dear Ms Bakke,"),
        (person(family_name="Hartmann", honorific="Prof. Dr."), "Dear Prof Hartmann,"),
        (person(family_name="Weber", honorific="Dr.-Ing."), "Dear Dr Weber,"),
        (person(family_name="Sørensen", honorific="先生"), "Dear Mr Sørensen,"),
        # Chinese contact with no Latin name: the pinyin of the family name, read as a surname.
        (person(name_zh="欧阳明", honorific="Mr", language="zh_CN"), "Dear Mr Ouyang,"),
        (person(name_zh="单丽华", honorific="Ms", language="zh_CN"), "Dear Ms Shan,"),
        (person(name_zh="曾志强", honorific="Mr"), "Dear Mr Zeng,"),
    ],
)
def test_english_salutation_uses_the_honorific_and_the_family_name(
    recipient: Recipient, expected: str
) -> None:
    assert salutation(recipient, "en") == expected


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        (person(family_name="Wang", given_name="Fang", name_zh="王芳"), "Dear Wang Fang,"),
        (person(name_zh="欧阳明"), "Dear Ouyang Ming,"),
        # A Chinese contact known only by a Latin name is still written family name first.
        (person(family_name="Wang", given_name="Fang", language="zh_CN"), "Dear Wang Fang,"),
        (person(family_name="Nowak", given_name="Tomasz", language="pl"), "Dear Tomasz Nowak,"),
        (
            person(family_name="Wang", given_name="Fang", name_zh="王芳", honorific="主任"),
            "Dear Wang Fang,",
        ),
        (person(), "Dear Sir or Madam,"),
    ],
)
def test_english_salutation_without_an_honorific_uses_the_full_name(
    recipient: Recipient, expected: str
) -> None:
    assert salutation(recipient, "en") == expected
    assert expected != "Dear Fang,"


def test_other_languages_fall_back_to_english() -> None:
    assert salutation(MUELLER, "de") == "Dear Dr Müller,"
    assert salutation(MUELLER, "nb") == "Dear Dr Müller,"


# --- Chinese ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position_zh", "title"),
    [
        ("欧洲处处长", "处长"),
        ("亚洲部主任", "主任"),
        ("副市长", "副市长"),
        ("市长", "市长"),
        ("欧洲处副处长", "副处长"),
        ("友城科科长", "科长"),
        ("副秘书长", "副秘书长"),
        ("秘书长", "秘书长"),
        ("工程科学学院副院长", "副院长"),
        ("国际业务部副总经理", "副总经理"),
        ("国际交流部部长", "部长"),
        ("华西公共卫生学院教授", "教授"),
        ("董事长", "董事长"),
        # Former officials keep their courtesy title.
        ("欧洲处处长（原）", "处长"),
        ("主任(原)", "主任"),
        ("原主任", "主任"),
        # Of several posts the first, a Party post only when there is no other.
        ("党组书记、局长", "局长"),
        ("市委书记", "书记"),
        # Positions that are no title to address someone by.
        ("新闻处科员", ""),
        ("首席执行官", ""),
        ("项目经理", ""),
        ("欧洲处科员（原）", ""),
        ("", ""),
    ],
)
def test_position_title_is_read_from_the_end_of_the_chinese_position(
    position_zh: str, title: str
) -> None:
    assert position_title(position_zh) == title


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        (WANG, "尊敬的王处长："),
        (person(name_zh="王建国", honorific="Mr", position_zh="亚洲部主任"), "尊敬的王主任："),
        (person(name_zh="欧阳明", honorific="Mr", position_zh="副市长"), "尊敬的欧阳副市长："),
        (person(name_zh="司马光", honorific="Mr", position_zh="局长"), "尊敬的司马局长："),
        (
            person(name_zh="黄志刚", honorific="Mr", position_zh="友城处处长（原）"),
            "尊敬的黄处长：",
        ),
        (person(name_zh="王芳", honorific="Ms"), "尊敬的王女士："),
        (person(name_zh="王芳", honorific="Mrs"), "尊敬的王女士："),
        (person(name_zh="王伟", honorific="Mr", position_zh="新闻处科员"), "尊敬的王先生："),
        (person(name_zh="刘洋", honorific="Prof"), "尊敬的刘教授："),
        (person(name_zh="刘洋", honorific="Prof", position_zh="学院副院长"), "尊敬的刘副院长："),
        (person(name_zh="钱悦", honorific="Dr"), "尊敬的钱博士："),
        (person(name_zh="钱悦", honorific="Dr", position_zh="主任"), "尊敬的钱主任："),
        (person(name_zh="王芳", honorific="女士"), "尊敬的王女士："),
        (person(name_zh="王芳", honorific="主任"), "尊敬的王主任："),
        (person(name_zh="单丽华", honorific="Ms", position_zh="友城科科长"), "尊敬的单科长："),
        # Unknown gender and no title: the full name, never the given name with a title.
        (person(name_zh="王芳"), "尊敬的王芳："),
        (person(name_zh="王芳", honorific="Mx"), "尊敬的王芳："),
        (person(name_zh="欧阳明", honorific="Director"), "尊敬的欧阳明："),
    ],
)
def test_chinese_salutation_uses_family_name_and_title(recipient: Recipient, expected: str) -> None:
    assert salutation(recipient, "zh_CN") == expected


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        (MUELLER, "尊敬的Müller博士："),
        (
            person(family_name="Sørensen", given_name="Henrik", honorific="Mr"),
            "尊敬的Sørensen先生：",
        ),
        (person(family_name="Jensen", given_name="Mette", honorific="Ms"), "尊敬的Jensen女士："),
        (
            person(family_name="Holst", given_name="Birgitte", honorific="Mrs", position_zh="市长"),
            "尊敬的Holst市长：",
        ),
        (
            person(family_name="Haugland", honorific="Prof", position_zh="能源资源教授"),
            "尊敬的Haugland教授：",
        ),
        (person(family_name="Nowak", given_name="Tomasz", language="pl"), "尊敬的Tomasz Nowak："),
        # A Chinese contact known only by a Latin name.
        (
            person(family_name="Wang", given_name="Fang", honorific="Ms", language="zh_CN"),
            "尊敬的Wang女士：",
        ),
        (person(family_name="Wang", given_name="Fang", language="zh_CN"), "尊敬的Wang Fang："),
        (person(), "尊敬的先生/女士："),
    ],
)
def test_chinese_salutation_of_a_contact_without_a_chinese_name(
    recipient: Recipient, expected: str
) -> None:
    assert salutation(recipient, "zh_CN") == expected


# --- languages ---------------------------------------------------------------------------------


def test_a_chinese_speaker_gets_chinese_then_english() -> None:
    assert languages_for(WANG) == ["zh_CN", "en"]
    assert languages_for(WANG, bilingual=False) == ["zh_CN"]
    assert languages_for(person(language="zh_TW")) == ["zh_CN", "en"]


def test_everyone_else_gets_english() -> None:
    assert languages_for(MUELLER) == ["en"]
    assert languages_for(MUELLER, bilingual=False) == ["en"]
    assert languages_for(person(language="en")) == ["en"]


# --- shipped templates ---------------------------------------------------------------------------


def test_every_occasion_has_a_template_in_every_language() -> None:
    templates = shipped_templates()
    assert set(templates) == {(o, lang) for o in GREETING_OCCASIONS for lang in TEMPLATE_LANGUAGES}
    for (occasion, language), template in templates.items():
        assert (template.occasion, template.language) == (occasion, language)
        assert template.subject
        assert "{{ salutation }}" in template.body
        assert validate_template(template.subject, template.body) == []


@pytest.mark.parametrize("occasion", GREETING_OCCASIONS)
@pytest.mark.parametrize("recipient", [MUELLER, WANG], ids=["english", "chinese"])
def test_every_shipped_template_renders(occasion: str, recipient: Recipient) -> None:
    templates = shipped_templates()
    context = replace(CONTEXT, occasion=occasion)
    chosen = [templates[occasion, language] for language in languages_for(recipient)]
    greeting = render_greeting(chosen, recipient, context)
    assert greeting.language == languages_for(recipient)[0]
    assert greeting.text.startswith(salutation(recipient, greeting.language))
    for language in languages_for(recipient):
        assert salutation(recipient, language) in greeting.text
    assert "Kari Nordmann" in greeting.text
    assert "\x00" not in greeting.text + greeting.subject + greeting.html
    assert "\n" not in greeting.subject
    assert "{" not in greeting.text


def test_a_bilingual_greeting_puts_the_main_language_first() -> None:
    templates = shipped_templates()
    chosen = [templates["mid_autumn", "zh_CN"], templates["mid_autumn", "en"]]
    greeting = render_greeting(chosen, WANG, CONTEXT)
    assert greeting.subject == "中秋节快乐 | Happy Mid-Autumn Festival"
    assert greeting.language == "zh_CN"
    chinese, english = greeting.text.split("\n\n—\n\n")
    assert chinese.startswith("尊敬的王处长：\n\n您好！")
    assert "值此中秋佳节之际" in chinese
    assert chinese.endswith("斯塔万格")
    assert english.startswith("Dear Ms Wang,")
    assert greeting.html.index("尊敬的王处长") < greeting.html.index("Dear Ms Wang")
    assert '<html lang="zh-CN">' in greeting.html
    assert '<div lang="en">' in greeting.html


def test_anniversary_and_national_day_use_their_values() -> None:
    templates = shipped_templates()
    context = replace(CONTEXT, occasion="anniversary")
    greeting = render_greeting(
        [templates["anniversary", "zh_CN"], templates["anniversary", "en"]], WANG, context
    )
    assert "斯塔万格与宁波建立友好关系20周年" in greeting.subject
    assert "20 years of partnership between Stavanger and Ningbo" in greeting.subject
    english = render_greeting([templates["national_day", "en"]], MUELLER, CONTEXT)
    assert "the National Day of China" in english.text
    unnamed = GreetingContext("national_day", 2027, sender="Kari")
    assert (
        "值此贵国国庆佳节之际"
        in render_greeting([templates["national_day", "zh_CN"]], WANG, unnamed).text
    )
    assert (
        "your country" in render_greeting([templates["national_day", "en"]], MUELLER, unnamed).text
    )


def test_spring_festival_names_the_year_animal() -> None:
    templates = shipped_templates()
    context = GreetingContext("spring_festival", 2027)
    greeting = render_greeting(
        [templates["spring_festival", "zh_CN"], templates["spring_festival", "en"]], WANG, context
    )
    assert "羊年" in greeting.subject
    assert "Year of the Goat" in greeting.text


def test_lines_of_nothing_but_empty_values_are_left_out() -> None:
    template = GreetingTemplate(
        "free",
        "en",
        "Hello {{ our_city }}",
        "{{ salutation }}\n\n\n\nText.\n\n{{ sender }}\n{{ sender_title }}\n{{ our_city }}  \n",
    )
    context = GreetingContext("free", 2027, sender="Kari Nordmann", our_city="Stavanger")
    greeting = render_greeting([template], MUELLER, context)
    assert greeting.text == "Dear Dr Müller,\n\nText.\n\nKari Nordmann\nStavanger"
    assert greeting.subject == "Hello Stavanger"


def test_the_occasion_is_named_in_the_template_language() -> None:
    chinese = GreetingTemplate("mid_autumn", "zh_CN", "{{ occasion }}", "{{ occasion }} {{ year }}")
    english = GreetingTemplate("mid_autumn", "en", "{{ occasion }}", "{{ occasion_code }}")
    greeting = render_greeting([chinese, english], WANG, CONTEXT)
    assert greeting.subject == "中秋节 | Mid-Autumn Festival"
    assert greeting.text == "中秋节 2027\n\n—\n\nmid_autumn"


def test_recipient_fields_are_available_both_ways() -> None:
    template = GreetingTemplate(
        "free", "en", "x", "{{ given_name }} {{ recipient.family_name }} {{ position_zh }}"
    )
    assert render_greeting([template], WANG, CONTEXT).text == "Fang Wang 欧洲处处长"


# --- mistakes and safety ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body", "field", "words"),
    [
        ("Hello {{ year", "{{ salutation }}", "subject", "The subject has a mistake"),
        ("Hello", "{{ salutation }}\n{% if year %}\nno end", "body", "Line 3 of the text"),
        ("Hello", "{{ salutation }}\n{{ unknown }}", "body", "unknown variable: unknown"),
        ("Hello", "{{ recipient.nmae }}", "body", "unknown variable: recipient.nmae"),
        ("Hello", "{{ year | no_such_filter }}", "body", "Line 1 of the text"),
        ("Hello", "{{ year + 'x' }}", "body", "could not be filled in"),
        ("Hello", "{{ extra.missing }}", "body", "could not be filled in"),
    ],
)
def test_a_template_mistake_is_a_domain_error(
    subject: str, body: str, field: str, words: str
) -> None:
    with pytest.raises(DomainError) as caught:
        render_greeting([GreetingTemplate("free", "en", subject, body)], MUELLER, CONTEXT)
    assert caught.value.field == field
    assert caught.value.text.context == "Greetings"
    assert words in caught.value.render()


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ salutation.__class__.__init__.__globals__ }}",
        "{{ extra.update({'family_name': 'x'}) }}",
        "{{ extra.clear() }}",
    ],
)
def test_the_sandbox_blocks_reaching_beyond_the_values(body: str) -> None:
    template = GreetingTemplate("free", "en", "x", body)
    with pytest.raises(DomainError) as caught:
        render_greeting([template], MUELLER, CONTEXT)
    assert "may not use" in caught.value.render()
    assert validate_template("x", body)


def test_validate_template_lists_every_problem() -> None:
    problems = validate_template("{{ subjct }}", "{{ salutation }}\n{{ sendr }} {{ years }}")
    assert [p.params.get("name") for p in problems] == ["subjct", "sendr"]
    assert all(p.context == "Greetings" for p in problems)
    assert validate_template("x {{ year", "")[0].source == "The subject has a mistake: {detail}"
    assert validate_template("{{ occasion }}", "{{ salutation }}\n{{ extra.anything }}") == []


def test_no_templates_is_a_domain_error() -> None:
    with pytest.raises(DomainError):
        render_greeting([], MUELLER, CONTEXT)


def test_html_is_escaped() -> None:
    villain = Recipient("x", "<script>alert(1)</script>", "&Co", honorific="Dr")
    template = GreetingTemplate(
        "free", "en", "<b>{{ family_name }}</b>", "{{ salutation }}\n\nA & B <i>\nnext line"
    )
    greeting = render_greeting([template], villain, CONTEXT)
    assert "<script>" not in greeting.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in greeting.html
    assert "A &amp; B &lt;i&gt;<br>\nnext line" in greeting.html
    assert "<title>&lt;b&gt;&lt;script&gt;" in greeting.html
    assert "<p>Dear Dr &lt;script&gt;alert(1)&lt;/script&gt;,</p>" in greeting.html
    # The plain text is plain: nothing escaped there.
    assert greeting.text.startswith("Dear Dr <script>alert(1)</script>,")


def test_a_template_cannot_change_values_for_the_next_message() -> None:
    context = GreetingContext("free", 2027, extra={"note": "kept"})
    template = GreetingTemplate("free", "en", "x", "{% set note = 'changed' %}{{ extra.note }}")
    assert render_greeting([template], MUELLER, context).text == "kept"
    assert context.extra == {"note": "kept"}


# --- file format -------------------------------------------------------------------------------------


def test_template_file_format() -> None:
    template = parse_template_file(
        "free", "en", "\ufeffSubject: Hello {{ our_city }}\r\n\r\n{{ salutation }}\r\n\r\nText.\r\n"
    )
    assert template == GreetingTemplate(
        "free", "en", "Hello {{ our_city }}", "{{ salutation }}\n\nText."
    )
    with pytest.raises(DomainError):
        parse_template_file("free", "en", "Hello\n\nText")
