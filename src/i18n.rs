//! Every interface string, in one place, in Chinese and English.
//!
//! The one mechanism: a fixed text is a `Tr(zh, en)` (a constant here, or
//! written in place by a registry such as the keymap's `bind!` or
//! `app::PANES`); a text built at run time is a `core::Bilingual`. Both are
//! read with `.get(lang)` (or `app.tr(..)`). The core's vocabularies keep
//! their zh/en labels as data; `severity`, `group` and `unit` below turn
//! them into `Tr` so the interface never matches on `Lang` itself.
//! Domain labels (indicator names, field labels) come from the data and the
//! field registry, not from here.

use crate::core::Lang;
use crate::core::engine::Severity;
use crate::core::model::{FieldGroup, FieldKind};

/// A translatable interface string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub &'static str, pub &'static str);

impl Tr {
    #[must_use]
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.0,
            Lang::En => self.1,
        }
    }
}

/// A warning level's name.
#[must_use]
pub fn severity(level: Severity) -> Tr {
    Tr(level.label_zh(), level.label_en())
}

/// A basic-data group's name.
#[must_use]
pub fn group(group: FieldGroup) -> Tr {
    Tr(group.label_zh(), group.label_en())
}

/// The unit a kind of field is entered in.
#[must_use]
pub fn unit(kind: FieldKind) -> Tr {
    Tr(kind.unit_zh(), kind.unit_en())
}

// Panes.
pub const PANE_SUMMARY: Tr = Tr("概览", "Summary");
pub const PANE_BUDGET: Tr = Tr("预算", "Budget");
pub const PANE_INDICATORS: Tr = Tr("指标", "Indicators");
pub const PANE_WORKLOAD: Tr = Tr("工作量", "Workload");
pub const PANE_CHECKS: Tr = Tr("检查", "Checks");
pub const PANE_UNIT: Tr = Tr("单位", "Unit");
pub const PANE_REPORT: Tr = Tr("报告文字", "Report text");
pub const DEDUCTION_REASON: Tr = Tr("扣分原因", "deduction reason");
pub const CONCERN_PRINTED: Tr = Tr("报告所写数字", "the printed figures");
pub const CONCERN_TABLE: Tr = Tr("评分表", "the scoring table");
pub const CODE: Tr = Tr("代码", "code");
pub const PRINTED_LABEL: Tr = Tr("报告所写", "Printed");
pub const CHARS: Tr = Tr("字", "characters");

// Header.
pub const MODIFIED: Tr = Tr("已修改", "modified");
pub const UNVERIFIED_TABLE: Tr = Tr("评分表未核实", "table unverified");
pub const READ_ONLY: Tr = Tr("只读", "read-only");
pub const TOTAL: Tr = Tr("总分", "Total");
pub const GRADE: Tr = Tr("等级", "Grade");
/// The header's grade while some leaves are unscored (check and the report say how many).
pub const NOT_GRADED: Tr = Tr("未评定", "not graded");
pub const WARNINGS: Tr = Tr("警告", "Warnings");
pub const YEAR_SUFFIX: Tr = Tr("年度", "");
pub const NEW_FILE: Tr = Tr("（新文件，尚未保存）", "(new file, not saved yet)");
pub const SAMPLE_NEW_FILE: Tr = Tr(
    "（示例 · 新文件，尚未保存）",
    "(sample · new file, not saved yet)",
);
pub const SAMPLE_SOURCE: Tr = Tr("（内置样例）", "(embedded sample)");

