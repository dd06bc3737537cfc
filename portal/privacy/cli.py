"""``mingzhang scan-leaks``: prove that nothing identifying a private person is published."""
import sys
from pathlib import Path

import click

commands = []


def run_scan(app, raw=(), url=None, files=(), max_pages=300, crawl=True):
    """Scan database, search index, exported files and the site; returns the Scanner."""
    from .scan import Canaries, Scanner

    raw = list(raw) or [p for p in (Path(app.config["INSTANCE_PATH"]) / "raw").glob("*") if p.is_dir()]
    canaries = Canaries.from_raw(raw) if raw else Canaries()
    scanner = Scanner(canaries)
    scanner.scan_database(app.extensions["mingzhang.engine"])
    scanner.scan_search_index(app.config)
    exports = list(files) or [Path(app.config["INSTANCE_PATH"]) / "exports"]
    for folder in exports:
        folder = Path(folder)
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*")) if folder.is_dir() else []
        for path in paths:
            if path.is_file() and path.suffix.lower() in (".csv", ".json", ".txt", ".md", ".html", ".htm"):
                scanner.scan_file(path)
    if url:
        scanner.crawl(_http_fetcher(url), max_pages=max_pages)
    elif crawl:
        client = app.test_client()

        def fetch(path):
            response = client.get(path)
            return response.status_code, response.content_type or "", response.get_data()
        scanner.crawl(fetch, max_pages=max_pages)
    return scanner, len(canaries)


def _http_fetcher(base):
    import urllib.request
    from urllib.error import HTTPError

    def fetch(path):
        from urllib.parse import quote
        request = urllib.request.Request(base.rstrip("/") + quote(path, safe="/?=&%:+,;@-._~"), headers={"User-Agent": "mingzhang-scan-leaks"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - operator-given URL
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), b""
    return fetch


@click.command("scan-leaks", help="扫描已发布数据库、搜索索引、导出文件和网站，查找个人信息泄露（发现即以非零状态退出）")
@click.option("--raw", "raw", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="原始数据目录（其中的个人信息作为“金丝雀”逐一查找；默认 instance/raw/*）")
@click.option("--url", default=None, help="爬取运行中的网站（如 http://127.0.0.1:8000）；不给则用内置测试客户端")
@click.option("--files", multiple=True, type=click.Path(exists=True, path_type=Path), help="要扫描的导出文件或目录")
@click.option("--max-pages", default=300, show_default=True, type=int, help="最多爬取的页面数")
def scan_leaks(raw, url, files, max_pages):
    from portal import create_app

    app = create_app()
    with app.app_context():
        scanner, n_canaries = run_scan(app, raw, url, files, max_pages)
    scanned = "，".join(f"{k} {v}" for k, v in scanner.scanned.items())
    click.echo(f"已扫描：{scanned}；金丝雀值 {n_canaries} 个")
    for finding in scanner.findings[:500]:
        click.echo(str(finding))
    if scanner.findings:
        click.echo(f"发现 {len(scanner.findings)} 处疑似个人信息泄露。", err=True)
        sys.exit(1)
    click.echo("未发现个人信息泄露。")


commands.append(scan_leaks)
