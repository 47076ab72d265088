//! Keys → actions, one table per mode. The help overlay and the hint bar are
//! generated from this table, so they never disagree with the keys.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::keys::Key;
use super::keys::{c, ctrl, k};
use super::panes::PANES;
use super::{Action, ModeKind};
use crate::i18n::{self as t, Tr};

/// A binding: keys, the action they give, and what help says about it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: ModeKind,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: Tr,
    /// Shown in the bottom hint bar.
    pub hint: bool,
}

macro_rules! bind {
    ($mode:ident, [$($key:expr),+], $action:expr, $zh:literal, $en:literal, $hint:expr) => {
        Binding { mode: ModeKind::$mode, keys: &[$($key),+], action: $action, help: Tr($zh, $en), hint: $hint }
    };
}

/// The moving keys of a list (the workbench's panes, the reviewer's
/// overview): rows, columns (`$left`, `$right` say what ←→ pick, and the
/// hint bar shows them when `$hint_columns`), pages, ends.
#[rustfmt::skip]
macro_rules! list_moves {
    ($mode:ident, $left:literal, $right:literal, $hint_columns:expr) => {[
        bind!($mode, [k(KeyCode::Up), c('k')], Action::Up, "上移", "up", false),
        bind!($mode, [k(KeyCode::Down), c('j')], Action::Down, "下移", "down", false),
        bind!($mode, [k(KeyCode::Left), c('h')], Action::Left, $left, "previous column", $hint_columns),
        bind!($mode, [k(KeyCode::Right), c('l')], Action::Right, $right, "next column", $hint_columns),
        bind!($mode, [k(KeyCode::PageUp)], Action::PageUp, "上一页", "page up", false),
        bind!($mode, [k(KeyCode::PageDown)], Action::PageDown, "下一页", "page down", false),
        bind!($mode, [k(KeyCode::Home), c('g')], Action::Home, "第一行", "first row", false),
        bind!($mode, [k(KeyCode::End), c('G')], Action::End, "最后一行", "last row", false),
    ]};
}

static BROWSE_MOVES: [Binding; 8] = list_moves!(Browse, "左一列", "右一列", false);
static REVIEW_LIST_MOVES: [Binding; 8] = list_moves!(ReviewList, "选择左一列", "选择右一列", false);
static REVIEW_MATRIX_MOVES: [Binding; 8] = list_moves!(ReviewMatrix, "上一指标", "下一指标", true);
static REVIEW_DRILL_MOVES: [Binding; 8] = list_moves!(
    ReviewDrill,
    "左一列（指标面板：复核意见）",
    "右一列（指标面板：复核）",
    false
);

/// The comparison scrolls as the matrix does, but has no columns to move to.
fn review_diff_moves() -> impl Iterator<Item = Binding> {
    REVIEW_MATRIX_MOVES
        .iter()
        .filter(|b| !matches!(b.action, Action::Left | Action::Right))
        .map(|b| Binding {
            mode: ModeKind::ReviewDiff,
            ..b.clone()
        })
}

/// Every binding of every mode: the pane-switching keys, then one key per
/// pane from the pane registry, then the moving keys of the lists, then the
/// rest (each mode's bindings keep their order: help lists them so).
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let jumps = |mode| {
        PANES.iter().enumerate().map(move |(i, spec)| Binding {
            mode,
            keys: spec.keys,
            action: Action::GoPane(i),
            help: spec.jump_help,
            hint: false,
        })
    };
    PANE_SWITCHING
        .iter()
        .cloned()
        .chain(jumps(ModeKind::Browse))
        .chain(BROWSE_MOVES.iter().cloned())
        .chain(REVIEW_LIST_MOVES.iter().cloned())
        .chain(REVIEW_MATRIX_MOVES.iter().cloned())
        .chain(review_diff_moves())
        .chain(OTHER_BINDINGS.iter().cloned())
        .chain(REVIEW_DRILL_PANES.iter().cloned())
        .chain(jumps(ModeKind::ReviewDrill))
        .chain(REVIEW_DRILL_MOVES.iter().cloned())
        .chain(REVIEW_DRILL_BINDINGS.iter().cloned())
        .collect()
});

