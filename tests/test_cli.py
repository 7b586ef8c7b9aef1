"""The command line, end to end on small realistic inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.cli import EXIT_NO_INPUT, EXIT_OK, main
from newsweave.schema.schema import check_mentions, validate_brief_json

ARTICLE = (
    "Corvane \u2013 March 12, 2026 \u2013 Dock workers at the port of Corvane walked out on "
    "Wednesday after talks on a new contract collapsed, union officials said.\n"
    '"We gave them every chance," union leader Ines Barrow told reporters. About 1,200 '
    "workers joined the strike, which the harbour authority said costs $4 million a day.\n"
    "Leave a Reply\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_json_brief_validates_and_points_into_the_input(tmp_path: Path) -> None:
    source = write(tmp_path, "corvane-wire.txt", ARTICLE)
    out = tmp_path / "brief.json"
    assert main(["brief", str(source), "--format", "json", "-o", str(out)]) == EXIT_OK
    data = json.loads(out.read_text(encoding="utf-8"))
    validate_brief_json(data)
    assert check_mentions(data) == []
    assert data["documents"][0]["text"] == ARTICLE
    assert data["documents"][0]["published"] == "2026-03-12"
    assert any(q["text"].startswith("We gave them every chance") for q in data["quotes"])
    assert not any("Leave a Reply" in f["text"] for f in data["facts"])


def test_bad_inputs_are_named_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    empty = write(tmp_path, "empty.txt", "  \n")
    binary = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    out = tmp_path / "b.json"
    args = ["brief", str(good), str(empty), str(binary), str(tmp_path / "missing.txt")]
    assert main([*args, "--format", "json", "-o", str(out)]) == EXIT_OK
    err = capsys.readouterr().err
    for path in (empty, binary, tmp_path / "missing.txt"):
        assert f"skipped {path}" in err
    rejected = {r["source"]: r["reason"] for r in json.loads(out.read_text())["rejected"]}
    assert rejected == {
        str(empty): "empty",
        str(binary): "binary",
        str(tmp_path / "missing.txt"): "not-found",
    }


def test_nothing_usable_is_one_line_and_a_nonzero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brief", str(tmp_path / "nope.txt")]) == EXIT_NO_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("newsweave: error: no usable article")
    assert "Traceback" not in "\n".join(err)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_shows_the_outlet_and_what_only_it_reports(tmp_path: Path, fmt: str) -> None:
    source = write(tmp_path, "corvane-wire.txt", ARTICLE)
    out = tmp_path / f"brief.{fmt}"
    assert (
        main(["brief", str(source), "--format", fmt, "-o", str(out), "--outlet", "Corvane Daily"])
        == 0
    )
    rendered = out.read_text(encoding="utf-8")
    assert "Corvane Daily" in rendered
    assert "Dock workers at the port of Corvane walked out" in rendered  # the first detail
    if fmt == "html":  # the report keeps every quote; the short briefs only shared ones
        assert "We gave them every chance" in rendered
    else:
        assert "No quote is carried by two outlets." in rendered


def test_report_option_writes_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "corvane-wire.txt", ARTICLE)
    report = tmp_path / "report.html"
    assert main(["brief", str(source), "--report", str(report)]) == EXIT_OK
    captured = capsys.readouterr()
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert f"HTML report written to {report}" in captured.err
    assert "Ines Barrow" in captured.out


def test_help_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["brief", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
    assert "--format" in capsys.readouterr().out


def test_bad_published_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", "x.txt", "--published", "17/10/2025"])
    assert exit_info.value.code == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_stdin_and_the_installed_command(tmp_path: Path) -> None:
    """A fresh process of the installed `newsweave` reads an article from standard input."""
    exe = Path(sys.executable).with_name("newsweave")
    result = subprocess.run(
        [str(exe), "brief", "-", "--format", "json", "--outlet", "Corvane Daily"],
        input=ARTICLE.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == EXIT_OK, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["documents"][0]["source"] == "<stdin>"
    assert data["documents"][0]["outlet"] == "Corvane Daily"
    assert data["documents"][0]["text"] == ARTICLE


def test_undated_articles_are_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "undated.txt", "The strike ends next week, the union said.\n")
    assert main(["brief", str(source), "--format", "json", "-o", str(tmp_path / "b.json")]) == 0
    assert "no publication date (undated)" in capsys.readouterr().err
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["dates"] == []
    assert "--published" in data["warnings"][0]
