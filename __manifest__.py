# Copyright 2026 hr_performance contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance",
    "summary": "Goals, check-ins, feedback, appraisals and rewards for employees",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/hr-performance/hr_performance",
    "author": "hr_performance contributors",
    "maintainers": ["hr-performance"],
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "hr_contract", "mail", "web_hierarchy"],
    "data": [
        "security/hr_performance_groups.xml",
        "security/ir.model.access.csv",
        "security/hr_performance_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/hr_performance_value_views.xml",
        "views/hr_performance_goal_views.xml",
        "views/hr_performance_key_result_views.xml",
        "views/hr_performance_checkin_views.xml",
        "views/hr_performance_feedback_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_performance_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/hr_performance_value_demo.xml",
        "demo/hr_performance_goal_demo.xml",
        "demo/hr_performance_checkin_demo.xml",
        "demo/hr_performance_feedback_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_performance/static/tests/tours/*.js",
        ],
    },
}