#[rustfmt::skip]
static PANE_SWITCHING: &[Binding] = &[
    bind!(Browse, [k(KeyCode::Tab)], Action::NextPane, "下一个面板", "next pane", true),
    bind!(Browse, [k(KeyCode::BackTab)], Action::PrevPane, "上一个面板", "previous pane", false),
];

/// A drill-in's keys: the reviewer's screen over one unit's panes. Only what
/// works there (the department's file is read-only); `review_drill_action`
/// says why of the workbench's other keys and the overview's.
#[rustfmt::skip]
static REVIEW_DRILL_PANES: &[Binding] = &[
    bind!(ReviewDrill, [k(KeyCode::Tab)], Action::NextPane, "下一个面板", "next pane", false),
    bind!(ReviewDrill, [k(KeyCode::BackTab)], Action::PrevPane, "上一个面板", "previous pane", false),
];

#[rustfmt::skip]
static REVIEW_DRILL_BINDINGS: &[Binding] = &[
    bind!(ReviewDrill, [k(KeyCode::Enter), c('e')], Action::Activate, "填复核或意见 / 折叠 / 跳转", "review score or comment / fold / jump", true),
    bind!(ReviewDrill, [c('b')], Action::ReturnReasonPrompt, "指标退回原因", "indicator's send-back reason", true),
    bind!(ReviewDrill, [c('t')], Action::CycleStatus, "本单位的审核状态（轮换）", "the unit's review status (cycles)", false),
    bind!(ReviewDrill, [c('c')], Action::CommentPrompt, "本单位的审核意见", "the unit's review comment", false),
    bind!(ReviewDrill, [c(']')], Action::DetailDown, "说明向下滚动", "scroll the detail panel down", false),
    bind!(ReviewDrill, [c('[')], Action::DetailUp, "说明向上滚动", "scroll the detail panel up", false),
    bind!(ReviewDrill, [c('/')], Action::SearchStart, "搜索", "search", false),
    bind!(ReviewDrill, [c('n')], Action::SearchNext, "下一个匹配", "next match", false),
    bind!(ReviewDrill, [c('N')], Action::SearchPrev, "上一个匹配", "previous match", false),
    bind!(ReviewDrill, [c('u')], Action::Undo, "撤销（复核、复核意见）", "undo (review score, comment)", false),
    bind!(ReviewDrill, [ctrl('r')], Action::Redo, "重做", "redo", false),
    bind!(ReviewDrill, [ctrl('s')], Action::Save, "保存审核记录", "save reviews", true),
    bind!(ReviewDrill, [c('?')], Action::Help, "帮助", "help", true),
    bind!(ReviewDrill, [k(KeyCode::Esc), c('q')], Action::Cancel, "返回上一屏", "back", true),
];

