from . import hr_performance_cycle_launch
from . import hr_performance_appraisal_sign
from . import hr_performance_appraisal_release
from . import hr_performance_reward_apply
from . import hr_performance_reward_export
from . import hr_performance_reward_pay
from . import hr_performance_checkin_cadence
