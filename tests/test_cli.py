"""The command line, end to end on small realistic inputs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsweave.cli import EXIT_INTERRUPTED, EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, main
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


# ---- usage, output paths, python -m, progress, Ctrl-C --------------------------------------


def test_help_shows_examples_for_brief_and_cluster(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["brief", "--help"], ["cluster", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out and f"newsweave {argv[0]} " in out


@pytest.mark.parametrize(
    "argv",
    [
        ["brief", "x.txt", "--workers", "0"],
        ["brief", "x.txt", "--format", "pdf"],
        ["brief"],
        ["cluster", "x", "--format", "md"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/brief.json", "does not exist"),
        (".", "is a folder"),
        ("afile.txt/brief.json", "is not a folder"),
    ],
)
@pytest.mark.parametrize("option", ["-o", "--report", "cluster -o"])
def test_bad_output_paths_are_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, message: str, option: str
) -> None:
    source = write(tmp_path, "strike.txt", ARTICLE)
    write(tmp_path, "afile.txt", "x")
    target = str(tmp_path / where)
    command, flag = ("cluster", "-o") if option == "cluster -o" else ("brief", option)
    started = time.monotonic()
    assert main([command, str(source), flag, target]) == EXIT_USAGE
    assert time.monotonic() - started < 1.0  # nothing was read or analysed
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("newsweave: error: ")


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    source = write(tmp_path, "strike.txt", ARTICLE)
    out = tmp_path / "b.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave",
            "brief",
            str(source),
            "--format",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout == ""  # -o: nothing on stdout
    validate_brief_json(json.loads(out.read_text(encoding="utf-8")))


def _many_articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        write(folder, f"a{n:04d}.txt", ARTICLE.replace("1,200", f"{1200 + n:,}") * 3)
    return folder


@pytest.mark.parametrize("command", ["brief", "cluster"])
def test_ctrl_c_stops_within_2_s_with_one_line(tmp_path: Path, command: str) -> None:
    """SIGINT to the whole process group, as a terminal's Ctrl-C, in the middle of a run."""
    # enough work to be running 5 s in: corpus mode indexes 400 of these in under 5 s
    inputs = _many_articles(tmp_path / "many", 400 if command == "brief" else 1200)
    state = tmp_path / "state"
    extra = ["--state", str(state)] if command == "cluster" else ["--workers", "2"]
    args = [command, str(inputs), *extra, "--progress", "plain", "-o", str(tmp_path / "out")]
    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(5.0)
    assert process.poll() is None, "the run ended before it could be interrupted"
    sent = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    latency = time.monotonic() - sent
    assert process.returncode == EXIT_INTERRUPTED, err
    assert latency < 2.0, latency
    assert out == "" and "Traceback" not in err
    assert err.strip().splitlines()[-1] == "newsweave: interrupted"
    assert err.count("interrupted") == 1
    if command == "cluster":  # the index is whole: a rerun completes it
        again = main(["cluster", str(inputs), "--state", str(state), "-o", os.devnull])
        assert again == EXIT_OK


def test_plain_progress_names_stages_with_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsweave.cli as cli

    monkeypatch.setattr(cli, "PROGRESS_DELAY_S", 0.0)
    monkeypatch.setattr(cli, "PLAIN_EVERY_S", 0.0)
    inputs = _many_articles(tmp_path / "few", 3)
    out = tmp_path / "b.json"
    assert (
        main(["brief", str(inputs), "--progress", "plain", "--format", "json", "-o", str(out)]) == 0
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "newsweave: loading the language models" in captured.err
    assert "newsweave: reading: 3 of 3 inputs" in captured.err
    assert "newsweave: analysing: 3 of 3 articles" in captured.err
    assert "newsweave: aligning claims into facts" in captured.err
