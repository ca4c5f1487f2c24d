"""Pure rules of the domain: names, search keys, dates. No Qt, no database."""
