"""`lovecli ask` through the installed command."""

import json

from lovecli import store


def asked_ids(cli):
    return [qid for qid, times in store.load(cli.home).asked.items() for _ in times]


def test_plain_prints_one_line_and_records_it(couple):
    result = couple("ask", "--plain")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].endswith("?")
    history = store.load(couple.home).asked
    assert len(history) == 1
    (times,) = history.values()
    assert times[0].utcoffset() is not None


def test_json_has_the_promised_fields(couple):
    result = couple("ask", "--json", "-c", "memories", "--depth", "2")
    data = json.loads(result.stdout)
    assert set(data) >= {"id", "text", "category", "depth"}
    assert data["category"] == "memories" and data["depth"] == 2


def test_repeated_category_option_keeps_to_those_categories(couple):
    seen = {json.loads(couple("ask", "--json", "-c", "digital", "-c", "values").stdout)["category"] for _ in range(12)}
    assert seen <= {"digital", "values"}


def test_no_record_leaves_no_state_behind(cli):
    result = cli("ask", "--plain", "--no-record")
    assert result.returncode == 0 and result.stdout.strip()
    assert not cli.state_file.exists()


def test_seed_gives_the_same_question_every_time(couple):
    first = couple("ask", "--seed", "11", "--json", "-d", "3").stdout
    again = couple("ask", "--seed", "11", "--json", "-d", "3").stdout
    other = {couple("ask", "--seed", str(seed), "--json", "-d", "3", "--no-record").stdout for seed in range(5)}
    assert first == again
    assert len(other) > 1


def test_a_full_round_without_repeats_then_the_oldest_comes_back(couple):
    round_size = 13  # questions at depth 1 in the "play" category
    ids = [json.loads(couple("ask", "--json", "-c", "play", "-d", "1").stdout)["id"] for _ in range(round_size + 1)]
    assert len(set(ids[:round_size])) == round_size
    assert ids[round_size] == ids[0]


def test_unknown_category_exits_2_and_lists_the_valid_ones(couple):
    result = couple("ask", "-c", "gossip")
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown category 'gossip'")
    assert "emotional" in result.stderr and "values" in result.stderr
    assert result.stdout == ""


def test_depth_out_of_range_is_a_usage_error(couple):
    result = couple("ask", "--depth", "4")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_plain_and_json_together_are_refused(couple):
    result = couple("ask", "--plain", "--json")
    assert result.returncode == 2 and "--plain" in result.stderr and "--json" in result.stderr


def test_rich_output_shows_category_and_depth(couple):
    result = couple("ask", "--seed", "3", "-c", "fears", "-d", "3")
    assert "Fears and vulnerability · brave" in result.stdout
