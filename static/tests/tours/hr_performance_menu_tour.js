/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hr_performance_employee_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Performance app",
            trigger:
                ".o_app[data-menu-xmlid='hr_performance.hr_performance_menu_root']",
            run: "click",
        },
        {
            content: "The app opens on the dashboard, with my goal",
            trigger: ".o_hrp_dashboard .o_hrp_goal:contains('Tour Goal')",
        },
        {
            content: "Open the Plan menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hr_performance.hr_performance_menu_plan']",
            run: "click",
        },
        {
            content: "Open the goals",
            trigger:
                ".dropdown-item[data-menu-xmlid='hr_performance.hr_performance_goal_menu']",
            run: "click",
        },
        {
            content: "My goals are listed",
            trigger: ".o_kanban_record:contains('Tour Goal')",
        },
        {
            content: "Open the Monitor menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hr_performance.hr_performance_menu_monitor']",
            run: "click",
        },
        {
            content: "Open the company values",
            trigger:
                ".dropdown-item[data-menu-xmlid='hr_performance.hr_performance_value_menu']",
            run: "click",
        },
        {
            content: "The company values are listed",
            trigger: ".o_kanban_record:contains('Tour Value')",
        },
        {
            content: "An employee cannot create values",
            trigger: ".o_control_panel:not(:has(.o-kanban-button-new))",
        },
    ],
});
