from . import controllers
from . import models
from . import reports
from . import wizards


def uninstall_hook(env):
    """Take back the database default this addon gave calendar's column."""
    models.res_users_settings.set_calendar_privacy_default(env.cr, False)
