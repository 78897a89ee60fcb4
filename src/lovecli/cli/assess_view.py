"""What `lovecli assess` shows and asks: prompts, result screens, history charts, comparisons."""

from collections.abc import Iterable, Sequence
from datetime import datetime

from lovecli.cli.terminal import console, print_json, print_wrapped
from lovecli.content.instruments import Instrument, Item
from lovecli.core.scoring import AreaScore, AreaView, Result, is_unsafe
from lovecli.model import Assessment

BAR_WIDTH = 20
SPARKS = "▁▂▃▄▅▆▇█"


def show_list(instruments: Iterable[Instrument]) -> None:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("name", style="bold")
    table.add_column("items", justify="right")
    table.add_column("min", justify="right")
    table.add_column("what it looks at")
    for instrument in instruments:
        table.add_row(instrument.id, str(len(instrument.items)), str(instrument.minutes), instrument.summary)
    out = console()
    out.print(table)
    out.print("\n[dim]Take one with: lovecli assess take NAME. These are reflection aids, not diagnoses.[/dim]")


# ---------------------------------------------------------------------------------------------
# Asking


def ask_items(instrument: Instrument, person: str) -> list[int]:
    """One item per screen. Stops at once, returning what it has, if a safety item is answered yes."""
    import questionary

    out = console()
    out.print(f"\n[bold]{instrument.name}[/bold] · answering as {person}")
    print_wrapped(out, instrument.intro, indent=0)
    out.print("[dim]Ctrl-C stops at any time; nothing is saved until the end.[/dim]\n")
    values: list[int] = []
    total = len(instrument.items)
    for number, item in enumerate(instrument.items, 1):
        message = f"({number}/{total}) {item.text}"
        value = _ask_one(questionary, instrument, item, message)
        values.append(value)
        if is_unsafe(item, value):
            break
    return values


def _ask_one(questionary, instrument: Instrument, item: Item, message: str) -> int:
    if item.safety:
        from lovecli.cli.terminal import ask_yes_no

        return int(ask_yes_no(message))
    if item.scale == "yes-no":
        choices = [
            questionary.Choice("Yes", 1, shortcut_key="y"),
            questionary.Choice("No", 0, shortcut_key="n"),
        ]
        return questionary.select(message, choices=choices, use_shortcuts=True, instruction="(y/n)").unsafe_ask()
    if item.scale == "1-5":
        choices = [
            questionary.Choice(f"{value}  {label}", value, shortcut_key=str(value))
            for value, label in zip(range(1, 6), instrument.scale_labels)
        ]
        return questionary.select(message, choices=choices, use_shortcuts=True, instruction="(1-5)").unsafe_ask()
    low_label, high_label = instrument.scale_labels

    def valid(text: str) -> bool | str:
        return (text.strip().isdigit() and 1 <= int(text) <= 10) or "Type a whole number from 1 to 10."

    hint = f"(1 = {low_label}, 10 = {high_label})"
    return int(questionary.text(f"{message} {hint}", validate=valid).unsafe_ask())


def show_unsafe(instrument: Instrument, as_json: bool) -> None:
    if as_json:
        from lovecli.content.safety import unsafe_message

        print_json({"instrument": instrument.id, "unsafe": True, "saved": False, "message": unsafe_message()})
        return
    from lovecli.cli.terminal import show_unsafe_message

    show_unsafe_message()


# ---------------------------------------------------------------------------------------------
# Results


def _value_text(area: AreaScore) -> str:
    if area.low == 0 and area.high == 1:
        return f"{round(area.mean * 100)}% yes"
    return f"{area.mean:.1f} of {area.high}"


