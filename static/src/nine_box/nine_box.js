/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";

const BANDS = ["low", "medium", "high"];
const BAND_LABELS = {low: _t("Low"), medium: _t("Medium"), high: _t("High")};
const BOX_NAMES = {
    1: _t("Risk"),
    2: _t("Effective"),
    3: _t("Strong performer"),
    4: _t("Inconsistent"),
    5: _t("Core player"),
    6: _t("High performer"),
    7: _t("Rough diamond"),
    8: _t("Growth employee"),
    9: _t("Star"),
};

function boxOf(performance, potential) {
    return BANDS.indexOf(performance) + 3 * BANDS.indexOf(potential) + 1;
}

// Confirms a move on the 9-box; a move across performance bands changes the rating
// and asks why (the server records the change with its reason).
export class NineBoxMoveDialog extends Component {
    static template = "hr_performance.NineBoxMoveDialog";
    static components = {Dialog};
    static props = ["close", "line", "cell", "changesRating", "confirm"];

    setup() {
        this.state = useState({reason: "", busy: false});
    }

    get boxName() {
        return BOX_NAMES[this.props.cell.box];
    }

    get fromName() {
        return BOX_NAMES[this.props.line.box];
    }

    async confirm() {
        if (this.props.changesRating && !this.state.reason.trim()) {
            return;
        }
        this.state.busy = true;
        try {
            await this.props.confirm(this.state.reason.trim());
        } finally {
            this.props.close();
        }
    }
}

// The 9-box of a calibration session: performance (the calibrated rating) across,
// potential up. Drag a card to another box, or click a card then a box; each move
// is confirmed. The session is kept in the URL, so that a reload or a shared link
// shows the same grid.
export class NineBox extends Component {
    static template = "hr_performance.NineBox";
    static components = {Layout};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.action = useService("action");
        const params = this.props.action.params || {};
        const context = this.props.action.context || {};
        this.sessionId =
            parseInt(params.session_id || params.active_id || context.active_id, 10) ||
            false;
        this.state = useState({data: null, selected: null, missing: false});
        if (this.sessionId && this.props.updateActionState) {
            this.props.updateActionState({session_id: this.sessionId});
        }
        onWillStart(() => this.load());
    }

    async load() {
        if (!this.sessionId) {
            this.state.missing = true;
            return;
        }
        try {
            this.state.data = await this.orm.call(
                "hr.performance.calibration",
                "nine_box_data",
                [[this.sessionId]]
            );
        } catch (error) {
            this.state.missing = true;
            throw error;
        }
        this.env.config.setDisplayName(
            _t("9-Box: %(session)s", {session: this.state.data.name})
        );
    }

    get bandLabels() {
        return BAND_LABELS;
    }

    get columns() {
        return BANDS.map((band) => ({
            band,
            label: BAND_LABELS[band],
            empty: !this.state.data.bands.includes(band),
        }));
    }

    get rows() {
        const lines = this.state.data.lines;
        return [...BANDS].reverse().map((potential) => ({
            potential,
            label: BAND_LABELS[potential],
            cells: BANDS.map((performance) => {
                const box = boxOf(performance, potential);
                const inBox = lines.filter(
                    (line) =>
                        line.performance === performance && line.potential === potential
                );
                return {
                    performance,
                    potential,
                    box,
                    name: BOX_NAMES[box],
                    lines: inBox,
                    count: inBox.length,
                    empty: !this.state.data.bands.includes(performance),
                };
            }),
        }));
    }

    get total() {
        return this.state.data.lines.length;
    }

    percentOf(count) {
        return this.total ? Math.round((100 * count) / this.total) : 0;
    }

    get editable() {
        return this.state.data.editable;
    }

    select(line) {
        if (!this.editable) {
            return;
        }
        this.state.selected = this.state.selected === line.id ? null : line.id;
    }

    onDragStart(line, ev) {
        if (!this.editable) {
            ev.preventDefault();
            return;
        }
        this.state.selected = line.id;
        ev.dataTransfer.setData("text/plain", String(line.id));
    }

    onDragOver(ev) {
        ev.preventDefault();
    }

    onDrop(cell, ev) {
        ev.preventDefault();
        return this.moveTo(cell);
    }

    moveTo(cell) {
        const line = this.state.data.lines.find((l) => l.id === this.state.selected);
        if (
            !line ||
            (line.performance === cell.performance && line.potential === cell.potential)
        ) {
            return;
        }
        if (cell.empty && line.performance !== cell.performance) {
            this.notification.add(
                _t("The rating scale has no level in this performance band."),
                {type: "warning"}
            );
            return;
        }
        this.dialog.add(NineBoxMoveDialog, {
            line,
            cell,
            changesRating: line.performance !== cell.performance,
            confirm: (reason) => this.move(line, cell, reason),
        });
    }

    async move(line, cell, reason) {
        await this.orm.call("hr.performance.calibration.line", "move_to_box", [
            line.id,
            cell.performance,
            cell.potential,
            reason || false,
        ]);
        this.state.selected = null;
        await this.load();
        this.notification.add(
            _t("%(employee)s moved to %(box)s.", {
                employee: line.employee_id[1],
                box: BOX_NAMES[cell.box],
            }),
            {type: "success"}
        );
    }

    openSession() {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "hr.performance.calibration",
            res_id: this.sessionId,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("hr_performance_nine_box", NineBox);
