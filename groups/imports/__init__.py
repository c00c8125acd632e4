"""Importing meeting lists: the formats, listed once (`formats`), what every reader shares
(`reading`, `values`), planning and applying a file (`importer`), and the staff's pages (`views`).
The readers of each standard live with it: `groups.meeting_guide.reader`, `groups.hsds.reader`."""
