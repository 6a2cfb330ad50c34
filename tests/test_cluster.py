"""cluster: the nginx configuration it writes, checked by nginx itself."""

import shutil
import subprocess

import pytest

from diffexplain.serving.cluster import TEMPLATE, nginx_config


def _config(tmp_path, ports, down=()):
    text = nginx_config(TEMPLATE.read_text(), 8080, str(tmp_path), ports, down)
    path = tmp_path / "nginx.conf"
    path.write_text(text)
    return text, path


def test_every_marker_is_filled_in_and_each_replica_has_a_route_and_a_name(tmp_path):
    text, _ = _config(tmp_path, [8601, 8602, 8603], down={2})
    assert "@@" not in text
    for index, port in enumerate([8601, 8602, 8603]):
        assert f"r{index} diffexplain_r{index};" in text
        assert f'"127.0.0.1:{port}" r{index};' in text
    assert "server 127.0.0.1:8603 max_fails=1 fail_timeout=10s down;" in text
    assert "upstream diffexplain_r2 { server 127.0.0.1:8603 down; }" in text


@pytest.mark.skipif(shutil.which("nginx") is None, reason="Debian's nginx is not installed")
@pytest.mark.parametrize("down", [(), (0,), (0, 1)])
def test_nginx_accepts_the_configuration(tmp_path, down):
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir()
    _, path = _config(tmp_path, [8601, 8602], down)
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
