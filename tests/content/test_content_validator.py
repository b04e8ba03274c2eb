"""Each validator check fires on a small broken content tree (see conftest.py)."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from rumbo_content import checks
from rumbo_content.validate import main, validate
from tests.content.content_tree import write_yaml


def messages(root: Path, file: str) -> list[str]:
    return [p.message for p in validate(root) if p.file == file]


def test_valid_fixture_has_no_problems(content_root: Path) -> None:
    assert validate(content_root) == []


def test_missing_answer_file(content_root: Path) -> None:
    (content_root / "countries" / "co" / "health.yml").unlink()
    assert messages(content_root, "countries/co/health.yml") == ["file is missing"]


def test_missing_language(content_root: Path, edit_answer) -> None:
    edit_answer("AR", "labour", lambda d: d["answers"].pop("pt"))
    assert "answers.pt is missing" in messages(content_root, "countries/ar/labour.yml")


def test_missing_detail(content_root: Path, edit_answer) -> None:
    edit_answer("AR", "labour", lambda d: d["answers"]["en"].pop("detail"))
    assert messages(content_root, "countries/ar/labour.yml") == [
        "answers.en.detail is missing or empty"
    ]


def test_missing_source(content_root: Path, edit_answer) -> None:
    edit_answer("BR", "health", lambda d: d.update(sources=[]))
    assert messages(content_root, "countries/br/health.yml") == ["at least one source is required"]


def test_short_too_long(content_root: Path, edit_answer) -> None:
    long_text = "Ve a example.org/oficina. " + "x" * 320
    edit_answer("CL", "labour", lambda d: d["answers"]["es"].update(short=long_text))
    found = messages(content_root, "countries/cl/labour.yml")
    assert found == [f"answers.es.short has {len(long_text)} characters; the limit is 320"]


def test_detail_too_long(content_root: Path, edit_answer) -> None:
    edit_answer("CL", "labour", lambda d: d["answers"]["pt"].update(detail="y" * 1401))
    found = messages(content_root, "countries/cl/labour.yml")
    assert found == ["answers.pt.detail has 1401 characters; the limit is 1400"]


def test_wrong_id(content_root: Path, edit_answer) -> None:
    edit_answer("CO", "labour", lambda d: d.update(id="co.health"))
    found = messages(content_root, "countries/co/labour.yml")
    assert found == ["'id' must be 'co.labour', got 'co.health'"]


@pytest.mark.parametrize("number", ["12-ab", "1", "+54 11 abc", "4567 89 ext", ""])
def test_malformed_phone_number(content_root: Path, number: str) -> None:
    path = content_root / "countries" / "ar" / "hotlines.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["hotlines"][1]["number"] = number
    write_yaml(path, data)
    found = messages(content_root, "countries/ar/hotlines.yml")
    assert len(found) == 1 and found[0].startswith("hotline 'women_144': number")


def test_unquoted_number_is_rejected(content_root: Path) -> None:
    path = content_root / "countries" / "ar" / "hotlines.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("'144'", "144"), encoding="utf-8")
    found = messages(content_root, "countries/ar/hotlines.yml")
    assert found == ["hotline 'women_144': number 144 must be a quoted text such as \"911\" "
                     "or \"+54 11 ...\""]


def test_long_numbers_follow_the_country_numbering_plan() -> None:
    pytest.importorskip("phonenumbers")
    assert checks.number_problems("+54 11 4370 6600", "AR") == []
    assert checks.number_problems("0800 222 1717", "AR") == []
    assert checks.number_problems("+54 1", "AR") != []
    assert checks.number_problems("+57 1234567890123456", "CO") != []


def test_long_numbers_are_skipped_with_a_warning_without_phonenumbers(
    content_root: Path, monkeypatch
) -> None:
    # The Rasa venv has no phonenumbers: the check must degrade, not crash.
    monkeypatch.setitem(sys.modules, "phonenumbers", None)
    assert checks.number_problems("+54 1", "AR") == []
    assert checks.number_problems("12-ab", "AR") != []
    with pytest.warns(UserWarning, match="phonenumbers"):
        assert validate(content_root) == []


def test_hotlines_file_date_is_checked(content_root: Path) -> None:
    path = content_root / "countries" / "cl" / "hotlines.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["last_checked"] = "yesterday"
    write_yaml(path, data)
    assert messages(content_root, "countries/cl/hotlines.yml") == [
        "'last_checked' must be a real date YYYY-MM-DD, got 'yesterday'"
    ]


def test_duplicate_hotline_id(content_root: Path) -> None:
    path = content_root / "countries" / "bo" / "hotlines.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["hotlines"].append(dict(data["hotlines"][0]))
    write_yaml(path, data)
    assert messages(content_root, "countries/bo/hotlines.yml") == [
        "hotline 'emergency_911': duplicate id"
    ]


@pytest.mark.parametrize(
    "url", ["http://www.example.org", "https://exa mple.org", "https:///path", "www.example.org",
            "https://localhost/x", "https://example.o-rg"],
)
def test_malformed_url(content_root: Path, edit_answer, url: str) -> None:
    edit_answer("PE", "health", lambda d: d["sources"][0].update(url=url))
    found = messages(content_root, "countries/pe/health.yml")
    assert len(found) == 1 and found[0].startswith(f"source #1: URL {url!r}")


def test_malformed_url_inside_a_text(content_root: Path, edit_answer) -> None:
    text = "Ve a example.org/oficina o a http://example.org/inseguro."
    edit_answer("PE", "health", lambda d: d["answers"]["en"].update(detail=text))
    found = messages(content_root, "countries/pe/health.yml")
    assert found == ["answers.en: URL 'http://example.org/inseguro' must start with https://"]


def test_future_date(content_root: Path, edit_answer) -> None:
    tomorrow = date.today() + timedelta(days=1)
    edit_answer("UY", "regularization", lambda d: d.update(last_checked=tomorrow))
    found = messages(content_root, "countries/uy/regularization.yml")
    assert found == [f"'last_checked' {tomorrow.isoformat()} is in the future"]


def test_impossible_date(content_root: Path, edit_answer) -> None:
    edit_answer("UY", "regularization", lambda d: d.update(last_checked="2026-02-30"))
    found = messages(content_root, "countries/uy/regularization.yml")
    assert found == ["'last_checked' must be a real date YYYY-MM-DD, got '2026-02-30'"]


def test_unknown_hotline_id(content_root: Path, edit_answer) -> None:
    edit_answer("EC", "protection", lambda d: d["hotlines"].append("nope_000"))
    found = messages(content_root, "countries/ec/protection.yml")
    assert found == ["hotline id 'nope_000' is not in hotlines.yml"]


def test_protection_without_hotlines(content_root: Path, edit_answer) -> None:
    edit_answer("PY", "protection", lambda d: d.update(hotlines=[]))
    found = messages(content_root, "countries/py/protection.yml")
    assert "a protection answer must reference at least one hotline" in found


def test_protection_short_must_name_a_number(content_root: Path, edit_answer) -> None:
    edit_answer("PY", "protection", lambda d: d["answers"]["pt"].update(short="Ligue já."))
    found = messages(content_root, "countries/py/protection.yml")
    assert "answers.pt.short must name one of its hotline numbers" in found


def test_short_must_give_the_office_website(content_root: Path, edit_answer) -> None:
    edit_answer("VE", "labour", lambda d: d["answers"]["en"].update(short="Go to the office."))
    found = messages(content_root, "countries/ve/labour.yml")
    assert found == ["answers.en.short must give the office website (example.org/oficina)"]


def test_office_required(content_root: Path, edit_answer) -> None:
    edit_answer("VE", "health", lambda d: d.pop("office"))
    found = messages(content_root, "countries/ve/health.yml")
    assert found == ["'office' with a name and a url is required"]


def test_ui_keys_must_match_spanish(content_root: Path) -> None:
    write_yaml(content_root / "ui" / "en.yml", {"greeting": "Hi {name}", "menu": {"extra": "x"}})
    found = messages(content_root, "ui/en.yml")
    assert found == [
        "key 'menu.country' from ui/es.yml is missing",
        "key 'menu.topic' from ui/es.yml is missing",
        "key 'menu.extra' is not in ui/es.yml",
    ]


def test_invalid_yaml_is_reported_not_raised(content_root: Path) -> None:
    (content_root / "countries" / "co" / "country.yml").write_text("names: [unclosed", "utf-8")
    found = messages(content_root, "countries/co/country.yml")
    assert len(found) == 1 and found[0].startswith("not valid YAML")


def test_command_line_exit_status(content_root: Path, capsys) -> None:
    assert main([str(content_root)]) == 0
    (content_root / "countries" / "co" / "health.yml").unlink()
    assert main([str(content_root)]) == 1
    assert "countries/co/health.yml: file is missing" in capsys.readouterr().out
