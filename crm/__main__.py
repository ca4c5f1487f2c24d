"""`python -m crm`: the same as the `crm` command."""

from crm.cli import main

raise SystemExit(main())
