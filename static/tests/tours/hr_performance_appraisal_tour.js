/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Rate the first answer of the open assessment (a select of the scale's levels), save it
// and submit it. The label must match one level only.
function rateAndSubmit(label) {
    return [
        {
            content: "Edit the first answer",
            trigger:
                "div[name=line_ids] .o_data_row:first-child .o_data_cell[name=level_id]",
            run: "click",
        },
        {
            content: "Pick the rating",
            trigger: "div[name=line_ids] .o_field_widget[name=level_id] select",
            run: `selectByLabel ${label}`,
        },
        ...stepUtils.saveForm(),
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
        ...rateAndSubmit("Exceeds expectations"),
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
            content: "Write my assessment",
            trigger: "button[name=action_open_assessment]",
            run: "click",
        },
        ...rateAndSubmit("Outstanding"),
        {
            content: "Back to the appraisal",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Release it to the employee",
            trigger: "button[name=action_release]",
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
