from . import hr_performance_cycle_launch
