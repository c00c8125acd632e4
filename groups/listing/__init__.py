"""Keeping a group's listing: the fields people edit, listed once (`fields`); changes by every path
with their history, and the suggestions of others (`changes`); who may keep it (`access`); and the
pages of the leader and the liaison office (`views`)."""
