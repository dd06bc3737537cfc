"""`mingzhang ask "…"` on the command line: the figure with its period in brackets when it has one, and never an
empty 「（）」 when it has none. Run against a copy of the demo instance: create_app() from the environment may
write keys into its instance folder."""
import shutil

import pytest
from click.testing import CliRunner

from portal.cli import main


@pytest.fixture(scope="module")
def cli_env(demo_instance, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-ask")
    shutil.copytree(demo_instance, folder, dirs_exist_ok=True)
    return {"MINGZHANG_INSTANCE": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'mingzhang.db'}",
            "SEARCH_INDEX_PATH": str(folder / "search.db"), "SECRET_KEY": "test-secret",
            "PSEUDONYM_KEY": "test-pseudonym-key", "SEARCH_HYBRID": "0", "NLQ_EMBEDDINGS": "0"}


def _answer_line(env, question):
    result = CliRunner().invoke(main, ["ask", question, "--as-of", "2026-10-31"], env=env)
    assert result.exit_code == 0, result.output
    return next((line for line in result.output.splitlines() if line.startswith("答案：")), None), result.output


def test_a_figure_with_a_period_shows_it_in_brackets(cli_env):
    line, output = _answer_line(cli_env, "2025年全市教育支出是多少")
    assert line is not None and line.endswith("（2025年）"), output


def test_an_answer_without_a_period_has_no_empty_brackets(cli_env):
    # the published population and the count of second-level units belong to no year
    for question in ("澄湖区的人口有多少", "市教育局下面有几个二级单位"):
        line, output = _answer_line(cli_env, question)
        assert line is not None and "（）" not in output and "None" not in line, output
