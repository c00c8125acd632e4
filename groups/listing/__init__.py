"""Keeping a group's listing: the fields people edit, listed once (`fields`); changes by every path
with their history, and the suggestions of others (`changes`); new groups asking to be listed
(`new_groups`); who may keep a listing (`access`); and the pages of the leader and the liaison
office (`views`)."""
