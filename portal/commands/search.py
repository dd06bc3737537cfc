"""``mingzhang reindex`` and ``mingzhang search`` (registered by portal/cli.py)."""
import json

import click


@click.command("reindex", help="按当前发布重建搜索索引（新建索引后原子替换）")
@click.option("--publication", "publication_id", type=int, default=None, help="发布编号（默认：当前发布）")
def reindex_command(publication_id):
    from ledger.db import current_publication, get_publication
    from portal.cli import _app
    from search import reindex

    app = _app()
    engine = app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub = get_publication(conn, publication_id) if publication_id else current_publication(conn)
    if pub is None:
        raise click.ClickException("没有可索引的发布数据（请先导入并发布）")
    report = reindex(app.config, engine, pub)
    click.echo(f"已重建搜索索引（{app.config['SEARCH_BACKEND']}）：发布 #{pub['id']}，{report['documents']} 条文档，"
               f"用时 {report['seconds']} 秒")


@click.command("search", help="在命令行中搜索（输出 JSON）")
@click.argument("query")
@click.option("--size", default=10, show_default=True)
def search_command(query, size):
    from portal.cli import _app
    from search import SearchRequest, get_backend

    app = _app()
    result = get_backend(app.config).search(SearchRequest(q=query, size=min(size, 50)))
    brief = {"total": result["total"], "notices": result["notices"], "suggestions": result["suggestions"],
             "results": [{"title": r["title"], "type": r["type_label"], "snippet": r["snippet"]}
                         for r in result["results"]]}
    click.echo(json.dumps(brief, ensure_ascii=False, indent=2))


commands = [reindex_command, search_command]
