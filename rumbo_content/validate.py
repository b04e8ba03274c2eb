"""Check every file under ``content/`` and report each problem with the file it is in.

Usage: ``python -m rumbo_content.validate [CONTENT_ROOT]`` prints the problems and exits 1
when there are any (0 otherwise). ``validate(root)`` returns them as ``Problem`` values.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rumbo_content import checks, layout
from rumbo_content.model import COUNTRIES, LANGUAGES, SOURCE_KINDS, TOPICS, ContentError
from rumbo_content.parse import flatten_ui


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file; ``file`` is relative to the content root when possible."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class _Report:
    """Collects problems, naming files relative to the content root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        try:
            name = str(path.relative_to(self.root))
        except ValueError:
            name = str(path)
        self.problems.append(Problem(name, message))

    def extend(self, path: Path, messages: list[str]) -> None:
        for message in messages:
            self.add(path, message)

    def read(self, path: Path) -> Any:
        """The parsed file, or None after reporting it missing, unreadable or not a mapping."""
        if not path.is_file():
            self.add(path, "file is missing")
            return None
        try:
            data = layout.read_yaml(path)
        except ContentError as exc:
            self.add(path, str(exc).removeprefix(f"{path}: "))
            return None
        if not isinstance(data, dict):
            self.add(path, "the file must be a YAML mapping")
            return None
        return data


def validate(root: Path | str | None = None, today: date | None = None) -> list[Problem]:
    """Every problem found under ``root`` (default: the repository's ``content/``).

    ``today`` (default: the real date) is the latest acceptable ``last_checked``.
    """
    base = Path(root) if root is not None else layout.default_root()
    report = _Report(base)
    if not checks.phonenumbers_available():
        warnings.warn(checks.PHONENUMBERS_MISSING, stacklevel=2)
    for country in COUNTRIES:
        _check_country(report, country, today or date.today())
    _check_ui(report)
    _check_signals(report)
    return report.problems


def _check_country(report: _Report, country: str, today: date) -> None:
    names_path = layout.country_file(report.root, country)
    names = report.read(names_path)
    if names is not None:
        if str(names.get("country", "")).upper() != country:
            report.add(names_path, f"'country' must be {country}")
        given = names.get("names") if isinstance(names.get("names"), dict) else {}
        for lang in LANGUAGES:
            if not isinstance(given.get(lang), str) or not given[lang].strip():
                report.add(names_path, f"names.{lang} is missing")
    hotlines = _check_hotlines(report, country, today)
    for topic in TOPICS:
        _check_answer(report, country, topic, hotlines, today)


def _check_hotlines(report: _Report, country: str, today: date) -> dict[str, str]:
    """Check hotlines.yml; return the well-formed numbers by id for the answers' checks."""
    path = layout.hotlines_file(report.root, country)
    data = report.read(path)
    if data is None:
        return {}
    if str(data.get("country", "")).upper() != country:
        report.add(path, f"'country' must be {country}")
    report.extend(path, checks.date_problems(data.get("last_checked"), today))
    numbers: dict[str, str] = {}
    entries = data.get("hotlines")
    if not isinstance(entries, list) or not entries:
        report.add(path, "'hotlines' must be a non-empty list")
        entries = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            report.add(path, f"hotline #{position} needs an 'id'")
            continue
        hotline_id = entry["id"]
        where = f"hotline {hotline_id!r}: "
        if hotline_id in numbers:
            report.add(path, f"{where}duplicate id")
        number_errors = checks.number_problems(entry.get("number"), country)
        report.extend(path, [where + m for m in number_errors])
        report.extend(path, [where + m for m in checks.url_problems(entry.get("source"))])
        if not isinstance(entry.get("whatsapp", False), bool):
            report.add(path, f"{where}'whatsapp' must be true or false")
        label = entry.get("label") if isinstance(entry.get("label"), dict) else {}
        for lang in LANGUAGES:
            if not isinstance(label.get(lang), str) or not label[lang].strip():
                report.add(path, f"{where}label.{lang} is missing")
        numbers[hotline_id] = entry.get("number") if not number_errors else ""
    emergency = data.get("emergency")
    if emergency not in numbers:
        report.add(path, f"'emergency' must name one of the hotline ids, got {emergency!r}")
    return numbers


def _check_answer(
    report: _Report, country: str, topic: str, hotlines: dict[str, str], today: date
) -> None:
    path = layout.answer_file(report.root, country, topic)
    data = report.read(path)
    if data is None:
        return
    expected_id = f"{country.lower()}.{topic}"
    for key, expected in (("id", expected_id), ("country", country), ("topic", topic)):
        if data.get(key) != expected:
            report.add(path, f"'{key}' must be {expected!r}, got {data.get(key)!r}")
    report.extend(path, checks.date_problems(data.get("last_checked"), today))
    _check_sources(report, path, data.get("sources"))
    office_url = _check_office(report, path, data.get("office"))
    hotline_ids = data.get("hotlines") or []
    if not isinstance(hotline_ids, list):
        report.add(path, "'hotlines' must be a list of ids")
        hotline_ids = []
    for hotline_id in hotline_ids:
        if hotline_id not in hotlines:
            report.add(path, f"hotline id {hotline_id!r} is not in hotlines.yml")
    if topic == "protection" and not hotline_ids:
        report.add(path, "a protection answer must reference at least one hotline")
    uncertain = data.get("uncertain", [])
    if not isinstance(uncertain, list) or not all(isinstance(u, str) for u in uncertain):
        report.add(path, "'uncertain' must be a list of texts (empty when nothing is uncertain)")
    numbers = [hotlines[h] for h in hotline_ids if hotlines.get(h)]
    _check_texts(report, path, data.get("answers"), office_url, numbers, topic, country)


