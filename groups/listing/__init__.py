"""Keeping a group's listing: the fields a listing has (`fields`), changes to it by every path with
their history and the suggestions of others (`changes`), who may keep it (`access`), and the pages
of the leader and the liaison office (`views`)."""
