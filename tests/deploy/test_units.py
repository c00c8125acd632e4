"""The systemd units run the very commands the deployment tests start."""

import configparser
import shlex

from tests.deploy.servers import ROOT


def exec_start(unit):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(ROOT / "deploy" / "systemd" / unit)
    command = shlex.split(parser["Service"]["ExecStart"])
    return [part.removeprefix("/srv/liaison/.venv/bin/") for part in command]


def test_the_web_unit_runs_gunicorn_with_the_repositorys_config():
    assert exec_start("liaison-web.service") == ["gunicorn", "-c", "gunicorn.conf.py"]


def test_the_worker_unit_runs_the_worker():
    assert exec_start("liaison-worker.service") == ["python", "manage.py", "worker"]


def test_the_tests_start_the_same_commands():
    source = (ROOT / "tests" / "deploy" / "servers.py").read_text()
    assert '[str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]' in source
    assert '[sys.executable, "manage.py", "worker", "--interval", "0.2"]' in source


def test_the_environment_example_names_every_production_setting():
    example = (ROOT / "deploy" / "liaison.env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "TASK_QUEUE"):
        assert f"\n{name}=" in example, name