def _check_sources(report: _Report, path: Path, sources: Any) -> None:
    if not isinstance(sources, list) or not sources:
        report.add(path, "at least one source is required")
        return
    for position, source in enumerate(sources, start=1):
        if not isinstance(source, dict):
            report.add(path, f"source #{position} must be a mapping")
            continue
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            report.add(path, f"source #{position} needs a title")
        report.extend(path, [f"source #{position}: {m}" for m in checks.url_problems(
            source.get("url"))])
        if source.get("kind") not in SOURCE_KINDS:
            report.add(path, f"source #{position}: 'kind' must be one of {SOURCE_KINDS}")


def _check_office(report: _Report, path: Path, office: Any) -> str | None:
    """Check the office; return its URL when it is valid."""
    if not isinstance(office, dict):
        report.add(path, "'office' with a name and a url is required")
        return None
    if not isinstance(office.get("name"), str) or not office["name"].strip():
        report.add(path, "office.name is missing")
    url_errors = checks.url_problems(office.get("url"))
    report.extend(path, [f"office: {m}" for m in url_errors])
    return None if url_errors else office["url"]


def _check_texts(
    report: _Report,
    path: Path,
    answers: Any,
    office_url: str | None,
    numbers: list[str],
    topic: str,
    country: str,
) -> None:
    """Both texts in every language: present, within limits, with well-formed URLs."""
    if not isinstance(answers, dict):
        report.add(path, "'answers' with es, pt and en is required")
        return
    for lang in LANGUAGES:
        texts = answers.get(lang)
        if not isinstance(texts, dict):
            report.add(path, f"answers.{lang} is missing")
            continue
        short, detail = texts.get("short"), texts.get("detail")
        report.extend(path, checks.text_problems(short, f"answers.{lang}.short", checks.SHORT_MAX))
        report.extend(
            path, checks.text_problems(detail, f"answers.{lang}.detail", checks.DETAIL_MAX)
        )
        for text in (t for t in (short, detail) if isinstance(t, str)):
            for url in checks.urls_in_text(text):
                report.extend(path, [f"answers.{lang}: {m}" for m in checks.url_problems(url)])
        if isinstance(short, str) and short.strip():
            _check_short_points_somewhere(
                report, path, lang, short, office_url, numbers, topic, country
            )


def _check_short_points_somewhere(
    report: _Report,
    path: Path,
    lang: str,
    short: str,
    office_url: str | None,
    numbers: list[str],
    topic: str,
    country: str,
) -> None:
    """A short answer alone must let a person act: it gives the office website, and a
    protection answer names one of its hotline numbers (which then may replace the website)."""
    mentions_number = any(checks.text_mentions_number(short, n, country) for n in numbers)
    if topic == "protection" and numbers and not mentions_number:
        report.add(path, f"answers.{lang}.short must name one of its hotline numbers")
    if office_url is None or (topic == "protection" and mentions_number):
        return
    website = checks.bare_url(office_url)
    if website not in short.lower():
        report.add(path, f"answers.{lang}.short must give the office website ({website})")


def _check_ui(report: _Report) -> None:
    """Every ui/<lang>.yml that exists has exactly the keys of ui/es.yml."""
    tables: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        path = layout.ui_file(report.root, lang)
        if not path.is_file():
            continue
        data = report.read(path)
        if data is not None:
            tables[lang] = set(flatten_ui(data, path))
    if "es" not in tables:
        if any(layout.ui_file(report.root, lang).is_file() for lang in LANGUAGES):
            report.add(layout.ui_file(report.root, "es"), "ui/es.yml is missing or unreadable")
        return
    for lang, keys in tables.items():
        path = layout.ui_file(report.root, lang)
        for key in sorted(tables["es"] - keys):
            report.add(path, f"key {key!r} from ui/es.yml is missing")
        for key in sorted(keys - tables["es"]):
            report.add(path, f"key {key!r} is not in ui/es.yml")


def _check_signals(report: _Report) -> None:
    path = layout.signals_file(report.root)
    if not path.is_file():
        return
    data = report.read(path)
    if data is None:
        return
    for lang, phrases in data.items():
        if lang not in LANGUAGES:
            report.add(path, f"unknown language {lang!r}")
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            report.add(path, f"'{lang}' must be a list of non-empty phrases")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print problems, return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else layout.default_root()
    problems = validate(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(f"content OK: {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