// Columns.
pub const COL_ITEM: Tr = Tr("项目", "Item");
pub const COL_VALUE: Tr = Tr("数值", "Value");
pub const COL_UNIT: Tr = Tr("单位", "Unit");
pub const COL_INDICATOR: Tr = Tr("指标", "Indicator");
pub const COL_WEIGHT: Tr = Tr("分值", "Weight");
pub const COL_SCORE: Tr = Tr("得分", "Score");
pub const COL_LOST: Tr = Tr("扣分", "Lost");
pub const COL_SELF: Tr = Tr("自评", "Officer");
pub const COL_REVIEW: Tr = Tr("复核", "Review");
pub const COL_REASON: Tr = Tr("扣分理由", "Reason");
pub const COL_EVIDENCE: Tr = Tr("佐证材料", "Evidence");
pub const COL_TARGET: Tr = Tr("目标", "Target");
pub const COL_COMPLETION: Tr = Tr("完成率", "Done");
pub const COL_LAST_YEAR: Tr = Tr("上年", "Last yr");
pub const COL_CHANGE: Tr = Tr("增减", "Change");
pub const COL_PER_CAPITA: Tr = Tr("人均", "Per cap.");
pub const COL_REVIEW_COMMENT: Tr = Tr("复核意见", "Review note");
pub const COL_SEVERITY: Tr = Tr("级别", "Level");
pub const COL_MESSAGE: Tr = Tr("说明", "Message");
pub const COL_CHOICE: Tr = Tr("等级/得分", "Level/score");

// Summary pane.
pub const SCORE_BY_L1: Tr = Tr("一级指标得分", "Score by top-level indicator");
pub const KEY_RATIOS: Tr = Tr("关键比率", "Key ratios");
/// Around "2/6" when not every key ratio fits: "（显示 2/6，其余见 2 预算）".
pub const RATIOS_SHOWN: Tr = Tr("（显示 ", " (showing ");
pub const RATIOS_REST_IN: Tr = Tr("，其余见 ", ", the rest in ");
pub const RATIOS_CLOSE: Tr = Tr("）", ")");
pub const WARNINGS_BY_SEVERITY: Tr = Tr("警告（按级别）", "Warnings by severity");
pub const THRESHOLD: Tr = Tr("标准", "threshold");
pub const NOT_AVAILABLE: Tr = Tr("n/a", "n/a");
pub const MISSING: Tr = Tr("缺数据", "missing");
pub const PRINTED: Tr = Tr("报告", "printed ");
pub const NO_WARNINGS: Tr = Tr("没有警告", "No warnings");

// Detail panel.
/// Before and after the count of wrapped lines the panel has no room for.
pub const DETAIL_MORE: Tr = Tr("…（另有 ", "… (");
pub const DETAIL_MORE_END: Tr = Tr(
    " 行，终端放大后可见）",
    " more lines; a larger terminal shows them)",
);
pub const DETAIL: Tr = Tr("说明", "Detail");
pub const FORMULA: Tr = Tr("公式", "Formula");
pub const ARITHMETIC: Tr = Tr("计算", "Arithmetic");
pub const INPUTS: Tr = Tr("输入", "Inputs");
pub const RULE: Tr = Tr("评分规则", "Rule");
pub const STANDARD: Tr = Tr("评分标准", "Standard");
pub const WORKING: Tr = Tr("得分计算", "Working");
pub const MEASURED: Tr = Tr("计量值", "Measured");
pub const FROM_REPORT: Tr = Tr("（取自报告所写数）", "(from the report's printed figure)");
pub const CONCERNS: Tr = Tr("涉及", "Concerns");
pub const PARTS_SUM: Tr = Tr("分项合计", "Parts sum");
pub const FULL_TEXT: Tr = Tr("全文", "Full text");
pub const ZERO_DENOMINATOR: Tr = Tr("分母为 0，无法计算（n/a）", "zero denominator (n/a)");
pub const OVERFLOW: Tr = Tr("数值过大，无法计算（n/a）", "too large to compute (n/a)");
pub const MISSING_INPUTS: Tr = Tr("缺少输入：", "missing inputs: ");
pub const DERIVED_HINT: Tr = Tr(
    "计算所得，修改其输入即可",
    "derived: edit its inputs instead",
);
pub const SUBTOTAL_HINT: Tr = Tr(
    "小计由下级指标相加，按 Enter 折叠/展开",
    "subtotal of its children; Enter folds/unfolds",
);
pub const GROUP_TOTAL: Tr = Tr("组合计", "Group total");

