"""Translatable sentences defined away from the UI.

Services and the domain raise errors that carry a `Text`; whoever shows it (the Qt UI or the
command line) translates it in its own language. The marker is named like Qt's so that
`pyside6-lupdate` collects these strings into `translations/crm_zh_CN.ts` with the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Translator = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class Text:
    context: str
    source: str
    params: dict[str, Any] = field(default_factory=dict)

    def with_params(self, **params: Any) -> Text:
        return Text(self.context, self.source, {**self.params, **params})

    def render(self, translate: Translator | None = None) -> str:
        template = translate(self.context, self.source) if translate else self.source
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.source.format(**self.params)

    def __str__(self) -> str:
        return self.render()


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:  # noqa: N802 - lupdate looks for this name
    return Text(context, source)


class DomainError(Exception):
    """A problem the user can fix, told in one plain sentence."""

    def __init__(self, text: Text, *, field: str | None = None) -> None:
        super().__init__(text.render())
        self.text = text
        self.field = field

    def render(self, translate: Translator | None = None) -> str:
        return self.text.render(translate)


class ValidationErrors(DomainError):
    """Several field errors at once, so an editor can show each beside its field."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].text, field=errors[0].field)
        self.errors = errors