def _bar(fraction: float, width: int = BAR_WIDTH) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def show_result(result: Result, person: str, when: datetime, rituals: Sequence, saved: bool) -> None:
    instrument = result.instrument
    out = console()
    out.print(f"\n[bold]{instrument.name}[/bold] · {person} · {when:%-d %B %Y}")
    if result.band is not None:
        out.print(f"\nScore [bold]{result.score}[/bold] of {result.max_score} · [bold magenta]{result.band.label}[/bold magenta]")
        print_wrapped(out, result.band.advice)
    out.print("\n[magenta]Areas[/magenta]" + ("" if instrument.higher_is_better else " [dim](share of signs present)[/dim]"))
    width = max(len(area.area.name) for area in result.areas)
    for area in result.areas:
        out.print(f"  {area.area.name:<{width}}  {_bar(area.fraction)}  {_value_text(area)}", highlight=False)
    if result.strengths:
        out.print("\n[magenta]Strengths[/magenta]  " + ", ".join(area.area.name for area in result.strengths))
    if result.gaps:
        out.print("\n[magenta]Biggest gaps, and a goal for each[/magenta]")
        for area in result.gaps:
            print_wrapped(out, f"{area.area.name}: {area.area.goal}", indent=2, hanging=2)
    if result.focus:
        title = "Your one goal for this week" if instrument.focus == "lowest-item" else "Your next growth edges"
        out.print(f"\n[magenta]{title}[/magenta]")
        for item in result.focus:
            print_wrapped(out, f"{item.text} → {item.goal}", indent=2, hanging=2)
    if rituals:
        out.print("\n[magenta]Rituals to try[/magenta]")
        for ritual in rituals:
            print_wrapped(out, f"{ritual.name} ({ritual.minutes} min, {ritual.cadence}): {ritual.summary}", indent=2, hanging=2)
    if result.band is not None and result.band.support:
        out.print()
        print_wrapped(
            out,
            "Outside support can help: a couples therapist or counsellor gives you both a safe place to talk. Asking for help is a strength, not a failure.",
            style="bold",
            indent=0,
        )
    out.print()
    print_wrapped(out, instrument.note, style="dim", indent=0)
    if saved:
        out.print(f"[dim]Saved. See your trend with: lovecli assess history {instrument.id}[/dim]")
    out.print()


def _areas_json(areas: Iterable[AreaScore]) -> dict:
    return {
        area.area.id: {"name": area.area.name, "score": round(area.mean, 3), "min": area.low, "max": area.high}
        for area in areas
    }


def result_json(result: Result, person: str, when: datetime, rituals: Sequence, saved: bool) -> dict:
    return {
        "instrument": result.instrument.id,
        "by": person,
        "at": when.isoformat(timespec="seconds"),
        "score": result.score,
        "max_score": result.max_score,
        "band": result.band.label if result.band else None,
        "advice": result.band.advice if result.band else None,
        "support": bool(result.band and result.band.support),
        "areas": _areas_json(result.areas),
        "strengths": [area.area.id for area in result.strengths],
        "gaps": [{"area": area.area.id, "goal": area.area.goal} for area in result.gaps],
        "focus": [{"item": item.id, "text": item.text, "goal": item.goal} for item in result.focus],
        "rituals": [{"id": r.id, "name": r.name, "minutes": r.minutes} for r in rituals],
        "answers": list(result.answers),
        "unsafe": False,
        "saved": saved,
    }


# ---------------------------------------------------------------------------------------------
# History


def record_json(record: Assessment) -> dict:
    return {
        "instrument": record.instrument,
        "at": record.at.isoformat(timespec="seconds"),
        "by": record.by,
        "score": record.score,
        "max_score": record.max_score,
        "band": record.band,
        "areas": record.areas,
        "answers": record.answers,
    }


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    span = (high - low) or 1
    return "".join(SPARKS[round((min(max(v, low), high) - low) / span * (len(SPARKS) - 1))] for v in values)


