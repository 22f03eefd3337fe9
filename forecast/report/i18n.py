"""Words and numbers for reports in Norwegian (nb) and English (en): every text of a page comes from the templates
in words_nb.py and words_en.py (the same keys and fields in both; a test checks), numbers are formatted here.

Norwegian numbers group thousands with a space and use a decimal comma (1 234,5; 12,3 %); English ones use
1,234.5 and 12.3%. Negative numbers carry a true minus sign (−), as typeset reports do.
"""

from __future__ import annotations

from dataclasses import dataclass

from forecast.errors import ForecastError
from forecast.report.words_en import TEXT as EN
from forecast.report.words_nb import TEXT as NB
from forecast.vocabulary import SERVICES as VOCABULARY
from forecast.vocabulary import TOTAL

LANGS = ("nb", "en")

SERVICES = {
    "nb": {**{s.id: s.nb_label for s in VOCABULARY.values()}, TOTAL: "Totalt"},
    "en": {**{s.id: s.en for s in VOCABULARY.values()}, TOTAL: "Total"},
}

UNITS = {
    "nb": {"FTE": "årsverk", "persons": "personer", "FTE per person": "årsverk per person", "%": "%",
           "hires": "ansettelser"},
    "en": {"FTE": "FTE", "persons": "persons", "FTE per person": "FTE per person", "%": "%", "hires": "hires"},
}

TEXT = {"nb": NB, "en": EN}


@dataclass(frozen=True)
class Lang:
    """Labels and number formatting for one language."""

    code: str = "nb"

    def __post_init__(self) -> None:
        if self.code not in LANGS:
            raise ForecastError(f"unknown report language {self.code!r}: use one of {', '.join(LANGS)}")

    def t(self, key: str, **kw) -> str:
        return TEXT[self.code][key].format(**kw)

    def has(self, key: str) -> bool:
        return key in TEXT[self.code]

    def service(self, service: str) -> str:
        return SERVICES[self.code].get(service, service)

    def occupation(self, occupation: str) -> str:
        """An occupation's name (from the vocabulary, where it declares occupations)."""
        import forecast.vocabulary as vocabulary

        found = getattr(vocabulary, "OCCUPATIONS", {}).get(occupation)
        name = getattr(found, self.code, None) or getattr(found, "nb" if self.code == "nb" else "en", None)
        text = name if isinstance(name, str) else occupation.replace("_", " ")
        return text[0].upper() + text[1:]

    def reference(self, label: str) -> str:
        """A scenario's label marked as the reference (unless the label already says so)."""
        word = self.t("baseline")
        return label if word.casefold() in label.casefold() else f"{label} ({word})"

    def unit(self, unit: str) -> str:
        return UNITS[self.code].get(unit, unit)

    def join(self, items: list[str]) -> str:
        """'a, b og c' (nb) or 'a, b and c' (en)."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.t('and')} {items[-1]}"

    def num(self, value: float, decimals: int = 0, sign: bool = False) -> str:
        """1 234,5 (nb) or 1,234.5 (en); with `sign`, a leading + for positive numbers."""
        if value != value:  # NaN
            return "–"
        if round(value, decimals) == 0:
            value = 0.0  # no "−0"
        text = f"{abs(value):,.{decimals}f}"
        if self.code == "nb":
            text = text.replace(",", " ").replace(".", ",")
        if value < 0:
            return "−" + text
        return ("+" + text) if sign and value > 0 else text

    def pct(self, fraction: float, decimals: int = 0, sign: bool = False) -> str:
        """12,3 % (nb) or 12.3% (en), from a fraction (0.123)."""
        text = self.num(fraction * 100, decimals, sign)
        return f"{text} %" if self.code == "nb" else f"{text}%"
