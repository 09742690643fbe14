from . import test_access_rights
from . import test_groups
from . import test_value
from . import test_goal
from . import test_goal_flow
from . import test_key_result_measure
from . import test_goal_performance
from . import test_ui
