from . import hr_performance_value
