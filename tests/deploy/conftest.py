from tests.deploy.servers import redis_server  # noqa: F401  (a fixture of these tests)
