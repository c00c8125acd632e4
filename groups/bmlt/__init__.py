"""BMLT, the Basic Meeting List Toolbox that NA service bodies publish their meetings with."""
