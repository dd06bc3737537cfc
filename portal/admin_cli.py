"""Staff account commands: ``mingzhang create-user`` and ``mingzhang list-users``."""
import click

from . import create_app
from .auth import ROLE_LABELS, ROLES, AuthError, audit, create_user, list_users, set_password


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
                click.echo(f"已重设用户「{username}」的密码。")
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


commands = [create_user_command, list_users_command]
