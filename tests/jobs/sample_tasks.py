"""Tasks the queue's tests run: importable by path, as a worker needs."""

from django.core.cache import cache

from jobs.queue import background


@background(retries=2, retry_after=60)
def fails_then_works(key: str, failures: int) -> str:
    """Fails `failures` times (counted in the cache), then succeeds."""
    done = cache.get(key, 0)
    cache.set(key, done + 1)
    if done < failures:
        raise RuntimeError(f"attempt {done + 1} fails")
    return "worked"
