"""Tables, engine and sessions, migrations, queries and backups."""
