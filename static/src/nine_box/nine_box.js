/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const BANDS = ["low", "medium", "high"];
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

// The 9-box of a calibration session: performance (the calibrated rating) across,
// potential up. Drag a card to another box, or click a card then a box. Moving a card
// across changes the rating, which needs a reason; the server logs every move.
export class NineBox extends Component {
    static template = "hr_performance.NineBox";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.sessionId = this.props.action.params.session_id;
        this.state = useState({lines: [], reason: "", selected: null});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.lines = await this.orm.searchRead(
            "hr.performance.calibration.line",
            [["session_id", "=", this.sessionId]],
            [
                "employee_id",
                "level_id",
                "performance",
                "potential",
                "box",
                "compa_ratio",
            ]
        );
    }

    get rows() {
        return [...BANDS].reverse().map((potential) => ({
            potential,
            cells: BANDS.map((performance) => {
                const box =
                    BANDS.indexOf(performance) + 3 * BANDS.indexOf(potential) + 1;
                return {
                    performance,
                    potential,
                    box,
                    name: BOX_NAMES[box],
                    lines: this.state.lines.filter(
                        (line) =>
                            line.performance === performance &&
                            line.potential === potential
                    ),
                };
            }),
        }));
    }

    select(line) {
        this.state.selected = this.state.selected === line.id ? null : line.id;
    }

    onDragStart(line, ev) {
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

    async moveTo(cell) {
        const line = this.state.lines.find((l) => l.id === this.state.selected);
        if (
            !line ||
            (line.performance === cell.performance && line.potential === cell.potential)
        ) {
            return;
        }
        if (line.performance !== cell.performance && !this.state.reason) {
            this.notification.add(_t("Write why the rating changes first."), {
                type: "warning",
            });
            return;
        }
        await this.orm.call("hr.performance.calibration.line", "move_to_box", [
            line.id,
            cell.performance,
            cell.potential,
            this.state.reason,
        ]);
        this.state.selected = null;
        this.state.reason = "";
        await this.load();
    }
}

registry.category("actions").add("hr_performance_nine_box", NineBox);
