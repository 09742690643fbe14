/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// Answer the open questionnaire: the rating question picks the level labelled
// ``label``, the text question gets ``text``; the answers save as they are given.
function answerAndSubmit(label, text) {
    return [
        {
            content: "Nothing is answered yet",
            trigger: ".o_hrp_q_count:contains('0 of')",
        },
        {
            content: "Required questions are marked",
            trigger: ".o_hrp_q_block .o_hrp_q_required",
        },
        {
            content: "Pick the rating among the labelled levels",
            trigger: `.o_hrp_q_block[data-type=rating] .o_hrp_q_choice:contains('${label}') input`,
            run: "click",
        },
        {
            content: "One answer is given",
            trigger: ".o_hrp_q_count:contains('1 of')",
        },
        {
            content: "Write the text answer, full width",
            trigger: ".o_hrp_q_block[data-type=text] textarea.o_hrp_q_text",
            run: `edit ${text}`,
        },
        {
            content: "The answers are saved as they are given",
            trigger: ".o_hrp_q_save_state:contains('Saved')",
        },
        {
            content: "Submit the assessment",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "Confirm: a submitted assessment is final",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The assessment is submitted",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
    ];
}

registry.category("web_tour.tours").add("hr_performance_self_assessment_tour", {
    url: "/odoo/action-hr_performance.hr_performance_assessment_action_mine",
    steps: () => [
        {
            content: "Open my self-assessment",
            trigger: ".o_data_row .o_data_cell[name=kind]:contains('Self-Assessment')",
            run: "click",
        },
        {
            content: "The questionnaire shows the question's guidance",
            trigger: ".o_hrp_q_help:contains('Think of the goals')",
        },
        {
            content: "Each level comes with its description",
            trigger: ".o_hrp_q_choice .o_hrp_q_level_help",
        },
        ...answerAndSubmit("Exceeds expectations", "The onboarding, shipped early."),
    ],
});

registry.category("web_tour.tours").add("hr_performance_manager_review_tour", {
    url: "/odoo/action-hr_performance.hr_performance_appraisal_action",
    steps: () => [
        {
            content: "Open the appraisal of the report",
            trigger: ".o_data_row .o_data_cell[name=cycle_id]:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "The submitted self-assessment is there",
            trigger: "div[name=self_assessment_id]:contains('Self-Assessment')",
        },
        {
            content: "A manager of their report is offered the private notes",
            trigger: ".o_notebook .nav-link[name=notes]",
        },
        {
            content: "Write my assessment",
            trigger: "button[name=action_open_assessment]",
            run: "click",
        },
        {
            content: "The manager reads the questions in their own wording",
            trigger: ".o_hrp_q_title:contains('How much did the employee')",
        },
        {
            content: "Beside them, the employee's self-assessment",
            trigger: ".o_hrp_ev_self:contains('The onboarding, shipped early.')",
        },
        {
            content: "and the feedback the employee received",
            trigger: ".o_hrp_ev_feedback:contains('Great demo')",
        },
        ...answerAndSubmit("Outstanding", "Ready for the next step."),
        {
            content: "Back to the appraisal",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "It waits for calibration",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Calibration')",
        },
        {
            content: "which the manager cannot skip: no Release button",
            trigger: ".o_form_view:not(:has(button[name=action_open_release]))",
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_calibrate_release_tour", {
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
            content: "The grid names its session",
            trigger: ".o_hrp_nine_box_title:contains('Tour calibration')",
        },
        {
            content: "and counts each box",
            trigger: ".o_hrp_box[data-box='6'] .o_hrp_box_count:contains('1')",
        },
        {
            content: "Pick the card",
            trigger: ".o_hrp_card:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Move it up to the star box (potential only)",
            trigger: ".o_hrp_box[data-box='9']",
            run: "click",
        },
        {
            content: "Confirm the move",
            trigger: ".modal .o_hrp_confirm_move:enabled",
            run: "click",
        },
        {
            content: "The employee is a star",
            trigger: ".o_hrp_box[data-box='9'] .o_hrp_card:contains('Tour Employee')",
        },
        {
            content: "Back to the session by the breadcrumb",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour calibration')",
            run: "click",
        },
        {
            content: "Close it and freeze the ratings",
            trigger: "button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The session is closed",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Closed')",
        },
        {
            content: "Open the appraisals",
            trigger:
                ".o_menu_sections [data-menu-xmlid='hr_performance.hr_performance_menu_review']",
            run: "click",
        },
        {
            content: "Open the appraisal list",
            trigger:
                ".dropdown-item[data-menu-xmlid='hr_performance.hr_performance_appraisal_menu']",
            run: "click",
        },
        {
            content: "Open the calibrated appraisal",
            trigger: ".o_data_row .o_data_cell[name=cycle_id]:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "Release it, now that calibration is closed",
            trigger: "button[name=action_open_release]",
            run: "click",
        },
        {
            content: "A word to the employee",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Well done this year.",
        },
        {
            content: "Release",
            trigger: ".modal-footer button[name=action_release]",
            run: "click",
        },
        {
            content: "The employee is asked to sign",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('To Sign')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_signoff_tour", {
    url: "/odoo/action-hr_performance.hr_performance_appraisal_action",
    steps: () => [
        {
            content: "Open my appraisal",
            trigger: ".o_data_row .o_data_cell[name=cycle_id]:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "The final rating is shown",
            trigger: ".o_field_widget[name=final_level_id]:contains('Outstanding')",
        },
        {
            content: "Sign",
            trigger: "button[name=action_open_sign]",
            run: "click",
        },
        {
            content: "Comment",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Thanks for the review.",
        },
        {
            content: "Confirm the signature",
            trigger: ".modal-footer button[name=action_sign]",
            run: "click",
        },
        {
            content: "The appraisal is done",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
