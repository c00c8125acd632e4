"""The Meeting Guide standard: its meeting types (`types`), the feed and table the directory gives
out (`feed`, served by `views`), and the reader of such feeds and tables (`reader`)."""