#[rustfmt::skip]
static OTHER_BINDINGS: &[Binding] = &[
    bind!(Browse, [k(KeyCode::Enter), c('e')], Action::Activate, "编辑 / 折叠 / 跳转", "edit / fold / jump", true),
    bind!(Browse, [c('/')], Action::SearchStart, "搜索", "search", true),
    bind!(Browse, [c('n')], Action::SearchNext, "下一个匹配", "next match", false),
    bind!(Browse, [c('N')], Action::SearchPrev, "上一个匹配", "previous match", false),
    bind!(Browse, [c('u')], Action::Undo, "撤销", "undo", true),
    bind!(Browse, [ctrl('r')], Action::Redo, "重做", "redo", false),
    bind!(Browse, [ctrl('s')], Action::Save, "保存", "save", true),
    bind!(Browse, [c('W')], Action::SaveAsPrompt, "另存为", "save as", false),
    bind!(Browse, [c('x')], Action::ExportPrompt, "导出报告或表格", "export the report or tables", false),
    bind!(Browse, [c('R')], Action::RevertToSaved, "恢复到已保存内容", "revert to saved", false),
    bind!(Browse, [c('?')], Action::Help, "帮助", "help", true),
    bind!(Browse, [c('q')], Action::Quit, "退出", "quit", true),
    bind!(Browse, [k(KeyCode::Esc)], Action::Cancel, "清除提示", "clear message", false),
    bind!(Browse, [c('a')], Action::AddAfter, "在其后添加（指标、组、项、分项、名单）", "add after (indicator, group, item, part, list row)", false),
    bind!(Browse, [c('i')], Action::InsertBefore, "在其前插入", "insert before", false),
    bind!(Browse, [c('A')], Action::AddBelow, "添加下级（下级指标、组内项、分项）", "add below (sub-indicator, item, part)", false),
    bind!(Browse, [c('D')], Action::DeleteRow, "删除所选行（有内容时先问）", "delete the row (asks when it holds content)", false),
    bind!(Browse, [c('K')], Action::MoveRowUp, "上移所选行", "move the row up", false),
    bind!(Browse, [c('J')], Action::MoveRowDown, "下移所选行", "move the row down", false),
    bind!(Browse, [c('r')], Action::Rename, "改名", "rename", false),
    bind!(Browse, [c('U')], Action::EditUnit, "计量单位（份、次、件…）", "unit word (copies, times, cases…)", false),
    bind!(Browse, [c('~')], Action::ToggleLowerBound, "切换“余”（下限）", "toggle the lower-bound mark (\"at least\")", false),
    bind!(Browse, [c('w')], Action::EditWeight, "改权重（检查上级与一级合计）", "edit the weight (checks the sums)", false),
    bind!(Browse, [c('f')], Action::OpenRuleForm, "评分规则表单", "the rule form", false),
    bind!(Browse, [c('V')], Action::VerifyTable { at: String::new() }, "标记评分表已核实（核实人、时间）", "mark the table verified (who, when)", false),
    bind!(RuleForm, [k(KeyCode::Up)], Action::Up, "上一栏", "previous field", true),
    bind!(RuleForm, [k(KeyCode::Down)], Action::Down, "下一栏", "next field", true),
    bind!(RuleForm, [k(KeyCode::Left)], Action::Left, "上一个选项", "previous option", true),
    bind!(RuleForm, [k(KeyCode::Right)], Action::Right, "下一个选项", "next option", true),
    bind!(RuleForm, [k(KeyCode::Backspace)], Action::Backspace, "删除前一字", "delete before", false),
    bind!(RuleForm, [ctrl('u')], Action::ClearInput, "清空本栏", "clear the field", false),
    bind!(RuleForm, [k(KeyCode::Enter)], Action::Commit, "确认规则", "set the rule", true),
    bind!(RuleForm, [k(KeyCode::Esc)], Action::Cancel, "取消", "cancel", true),
    bind!(ConfirmDelete, [c('y'), c('Y')], Action::Choose('y'), "删除", "delete", true),
    bind!(ConfirmDelete, [k(KeyCode::Esc), c('n')], Action::Cancel, "保留", "keep", true),
    bind!(Browse, [c(']')], Action::DetailDown, "说明向下滚动", "scroll the detail panel down", false),
    bind!(Browse, [c('[')], Action::DetailUp, "说明向上滚动", "scroll the detail panel up", false),
    bind!(ReviewDrill, [c('E')], Action::OpenEvidence, "佐证材料清单（Enter 用系统程序打开文件）", "evidence files (Enter opens one with the system's viewer)", false),
    bind!(Browse, [c('E')], Action::OpenEvidence, "佐证材料清单（列入、移除、打开文件）", "evidence files (list, remove, open)", false),
    bind!(Evidence, [k(KeyCode::Up)], Action::Up, "上一项", "previous", true),
    bind!(Evidence, [k(KeyCode::Down)], Action::Down, "下一项", "next", true),
    bind!(Evidence, [k(KeyCode::Enter)], Action::Commit, "列入所选文件 / 打开已列文件", "list the file / open a listed one", true),
    bind!(Evidence, [k(KeyCode::Delete)], Action::Delete, "移除已列文件", "remove a listed file", true),
    bind!(Evidence, [k(KeyCode::Backspace)], Action::Backspace, "删除前一字", "delete before", false),
    bind!(Evidence, [ctrl('u')], Action::ClearInput, "清空", "clear", false),
    bind!(Evidence, [k(KeyCode::Esc)], Action::Cancel, "关闭（输入名称时：返回）", "close (while typing a title: back)", true),
    bind!(Browse, [c('T')], Action::EditAnalysis, "所选指标的分析（印入报告）", "the indicator's analysis (in the report)", false),
    bind!(Browse, [c('P')], Action::FillPrinted, "报告所写数字按计算值填写", "fill the printed figures from the computed ones", false),
    bind!(Edit, [k(KeyCode::Enter)], Action::Commit, "确认", "commit", true),
    bind!(Edit, [k(KeyCode::Esc)], Action::Cancel, "取消并恢复原值", "cancel and restore", true),
    bind!(Edit, [ctrl('u')], Action::ClearInput, "清空", "clear", true),
    bind!(Edit, [k(KeyCode::Left)], Action::CaretLeft, "光标左移", "caret left", true),
    bind!(Edit, [k(KeyCode::Right)], Action::CaretRight, "光标右移", "caret right", false),
    bind!(Edit, [k(KeyCode::Home)], Action::CaretHome, "光标到行首", "caret to start", false),
    bind!(Edit, [k(KeyCode::End)], Action::CaretEnd, "光标到行尾", "caret to end", false),
    bind!(Edit, [k(KeyCode::Backspace)], Action::Backspace, "删除前一字", "delete before", false),
    bind!(Edit, [k(KeyCode::Delete)], Action::Delete, "删除后一字", "delete after", false),
    bind!(Edit, [ctrl('n')], Action::Newline, "换行（报告文字）", "new line (report text)", false),
    bind!(Search, [k(KeyCode::Enter)], Action::Commit, "跳到第一个匹配", "jump to first match", true),
    bind!(Search, [k(KeyCode::Esc)], Action::Cancel, "取消搜索", "cancel search", true),
    bind!(Search, [ctrl('u')], Action::ClearInput, "清空", "clear", true),
    bind!(Search, [k(KeyCode::Left)], Action::CaretLeft, "光标左移", "caret left", false),
    bind!(Search, [k(KeyCode::Right)], Action::CaretRight, "光标右移", "caret right", false),
    bind!(Search, [k(KeyCode::Backspace)], Action::Backspace, "删除前一字", "delete before", false),
    bind!(Choice, [k(KeyCode::Up), c('k')], Action::Up, "上一项", "previous option", true),
    bind!(Choice, [k(KeyCode::Down), c('j')], Action::Down, "下一项", "next option", true),
    bind!(Choice, [c(' ')], Action::Input(' '), "勾选/取消（清单）", "toggle (checklist)", true),
    bind!(Choice, [k(KeyCode::Enter)], Action::Commit, "确认", "commit", true),
    bind!(Choice, [k(KeyCode::Esc)], Action::Cancel, "取消", "cancel", true),
    bind!(ConfirmQuit, [c('s'), c('S')], Action::SaveAndQuit, "保存并退出", "save and quit", true),
    bind!(ConfirmQuit, [c('d'), c('D')], Action::DiscardAndQuit, "不保存退出", "quit without saving", true),
    bind!(ConfirmQuit, [k(KeyCode::Esc)], Action::Cancel, "返回继续编辑", "stay", true),
    bind!(ReviewList, [k(KeyCode::Enter)], Action::Activate, "打开（只读）", "open (read-only)", true),
    bind!(ReviewList, [c('s')], Action::SortColumn, "按所选列排序（再按反向）", "sort by the column (again: reverse)", true),
    bind!(ReviewList, [c('/')], Action::SearchStart, "筛选单位名称", "filter unit names", true),
    bind!(ReviewList, [c('f')], Action::CycleGradeFilter, "按等级筛选（轮换）", "filter by grade (cycles)", false),
    bind!(ReviewList, [c('y')], Action::CycleYearFilter, "按年度筛选（轮换）", "filter by year (cycles)", false),
    bind!(ReviewList, [c('T')], Action::CycleStatusFilter, "按审核状态筛选（轮换）", "filter by review status (cycles)", false),
    bind!(ReviewList, [c('w')], Action::ToggleWarningsFilter, "只看有严重警告的", "only with high warnings", false),
    bind!(ReviewList, [c('>')], Action::DifferencePrompt, "自评与计算之差大于…", "difference above…", false),
    bind!(ReviewList, [c('F')], Action::ClearFilters, "清除筛选", "clear filters", false),
    bind!(ReviewList, [c('r')], Action::ReloadChanged, "重新读取有变化的工作簿", "reload changed workbooks", false),
    bind!(ReviewList, [c('t')], Action::CycleStatus, "审核状态（轮换）", "review status (cycles)", true),
    bind!(ReviewList, [c('c')], Action::CommentPrompt, "审核意见", "review comment", false),
    bind!(ReviewList, [c('u')], Action::Undo, "撤销审核修改（状态、意见、原因、复核）", "undo a review change (status, comment, reason, scores)", false),
    bind!(ReviewList, [ctrl('r')], Action::Redo, "重做", "redo", false),
    bind!(ReviewList, [c('B')], Action::BureauPrompt, "发函单位、文号、联系人、重新报送截止日期（记入审核文件）", "the bureau: name, letter number, contact, resubmission deadline (kept in the review files)", false),
    bind!(ReviewList, [c('n')], Action::ReviewerPrompt, "审核人姓名（记入审核文件）", "reviewer's name (recorded in the review files)", false),
    bind!(ReviewList, [c('m')], Action::Mark, "标记以便对比", "mark for comparison", false),
    bind!(ReviewList, [c('d')], Action::ShowDiff, "与标记的对比", "compare with the marked one", false),
    bind!(ReviewList, [c('x')], Action::ShowMatrix, "单位×指标矩阵", "units × indicators matrix", false),
    bind!(ReviewList, [c('o')], Action::ExportOverview, "导出总览", "export overview", false),
    bind!(ReviewList, [c('O')], Action::ExportReviews, "导出审核结果", "export review results", false),
    bind!(ReviewList, [c('b')], Action::ReturnReasonPrompt, "退回原因（并设为退回）", "send back with a reason", true),
    bind!(ReviewList, [c('L')], Action::ExportLetter, "导出退回函（.docx / .md）", "export the send-back letter (.docx / .md)", false),
    bind!(ReviewList, [c('S')], Action::ExportSummary, "导出审核汇总表（.xlsx / .csv / .md）", "export the bureau's summary (.xlsx / .csv / .md)", false),
    bind!(ReviewList, [ctrl('s')], Action::Save, "保存审核记录", "save reviews", true),
    bind!(ReviewList, [c('?')], Action::Help, "帮助", "help", true),
    bind!(ReviewList, [c('q')], Action::Quit, "退出", "quit", true),
    bind!(ReviewList, [k(KeyCode::Esc)], Action::Cancel, "清除提示", "clear message", false),
    bind!(ReviewMatrix, [k(KeyCode::Enter)], Action::Activate, "打开该单位的该指标", "open the unit at the indicator", true),
    bind!(ReviewMatrix, [k(KeyCode::Esc), c('q')], Action::Cancel, "返回总览", "back to the overview", true),
    bind!(ReviewMatrix, [c('?')], Action::Help, "帮助", "help", true),
    bind!(ReviewDiff, [k(KeyCode::Esc), c('q')], Action::Cancel, "返回总览", "back to the overview", true),
    bind!(ReviewDiff, [c('?')], Action::Help, "帮助", "help", true),
    bind!(Prompt, [k(KeyCode::Enter)], Action::Commit, "确认", "commit", true),
    bind!(Prompt, [k(KeyCode::Esc)], Action::Cancel, "取消", "cancel", true),
    bind!(Prompt, [ctrl('u')], Action::ClearInput, "清空", "clear", true),
    bind!(Prompt, [k(KeyCode::Left)], Action::CaretLeft, "光标左移", "caret left", false),
    bind!(Prompt, [k(KeyCode::Right)], Action::CaretRight, "光标右移", "caret right", false),
    bind!(Prompt, [k(KeyCode::Backspace)], Action::Backspace, "删除前一字", "delete before", false),
    bind!(ConfirmExternal, [c('o'), c('O')], Action::Choose('o'), "仍然覆盖（对方版本留作 .bak）", "overwrite (theirs kept as .bak)", true),
    bind!(ConfirmExternal, [c('a'), c('A')], Action::Choose('a'), "另存为", "save as", true),
    bind!(ConfirmExternal, [c('r'), c('R')], Action::Choose('r'), "重新读取（按两次）", "reload (press twice)", true),
    bind!(ConfirmExternal, [k(KeyCode::Esc)], Action::Cancel, "返回，不保存", "stay, not saved", true),
    bind!(RecoveryOffer, [c('r'), c('R')], Action::Choose('r'), "恢复未保存的修改", "restore the unsaved edits", true),
    bind!(RecoveryOffer, [c('o'), c('O')], Action::Choose('o'), "打开已保存的文件", "open the saved file", true),
    bind!(RecoveryOffer, [c('d'), c('D')], Action::Choose('d'), "显示/隐藏差异", "show/hide the differences", true),
    bind!(RecoveryOffer, [k(KeyCode::Up), c('k')], Action::Up, "向上滚动", "scroll up", false),
    bind!(RecoveryOffer, [k(KeyCode::Down), c('j')], Action::Down, "向下滚动", "scroll down", false),
    bind!(Reader, [k(KeyCode::Up), c('k')], Action::Up, "向上滚动", "scroll up", true),
    bind!(Reader, [k(KeyCode::Down), c('j')], Action::Down, "向下滚动", "scroll down", true),
    bind!(Reader, [k(KeyCode::PageUp)], Action::PageUp, "上一页", "page up", true),
    bind!(Reader, [k(KeyCode::PageDown), c(' ')], Action::PageDown, "下一页", "page down", true),
    bind!(Reader, [k(KeyCode::Home), c('g')], Action::Home, "开头", "top", false),
    bind!(Reader, [k(KeyCode::End), c('G')], Action::End, "末尾", "end", false),
    bind!(Reader, [k(KeyCode::Esc), k(KeyCode::Enter), c('q')], Action::Cancel, "关闭报告正文", "close the report text", true),
    bind!(Help, [k(KeyCode::Esc), c('?'), c('q')], Action::Cancel, "关闭帮助", "close help", true),
    bind!(Help, [k(KeyCode::Up), c('k')], Action::Up, "向上滚动", "scroll up", true),
    bind!(Help, [k(KeyCode::Down), c('j')], Action::Down, "向下滚动", "scroll down", true),
    bind!(Help, [k(KeyCode::PageUp)], Action::PageUp, "上一页", "page up", false),
    bind!(Help, [k(KeyCode::PageDown)], Action::PageDown, "下一页", "page down", false),
];

