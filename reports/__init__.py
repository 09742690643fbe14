from . import hr_performance_appraisal_report
from . import hr_performance_cycle_report
