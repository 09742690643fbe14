/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// HR moves an employee to the top box of the 9-box, then approves a raise.
registry.category("web_tour.tours").add("hr_performance_calibrate_reward_tour", {
    url: "/odoo/action-hr_performance.hr_performance_calibration_action",
    steps: () => [
        {
            content: "Open the session",
            trigger: ".o_data_row .o_data_cell[name=name]:contains('Tour calibration')",
            run: "click",
        },
        {
            content: "Open the 9-box",
            trigger: "button[name=action_open_grid]",
            run: "click",
        },
        {
            content: "The employee is a core player",
            trigger: ".o_hrp_box[data-box='5'] .o_hrp_card:contains('Tour Employee')",
        },
        {
            content: "Pick the card",
            trigger: ".o_hrp_card:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Drop it on the star box",
            trigger: ".o_hrp_box[data-box='9']",
            run: "click",
        },
        {
            content: "Say why the rating changes",
            trigger: ".modal textarea.o_hrp_reason",
            run: "edit Led the launch",
        },
        {
            content: "Confirm the move",
            trigger: ".modal .o_hrp_confirm_move:enabled",
            run: "click",
        },
        {
            content: "The employee is a star",
            trigger:
                ".o_hrp_box[data-box='9'] .o_hrp_card:contains('Exceeds expectations')",
        },
        {
            content: "Open the Reward menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hr_performance.hr_performance_menu_reward']",
            run: "click",
        },
        {
            content: "Open the proposals",
            trigger:
                ".dropdown-item[data-menu-xmlid='hr_performance.hr_performance_reward_menu']",
            run: "click",
        },
        {
            content: "Open the raise",
            trigger: ".o_data_row .o_data_cell[name=kind]:contains('Salary Raise')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "The raise is approved",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});