fn key_matches(key: &Key, event: &KeyEvent) -> bool {
    let has_ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != has_ctrl {
        return false;
    }
    match (key.code, event.code) {
        // Shift is part of the character itself ('G', '?').
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (a, b) => a == b,
    }
}

/// The action a key gives in a mode, if any.
#[must_use]
pub fn action_for(mode: ModeKind, event: &KeyEvent) -> Option<Action> {
    if let Some(b) = BINDINGS
        .iter()
        .find(|b| b.mode == mode && b.keys.iter().any(|k| key_matches(k, event)))
    {
        return Some(b.action.clone());
    }
    // Text entry: any other printable character is typed.
    let typing = matches!(
        mode,
        ModeKind::Edit
            | ModeKind::Search
            | ModeKind::Choice
            | ModeKind::Prompt
            | ModeKind::RuleForm
            | ModeKind::Evidence
    );
    match event.code {
        // A terminal reports Esc followed at once by a key as Alt+key: that is
        // the officer leaving the editor, so it cancels (the old value stays)
        // rather than typing the key.
        KeyCode::Char(_) if typing && event.modifiers.contains(KeyModifiers::ALT) => {
            Some(Action::Cancel)
        }
        KeyCode::Char(ch) if typing && !event.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Input(ch))
        }
        _ => None,
    }
}

