"""The demo data of `make run` and the developer's tools."""
