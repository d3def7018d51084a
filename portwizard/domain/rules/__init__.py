"""Every validation rule, one module per area. Importing this package registers them all."""
from portwizard.domain.rules import names  # noqa: F401
from portwizard.domain.rules import numbers  # noqa: F401
from portwizard.domain.rules import account  # noqa: F401
from portwizard.domain.rules import carrier  # noqa: F401
from portwizard.domain.rules import address  # noqa: F401
from portwizard.domain.rules import foc  # noqa: F401
from portwizard.domain.rules import documents  # noqa: F401
from portwizard.domain.rules import target  # noqa: F401
from portwizard.domain.rules import contact  # noqa: F401
from portwizard.domain.rules import provider  # noqa: F401
