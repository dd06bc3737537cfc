"""The ``mingzhang`` command line."""
import sys
import time
from pathlib import Path

import click

from ledger.errors import UserError

from . import create_app


def _app():
    app = create_app()
    app.config["BATCH_JOB"] = True  # a command-line job: bulk work may use every core (SEARCH_INDEX_THREADS)
    return app


class _Commands(click.Group):
    """A UserError from any command (e.g. publishing refused without a pseudonym key) is its Chinese
    message and exit status 1, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise click.ClickException(exc.message) from None


@click.group(cls=_Commands, help="明账 Mingzhang — 财政预算公开平台命令行")
def main():
    pass


def run_publish(app, paths, *, dataset, title, is_demo=False, created_by="cli", replace=False):
    """Publish and re-index; prints row-level errors and exits 1 on failure."""
    from .publishing import publish_files

    publication, errors = publish_files(app, paths, dataset=dataset, title=title, is_demo=is_demo,
                                        created_by=created_by, replace=replace)
    if publication is None:
        _fail_with(errors)
    _print_published(publication)
    return publication


def _fail_with(errors):
    click.echo(f"导入失败，未发布任何数据（共 {len(errors)} 处错误，上一次发布继续有效）：", err=True)
    for error in errors[:50]:
        click.echo(f"  - {error}", err=True)
    sys.exit(1)


def _print_published(publication):
    counts = "，".join(f"{k} {v} 行" for k, v in publication["row_counts"].items())
    click.echo(f"已发布 #{publication['id']}「{publication['title']}」：{counts}")
    click.echo(f"SHA-256 {publication['data_sha256']}")
    timings = publication.get("timings") or {}
    parts = [f"{label} {timings[key]['wall']:.1f} 秒（CPU {timings[key]['cpu']:.1f} 秒）"
             for key, label in (("import", "读取、校验、去标识化并写入"), ("index", "重建搜索索引")) if key in timings]
    if parts:
        click.echo("用时：" + "；".join(parts))
    for warning in publication.get("warnings", []):
        click.echo(f"警告：{warning}", err=True)


@main.command("import", help="导入 CSV/XLSX 原始数据并发布（原子操作：失败则不发布）。"
                             "文件中没有的数据表默认沿用当前发布；--drop 表名 明确删除（须确认）")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dataset", default="import", help="数据集名称")
@click.option("--title", default=None, help="发布标题")
@click.option("--drop", "drop", multiple=True, metavar="TABLE",
              help="不沿用、删除这张数据表（英文或中文表名，可重复）；发布前须确认")
@click.option("--replace", is_flag=True, help="这些文件就是全部数据：文件中没有的表一律删除（须确认）")
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="删除数据表时不再询问")
def import_command(paths, dataset, title, drop, replace, assume_yes):
    from ledger.importer.diff import summary_lines

    from .publishing import PhaseClock, confirm_staged, discard_staged, stage_files

    app = _app()
    with app.app_context():
        with PhaseClock() as import_clock:  # read, validate, de-identify and write the staged rows
            staged, diff, errors = stage_files(app, list(paths), dataset=dataset, created_by="cli", drop=drop,
                                               replace=replace,
                                               title=title or f"{app.config['CITY_NAME']}预算执行数据")
        if staged is None:
            _fail_with(errors)
        click.echo("与当前发布相比：")
        for line in summary_lines(diff):
            click.echo(f"  {line}")
        dropped = [t["label"] for t in diff if t["status"] == "dropped"]
        if dropped and not _confirm_drop(dropped, assume_yes):
            discard_staged(app, staged["id"])
            click.echo("已取消，未发布任何数据（上一次发布继续有效）。", err=True)
            sys.exit(1)
        try:
            publication = confirm_staged(app, staged["id"])
        except UserError as exc:
            raise click.ClickException(exc.message) from None
        publication["timings"]["import"] = import_clock.spent()
        _print_published(publication)


def _confirm_drop(labels, assume_yes):
    """Dropping a table empties it on the site: the operator says so explicitly (or passed --yes)."""
    click.echo(f"将删除数据表：{'、'.join(labels)}（发布后网站上这些表为空）")
    if assume_yes:
        return True
    try:
        return click.confirm("确认删除并发布？", default=False)
    except click.Abort:  # no terminal to answer (stdin closed): never assume yes
        return False


@main.command(help="生成示例数据并发布（确定性，可重复）")
@click.option("--seed", default=20240101, show_default=True, type=int)
@click.option("--dataset", type=click.Choice(["city", "yearbook"]), default="city", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="原始文件输出目录")
@click.option("--if-missing", is_flag=True, help="已有发布时不做任何事")
@click.option("--no-publish", is_flag=True, help="只生成原始文件")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="示例数据的截止日期 YYYY-MM-DD（默认：上个月最后一天）；同一种子和日期生成完全相同的数据")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=98),
              help="规模倍数：项目约 2,000×N、支付约 100,000×N；N ≥ 2 时为 N 个城市的量（区县 10×N，"
                   "预算单位约 100×N；基准测试用，见 bench/scale.py）；"
                   "1 即默认示例数据")
@click.option("--payments-factor", default=1.0, show_default=True,
              type=click.FloatRange(min=0, min_open=True, max=10),
              help="只把支付笔数再乘 F（约 100,000×N×F；项目、区县、预算单位和受助人不变）："
                   "--scale 20 --payments-factor 2.5 即 4 万个项目、500 万笔支付")
def demo(seed, dataset, out, if_missing, no_publish, as_of, scale, payments_factor):
    app = _app()
    with app.app_context():
        if if_missing:
            from ledger.db import current_publication
            with app.extensions["mingzhang.engine"].connect() as conn:
                if current_publication(conn):
                    click.echo("已有发布数据，跳过示例数据生成。")
                    return
        out = out or Path(app.config["INSTANCE_PATH"]) / "raw" / dataset
        if dataset == "city":
            from ledger.demo import generate
            from ledger.demo.generator import default_as_of

            as_of = as_of.date() if as_of else default_as_of()
            started = time.perf_counter()
            files = generate(out, seed=seed, as_of=as_of, scale=scale, payments_factor=payments_factor)
            click.echo(f"生成原始文件用时 {time.perf_counter() - started:.1f} 秒")
            title = "示例市预算执行数据（演示）"
            scale_option = f" --scale {scale:g}" if scale != 1 else ""
            scale_text = f"，规模 ×{scale:g}" if scale != 1 else ""
            if payments_factor != 1:
                scale_option += f" --payments-factor {payments_factor:g}"
                scale_text += f"，支付 ×{payments_factor:g}"
            click.echo(f"示例数据截止 {as_of:%Y-%m-%d}，种子 {seed}{scale_text}"
                       f"（重建同一份数据：mingzhang demo --seed {seed} --as-of {as_of:%Y-%m-%d}{scale_option}）")
        else:
            from ledger.importer.yearbook import bundled_yearbook_files
            files = bundled_yearbook_files()
            title = "分地区一般公共预算支出（中国统计年鉴表7-6，2019–2023）"
        click.echo(f"原始文件：{out if dataset == 'city' else '随包附带的年鉴表格'}（{len(files)} 个）")
        if not no_publish:
            # The demo is a whole dataset: tables it lacks (the yearbook has no projects) are dropped.
            run_publish(app, files, dataset=dataset, title=title, is_demo=dataset == "city", created_by="demo",
                        replace=True)


@main.command("settings", help="列出全部配置项（环境变量）、默认值与当前值")
def settings_command():
    from .config import SERVER_SETTINGS, SETTINGS, env_value, load_config

    config = load_config()
    for setting in SETTINGS + SERVER_SETTINGS:
        value = config.get(setting.config_key) if setting in SETTINGS else env_value(setting)
        if setting.env in ("SECRET_KEY", "PSEUDONYM_KEY"):
            value = "（已设置，不显示）" if value else "（未设置：使用实例目录中的密钥文件）"
        click.echo(f"{setting.env} = {value}\n    {setting.help}")


@main.command(help="启动门户（gunicorn）")
@click.option("--port", default=None, type=int, envvar="PORT")
@click.option("--host", default="127.0.0.1")
def serve(port, host):
    import os
    import socket

    port = port or 5000
    # gunicorn listens with SO_REUSEPORT (gunicorn.conf.py): check the port by a plain bind first, so a
    # second server never silently shares the port with one already running.
    probe = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.bind((host, port))
    except OSError:
        raise click.ClickException(f"端口 {port} 已被占用（是否已有门户在运行？）；可用 PORT=端口号 换一个") from None
    finally:
        probe.close()
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf",
                               "--bind", f"{host}:{port}", "portal.wsgi:app"])


def _register_commands():
    """Commands owned by feature modules; each module exposes ``commands`` (click commands)."""
    from . import admin_cli, verify, whitepaper
    from .commands import ask, search
    from .privacy import cli as privacy

    for module in (privacy, search, ask, whitepaper, admin_cli, verify):
        for command in module.commands:
            main.add_command(command)


_register_commands()
