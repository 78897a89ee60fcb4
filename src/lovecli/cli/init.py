"""`lovecli init`: the couple's names and timezone. Re-running updates; it never wipes."""

import os
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli.terminal import console, interactive, require_terminal
from lovecli.core.profile import check_timezone, clean_name
from lovecli.model import Profile
from lovecli.paths import state_file


def _complete_timezone(incomplete: str) -> list[str]:
    from zoneinfo import available_timezones

    return sorted(zone for zone in available_timezones() if zone.lower().startswith(incomplete.lower()))


def init(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.", show_default=False)] = None,
    partner: Annotated[
        str | None, typer.Option(metavar="NAME", help="Your partner's name.", show_default=False)
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            metavar="ZONE",
            help="Your IANA timezone, e.g. Europe/Berlin.",
            autocompletion=_complete_timezone,
            show_default=False,
        ),
    ] = None,
    free: Annotated[
        list[str],
        typer.Option(
            "--free",
            metavar="'DAYS HH:MM-HH:MM'",
            help="Weekly free time for rituals, e.g. --free 'mon-fri 19:00-22:00' --free 'sat-sun 10:00-21:00' (repeat; replaces the saved list; --free default goes back to the defaults).",
            show_default=False,
        ),
    ] = [],
) -> None:
    """Set up or update your profile: both names and your timezone.

    Asks on a terminal; from scripts pass --name, --partner and --timezone.
    """
    from zoneinfo import available_timezones

    home: Path = ctx.obj
    zones = available_timezones()
    from lovecli.core.availability import DEFAULT_FREE, parse_free

    # Check flags before anything is asked or locked, so a typo fails at once.
    back_to_defaults = [spec.strip().lower() for spec in free] == ["default"]
    free_times = () if back_to_defaults else tuple(str(parse_free(spec)) for spec in free)
    given = {
        "name": clean_name(name, "--name") if name is not None else None,
        "partner": clean_name(partner, "--partner") if partner is not None else None,
        "timezone": check_timezone(timezone, zones) if timezone is not None else None,
    }
    current = store.load(home).profile
    known = {
        **({k: v for k, v in current._asdict().items() if k != "free"} if current else {}),
        **{k: v for k, v in given.items() if v is not None},
    }
    if known.get("timezone") not in zones:
        known.pop("timezone", None)  # a hand-edited, unknown zone counts as not given yet
    missing = [field for field in ("name", "partner", "timezone") if field not in known]

    if interactive() and (missing or not (any(given.values()) or free)):
        known = _ask(known, given, zones)
    elif missing:
        require_terminal([f"--{field}" for field in missing])

    profile = Profile(
        name=known["name"],
        partner=known["partner"],
        timezone=known["timezone"],
        free=free_times if (free_times or back_to_defaults) else (current.free if current else ()),
    )
    with store.update(home) as state:
        changed = state.profile != profile
        state.profile = profile

    out = console()
    verb = "Saved" if changed else "Unchanged:"
    out.print(f"{verb} [bold]{profile.name}[/bold] & [bold]{profile.partner}[/bold], {profile.timezone}")
    shown_free = ", ".join(profile.free) if profile.free else f"{', '.join(DEFAULT_FREE)} (the defaults; set yours with --free)"
    out.print(f"Free time for rituals: {shown_free}")
    out.print(f"[dim]State: {state_file(home)}[/dim]")
    if current is None:
        out.print("\nNext: [bold]lovecli ask[/bold] for a question now, or a daily prompt from cron:")
        out.print("  0 8 * * *  lovecli today --plain", soft_wrap=True)


def _ask(known: dict, given: dict, zones: set[str]) -> dict:
    import questionary

    def not_blank(value: str) -> bool | str:
        return bool(value.strip()) or "Please type a name."

    answers = dict(known)
    if given["name"] is None:
        answers["name"] = clean_name(
            questionary.text("Your name:", default=known.get("name", ""), validate=not_blank).unsafe_ask(), "name"
        )
    if given["partner"] is None:
        answers["partner"] = clean_name(
            questionary.text("Your partner's name:", default=known.get("partner", ""), validate=not_blank).unsafe_ask(),
            "partner",
        )
    if given["timezone"] is None:
        answers["timezone"] = check_timezone(
            questionary.autocomplete(
                "Timezone (Tab completes):",
                choices=sorted(zones),
                default=known.get("timezone") or _system_timezone(zones),
                validate=lambda value: value.strip() in zones or "Pick an IANA name such as Europe/Berlin.",
                match_middle=True,
            ).unsafe_ask(),
            zones,
        )
    return answers


def _system_timezone(zones: set[str]) -> str:
    """This machine's zone name, if it can be found; it is only offered as the default answer."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    return next((zone for zone in candidates if zone in zones), "UTC")
