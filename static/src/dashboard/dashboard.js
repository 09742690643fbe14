/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
} from "@web/core/l10n/dates";
import {formatFloat} from "@web/core/utils/numbers";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

// The Performance dashboard: what needs attention for an employee, a manager and an
// officer. The server (hr.performance.dashboard) counts as the user, under the record
// rules, and gives each counter the domain of the list it opens.
export class PerformanceDashboard extends Component {
    static template = "hr_performance.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null, nudging: false});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call(
            "hr.performance.dashboard",
            "get_dashboard_data",
            []
        );
    }

    formatDate(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    formatDateTime(value) {
        return value
            ? formatDateTime(deserializeDateTime(value), {showSeconds: false})
            : "";
    }

    // payroll: an amount with its currency's symbol
    formatAmount(value, symbol) {
        return `${formatFloat(value, {digits: [false, 2]})} ${symbol}`;
    }

    openSection(section) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: section.name,
            res_model: section.res_model,
            domain: section.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    openRecord(resModel, resId) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openCycle(cycle) {
        return this.openSection({
            name: cycle.name,
            res_model: "hr.performance.appraisal",
            domain: [["cycle_id", "=", cycle.id]],
        });
    }

    async nudge() {
        this.state.nudging = true;
        try {
            // the server's notification says how many people were reminded
            const notification = await this.orm.call(
                "hr.performance.dashboard",
                "action_nudge_late_reviewers",
                []
            );
            await this.action.doAction(notification);
            await this.load();
        } finally {
            this.state.nudging = false;
        }
    }
}

registry.category("actions").add("hr_performance_dashboard", PerformanceDashboard);
