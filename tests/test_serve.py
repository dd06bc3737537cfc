"""`mingzhang serve` refuses a port already in use (gunicorn listens with SO_REUSEPORT, which would
otherwise let a second server share the port with a running one)."""
import socket

from click.testing import CliRunner

from portal.cli import main


def test_serve_refuses_a_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"端口 {port} 已被占用" in result.output