// Editing and status messages.
pub const EDITING: Tr = Tr("编辑", "Edit");
pub const SEARCH: Tr = Tr("搜索", "Search");
pub const SAVED: Tr = Tr("已保存", "Saved");
pub const SAVE_FAILED: Tr = Tr("保存失败", "Save failed");
pub const NOTHING_TO_UNDO: Tr = Tr("没有可撤销的修改", "Nothing to undo");
pub const NOTHING_TO_REDO: Tr = Tr("没有可重做的修改", "Nothing to redo");
pub const UNDONE: Tr = Tr("已撤销", "Undone");
pub const REDONE: Tr = Tr("已重做", "Redone");
pub const REVERTED: Tr = Tr(
    "已恢复到上次保存的内容（可撤销）",
    "Reverted to the saved file (undo brings the edits back)",
);
pub const NOT_EDITABLE: Tr = Tr("此项不可编辑", "This row cannot be edited");
pub const READ_ONLY_REFUSED: Tr = Tr("只读模式，不能修改", "Read-only: editing is disabled");
pub const NO_MATCH: Tr = Tr("没有找到", "No match for");
pub const MATCH: Tr = Tr("匹配", "match");
pub const COMMITTED: Tr = Tr("已更新", "Updated");
pub const RECOVERY_WRITE_FAILED: Tr = Tr("恢复文件写入失败", "recovery file not written");
pub const NEEDS_TERMINAL: Tr = Tr(
    "jixiao 需要一个终端；无终端时可用 jixiao check FILE",
    "jixiao needs a terminal; without one, use jixiao check FILE",
);
pub const PASTE_IGNORED: Tr = Tr(
    "粘贴仅用于输入框，已忽略（先按 Enter 开始编辑）",
    "Paste works only in an editor; ignored (press Enter to edit first)",
);
pub const CANCELLED: Tr = Tr("已取消，保留原值", "Cancelled; the old value is kept");
pub const SCORE_ABOVE_WEIGHT: Tr = Tr("得分不能超过分值", "A score cannot exceed the weight");
pub const CLEARED_VALUE: Tr = Tr("已清空（视为未填）", "Cleared (not given)");
pub const QUIT_QUESTION: Tr = Tr(
    "有未保存的修改。S 保存并退出 · D 不保存退出 · Esc 返回继续编辑",
    "Unsaved changes. S save and quit · D quit without saving · Esc stay",
);
pub const WINDOW_TOO_SMALL: Tr = Tr(
    "窗口太小，请放大到至少 80×24",
    "Window too small: at least 80×24 please",
);
pub const BROWSE: Tr = Tr("浏览（所有面板）", "Browse (all panes)");
pub const HELP_SECTION: Tr = Tr("帮助窗口", "This help");
pub const QUIT_TITLE: Tr = Tr("退出确认", "Quit question");
pub const HELP_TITLE: Tr = Tr("按键帮助（Esc 关闭）", "Keys (Esc closes)");
pub const CHOOSE: Tr = Tr("选择", "Choose");
pub const NOTHING_FOUND_JUMP: Tr = Tr(
    "该警告没有可跳转的位置",
    "This warning has no place to jump to",
);

