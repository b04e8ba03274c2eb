"""Staff accounts: roles, Argon2 passwords, login lockout, and the `python -m bot staff` CLI."""
