"""The directory's own pages (`views`: the directory, a group's brief, its check and its
assessment) and what serves them: the filters, the search, the reads shared with the group page,
and the cache of the public pages."""
