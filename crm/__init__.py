"""Liaison: a bilingual desktop CRM for city international-relations offices."""

__version__ = "0.1.0"
