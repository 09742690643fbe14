/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// An employee praises a colleague: nothing is shared until Send, which confirms.
registry.category("web_tour.tours").add("hr_performance_praise_send_tour", {
    url: "/odoo/action-hr_performance.hr_performance_feedback_action_wall",
    steps: () => [
        {
            content: "Praise someone",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "A draft says nothing is shared before Send",
            trigger: ".o_form_view .alert-info:contains('Send')",
        },
        {
            content: "Choose the colleague",
            trigger: ".o_field_widget[name=employee_id] input",
            run: "edit Tour Colleague",
        },
        {
            content: "Pick them",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Colleague')",
            run: "click",
        },
        {
            content: "Say what they did",
            trigger: ".o_field_widget[name=body] .odoo-editor-editable",
            run: "editor Thanks for the calm demo.",
        },
        {
            content: "Send it",
            trigger: "button.o_hrp_feedback_send",
            run: "click",
        },
        {
            content: "Sending is confirmed",
            trigger: ".o_notification:contains('Sent to Tour Colleague')",
        },
        {
            content: "The praise is sent, and may still be withdrawn for a moment",
            trigger:
                ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains('Sent')) button.o_hrp_feedback_withdraw",
        },
        {
            content: "Its post is on the chatter, for reactions",
            trigger: ".o-mail-Message:contains('praised Tour Colleague')",
        },
    ],
});

// A manager approves the goal their report proposed, from the to-do it gave them.
registry.category("web_tour.tours").add("hr_performance_goal_approve_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open my activities",
            trigger: ".o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            content: "Open the goals waiting for me",
            trigger: ".o-mail-ActivityGroup:contains('Goal')",
            run: "click",
        },
        {
            content: "Open the proposed goal",
            trigger:
                ".o_data_row:contains('Tour Proposed Goal') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Its to-do asks me to approve it",
            trigger: ".o-mail-Activity:contains('Approve this goal')",
        },
        {
            content: "Approve it",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "The goal is approved and the to-do is done",
            trigger:
                ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains('Active')):not(:has(.o-mail-Activity))",
        },
    ],
});
