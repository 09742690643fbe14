# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who is who in the Performance app: the groups and the roles, in one place.

The groups (security/hr_performance_groups.xml) say what kind of user someone is;
the record rules (security/hr_performance_rules.xml) say which records of each model
they read and write; the roles below say what a user is *to one record* (its
employee, their manager, an officer of its company), which the workflows
(``hr.performance.workflow``) use to decide who moves a record and which fields they
write. Every Python check of a group names it from here.
"""

EMPLOYEE = "hr_performance.group_hr_performance_employee"
MANAGER = "hr_performance.group_hr_performance_manager"
OFFICER = "hr_performance.group_hr_performance_officer"
ADMIN = "hr_performance.group_hr_performance_admin"
PAYROLL = "hr_performance.group_hr_performance_payroll"

# Roles a user holds on one record (see each model's ``_workflow_roles``).
ROLE_EMPLOYEE = "employee"  # the person the record is about
ROLE_OWNER = "owner"  # the owner of a goal
ROLE_AUTHOR = "author"  # who wrote it (assessments, notes, 360 answers)
ROLE_SENDER = "sender"  # the author of feedback sent a moment ago (may withdraw it)
ROLE_MANAGER = "manager"  # the employee's manager chain, strictly above them
ROLE_LEAD = "lead"  # the lead appraiser of an appraisal
ROLE_APPRAISER = "appraiser"  # any appraiser of an appraisal
ROLE_UPPER = "upper"  # the chain above the employee's direct manager
ROLE_PARTICIPANT = "participant"  # of a calibration session
ROLE_OFFICER = "officer"  # a performance officer of the record's company
ROLE_ADMIN = "admin"  # a performance administrator of the record's company
ROLE_PAYROLL = "payroll"  # payroll, on what it pays
