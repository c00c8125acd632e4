"""Gunicorn, the production app server: `gunicorn -c gunicorn.conf.py` from the project folder
(`make serve-prod` does it with production settings). Values come from the environment."""

import multiprocessing
import os

wsgi_app = "liaison.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Processes × threads: the app waits mostly on the database, so a few threads per process help.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", 4))
worker_class = "gthread"

# A request taking longer than this is stuck: the worker is restarted. Exports and imports run
# as background tasks, so no page needs more.
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
# On SIGTERM (a deploy, a scale-in), requests under way get this long to finish.
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Load the app once in the master: a worker recycled (below) or restarted starts in milliseconds
# instead of importing Django again (a second of CPU each time, felt by every request waiting).
preload_app = True
# Recycle workers now and then, so that a slow leak never grows.
max_requests = 20000
max_requests_jitter = 2000

# Access log to stdout (the service manager keeps it): who, the method and path, status, bytes,
# time in microseconds, and the request id that the audit trail carries too. Never the query
# string: it holds what people search for and where they are ("near me").
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(D)sus rid=%({x-request-id}o)s'

# Behind a proxy on the same machine only; set FORWARDED_ALLOW_IPS for a proxy elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
