"""`mingzhang ask "问题"`: answer a question from the command line."""
import datetime as dt
import json

import click


@click.command("ask", help="用中文提问预算数据，例如：mingzhang ask \"2024年全市教育支出是多少？\"")
@click.argument("question")
@click.option("--as-of", default=None, help="相对时间的基准日期 YYYY-MM-DD（默认今天）")
@click.option("--json", "as_json", is_flag=True, help="输出完整 JSON")
def ask_command(question, as_of, as_json):
    from ledger.db import current_publication
    from nlq.answer import QuestionError, ask
    from portal import create_app
    from portal.views.search import site_search

    app = create_app()
    engine = app.extensions["mingzhang.engine"]
    with app.app_context(), engine.connect() as conn:
        pub = current_publication(conn)
        if pub is None:
            raise click.ClickException("尚未发布任何数据")
        try:
            result = ask(conn, pub, question, as_of=dt.date.fromisoformat(as_of) if as_of else None, config=app.config,
                         search=site_search)
        except (QuestionError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    click.echo(f"理解为：{result['understood']}")
    answer = result.get("answer") or {}
    if answer.get("display"):  # the period beside the figure when it has one (never an empty 「（）」)
        period = answer.get("period")
        click.echo(f"答案：{answer['display']}" + (f"（{period}）" if period and period not in answer["display"] else ""))
    for row in (answer.get("rows") or [])[:20]:
        click.echo("  " + " · ".join("—" if c is None else str(c) for c in row))
    for alt in result.get("alternatives") or []:
        click.echo(f"您是不是想问：{alt['question']}")
    fallback = result.get("search_fallback")
    if fallback:
        for r in fallback["results"]:
            click.echo(f"  {r['type']}：{r['title']}")


commands = [ask_command]