/// How a key is written in help.
#[must_use]
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "Shift-Tab".to_owned(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::Backspace => "Backspace".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// A key in a drill-in's browse mode: the reviewer's own keys first, then
/// the workbench's.
#[must_use]
pub fn review_drill_action(event: &KeyEvent) -> Option<Action> {
    // The overview's keys and the workbench's other keys do nothing here:
    // they say so (and where they work) instead of doing nothing silently.
    action_for(ModeKind::ReviewDrill, event)
        .or_else(|| action_for(ModeKind::ReviewList, event).map(|_| Action::OverviewOnly))
        .or_else(|| action_for(ModeKind::Browse, event).map(|_| Action::NotInReview))
}

/// The bindings of a mode, for help and the hint bar.
pub fn bindings_of(mode: ModeKind) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.mode == mode)
}

/// Whose help popup shows a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpFor {
    Workbench,
    Reviewer,
    /// The reviewer's help opened in a drill-in: the drill-in's keys first.
    ReviewerDrill,
    Both,
}

/// The help popup's sections in order: a mode's bindings under a heading,
/// for the workbench, the reviewer or both.
const HELP_SECTIONS: [(ModeKind, Tr, HelpFor); 15] = [
    (ModeKind::ReviewList, t::REVIEW_TITLE, HelpFor::Reviewer),
    (
        ModeKind::ReviewMatrix,
        t::REVIEW_MATRIX_SECTION,
        HelpFor::Reviewer,
    ),
    (ModeKind::ReviewDiff, t::REVIEW_DIFF, HelpFor::Reviewer),
    (ModeKind::ReviewDrill, t::REVIEW_DRILL, HelpFor::Reviewer),
    (ModeKind::Prompt, t::REVIEW_FILTERS, HelpFor::Reviewer),
    (ModeKind::Browse, t::BROWSE, HelpFor::Workbench),
    (ModeKind::Edit, t::EDITING, HelpFor::Both),
    (ModeKind::Search, t::SEARCH, HelpFor::Workbench),
    (ModeKind::Choice, t::CHOOSE, HelpFor::Workbench),
    (ModeKind::RuleForm, t::RULE_FORM, HelpFor::Workbench),
    (
        ModeKind::Evidence,
        super::evidence::TITLE,
        HelpFor::Workbench,
    ),
    (
        ModeKind::ConfirmDelete,
        t::STRUCTURE_CONFIRM,
        HelpFor::Workbench,
    ),
    (ModeKind::ConfirmQuit, t::QUIT_TITLE, HelpFor::Workbench),
    (ModeKind::Help, t::HELP_SECTION, HelpFor::Workbench),
    (ModeKind::Reader, super::reader::TITLE, HelpFor::Both),
];

