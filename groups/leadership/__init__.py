"""Who keeps a group's listing: the rules by which a group's leaders change (`services`), their
pages (`views`), and the audit of a leadership changed outside them (`receivers`)."""
