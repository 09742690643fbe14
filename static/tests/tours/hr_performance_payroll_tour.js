/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Payroll alone: from its dashboard to the bonuses to pay, exports them as CSV and
// marks them paid with the payslip's reference.
registry.category("web_tour.tours").add("hr_performance_payroll_tour", {
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
            content: "The raise taking effect soon is on the dashboard",
            trigger:
                ".o_hrp_section_payroll .o_hrp_payroll_raises_soon .o_hrp_payroll_reward:contains('HRP Employee')",
        },
        {
            content: "Open the bonuses to pay",
            trigger: ".o_hrp_section_payroll .o_hrp_tile[data-section=bonuses_to_pay]",
            run: "click",
        },
        {
            content: "Our employee's bonus is listed",
            trigger: ".o_data_row:contains('HRP Employee'):contains('3,600.00')",
        },
        {
            content: "Select every bonus to pay",
            trigger: "thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Export them for payroll",
            trigger: ".o_control_panel button:contains('Export for Payroll')",
            run: "click",
        },
        {
            content: "Choose CSV",
            trigger: ".modal .o_field_radio input[data-value=csv]",
            run: "click",
        },
        {
            content: "Export",
            trigger: ".modal button[name=action_export]",
            run: "click",
        },
        {
            content: "The file is ready to download",
            trigger: ".modal .o_hrp_export_file:contains('payroll_rewards.csv')",
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
        {
            content: "Select the bonuses again",
            trigger: "thead .o_list_record_selector input:not(:checked)",
            run: "click",
        },
        {
            content: "Mark the selection paid",
            trigger: ".o_control_panel button:contains('Mark Paid')",
            run: "click",
        },
        {
            content: "Give the payslip reference",
            trigger: ".modal .o_field_widget[name=payslip_ref] input",
            run: "edit SLIP/TOUR/1",
        },
        {
            content: "Mark them paid",
            trigger: ".modal button[name=action_pay]",
            run: "click",
        },
        {
            content: "Payroll is told",
            trigger: ".o_notification:contains('marked paid')",
        },
    ],
});
