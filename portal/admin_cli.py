"""Staff account commands: ``mingzhang create-user``, ``list-users``, ``set-role`` and ``logout-user``.

A password reset and a role change end the user's logins in every browser (portal/auth.py).
"""
import click

from . import create_app
from .auth import (
    ROLE_LABELS,
    ROLES,
    AuthError,
    audit,
    create_user,
    get_user,
    list_users,
    revoke_sessions,
    set_password,
    set_role,
)


@click.command("create-user", help="创建工作人员账号（密码从提示或 MINGZHANG_PASSWORD 环境变量读取）")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="admin 管理员 / publisher 数据发布员 / moderator 评议审核员")
@click.password_option("--password", envvar="MINGZHANG_PASSWORD", prompt="密码", confirmation_prompt="再次输入密码",
                       help="不建议在命令行中直接给出密码")
@click.option("--reset", is_flag=True, help="用户已存在时重设其密码（角色不变）")
def create_user_command(username, role, password, reset):
    app = create_app()
    with app.app_context():
        try:
            if reset:
                set_password(username, password)
                audit("reset_password", target=username, username="cli")
                click.echo(f"已重设用户「{username}」的密码；该用户已登录的会话全部失效。")
                return
            create_user(username, password, role)
        except AuthError as exc:
            raise click.ClickException(str(exc)) from None
        audit("create_user", target=username, detail={"role": role}, username="cli")
        click.echo(f"已创建用户「{username}」（{ROLE_LABELS[role]}）。")


@click.command("list-users", help="列出工作人员账号")
def list_users_command():
    app = create_app()
    with app.app_context():
        users = list_users()
    if not users:
        click.echo("尚无工作人员账号。用 mingzhang create-user NAME --role admin 创建。")
        return
    for user in users:
        click.echo(f"{user['username']}\t{user['role']}\t{ROLE_LABELS.get(user['role'], '')}\t"
                   f"{user['created_at']:%Y-%m-%d %H:%M}")


@click.command("set-role", help="更改工作人员的角色（该用户已登录的会话全部失效，须重新登录）")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="admin 管理员 / publisher 数据发布员 / moderator 评议审核员")
def set_role_command(username, role):
    app = create_app()
    with app.app_context():
        try:
            set_role(username, role)
        except AuthError as exc:
            raise click.ClickException(str(exc)) from None
        audit("set_role", target=username, detail={"role": role}, username="cli")
    click.echo(f"用户「{username}」的角色已改为{ROLE_LABELS[role]}；其已登录的会话全部失效。")


@click.command("logout-user", help="让工作人员在所有浏览器中退出登录（如怀疑账号或电脑被他人使用）")
@click.argument("username")
def logout_user_command(username):
    app = create_app()
    with app.app_context():
        if get_user(username) is None:
            raise click.ClickException(f"用户「{username}」不存在")
        ended = revoke_sessions(username)
        audit("logout_everywhere", target=username, detail={"sessions": ended}, username="cli")
    click.echo(f"已结束用户「{username}」的 {ended} 个登录会话。")


commands = [create_user_command, list_users_command, set_role_command, logout_user_command]
