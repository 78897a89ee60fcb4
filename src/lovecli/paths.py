"""Every location lovecli reads or writes: the couple's home folder and the packaged content."""

import os
from pathlib import Path

HOME_ENV = "LOVECLI_HOME"
STATE_FILE_NAME = "state.toml"
PACKAGE_DIR = Path(__file__).resolve().parent


def resolve_home(option: Path | None) -> Path:
    """The home folder: `--home`, else `$LOVECLI_HOME`, else the platform's user data folder."""
    if option is not None:
        return option.expanduser()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("lovecli", appauthor=False)


def state_file(home: Path) -> Path:
    return home / STATE_FILE_NAME


def questions_dir() -> Path:
    return PACKAGE_DIR / "content" / "questions"


def rituals_dir() -> Path:
    packaged = PACKAGE_DIR / "rituals"
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install): the library sits at the repository top.
    return PACKAGE_DIR.parents[1] / "rituals"
