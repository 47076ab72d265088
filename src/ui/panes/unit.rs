//! 单位: identity, 内设机构, staffing and the evaluation team; the team's
//! three columns (name, post, role) are chosen with ←→.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use crate::app::identity::{self, List, MemberColumn, UnitRow};
use crate::app::{App, EditTarget, Mode, Pane};
use crate::i18n::{self as t, Tr, texts};
use crate::text::truncate;
use crate::ui::cells::{Detail, TableView, draw_table};
use crate::ui::theme::Theme;

const EMPTY: &str = "—";

texts! {
    ADD_SECTION: "＋ 添加内设机构（Enter 或 a）", "+ add a section (Enter or a)";
    ADD_MEMBER: "＋ 添加工作组成员（Enter 或 a）", "+ add a team member (Enter or a)";
    MEMBER: "成员", "Member";
    SECTION: "机构", "Section";
    KEYS: "按键", "Keys";
    NAME: "姓名", "Name";
    POST: "职务", "Post";
    ROLE: "分工", "Role";
    LIST_KEYS: "a 在下方添加 · d 删除 · K/J 上移/下移 · ←→ 选列", "a adds below · d deletes · K/J move up/down · ←→ pick the column";
}

/// The text a cell shows: the editor's text while it edits this target.
fn shown(app: &App, target: EditTarget, stored: String) -> String {
    match &app.mode {
        Mode::Edit(editor) if editor.target == target => format!("{}▏", editor.buffer),
        _ if stored.is_empty() => EMPTY.to_owned(),
        _ => stored,
    }
}

fn cells(app: &App, row: UnitRow, value_w: usize) -> Vec<String> {
    let wb = &app.workbook;
    let lang = app.lang;
    match row {
        UnitRow::Heading(title) if title == identity::HEADING_TEAM => {
            let columns = [NAME, POST, ROLE].map(|c| c.get(lang).to_owned());
            std::iter::once(title.get(lang).to_owned())
                .chain(columns)
                .collect()
        }
        UnitRow::Heading(title) => vec![title.get(lang).to_owned()],
        UnitRow::Field(f) => {
            let value = shown(app, EditTarget::Unit(f), f.get(wb));
            vec![
                format!("  {}", f.label().get(lang)),
                truncate(&value, value_w),
            ]
        }
        UnitRow::Staffing(f) => {
            let stored = f.get(wb).map(|v| v.to_string()).unwrap_or_default();
            let value = shown(app, EditTarget::Field(f), stored);
            vec![format!("  {}", f.label(lang)), value]
        }
        UnitRow::Section(i) => {
            let stored = wb.unit.sections.get(i).cloned().unwrap_or_default();
            let value = shown(app, EditTarget::Section(i), stored);
            let label = format!("  {} {}", SECTION.get(lang), i + 1);
            vec![label, truncate(&value, value_w)]
        }
        UnitRow::Member(i) => {
            let member = wb.narrative.team.get(i).cloned().unwrap_or_default();
            let mut out = vec![format!("  {} {}", MEMBER.get(lang), i + 1)];
            for column in [MemberColumn::Name, MemberColumn::Post, MemberColumn::Role] {
                let text = shown(
                    app,
                    EditTarget::Member(i, column),
                    column.get(&member).to_owned(),
                );
                out.push(text);
            }
            out
        }
        UnitRow::AddTo(List::Sections) => vec![format!("  {}", ADD_SECTION.get(lang))],
        UnitRow::AddTo(List::Team) => vec![format!("  {}", ADD_MEMBER.get(lang))],
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows_of = identity::unit_rows(&app.workbook);
    let label_w: u16 = 22;
    let value_w = usize::from(area.width.saturating_sub(label_w + 4)).max(4);
    let rows: Vec<Row> = rows_of
        .iter()
        .map(|&row| {
            let texts = cells(app, row, value_w);
            let styled = Row::new(texts.into_iter().map(Cell::from).collect::<Vec<_>>());
            match row {
                UnitRow::Heading(_) => styled.style(theme.group),
                UnitRow::AddTo(_) => styled.style(theme.dim),
                _ => styled,
            }
        })
        .collect();
    let on_member = matches!(
        rows_of.get(app.selection[Pane::Unit]),
        Some(UnitRow::Member(_))
    );
    let header = Row::new(vec![app.tr(t::COL_ITEM), app.tr(t::COL_VALUE)]);
    let widths = [
        Constraint::Length(label_w),
        Constraint::Min(10),
        Constraint::Percentage(25),
        Constraint::Percentage(20),
    ];
    let title_extra = format!(" · {}", app.workbook.unit.name);
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Unit, header, rows, &widths)
            .titled(title_extra)
            .with_column(on_member.then(|| app.column[Pane::Unit] + 1)),
        theme,
    );
}

/// The detail panel: the selected row's text in full, and the list keys.
pub(in crate::ui) fn detail(app: &App) -> Detail {
    let wb = &app.workbook;
    let lang = app.lang;
    let row = identity::unit_rows(wb).get(app.selected()).copied();
    let mut entries = Vec::new();
    let title = match row {
        Some(UnitRow::Field(f)) => {
            entries.push((f.label().get(lang).to_owned(), f.get(wb)));
            f.label().get(lang).to_owned()
        }
        Some(UnitRow::Staffing(f)) => {
            let value = f.get(wb).map(|v| v.to_string()).unwrap_or_default();
            entries.push((f.label(lang).to_owned(), value));
            entries.push((
                app.tr(Tr("同一数字", "Same figure")).to_owned(),
                app.tr(Tr(
                    "预算面板“人员编制”组显示同一字段",
                    "the budget pane's staffing group shows this same field",
                ))
                .to_owned(),
            ));
            f.label(lang).to_owned()
        }
        Some(UnitRow::Section(i)) => {
            let text = wb.unit.sections.get(i).cloned().unwrap_or_default();
            entries.push((SECTION.get(lang).to_owned(), text));
            entries.push((app.tr(KEYS).to_owned(), LIST_KEYS.get(lang).to_owned()));
            identity::HEADING_SECTIONS.get(lang).to_owned()
        }
        Some(UnitRow::Member(i)) => {
            if let Some(m) = wb.narrative.team.get(i) {
                entries.push((app.tr(NAME).to_owned(), m.name.clone()));
                entries.push((app.tr(POST).to_owned(), m.post.clone()));
                entries.push((app.tr(ROLE).to_owned(), m.role.clone()));
            }
            entries.push((app.tr(KEYS).to_owned(), LIST_KEYS.get(lang).to_owned()));
            identity::HEADING_TEAM.get(lang).to_owned()
        }
        Some(UnitRow::Heading(h)) => h.get(lang).to_owned(),
        Some(UnitRow::AddTo(_)) | None => {
            entries.push((app.tr(KEYS).to_owned(), LIST_KEYS.get(lang).to_owned()));
            app.tr(t::PANE_UNIT).to_owned()
        }
    };
    entries.retain(|(_, text)| !text.is_empty());
    (title, entries)
}
