/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, markup, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatDate} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

const {DateTime} = luxon;

// The evidence beside a manager's review: the self-assessment once shared, the 360
// summary, each goal's progress over the period, the check-ins held and their
// action items, the feedback and praise received, and the business documents of the
// period. The server reads all of it as the current user: what the record rules let
// them read is what shows.
export class ReviewEvidence extends Component {
    static template = "hr_performance.ReviewEvidence";
    static props = {...standardWidgetProps};

    setup() {
        this.orm = useService("orm");
        this.ui = useService("ui");
        this.state = useState({evidence: null, error: false});
        onWillStart(() => this.load());
    }

    async load() {
        if (!this.props.record.resId) {
            return;
        }
        try {
            this.state.evidence = await this.orm.call(
                "hr.performance.assessment",
                "review_evidence",
                [[this.props.record.resId]]
            );
        } catch {
            this.state.error = true;
        }
    }

    get openByDefault() {
        return !this.ui.isSmall;
    }

    html(text) {
        return markup(text || "");
    }

    date(value) {
        return value ? formatDate(DateTime.fromISO(value)) : "";
    }

    percent(value) {
        return `${Math.round(value || 0)}%`;
    }

    kindClass(kind) {
        return kind === "praise" ? "text-bg-success" : "text-bg-info";
    }

    get title() {
        const evidence = this.state.evidence;
        return evidence
            ? _t("From %(start)s to %(end)s", {
                  start: this.date(evidence.date_from),
                  end: this.date(evidence.date_to),
              })
            : "";
    }
}

registry.category("view_widgets").add("hrp_review_evidence", {
    component: ReviewEvidence,
});