// Reviewer mode.
pub const UNREADABLE_FILES: Tr = Tr("份无法读取", "unreadable");
pub const REVIEW_TITLE: Tr = Tr("审核", "Review");
pub const REVIEW_FILTER_TEXT: Tr = Tr("筛选单位名称", "Filter unit names");
pub const REVIEW_FILTER_DIFF: Tr = Tr(
    "自评与计算得分之差至少",
    "Reported vs computed difference at least",
);
pub const REVIEW_COMMENT: Tr = Tr("审核意见", "Review comment");
pub const REVIEW_EXPORT_OVERVIEW: Tr = Tr(
    "导出总览到（.csv 或 .xlsx）",
    "Export overview to (.csv or .xlsx)",
);
pub const REVIEW_EXPORT_REVIEWS: Tr = Tr(
    "导出审核结果到（.csv 或 .xlsx）",
    "Export review results to (.csv or .xlsx)",
);
pub const REVIEW_FILTERS_CLEARED: Tr = Tr("已清除全部筛选", "All filters cleared");
pub const REVIEW_STATUS: Tr = Tr("审核状态", "Review status");
pub const REVIEW_MARKED: Tr = Tr(
    "已标记，选择另一份后按 d 对比",
    "Marked; select another and press d to compare",
);
pub const REVIEW_MARK_FIRST: Tr = Tr("请先用 m 标记一份工作簿", "Mark a workbook with m first");
pub const REVIEW_CANNOT_COMPARE: Tr = Tr(
    "无法对比：有文件未能打开",
    "Cannot compare: a file did not open",
);
pub const REVIEW_SAVED: Tr = Tr(
    "审核记录已保存（部门文件未改动）",
    "Reviews saved (department files untouched)",
);
pub const REVIEW_EXPORTED: Tr = Tr("已导出", "Exported");
pub const REVIEW_QUIT_QUESTION: Tr = Tr(
    "审核记录未保存。S 保存并退出 · D 不保存退出 · Esc 返回",
    "Unsaved reviews. S save and quit · D quit without saving · Esc stay",
);
pub const REVIEW_MATRIX: Tr = Tr(
    "单位 × 指标（得分占分值比例）",
    "Units × indicators (score as share of weight)",
);
pub const REVIEW_DIFF: Tr = Tr("对比", "Compare");
pub const REVIEW_DRILL: Tr = Tr("审核：打开的工作簿", "Review: an opened workbook");
pub const REVIEW_REASON: Tr = Tr(
    "退回原因（Enter 确认并设为退回）",
    "Reason for sending back (Enter sets 退回)",
);
pub const REVIEW_INDICATOR_REASON: Tr = Tr("指标退回原因", "Indicator send-back reason");
pub const REVIEW_EXPORT_LETTER: Tr = Tr(
    "导出退回函到（.docx / .md）",
    "Export the send-back letter to (.docx / .md)",
);
pub const REVIEW_EXPORT_SUMMARY: Tr = Tr(
    "导出审核汇总表到（.xlsx / .csv / .md）",
    "Export the bureau's summary to (.xlsx / .csv / .md)",
);
pub const REVIEW_REASON_SHOWN: Tr = Tr("已退回，原因", "Sent back");
pub const REVIEW_REASON_RECORDED: Tr = Tr("退回原因已记录", "Send-back reason recorded");
pub const REVIEW_REASON_CLEARED: Tr = Tr("退回原因已清除", "Send-back reason cleared");
pub const REVIEW_REASON_NEEDS_INDICATOR: Tr = Tr(
    "请在指标面板（3）选中一个指标再按 b",
    "select an indicator in the indicators pane (3), then press b",
);
pub const REVIEW_ROWS: Tr = Tr("份", "files");
pub const REVIEW_AVERAGE: Tr = Tr("平均", "Average");
pub const REVIEW_GRADES: Tr = Tr("等级分布", "Grades");
pub const REVIEW_FILTERS: Tr = Tr("筛选", "Filters");
pub const REVIEW_SORTED: Tr = Tr("排序", "Sorted by");
pub const REVIEW_LEGEND: Tr = Tr(
    "● 满分 ◕ ≥80% ◑ ≥60% ◔ >0 ○ 0",
    "● full ◕ ≥80% ◑ ≥60% ◔ >0 ○ 0",
);
pub const REVIEW_DIFFERS: Tr = Tr("处不同", "differences");

