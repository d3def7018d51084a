"""Every validation rule, one module per area. Importing this package registers them all."""
from portwizard.domain.rules import names  # noqa: F401
