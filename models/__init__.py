from . import hr_performance_value
from . import hr_performance_goal
from . import hr_performance_key_result
