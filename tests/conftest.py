"""Shared fixtures. CLI tests run the *installed* `lovecli` in a subprocess, as users do."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def installed_lovecli() -> str:
    beside_python = Path(sys.executable).with_name("lovecli")
    found = str(beside_python) if beside_python.exists() else shutil.which("lovecli")
    if not found:
        pytest.fail("the lovecli command is not installed; run the README's test command")
    return found


LOVECLI = installed_lovecli()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """Every test gets its own HOME and cache, so nothing leaks between tests or to the user."""
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("LOVECLI_HOME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


class Cli:
    """Runs the installed lovecli against one home folder."""

    def __init__(self, home: Path):
        self.home = home

    def __call__(self, *args: str, env: dict | None = None, input: str | None = None, check_clean: bool = True):
        full_env = {**os.environ, "LOVECLI_HOME": str(self.home), "COLUMNS": "100", **(env or {})}
        result = subprocess.run(
            [LOVECLI, *args], env=full_env, input=input, capture_output=True, text=True, timeout=60
        )
        if check_clean:
            assert "Traceback" not in result.stderr, result.stderr
        return result

    @property
    def state_file(self) -> Path:
        return self.home / "state.toml"


@pytest.fixture
def cli(home) -> Cli:
    return Cli(home)


@pytest.fixture
def couple(cli) -> Cli:
    """A home whose profile is set up."""
    result = cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin")
    assert result.returncode == 0, result.stderr
    return cli
