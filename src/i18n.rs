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

use crate::core::engine::Severity;
use crate::core::model::{FieldGroup, FieldKind};

/// Declares `Tr` constants, one line each: `pub NAME: "中文", "English";`
/// (doc comments and visibility as on a `const`), so the two languages of
/// a text stand side by side however long they are.
macro_rules! texts {
    ($($(#[$meta:meta])* $vis:vis $name:ident: $zh:literal, $en:literal;)*) => {
        $($(#[$meta])* $vis const $name: $crate::i18n::Tr = $crate::i18n::Tr($zh, $en);)*
    };
}
pub(crate) use texts;

/// A translatable interface string (kept in the core, whose registries
/// carry their labels as `Tr` too).
pub use crate::core::Tr;

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

texts! {
    // Panes.
    pub PANE_SUMMARY: "概览", "Summary";
    pub PANE_BUDGET: "预算", "Budget";
    pub PANE_INDICATORS: "指标", "Indicators";
    pub PANE_WORKLOAD: "工作量", "Workload";
    pub PANE_CHECKS: "检查", "Checks";
    pub PANE_UNIT: "单位", "Unit";
    pub PANE_REPORT: "报告文字", "Report text";
    pub DEDUCTION_REASON: "扣分原因", "deduction reason";
    pub CONCERN_PRINTED: "报告所写数字", "the printed figures";
    pub CONCERN_TABLE: "评分表", "the scoring table";
    pub CODE: "代码", "code";
    pub PRINTED_LABEL: "报告所写", "Printed";
    pub CHARS: "字", "characters";

    // Header.
    pub MODIFIED: "已修改", "modified";
    pub UNVERIFIED_TABLE: "评分表未核实", "table unverified";
    pub READ_ONLY: "只读", "read-only";
    pub TOTAL: "总分", "Total";
    pub GRADE: "等级", "Grade";
    /// The header's grade while some leaves are unscored (check and the report say how many).
    pub NOT_GRADED: "未评定", "not graded";
    pub UNSCORED: "未评", "none";
    pub WARNINGS: "警告", "Warnings";
    pub YEAR_SUFFIX: "年度", "";
    pub NEW_FILE: "（新文件，尚未保存）", "(new file, not saved yet)";
    pub SAMPLE_NEW_FILE: "（示例 · 新文件，尚未保存）", "(sample · new file, not saved yet)";
    pub SAMPLE_SOURCE: "（内置样例）", "(embedded sample)";

    // Columns.
    pub COL_ITEM: "项目", "Item";
    pub COL_VALUE: "数值", "Value";
    pub COL_UNIT: "单位", "Unit";
    pub COL_INDICATOR: "指标", "Indicator";
    pub COL_WEIGHT: "分值", "Weight";
    pub COL_SCORE: "得分", "Score";
    pub COL_LOST: "扣分", "Lost";
    pub COL_SELF: "自评", "Officer";
    pub COL_REVIEW: "复核", "Review";
    pub COL_REASON: "扣分理由", "Reason";
    pub COL_EVIDENCE: "佐证材料", "Evidence";
    pub COL_TARGET: "目标", "Target";
    pub COL_COMPLETION: "完成率", "Done";
    pub COL_LAST_YEAR: "上年", "Last yr";
    pub COL_CHANGE: "增减", "Change";
    pub COL_PER_CAPITA: "人均", "Per cap.";
    pub COL_REVIEW_COMMENT: "复核意见", "Review note";
    pub COL_SEVERITY: "级别", "Level";
    pub COL_MESSAGE: "说明", "Message";
    pub COL_CHOICE: "等级/得分", "Level/score";

    // Summary pane.
    pub SCORE_BY_L1: "一级指标得分", "Score by top-level indicator";
    pub KEY_RATIOS: "关键比率", "Key ratios";
    /// Around "2/6" when not every key ratio fits: "（显示 2/6，其余见 2 预算）".
    pub RATIOS_SHOWN: "（显示 ", " (showing ";
    pub RATIOS_REST_IN: "，其余见 ", ", the rest in ";
    pub RATIOS_CLOSE: "）", ")";
    pub WARNINGS_BY_SEVERITY: "警告（按级别）", "Warnings by severity";
    pub THRESHOLD: "标准", "threshold";
    pub NOT_AVAILABLE: "n/a", "n/a";
    pub NOT_COMPUTED: "无法计算", "n/a";
    pub MISSING: "缺数据", "missing";
    pub PRINTED: "报告", "printed ";
    pub NO_WARNINGS: "没有警告", "No warnings";

    // Detail panel.
    /// Before and after the count of wrapped lines the panel has no room for.
    pub REVIEW_OVERVIEW_FILE: "审核总览.csv", "overview.csv";
    pub REVIEW_RESULTS_FILE: "审核结果.xlsx", "reviews.xlsx";
    pub REVIEW_UNBOUND_KEY: "键在此没有作用（? 查看按键）", "does nothing here (? lists the keys)";
    pub REVIEW_OVERVIEW_KEY: "该键在总览中使用（Esc 返回总览）", "this key works in the overview (Esc goes back to it)";
    pub REVIEW_NOTHING_TO_UNDO: "没有可撤销的审核修改", "no review change to undo";
    pub REVIEW_NOTHING_TO_REDO: "没有可重做的审核修改", "no review change to redo";
    pub REVIEW_UNDONE: "已撤销审核修改", "review change undone";
    pub REVIEW_REDONE: "已重做审核修改", "review change redone";
    pub DETAIL_PAGE: "…说明第", "… page";
    pub DETAIL_PAGE_KEYS: "页（] 下一页，[ 上一页）", "(] next, [ previous)";
    pub DETAIL: "说明", "Detail";
    pub FORMULA: "公式", "Formula";
    pub ARITHMETIC: "计算", "Arithmetic";
    pub INPUTS: "输入", "Inputs";
    pub RULE: "评分规则", "Rule";
    pub STANDARD: "评分标准", "Standard";
    pub WORKING: "得分计算", "Working";
    pub MEASURED: "计量值", "Measured";
    pub FROM_REPORT: "（取自报告所写数）", "(from the report's printed figure)";
    pub CONCERNS: "涉及", "Concerns";
    pub PARTS_SUM: "分项合计", "Parts sum";
    pub FULL_TEXT: "全文", "Full text";
    pub ZERO_DENOMINATOR: "分母为 0，无法计算（n/a）", "zero denominator (n/a)";
    pub OVERFLOW: "数值过大，无法计算（n/a）", "too large to compute (n/a)";
    pub MISSING_INPUTS: "缺少输入：", "missing inputs: ";
    pub INPUTS_WHERE: "改计算", "to change the computation";
    pub INPUTS_IN_BUDGET: "其输入在 2 预算面板；此处 Enter 填报告所印的自评分", "its inputs are in pane 2; Enter here types the self-score the report prints";
    pub DERIVED_HINT: "计算所得，修改其输入即可", "derived: edit its inputs instead";
    pub SUBTOTAL_HINT: "小计由下级指标相加，按 Enter 折叠/展开", "subtotal of its children; Enter folds/unfolds";
    pub GROUP_TOTAL: "组合计", "Group total";

    // Editing and status messages.
    pub EDITING: "编辑", "Edit";
    pub SEARCH: "搜索", "Search";
    pub SAVED: "已保存", "Saved";
    pub SAVE_FAILED: "保存失败", "Save failed";
    pub NOTHING_TO_UNDO: "没有可撤销的修改", "Nothing to undo";
    pub NOTHING_TO_REDO: "没有可重做的修改", "Nothing to redo";
    pub UNDONE: "已撤销", "Undone";
    pub REDONE: "已重做", "Redone";
    pub REVERTED: "已恢复到上次保存的内容（可撤销）", "Reverted to the saved file (undo brings the edits back)";
    pub NOT_EDITABLE: "此项不可编辑", "This row cannot be edited";
    pub ANALYSIS_WHERE: "分析按指标填写：在指标面板（3）选中一个末级指标后按 T", "An analysis belongs to an indicator: select a leaf in the indicators pane (3), then T";
    pub COL_ANALYSIS: "分析", "Analysis";
    pub NOT_APPLICABLE_CONFIRMED: "已确认本项不适用", "Confirmed as not applicable";
    pub READ_ONLY_REFUSED: "只读模式，不能修改", "Read-only: editing is disabled";
    pub NO_MATCH: "没有找到", "No match for";
    pub MATCH: "匹配", "match";
    pub COMMITTED: "已更新", "Updated";
    pub RECOVERY_WRITE_FAILED: "恢复文件写入失败", "recovery file not written";
    pub NEEDS_TERMINAL: "jixiao 需要一个终端；无终端时可用 jixiao check 文件名", "jixiao needs a terminal; without one, use jixiao check FILE";
    pub PASTE_IGNORED: "粘贴仅用于输入框，已忽略（先按 Enter 开始编辑）", "Paste works only in an editor; ignored (press Enter to edit first)";
    pub CANCELLED: "已取消，保留原值", "Cancelled; the old value is kept";
    pub SCORE_ABOVE_WEIGHT: "得分不能超过分值", "A score cannot exceed the weight";
    pub CLEARED_VALUE: "已清空（视为未填）", "Cleared (not given)";
    pub QUIT_QUESTION: "有未保存的修改。S 保存并退出 · D 不保存退出 · Esc 返回继续编辑", "Unsaved changes. S save and quit · D quit without saving · Esc stay";
    pub WINDOW_TOO_SMALL: "窗口太小，请放大到至少 80×24", "Window too small: at least 80×24 please";
    pub BROWSE: "浏览（所有面板）", "Browse (all panes)";
    pub HELP_SECTION: "帮助窗口", "This help";
    pub QUIT_TITLE: "退出确认", "Quit question";
    pub HELP_TITLE: "按键帮助（Esc 关闭）", "Keys (Esc closes)";
    pub CHOOSE: "选择", "Choose";
    pub NOTHING_FOUND_JUMP: "该警告没有可跳转的位置", "This warning has no place to jump to";

    // Reviewer mode.
    pub UNREADABLE_FILES: "份无法读取", "unreadable";
    pub REVIEW_TITLE: "审核", "Review";
    pub REVIEW_FILTER_TEXT: "筛选单位名称", "Filter unit names";
    pub REVIEW_FILTER_DIFF: "自评与计算得分之差至少", "Reported vs computed difference at least";
    pub REVIEW_COMMENT: "审核意见", "Review comment";
    pub REVIEW_REVIEWER: "审核人姓名", "Reviewer's name";
    pub REVIEW_BUREAU_NAME: "发函单位（如 湛江市霞山区财政局）", "Bureau's name";
    pub REVIEW_BUREAU_NUMBER: "文号格式（{年} 为年份，{序号} 为序号，如 霞财绩〔{年}〕{序号}号）", "Letter number pattern ({year}, {n})";
    pub REVIEW_BUREAU_CONTACT: "联系人及电话", "Contact and telephone";
    pub REVIEW_BUREAU_DEADLINE: "重新报送截止日期（如 2026-12-31）", "Resubmission deadline (e.g. 2026-12-31)";
    pub REVIEW_BUREAU_SET: "发函单位已记入审核文件（保存后生效）", "The bureau is kept in the review files (once saved)";
    pub REVIEW_BY: "审核人", "Reviewer";
    pub REVIEW_REVIEWER_SET: "审核人（记入保存的审核文件）", "Reviewer (recorded in the review files saved)";
    pub REVIEW_EXPORT_OVERVIEW: "导出总览到（.csv 或 .xlsx）", "Export overview to (.csv or .xlsx)";
    pub REVIEW_EXPORT_REVIEWS: "导出审核结果到（.csv 或 .xlsx）", "Export review results to (.csv or .xlsx)";
    pub REVIEW_FILTERS_CLEARED: "已清除全部筛选", "All filters cleared";
    pub REVIEW_STATUS: "审核状态", "Review status";
    pub REVIEW_MARKED: "已标记，选择另一份后按 d 对比", "Marked; select another and press d to compare";
    pub REVIEW_MARK_FIRST: "请先用 m 标记一份工作簿", "Mark a workbook with m first";
    pub REVIEW_CANNOT_COMPARE: "无法对比：有文件未能打开", "Cannot compare: a file did not open";
    pub REVIEW_SAVED: "审核记录已保存（部门文件未改动）", "Reviews saved (department files untouched)";
    pub REVIEW_EXPORTED: "已导出", "Exported";
    pub REVIEW_QUIT_QUESTION: "审核记录未保存。S 保存并退出 · D 不保存退出 · Esc 返回", "Unsaved reviews. S save and quit · D quit without saving · Esc stay";
    pub REVIEW_MATRIX: "单位 × 指标（得分占分值比例）", "Units × indicators (score as share of weight)";
    pub REVIEW_DIFF: "对比", "Compare";
    pub REVIEW_MATRIX_SECTION: "单位×指标矩阵", "Units × indicators matrix";
    pub REVIEW_DRILL: "审核：打开的工作簿", "Review: an opened workbook";
    pub REVIEW_REASON: "退回原因（Enter 确认并设为退回）", "Reason for sending back (Enter sets the status to returned)";
    pub REVIEW_INDICATOR_REASON: "指标退回原因", "Indicator send-back reason";
    pub REVIEW_EXPORT_LETTER: "导出退回函到（.docx / .md）", "Export the send-back letter to (.docx / .md)";
    pub REVIEW_EXPORT_SUMMARY: "导出审核汇总表到（.xlsx / .csv / .md）", "Export the bureau's summary to (.xlsx / .csv / .md)";
    pub REVIEW_REASON_SHOWN: "已退回，原因", "Sent back";
    pub REVIEW_REASON_RECORDED: "退回原因已记录", "Send-back reason recorded";
    pub REVIEW_REASON_CLEARED: "退回原因已清除", "Send-back reason cleared";
    pub REVIEW_REASON_NEEDS_INDICATOR: "请在指标面板（3）选中一个指标再按 b", "select an indicator in the indicators pane (3), then press b";
    pub REVIEW_ROWS: "份", "files";
    pub REVIEW_AVERAGE: "平均", "Average";
    pub REVIEW_GRADES: "等级分布", "Grades";
    pub REVIEW_FILTERS: "筛选", "Filters";
    pub REVIEW_SORTED: "排序", "Sorted by";
    pub REVIEW_LEGEND: "● 满分 ◕ ≥80% ◑ ≥60% ◔ >0 ○ 0 ? 未评 * 复核", "● full ◕ ≥80% ◑ ≥60% ◔ >0 ○ 0 ? unscored * reviewed";
    pub REVIEW_DIFFERS: "处不同", "differences";

    // Saving safely.
    pub CHANGED_ON_DISK: "文件在打开后已被修改（可能是同事保存的）", "The file changed on disk since it was opened (a colleague may have saved it)";
    pub EXTERNAL_QUESTION: "文件已被他人修改。O 仍然覆盖（原文件留作 .bak）· A 另存为 · R 重新读取（放弃内存中的修改，需按两次）· Esc 返回", "The file changed on disk. O overwrite (theirs kept as .bak) · A save as · R reload (drops your edits; press twice) · Esc stay";
    pub RELOAD_AGAIN: "再按一次 R 确认：放弃内存中的修改并重新读取（之后可用 u 撤销找回）", "Press R again to drop your edits and reload (u brings them back)";
    pub NOT_SAVED_KEPT: "未保存；修改仍在内存中", "Not saved; your edits are still here";
    pub RELOADED: "已重新读取文件（u 可找回之前的修改）", "Reloaded from disk (u brings your edits back)";
    pub SAVE_AS: "另存为", "Save as";
    pub RECOVERY_TITLE: "发现未保存的修改", "Unsaved edits found";
    pub RECOVERY_QUESTION: "R 恢复这些修改 · O 打开已保存的文件（恢复文件保留到下次保存或退出）· D 先看差异", "R restore these edits · O open the saved file (the recovery is kept until you save or quit) · D show the differences";
    pub RECOVERY_RESTORED: "已恢复上次未保存的修改（u 可撤销）", "Restored the unsaved edits (u undoes)";
    pub RECOVERY_KEPT: "已打开保存的文件；恢复文件保留到下次保存或退出", "Opened the saved file; the recovery file is kept until you save or quit";
    pub NO_DIFFERENCES: "与保存的文件没有差异", "No differences from the saved file";
    pub EXPORTED: "已导出", "Exported";
    pub EXPORT_FAILED: "导出失败", "Export failed";
    pub REPLACE_ASK: "已存在，未覆盖：再按 Enter 替换它（原文件留作 .bak），或改个文件名；Esc 取消", "already exists, not replaced: press Enter again to replace it (the old one is kept as .bak), or change the name; Esc cancels";
    pub REPORT_SUFFIX: "自评报告", "report";

    // The rule form (issue 11).
    pub RULE_FORM: "评分规则", "Scoring rule";
    pub RULE_KIND: "规则类型", "rule kind";
    pub RULE_METRIC: "计算指标", "metric";
    pub RULE_NO_METRIC: "（无，不计算比率）", "(none, no rate)";
    pub RULE_READS_AS: "将读作", "reads as";
    pub RULE_NOT_YET: "尚不完整", "not complete yet";
    pub STRUCTURE_CONFIRM: "确认删除", "Confirm delete";

    // Reviewer mode at scale: reading again, reloading (issue 15).
    pub REVIEW_NOTHING_CHANGED: "没有工作簿在读取后被修改", "No workbook changed since it was read";
    pub REVIEW_CHANGED_SINCE_READ: "在读取后已被修改，按 r 重新读取后再打开", "changed since it was read; press r to reload it first";
    // What-if in the detail panel.
    pub WHAT_IF: "假如", "What if";
    pub WHAT_IF_GRADE: "等级", "Grade";
    pub WHAT_IF_NONE: "附近没有改变得分的输入值", "no nearby input value changes the score";

    // The rule form's metric row: a basis, a table's formula.
    pub RULE_BASIS_OPEN: "（以", " (on ";
    pub RULE_BASIS_CLOSE: "为准）", ")";
    pub RULE_TABLE_FORMULA: "表内公式：", "table formula: ";
}
