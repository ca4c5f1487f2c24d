"""Greetings: who is addressed how, in which language, with which words.

Pure rules (no Qt, no database). The templates are Jinja2 source, rendered in a sandbox: the
office edits its own in the app, so a template can never reach beyond the values it is given.

CONTRACT (shared by the campaign service and the UI; keep these names stable):
- `Recipient`: what a greeting needs to know of a contact.
- `GreetingTemplate`: one occasion in one language: `subject` and `body` as Jinja2 source.
- `GREETING_OCCASIONS`: the occasion codes a campaign can be for, in menu order.
- `salutation(recipient, language)`: "Dear Dr Müller," / "尊敬的王主任：".
- `languages_for(recipient)`: the languages a message is written in, first the main one.
- `parse_template_file(...)`: one template from the file format of resources/greetings
  (read by `crm.services.greeting_templates.shipped_templates()`).
- `render_greeting(templates, recipient, context)`: a `Greeting` (subject, text, html).
- `validate_template(subject, body)`: what is wrong with a template, for the editor.

Rendering rules (the variables are listed in resources/greetings/README.md):
- Text is rendered as plain text and the HTML part is built from the finished text, escaping
  all of it; so Jinja's autoescape stays off, and names, template words and all are escaped
  exactly once.
- A line whose only content is empty variables is left out (a signature without a
  `sender_title` has no hole); runs of blank lines shrink to one; a subject is one line.
- An unknown variable, a syntax error or anything the sandbox refuses is a `DomainError` with a
  sentence for the user, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import escape

from crm.domain.salutations import salutation
from crm.domain.text import QT_TRANSLATE_NOOP, DomainError, Text

__all__ = [
    "GREETING_OCCASIONS",
    "TEMPLATE_LANGUAGES",
    "TEMPLATE_VARIABLES",
    "Greeting",
    "GreetingContext",
    "GreetingTemplate",
    "Recipient",
    "languages_for",
    "parse_template_file",
    "render_greeting",
    "salutation",
    "validate_template",
]

# Festivals (the agenda's codes), our partners' national days, the two personal ones, and a free
# message. Qingming (a day for the dead) is no occasion for a greeting.
GREETING_OCCASIONS: tuple[str, ...] = (
    "spring_festival",
    "lantern",
    "dragon_boat",
    "mid_autumn",
    "double_ninth",
    "new_year",
    "christmas",
    "national_day",
    "anniversary",
    "birthday",
    "free",
)
TEMPLATE_LANGUAGES: tuple[str, ...] = ("en", "zh_CN")


@dataclass(frozen=True)
class Recipient:
    contact_id: str
    family_name: str = ""
    given_name: str = ""
    name_zh: str = ""
    honorific: str = ""  # "Dr", "Mr", "Ms", "Mrs", "Prof", or a free title
    position: str = ""
    position_zh: str = ""
    language: str = "en"  # the contact's preferred language: "en", "zh_CN", "de", …
    email: str = ""


@dataclass(frozen=True)
class GreetingTemplate:
    occasion: str
    language: str  # "en" or "zh_CN"
    subject: str  # Jinja2 source
    body: str  # Jinja2 source, plain text; paragraphs separated by blank lines


@dataclass(frozen=True)
class Greeting:
    subject: str
    text: str  # plain text
    html: str  # the same as simple HTML (escaped), for the text/html part
    language: str  # the main language


@dataclass(frozen=True)
class GreetingContext:
    """What a template may use besides the recipient: {{ year }}, {{ occasion }} (its name in
    the template's language), {{ our_city }}, {{ sender }}, {{ sender_title }}, {{ partner }}
    (the partner city, anniversaries), {{ years }} (which anniversary), and anything in
    `extra`. The `_zh` fields are the same in Chinese, for the Chinese templates; `country`
    is the country whose national day it is ("Norway" / "挪威")."""

    occasion: str
    year: int
    our_city: str = ""
    our_city_zh: str = ""
    sender: str = ""
    sender_title: str = ""
    partner: str = ""
    partner_zh: str = ""
    years: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    sender_zh: str = ""
    sender_title_zh: str = ""
    country: str = ""
    country_zh: str = ""


def languages_for(recipient: Recipient, *, bilingual: bool = True) -> list[str]:
    """A Chinese speaker is written to in Chinese, with the English after it when `bilingual`;
    everyone else in English, the one other language templates are written in."""
    if recipient.language.startswith("zh"):
        return ["zh_CN", "en"] if bilingual else ["zh_CN"]
    return ["en"]


# --- what a template may use -------------------------------------------------------------------

RECIPIENT_FIELDS: tuple[str, ...] = (
    "family_name",
    "given_name",
    "name_zh",
    "position",
    "position_zh",
    "honorific",
)
_CONTEXT_FIELDS: tuple[str, ...] = (
    "year",
    "our_city",
    "our_city_zh",
    "sender",
    "sender_zh",
    "sender_title",
    "sender_title_zh",
    "partner",
    "partner_zh",
    "years",
    "country",
    "country_zh",
    "extra",
)
TEMPLATE_VARIABLES: tuple[str, ...] = (
    "salutation",
    *RECIPIENT_FIELDS,
    "recipient",
    "occasion",
    "occasion_code",
    "language",
    *_CONTEXT_FIELDS,
    "zodiac",
    "zodiac_zh",
)
_KNOWN = frozenset(TEMPLATE_VARIABLES)

# The occasion's name in the template's language (not the UI's: the letter's).
OCCASION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "spring_festival": "Spring Festival",
        "lantern": "Lantern Festival",
        "dragon_boat": "Dragon Boat Festival",
        "mid_autumn": "Mid-Autumn Festival",
        "double_ninth": "Double Ninth Festival",
        "new_year": "New Year",
        "christmas": "Christmas",
        "national_day": "National Day",
        "anniversary": "anniversary",
        "birthday": "birthday",
        "free": "",
    },
    "zh_CN": {
        "spring_festival": "春节",
        "lantern": "元宵节",
        "dragon_boat": "端午节",
        "mid_autumn": "中秋节",
        "double_ninth": "重阳节",
        "new_year": "新年",
        "christmas": "圣诞节",
        "national_day": "国庆节",
        "anniversary": "周年纪念",
        "birthday": "生日",
        "free": "",
    },
}
# The animal of the Chinese year that begins at the Spring Festival of a Gregorian year.
_ZODIAC = tuple("Rat Ox Tiger Rabbit Dragon Snake Horse Goat Monkey Rooster Dog Pig".split())
_ZODIAC_ZH = "鼠牛虎兔龙蛇马羊猴鸡狗猪"

NO_TEMPLATE = QT_TRANSLATE_NOOP("Greetings", "There is no template for this greeting.")
SUBJECT_MISTAKE = QT_TRANSLATE_NOOP("Greetings", "The subject has a mistake: {detail}")
BODY_MISTAKE = QT_TRANSLATE_NOOP("Greetings", "Line {line} of the text has a mistake: {detail}")
UNKNOWN_VARIABLE = QT_TRANSLATE_NOOP("Greetings", "The template uses an unknown variable: {name}.")
NOT_ALLOWED = QT_TRANSLATE_NOOP(
    "Greetings", "The template tries to reach something templates may not use."
)
CANNOT_FILL = QT_TRANSLATE_NOOP("Greetings", "The template could not be filled in: {detail}")
BAD_FILE = QT_TRANSLATE_NOOP(
    "Greetings", "A template file must begin with a line “Subject: …”: {file}"
)

# --- the engine ----------------------------------------------------------------------------------

# Stands in for an empty value in the output, so that a line of nothing but empty values can
# be told from a blank line the template wrote; removed before anyone sees it.
_EMPTY = "\x00"
_BLANK_LINES = re.compile(r"\n{3,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _finalize(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value):
        return _EMPTY
    return value


# One configured engine, stateless but for its cache of compiled templates. Immutable: a
# template cannot change `extra` (or anything else) for the next message of a campaign.
_ENV = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_finalize,
    autoescape=False,
)


@lru_cache(maxsize=1024)
def _compile(source: str, part: str) -> tuple[Template | None, tuple[Text, ...]]:
    """The compiled template, or what is wrong with it. Cached by source: a campaign of 5,000
    messages compiles each template once."""
    try:
        tree = _ENV.parse(source)
        template = _ENV.from_string(tree)
    except TemplateSyntaxError as error:
        detail = error.message or str(error)
        if part == "subject":
            return None, (SUBJECT_MISTAKE.with_params(detail=detail),)
        return None, (BODY_MISTAKE.with_params(line=error.lineno, detail=detail),)
    unknown = sorted(meta.find_undeclared_variables(tree) - _KNOWN)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            target, name = node.node, node.attr
        elif isinstance(node, nodes.Getitem):
            target, name = node.node, _constant(node.arg)
        else:
            continue
        is_recipient = isinstance(target, nodes.Name) and target.name == "recipient"
        if is_recipient and name not in RECIPIENT_FIELDS:
            unknown.append(f"recipient.{name}")
    texts = tuple(UNKNOWN_VARIABLE.with_params(name=name) for name in dict.fromkeys(unknown))
    return (None, texts) if texts else (template, ())


def _constant(node: nodes.Node) -> str:
    return str(node.value) if isinstance(node, nodes.Const) else "[…]"


def _values(recipient: Recipient, context: GreetingContext, language: str) -> dict[str, Any]:
    person = {name: getattr(recipient, name) for name in RECIPIENT_FIELDS}
    names = OCCASION_NAMES.get(language, OCCASION_NAMES["en"])
    return {
        **person,
        "recipient": person,
        "salutation": salutation(recipient, language),
        "occasion": names.get(context.occasion, context.occasion),
        "occasion_code": context.occasion,
        "language": language,
        **{name: getattr(context, name) for name in _CONTEXT_FIELDS},
        "zodiac": _ZODIAC[(context.year - 4) % 12],
        "zodiac_zh": _ZODIAC_ZH[(context.year - 4) % 12],
    }


def _fill(source: str, part: str, values: dict[str, Any]) -> str:
    template, problems = _compile(source, part)
    if template is None:
        raise DomainError(problems[0], field=part)
    try:
        return template.render(values)
    except SecurityError as error:
        raise DomainError(NOT_ALLOWED, field=part) from error
    except Exception as error:  # anything a user's template can get wrong while running
        raise DomainError(CANNOT_FILL.with_params(detail=str(error)), field=part) from error


def _tidy(rendered: str) -> str:
    lines = []
    for line in rendered.split("\n"):
        if _EMPTY in line:
            line = line.replace(_EMPTY, "")
            if not line.strip():
                continue
        lines.append(line.rstrip())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _one_line(rendered: str) -> str:
    return " ".join(rendered.replace(_EMPTY, "").split())


def _render_one(
    template: GreetingTemplate, recipient: Recipient, context: GreetingContext
) -> tuple[str, str]:
    values = _values(recipient, context, template.language)
    subject = _one_line(_fill(template.subject, "subject", values))
    return subject, _tidy(_fill(template.body, "body", values))


def render_greeting(
    templates: list[GreetingTemplate], recipient: Recipient, context: GreetingContext
) -> Greeting:
    """One message in the templates' languages, the first the main one: subjects joined by
    " | ", texts one after the other below a "—" line."""
    if not templates:
        raise DomainError(NO_TEMPLATE)
    parts = [(t.language, *_render_one(t, recipient, context)) for t in templates]
    subject = " | ".join(s for _, s, _ in parts if s)
    text = "\n\n—\n\n".join(body for _, _, body in parts)
    sections = [(language, body) for language, _, body in parts]
    return Greeting(subject, text, _html(subject, sections), templates[0].language)


def _html_lang(language: str) -> str:
    return str(escape(language.replace("_", "-")))


def _html_text(text: str) -> str:
    paragraphs = (p for p in _PARAGRAPH_BREAK.split(text) if p.strip())
    return "\n".join(
        "<p>" + "<br>\n".join(str(escape(line)) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def _html(subject: str, sections: list[tuple[str, str]]) -> str:
    main_language, main_text = sections[0]
    body = [_html_text(main_text)]
    for language, text in sections[1:]:
        body.append(f'<hr>\n<div lang="{_html_lang(language)}">\n{_html_text(text)}\n</div>')
    return (
        f'<!DOCTYPE html>\n<html lang="{_html_lang(main_language)}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(subject)}</title>\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# --- checking a template in the editor -----------------------------------------------------------


class _AnyExtra(dict[str, Any]):
    """`extra` for a trial run: whatever key the template asks for, it gets a word."""

    def __missing__(self, key: str) -> str:
        return "…"


_SAMPLE_RECIPIENT = Recipient(
    "sample",
    family_name="Wang",
    given_name="Fang",
    name_zh="王芳",
    honorific="Ms",
    position="Division Director",
    position_zh="欧洲处处长",
    language="zh_CN",
)


def validate_template(subject: str, body: str) -> list[Text]:
    """What is wrong with a template, as sentences for the editor; empty when nothing is. A
    template that compiles is also tried on a sample contact, which catches what only shows
    when it runs (a forbidden attribute, arithmetic on a word)."""
    problems = [*_compile(subject, "subject")[1], *_compile(body, "body")[1]]
    if problems:
        return problems
    context = GreetingContext(
        "free",
        2027,
        our_city="Stavanger",
        our_city_zh="斯塔万格",
        sender="Kari Nordmann",
        sender_title="International Adviser",
        partner="Ningbo",
        partner_zh="宁波",
        years=20,
        extra=_AnyExtra(),
        country="China",
        country_zh="中国",
    )
    for language in TEMPLATE_LANGUAGES:
        try:
            _render_one(
                GreetingTemplate("free", language, subject, body), _SAMPLE_RECIPIENT, context
            )
        except DomainError as error:
            return [error.text]
    return []


# --- the templates that come with Liaison --------------------------------------------------------


def parse_template_file(occasion: str, language: str, text: str) -> GreetingTemplate:
    """A template from the file format of resources/greetings: "Subject: …", a blank line, the
    body."""
    first, _, rest = text.lstrip("\ufeff").replace("\r\n", "\n").partition("\n")
    if not first.startswith("Subject:"):
        raise DomainError(BAD_FILE.with_params(file=f"{occasion}.{language}.txt"))
    return GreetingTemplate(occasion, language, first[len("Subject:") :].strip(), rest.strip("\n"))
