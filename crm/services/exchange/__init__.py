"""Contacts in and out of other programs: vCard, CSV and XLSX."""
