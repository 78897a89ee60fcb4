"""The message shown wherever a person says they feel unsafe."""

from lovecli.paths import PACKAGE_DIR


def unsafe_message() -> str:
    import tomllib

    with (PACKAGE_DIR / "content" / "safety.toml").open("rb") as file:
        return tomllib.load(file)["unsafe"].strip()
