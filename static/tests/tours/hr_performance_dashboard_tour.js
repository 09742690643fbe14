/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const openApp = [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Performance app: it opens on the dashboard",
        trigger: ".o_app[data-menu-xmlid='hr_performance.hr_performance_menu_root']",
        run: "click",
    },
];

// The employee sees their goals and next check-in, and opens a goal.
registry.category("web_tour.tours").add("hr_performance_dashboard_employee_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp,
        {
            content: "My next check-in is planned",
            trigger: ".o_hrp_next_checkin:contains('Tour Manager')",
        },
        {
            content: "No team or cycle sections for an employee",
            trigger:
                ".o_hrp_dashboard:not(:has(.o_hrp_section_manager)):not(:has(.o_hrp_section_officer))",
        },
        {
            content: "Open my goal",
            trigger: ".o_hrp_goal:contains('Tour Goal')",
            run: "click",
        },
        {
            content: "The goal's form is open",
            trigger: ".o_form_view .o_breadcrumb:contains('Tour Goal')",
        },
    ],
});

// The manager sees the goal at risk in their team and opens the overdue check-ins.
registry.category("web_tour.tours").add("hr_performance_dashboard_manager_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp,
        {
            content: "The report's goal is at risk",
            trigger:
                ".o_hrp_section_manager .o_hrp_goal:contains('Tour Goal'):contains('Tour Employee')",
        },
        {
            content: "No cycle section for a manager",
            trigger: ".o_hrp_dashboard:not(:has(.o_hrp_section_officer))",
        },
        {
            content: "Open the overdue check-ins",
            trigger: ".o_hrp_tile[data-section=overdue_checkins]:contains('1')",
            run: "click",
        },
        {
            content: "The overdue check-in is listed",
            trigger: ".o_list_view .o_data_row:contains('Tour Employee')",
        },
    ],
});

// The officer follows the running cycle and nudges the late reviewer.
registry.category("web_tour.tours").add("hr_performance_dashboard_officer_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp,
        {
            content: "The running cycle shows its progress",
            trigger: ".o_hrp_cycle:contains('Tour cycle'):contains('0 / 1')",
        },
        {
            content: "The report is late with their self-assessment",
            trigger: ".o_hrp_late_reviewer:contains('hrp_tour_report')",
        },
        {
            content: "Nudge the late reviewers",
            trigger: ".o_hrp_nudge:enabled",
            run: "click",
        },
        {
            content: "They were reminded",
            trigger: ".o_notification:contains('reminded of their late review')",
        },
    ],
});