def show_history(records: Sequence[Assessment], instruments: dict[str, Instrument], name: str | None) -> None:
    from rich.table import Table

    out = console()
    if not records:
        hint = f" {name}" if name else " NAME"
        out.print(f"No results yet. Take one with: lovecli assess take{hint}")
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("date", "instrument", "by", "score", "band"):
        table.add_column(column)
    for record in records:
        score = f"{record.score}/{record.max_score}" if record.score is not None else "profile"
        table.add_row(f"{record.at:%Y-%m-%d}", record.instrument, record.by, score, record.band or "")
    out.print(table)

    groups: dict[tuple[str, str], list[Assessment]] = {}
    for record in records:
        groups.setdefault((record.instrument, record.by), []).append(record)
    out.print("\n[magenta]Trends[/magenta] [dim](oldest to newest)[/dim]")
    for (instrument_id, person), group in groups.items():
        instrument = instruments.get(instrument_id)
        title = instrument.name if instrument else instrument_id
        out.print(f"\n[bold]{title}[/bold] · {person} · {len(group)} result{'s' if len(group) != 1 else ''}")
        rows = []
        if instrument and instrument.total:
            rows.append(("Total", [r.score for r in group if r.score is not None], instrument.min_score, instrument.max_score))
        area_ids = [a.id for a in instrument.areas] if instrument else sorted({k for r in group for k in r.areas})
        for area_id in area_ids:
            values = [r.areas[area_id] for r in group if area_id in r.areas]
            if not values:
                continue
            if instrument:
                item = next(i for i in instrument.items if i.area == area_id)
                low, high, label = item.low, item.high, instrument.area(area_id).name
            else:
                low, high, label = min(values), max(values), area_id
            rows.append((label, values, low, high))
        width = max(len(label) for label, *_ in rows)
        for label, values, low, high in rows:
            change = f"{values[0]:g} → {values[-1]:g}" if len(values) > 1 else f"{values[0]:g}"
            out.print(f"  {label:<{width}}  {sparkline(values, low, high)}  {change}", highlight=False)
    out.print()


# ---------------------------------------------------------------------------------------------
# Comparison


def comparison_json(instrument: Instrument, first: Assessment, second: Assessment, views: Sequence[AreaView], questions: Sequence) -> dict:
    return {
        "instrument": instrument.id,
        "partners": [
            {"name": first.by, "at": first.at.isoformat(timespec="seconds")},
            {"name": second.by, "at": second.at.isoformat(timespec="seconds")},
        ],
        "areas": [
            {
                "id": view.area.id,
                "name": view.area.name,
                "views": {first.by: round(view.mine, 3), second.by: round(view.theirs, 3)},
                "talk_about_this": view.differs,
                "shared_low": view.shared_low,
            }
            for view in views
        ],
        "questions": [{"id": q.id, "text": q.text, "category": q.category, "depth": q.depth} for q in questions],
    }


def show_comparison(instrument: Instrument, first: Assessment, second: Assessment, views: Sequence[AreaView], questions: Sequence) -> None:
    from rich.table import Table

    out = console()
    out.print(f"\n[bold]{instrument.name}[/bold]: {first.by} ({first.at:%Y-%m-%d}) and {second.by} ({second.at:%Y-%m-%d})")
    out.print("[dim]Two views of the same relationship, side by side. No totals and no winner.[/dim]\n")
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("area")
    table.add_column(first.by, justify="right")
    table.add_column(second.by, justify="right")
    table.add_column("")
    for view in views:
        notes = []
        if view.differs:
            notes.append("[bold yellow]talk about this[/bold yellow]")
        if view.shared_low:
            notes.append("[magenta]both see room to grow[/magenta]")
        table.add_row(view.area.name, f"{view.mine:g}", f"{view.theirs:g}", " · ".join(notes))
    out.print(table)
    if not any(view.differs for view in views):
        out.print("\nYour views are close in every area.")
    if questions:
        out.print("\n[magenta]Questions for the areas you both see as low[/magenta]")
        for question in questions:
            print_wrapped(out, f"• {question.text}", indent=2, hanging=2)
    out.print()
    print_wrapped(out, "Where your views differ, ask before you explain: what makes it look that way to you?", style="dim", indent=0)
    out.print()
