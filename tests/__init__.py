from . import test_access_rights
from . import test_groups
from . import test_value
from . import test_ui
