# Models arrive with the events capability (partners, joint events, sponsorships).