/// The sections of `whose` help popup: each mode with its heading.
pub fn help_sections(whose: HelpFor) -> impl Iterator<Item = (ModeKind, Tr)> {
    let drill_first = whose == HelpFor::ReviewerDrill;
    let whose = if drill_first {
        HelpFor::Reviewer
    } else {
        whose
    };
    let first = HELP_SECTIONS
        .iter()
        .filter(move |(mode, _, _)| drill_first && *mode == ModeKind::ReviewDrill);
    let rest = HELP_SECTIONS.iter().filter(move |(mode, _, shown)| {
        (*shown == whose || *shown == HelpFor::Both)
            && !(drill_first && *mode == ModeKind::ReviewDrill)
    });
    first.chain(rest).map(|&(mode, title, _)| (mode, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn browse_mode_never_types_text() {
        for ch in ['a', 'z', '0', '我'] {
            let a = action_for(
                ModeKind::Browse,
                &press(KeyCode::Char(ch), KeyModifiers::NONE),
            );
            assert!(!matches!(a, Some(Action::Input(_))), "{ch}");
        }
    }

    #[test]
    fn product_contract_keys() {
        use KeyModifiers as M;
        let (none, ctrl, shift, alt) = (M::NONE, M::CONTROL, M::SHIFT, M::ALT);
        let (ch, esc) = (KeyCode::Char, KeyCode::Esc);
        let (browse, edit, quit) = (ModeKind::Browse, ModeKind::Edit, ModeKind::ConfirmQuit);
        let cases = [
            (browse, ch('s'), ctrl, Some(Action::Save)),
            (browse, ch('r'), ctrl, Some(Action::Redo)),
            (browse, ch('u'), none, Some(Action::Undo)),
            (browse, ch('3'), none, Some(Action::GoPane(2))),
            (browse, ch('e'), none, Some(Action::Activate)),
            (browse, ch('N'), shift, Some(Action::SearchPrev)),
            (edit, ch('u'), ctrl, Some(Action::ClearInput)),
            (edit, ch('u'), none, Some(Action::Input('u'))),
            (edit, ch('５'), none, Some(Action::Input('５'))),
            (quit, esc, none, Some(Action::Cancel)),
            (quit, ch('x'), none, None),
            // Esc then a key, arriving together, reads as Alt+key: leave the editor.
            (edit, ch('4'), alt, Some(Action::Cancel)),
        ];
        for (mode, code, mods, expected) in cases {
            assert_eq!(
                action_for(mode, &press(code, mods)),
                expected,
                "{code:?} with {mods:?} in {mode:?}"
            );
        }
    }

    #[test]
    fn each_help_popup_lists_its_sections_in_order() {
        let listed = |whose| {
            let sections =
                help_sections(whose).map(|(mode, title)| format!("{mode:?} {}", title.0));
            sections.collect::<Vec<_>>().join(" · ")
        };
        assert_eq!(
            listed(HelpFor::Workbench),
            "Browse 浏览（所有面板） · Edit 编辑 · Search 搜索 · Choice 选择 · RuleForm 评分规则 · Evidence 佐证材料清单 · ConfirmDelete 确认删除 · ConfirmQuit 退出确认 · Help 帮助窗口 · Reader 报告正文（只读）"
        );
        assert_eq!(
            listed(HelpFor::Reviewer),
            "ReviewList 审核 · ReviewMatrix 单位×指标矩阵 · ReviewDiff 对比 · ReviewDrill 审核：打开的工作簿 · Prompt 筛选 · Edit 编辑 · Reader 报告正文（只读）"
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for a in BINDINGS.iter() {
            for b in BINDINGS.iter() {
                if std::ptr::eq(a, b) || a.mode != b.mode {
                    continue;
                }
                for key in a.keys {
                    assert!(!b.keys.contains(key), "{key:?} twice in {:?}", a.mode);
                }
            }
        }
    }
}
