/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {Component, onWillStart, onWillUnmount, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useBus, useService} from "@web/core/utils/hooks";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const TEXT_DELAY = 600; // ms after the last keystroke before a text answer is kept
const SAVE_DELAY = 800; // ms after the last answer before the assessment is saved

// The answers of an assessment as a questionnaire: one block per goal, competency
// and question, the rating scale as labelled choices with their descriptions, a
// full-width text answer, required marks and how many answers are given. Every
// answer is saved as it is given; the record rules and the workflow of the answers
// decide on the server who writes what, this widget only shows it.
export class Questionnaire extends Component {
    static template = "hr_performance.Questionnaire";
    static props = {...standardFieldProps};

    setup() {
        this.orm = useService("orm");
        this.state = useState({levels: [], saving: false, saved: false});
        this.pendingTexts = {};
        this.timers = {};
        onWillStart(() => this.loadLevels());
        const {model} = this.props.record;
        useBus(model.bus, "NEED_LOCAL_CHANGES", (ev) =>
            ev.detail.proms.push(this.commitTexts())
        );
        useBus(model.bus, "WILL_SAVE_URGENTLY", () => this.commitTexts());
        onWillUnmount(() => Object.values(this.timers).forEach(clearTimeout));
    }

    async loadLevels() {
        const scale = this.props.record.data.rating_scale_id;
        if (!scale) {
            return;
        }
        this.state.levels = await this.orm.searchRead(
            "hr.performance.rating.level",
            [["scale_id", "=", scale[0]]],
            ["value", "label", "description"],
            {order: "value asc"}
        );
    }

    get lines() {
        return this.props.record.data[this.props.name].records;
    }

    get parts() {
        const parts = [];
        const byKey = {};
        const add = (key, title, intro) => {
            if (!byKey[key]) {
                byKey[key] = {key, title, intro, lines: []};
                parts.push(byKey[key]);
            }
            return byKey[key];
        };
        // goals first, then competencies, then the template's sections
        for (const line of this.lines.filter((l) => l.data.line_type === "goal")) {
            add(
                "goals",
                _t("Goals"),
                _t("How far each goal of the period was reached.")
            ).lines.push(line);
        }
        for (const line of this.lines.filter(
            (l) => l.data.line_type === "competency"
        )) {
            add(
                "competencies",
                _t("Competencies"),
                _t("The level shown today, against the level the role expects.")
            ).lines.push(line);
        }
        // 360 answers have no line type: they are questions
        for (const line of this.lines.filter(
            (l) => (l.data.line_type || "question") === "question"
        )) {
            const section = line.data.section_id;
            add(
                `section_${section ? section[0] : 0}`,
                line.data.section_name || _t("Questions"),
                ""
            ).lines.push(line);
        }
        return parts;
    }

    get readonly() {
        return this.props.readonly;
    }

    isAnswered(line) {
        const data = line.data;
        if (data.answer_type === "rating") {
            return Boolean(data.level_id);
        }
        if (data.answer_type === "yesno") {
            return Boolean(data.answer_yes);
        }
        return Boolean((this.textOf(line) || "").trim());
    }

    get progress() {
        const total = this.lines.length;
        const answered = this.lines.filter((line) => this.isAnswered(line)).length;
        const requiredLeft = this.lines.filter(
            (line) => line.data.required && !this.isAnswered(line)
        ).length;
        return {
            total,
            answered,
            requiredLeft,
            percent: total ? Math.round((100 * answered) / total) : 0,
        };
    }

    textOf(line) {
        const id = line.resId;
        return id in this.pendingTexts
            ? this.pendingTexts[id]
            : line.data.comment || "";
    }

    levelOf(line) {
        const level = line.data.level_id;
        return level && this.state.levels.find((l) => l.id === level[0]);
    }

    yesLabel(value) {
        return value === "yes" ? _t("Yes") : _t("No");
    }

    async setLevel(line, level) {
        if (this.readonly) {
            return;
        }
        await line.update({level_id: [level.id, level.label]});
        this.scheduleSave();
    }

    async setYes(line, value) {
        if (this.readonly) {
            return;
        }
        await line.update({answer_yes: value});
        this.scheduleSave();
    }

    onTextInput(line, ev) {
        const id = line.resId;
        this.pendingTexts[id] = ev.target.value;
        this.state.saved = false;
        clearTimeout(this.timers[`text_${id}`]);
        this.timers[`text_${id}`] = setTimeout(() => this.commitTexts(), TEXT_DELAY);
    }

    async commitTexts() {
        const pending = this.pendingTexts;
        this.pendingTexts = {};
        const updates = this.lines
            .filter((line) => line.resId in pending)
            .filter((line) => (line.data.comment || "") !== pending[line.resId])
            .map((line) => line.update({comment: pending[line.resId]}));
        if (updates.length) {
            await Promise.all(updates);
            this.scheduleSave();
        }
    }

    scheduleSave() {
        this.state.saved = false;
        clearTimeout(this.timers.save);
        this.timers.save = setTimeout(() => this.save(), SAVE_DELAY);
    }

    async save() {
        this.state.saving = true;
        try {
            await this.commitTexts();
            const saved = await this.props.record.save();
            this.state.saved = saved !== false;
        } finally {
            this.state.saving = false;
        }
    }
}

export const questionnaire = {
    component: Questionnaire,
    displayName: _t("Questionnaire"),
    supportedTypes: ["one2many"],
    useSubView: true,
};

registry.category("fields").add("hrp_questionnaire", questionnaire);