// Saving safely.
pub const CHANGED_ON_DISK: Tr = Tr(
    "文件在打开后已被修改（可能是同事保存的）",
    "The file changed on disk since it was opened (a colleague may have saved it)",
);
pub const EXTERNAL_QUESTION: Tr = Tr(
    "文件已被他人修改。O 仍然覆盖（原文件留作 .bak）· A 另存为 · R 重新读取（放弃内存中的修改，需按两次）· Esc 返回",
    "The file changed on disk. O overwrite (theirs kept as .bak) · A save as · R reload (drops your edits; press twice) · Esc stay",
);
pub const RELOAD_AGAIN: Tr = Tr(
    "再按一次 R 确认：放弃内存中的修改并重新读取（之后可用 u 撤销找回）",
    "Press R again to drop your edits and reload (u brings them back)",
);
pub const NOT_SAVED_KEPT: Tr = Tr(
    "未保存；修改仍在内存中",
    "Not saved; your edits are still here",
);
pub const RELOADED: Tr = Tr(
    "已重新读取文件（u 可找回之前的修改）",
    "Reloaded from disk (u brings your edits back)",
);
pub const SAVE_AS: Tr = Tr("另存为", "Save as");
pub const RECOVERY_TITLE: Tr = Tr("发现未保存的修改", "Unsaved edits found");
pub const RECOVERY_QUESTION: Tr = Tr(
    "R 恢复这些修改 · O 打开已保存的文件（恢复文件保留到下次保存或退出）· D 先看差异",
    "R restore these edits · O open the saved file (the recovery is kept until you save or quit) · D show the differences",
);
pub const RECOVERY_RESTORED: Tr = Tr(
    "已恢复上次未保存的修改（u 可撤销）",
    "Restored the unsaved edits (u undoes)",
);
pub const RECOVERY_KEPT: Tr = Tr(
    "已打开保存的文件；恢复文件保留到下次保存或退出",
    "Opened the saved file; the recovery file is kept until you save or quit",
);
pub const NO_DIFFERENCES: Tr = Tr("与保存的文件没有差异", "No differences from the saved file");
pub const EXPORTED: Tr = Tr("已导出", "Exported");
pub const EXPORT_FAILED: Tr = Tr("导出失败", "Export failed");
pub const REPORT_SUFFIX: Tr = Tr("自评报告", "report");

// The rule form (issue 11).
pub const RULE_FORM: Tr = Tr("评分规则", "Scoring rule");
pub const RULE_KIND: Tr = Tr("规则类型", "rule kind");
pub const RULE_METRIC: Tr = Tr("计算指标", "metric");
pub const RULE_NO_METRIC: Tr = Tr("（无，不计算比率）", "(none, no rate)");
pub const RULE_READS_AS: Tr = Tr("将读作", "reads as");
pub const RULE_NOT_YET: Tr = Tr("尚不完整", "not complete yet");
pub const STRUCTURE_CONFIRM: Tr = Tr("确认删除", "Confirm delete");

// Reviewer mode at scale: reading again, reloading (issue 15).
pub const REVIEW_NOTHING_CHANGED: Tr = Tr(
    "没有工作簿在读取后被修改",
    "No workbook changed since it was read",
);
pub const REVIEW_CHANGED_SINCE_READ: Tr = Tr(
    "在读取后已被修改，按 r 重新读取后再打开",
    "changed since it was read; press r to reload it first",
);
// What-if in the detail panel.
pub const WHAT_IF: Tr = Tr("假如", "What if");
pub const WHAT_IF_GRADE: Tr = Tr("等级", "Grade");
pub const WHAT_IF_NONE: Tr = Tr(
    "附近没有改变得分的输入值",
    "no nearby input value changes the score",
);

// The rule form's metric row: a basis, a table's formula.
pub const RULE_BASIS_OPEN: Tr = Tr("（以", " (on ");
pub const RULE_BASIS_CLOSE: Tr = Tr("为准）", ")");
pub const RULE_TABLE_FORMULA: Tr = Tr("表内公式：", "table formula: ");
