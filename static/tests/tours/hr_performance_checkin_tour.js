/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A manager holds a 1:1 and updates a key result of the employee's goal from it.
registry.category("web_tour.tours").add("hr_performance_checkin_manager_tour", {
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
            content: "Open the Monitor menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hr_performance.hr_performance_menu_monitor']",
            run: "click",
        },
        {
            content: "Open the check-ins",
            trigger:
                ".dropdown-item[data-menu-xmlid='hr_performance.hr_performance_checkin_menu']",
            run: "click",
        },
        {
            content: "Plan a new check-in",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the employee",
            trigger: ".o_field_widget[name=employee_id] input",
            run: "fill Tour Employee",
        },
        {
            content: "Pick them",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Open the goal updates",
            trigger: "a.nav-link:contains('Goal Updates')",
            run: "click",
        },
        {
            content: "Add a key result update",
            trigger: "div[name=update_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the key result",
            trigger: "div[name=update_ids] .o_field_widget[name=key_result_id] input",
            run: "fill Days to first",
        },
        {
            content: "Pick it",
            trigger:
                ".o-autocomplete--dropdown-item > a:contains('Days to first contribution')",
            run: "click",
        },
        {
            content: "Enter the new value",
            trigger: "div[name=update_ids] .o_field_widget[name=value_after] input",
            run: "edit 20",
        },
        ...stepUtils.saveForm(),
        {
            content: "The key result is half-way",
            trigger: "div[name=update_ids] .o_data_row:contains('50')",
        },
        {
            content: "Mark the 1:1 as held",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "The check-in is held",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Held')",
        },
    ],
});

// The employee sees the progress on their goal.
registry.category("web_tour.tours").add("hr_performance_checkin_employee_tour", {
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
            content: "My goal shows the progress made in the check-in",
            trigger:
                ".o_hrp_goal:contains('Onboard faster') .progress[aria-valuenow='50']",
        },
    ],
});
