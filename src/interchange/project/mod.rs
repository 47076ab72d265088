//! Reads filled 项目支出绩效自评表 from grids (xlsx, xls, CSV; merged cells
//! already filled in by `sheet`), in the national layout (财预〔2020〕10号
//! 附件1) and Sichuan's (`510000_0013zp`): one project per sheet or several in
//! one. What cannot be read is listed with its row, never guessed.

mod labels;
#[cfg(test)]
mod tests;

use std::str::FromStr;

use rust_decimal::Decimal;

use super::sheet::Grid;
use crate::core::engine::project::value::{Written, read};
use crate::core::model::project::split_code;
use crate::core::model::{Direction, FormLayout, FundSource, ProjectForm, ProjectIndicator};
use labels::{Col, fund_source, is_label, normalise};

/// Where a thing was read: the sheet (None for CSV) and the 1-based row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub sheet: Option<String>,
    pub row: usize,
}

impl Place {
    /// `工作表“X”第 N 行` / `sheet "X" row N`.
    #[must_use]
    pub fn describe(&self) -> (String, String) {
        match &self.sheet {
            Some(s) => (
                format!("工作表“{s}”第 {} 行", self.row),
                format!("sheet \"{s}\" row {}", self.row),
            ),
            None => (format!("第 {} 行", self.row), format!("row {}", self.row)),
        }
    }
}

/// Something on a form that could not be read; the value is left empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub place: Place,
    pub zh: String,
    pub en: String,
}

/// One project read off a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadProject {
    pub project: ProjectForm,
    pub place: Place,
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormRead {
    pub projects: Vec<ReadProject>,
    pub unread: Vec<Unread>,
}

/// Why a file holds no readable form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub place: Option<Place>,
    pub zh: String,
    pub en: String,
}

/// Reads every project form in the grids.
///
/// # Errors
/// When no form is found, or a form has a 项目名称 but no indicator grid.
pub fn read_forms(grids: &[Grid]) -> Result<FormRead, FormError> {
    let mut out = FormRead::default();
    for grid in grids {
        let starts: Vec<usize> = (0..grid.rows.len())
            .filter(|&r| row_has(grid, r, "项目名称"))
            .collect();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(grid.rows.len());
            let block = Block {
                grid,
                start: block_start(grid, start, starts.get(i.wrapping_sub(1)).copied()),
                end,
            };
            let project = block.read(&mut out.unread)?;
            out.projects.push(ReadProject {
                project,
                place: block.place(start),
            });
        }
    }
    if out.projects.is_empty() {
        return Err(FormError {
            place: None,
            zh: "未找到项目支出绩效自评表（没有“项目名称”一行）".to_owned(),
            en: "no project self-evaluation form found (no 项目名称 row)".to_owned(),
        });
    }
    Ok(out)
}

/// A block may begin a few rows above its 项目名称 (the title and the
/// 报表编号 line), but never inside the previous block.
fn block_start(grid: &Grid, name_row: usize, previous: Option<usize>) -> usize {
    let floor = previous.map_or(0, |p| p + 1);
    let mut start = name_row;
    while start > floor && start + 4 > name_row {
        let above = start - 1;
        let text = row_text(grid, above);
        if text.contains("自评表") || text.contains("报表编号") || text.contains("年度") {
            start = above;
        } else {
            break;
        }
    }
    start
}

fn row_has(grid: &Grid, row: usize, label: &str) -> bool {
    grid.rows
        .get(row)
        .is_some_and(|cells| cells.iter().any(|c| normalise(c) == label))
}

fn row_text(grid: &Grid, row: usize) -> String {
    grid.rows.get(row).map(|r| r.join(" ")).unwrap_or_default()
}

/// One project's rows of a grid.
struct Block<'a> {
    grid: &'a Grid,
    start: usize,
    end: usize,
}

/// The columns of the indicator grid.
#[derive(Debug, Default)]
struct GridColumns {
    level1: Option<usize>,
    level2: Option<usize>,
    name: Option<usize>,
    direction: Option<usize>,
    target: Option<usize>,
    unit: Option<usize>,
    actual: Option<usize>,
    weight: Option<usize>,
    score: Option<usize>,
    reason: Option<usize>,
}

/// The columns of the funds block.
#[derive(Debug, Default)]
struct FundColumns {
    initial: Option<usize>,
    full_year: Option<usize>,
    executed: Option<usize>,
    rate: Option<usize>,
    score: Option<usize>,
    reason: Option<usize>,
}

impl Block<'_> {
    fn cell(&self, row: usize, col: usize) -> &str {
        self.grid.cell(row, col)
    }

    fn width(&self, row: usize) -> usize {
        self.grid.rows.get(row).map_or(0, Vec::len)
    }

    fn place(&self, row: usize) -> Place {
        Place {
            sheet: self.grid.sheet.clone(),
            row: row + 1,
        }
    }

    fn unread(&self, out: &mut Vec<Unread>, row: usize, zh: String, en: String) {
        out.push(Unread {
            place: self.place(row),
            zh,
            en,
        });
    }

    /// The value beside a label on a row: the first later cell that is
    /// neither empty, nor the label again (a merged label), nor another label.
    fn beside(&self, row: usize, label: &str) -> Option<(usize, String)> {
        let width = self.width(row);
        let at = (0..width).find(|&c| normalise(self.cell(row, c)) == label)?;
        (at + 1..width)
            .map(|c| (c, self.cell(row, c)))
            .find(|(_, v)| !v.is_empty() && normalise(v) != label)
            .filter(|(_, v)| !is_label(v))
            .map(|(c, v)| (c, v.to_owned()))
    }

    /// The first row of the block with a label, and the value beside it.
    fn labelled(&self, label: &str) -> Option<(usize, String)> {
        (self.start..self.end).find_map(|r| self.beside(r, label).map(|(_, v)| (r, v)))
    }

    fn layout(&self) -> FormLayout {
        let sichuan = (self.start..self.end).any(|r| {
            let text = row_text(self.grid, r);
            text.contains("510000_0013zp")
                || text.contains("调整后预算数")
                || text.contains("指标性质")
        });
        if sichuan {
            FormLayout::Sichuan
        } else {
            FormLayout::National
        }
    }

    fn read(&self, unread: &mut Vec<Unread>) -> Result<ProjectForm, FormError> {
        let layout = self.layout();
        let name_row = (self.start..self.end)
            .find(|&r| row_has(self.grid, r, "项目名称"))
            .unwrap_or(self.start);
        let Some((_, printed)) = self.beside(name_row, "项目名称") else {
            return Err(self.error(
                name_row,
                "“项目名称”后没有项目名称",
                "no name after 项目名称",
            ));
        };
        let (code, name) = split_code(&printed);
        let mut p = ProjectForm::new(&name, layout);
        p.code = code;
        p.key = true;
        if let Some((_, v)) = self.labelled("主管部门") {
            p.supervising_dept = v;
        }
        if let Some((_, v)) = self
            .labelled("实施单位")
            .or_else(|| self.labelled("实施单位（盖章）"))
        {
            p.implementing_unit = v;
        }
        self.read_funds(&mut p, unread);
        self.read_goal(&mut p);
        self.read_grid(&mut p, unread)?;
        for (label, slot) in [
            ("评价结论", &mut p.conclusion),
            ("存在问题", &mut p.problems),
            ("改进措施", &mut p.improvements),
            ("项目负责人", &mut p.project_lead),
            ("财务负责人", &mut p.finance_lead),
        ] {
            if let Some((_, v)) = self.labelled(label) {
                *slot = v;
            }
        }
        Ok(p)
    }

    fn error(&self, row: usize, zh: &str, en: &str) -> FormError {
        FormError {
            place: Some(self.place(row)),
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }

    /// Finds a header row holding all of `needed` (any of each's spellings).
    fn header_row(&self, needed: &[&[&str]]) -> Option<usize> {
        (self.start..self.end).find(|&r| {
            needed.iter().all(|spellings| {
                (0..self.width(r)).any(|c| spellings.contains(&normalise(self.cell(r, c)).as_str()))
            })
        })
    }

    fn column(&self, row: usize, spellings: &[&str]) -> Option<usize> {
        (0..self.width(row)).find(|&c| spellings.contains(&normalise(self.cell(row, c)).as_str()))
    }

    fn read_funds(&self, p: &mut ProjectForm, unread: &mut Vec<Unread>) {
        let Some(header) = self.header_row(&[Col::INITIAL, Col::EXECUTED]) else {
            return;
        };
        let cols = FundColumns {
            initial: self.column(header, Col::INITIAL),
            full_year: self.column(header, Col::FULL_YEAR),
            executed: self.column(header, Col::EXECUTED),
            rate: self.column(header, Col::RATE),
            score: self.column(header, Col::SCORE),
            reason: self.column(header, Col::EXEC_REASON),
        };
        let first_value = [cols.initial, cols.full_year, cols.executed]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(0);
        for r in header + 1..self.end {
            let source = (0..first_value)
                .rev()
                .find_map(|c| fund_source(self.cell(r, c)));
            let Some(source) = source else {
                // The funds block ends at the first row that names no source.
                if (0..self.width(r)).any(|c| is_label(self.cell(r, c))) {
                    break;
                }
                continue;
            };
            let mut amount = |col: Option<usize>, what: &str| -> Option<Decimal> {
                let col = col?;
                let text = self.cell(r, col);
                match read_amount(text) {
                    Ok(v) => v,
                    Err(()) => {
                        self.unread(
                            unread,
                            r,
                            format!(
                                "{}的{what}“{text}”不是数值，未读入",
                                source.label_zh(p.layout)
                            ),
                            format!(
                                "{} {what} \"{text}\" is not a number; left empty",
                                source.label_en()
                            ),
                        );
                        None
                    }
                }
            };
            let initial = amount(cols.initial, "年初预算数");
            let full_year = amount(cols.full_year, "全年预算数");
            let executed = amount(cols.executed, "全年执行数");
            if source == FundSource::Total {
                p.printed_rate = amount(cols.rate, "执行率");
                p.printed_execution_score = amount(cols.score, "得分");
                if let Some(c) = cols.reason {
                    let reason = self.cell(r, c);
                    if !matches!(read(reason), Written::Empty) {
                        reason.clone_into(&mut p.execution_reason);
                    }
                }
            }
            let row = p.fund_mut(source);
            row.initial = initial;
            row.full_year = full_year;
            row.executed = executed;
        }
    }

    fn read_goal(&self, p: &mut ProjectForm) {
        let Some(header) = self.header_row(&[Col::GOAL, Col::GOAL_DONE]) else {
            return;
        };
        let (Some(gc), Some(dc)) = (
            self.column(header, Col::GOAL),
            self.column(header, Col::GOAL_DONE),
        ) else {
            return;
        };
        let value = |c: usize| {
            let v = self.cell(header + 1, c);
            if is_label(v) {
                String::new()
            } else {
                v.to_owned()
            }
        };
        p.goal = value(gc);
        p.goal_achieved = value(dc);
    }

    fn read_grid(&self, p: &mut ProjectForm, unread: &mut Vec<Unread>) -> Result<(), FormError> {
        let Some(header) = self.header_row(&[Col::LEVEL3, Col::TARGET]) else {
            return Err(self.error(
                self.start,
                "没有绩效指标表（“三级指标”“年度指标值”一行）",
                "no indicator grid (三级指标, 年度指标值)",
            ));
        };
        let c = GridColumns {
            level1: self.column(header, Col::LEVEL1),
            level2: self.column(header, Col::LEVEL2),
            name: self.column(header, Col::LEVEL3),
            direction: self.column(header, Col::DIRECTION),
            target: self.column(header, Col::TARGET),
            unit: self.column(header, Col::UNIT),
            actual: self.column(header, Col::ACTUAL),
            weight: self.column(header, Col::WEIGHT),
            score: self.column(header, Col::SCORE),
            reason: self.column(header, Col::REASON),
        };
        let get = |r: usize, col: Option<usize>| col.map_or("", |col| self.cell(r, col));
        // A CSV of a merged grid leaves 一级/二级 blank below their first row.
        let mut above = (String::new(), String::new());
        for r in header + 1..self.end {
            let name = get(r, c.name);
            let first = self.cell(r, 0);
            if labels::ends_grid(first)
                || labels::ends_grid(name)
                || labels::ends_grid(get(r, c.level1))
            {
                self.read_total(p, r, &c, unread);
                break;
            }
            if name.is_empty() || labels::is_note(first) || labels::is_note(name) {
                continue;
            }
            // A row merged across (a note, a heading) repeats one text in every cell.
            if self.is_merged_across(r) || Col::LEVEL3.contains(&normalise(name).as_str()) {
                continue;
            }
            let mut ind = ProjectIndicator {
                level1: get(r, c.level1).to_owned(),
                level2: get(r, c.level2).to_owned(),
                name: name.to_owned(),
                target: get(r, c.target).to_owned(),
                actual: get(r, c.actual).to_owned(),
                unit: get(r, c.unit).to_owned(),
                reason: get(r, c.reason).to_owned(),
                ..ProjectIndicator::default()
            };
            if ind.level1.is_empty() {
                ind.level1.clone_from(&above.0);
            }
            if ind.level2.is_empty() {
                ind.level2.clone_from(&above.1);
            }
            above = (ind.level1.clone(), ind.level2.clone());
            if matches!(read(&ind.reason), Written::Empty) {
                ind.reason.clear();
            }
            if matches!(read(&ind.unit), Written::Empty) {
                ind.unit.clear();
            }
            let direction = get(r, c.direction);
            if !direction.is_empty() {
                ind.direction = Direction::from_written(direction);
                if ind.direction.is_none() && !matches!(read(direction), Written::Empty) {
                    self.unread(
                        unread,
                        r,
                        format!("{name}：指标性质“{direction}”不认识，未读入"),
                        format!("{name}: direction \"{direction}\" not known; left empty"),
                    );
                }
            }
            let weight = get(r, c.weight);
            match read_amount(weight) {
                Ok(Some(w)) if w >= Decimal::ZERO => ind.weight = w,
                _ => self.unread(
                    unread,
                    r,
                    format!("{name}：分值“{weight}”不是数值，按 0 读入"),
                    format!("{name}: weight \"{weight}\" is not a number; read as 0"),
                ),
            }
            let score = get(r, c.score);
            match read_amount(score) {
                Ok(v) => ind.officer_score = v,
                Err(()) => self.unread(
                    unread,
                    r,
                    format!("{name}：得分“{score}”不是数值，未读入"),
                    format!("{name}: score \"{score}\" is not a number; left empty"),
                ),
            }
            p.indicators.push(ind);
        }
        Ok(())
    }

    fn is_merged_across(&self, r: usize) -> bool {
        let cells: Vec<&str> = (0..self.width(r))
            .map(|c| self.cell(r, c))
            .filter(|v| !v.is_empty())
            .collect();
        cells.len() >= 3 && cells.iter().all(|v| *v == cells[0])
    }

    /// The 总分 / 合计 row: the printed total in the score column, else the last number.
    fn read_total(&self, p: &mut ProjectForm, r: usize, c: &GridColumns, unread: &mut Vec<Unread>) {
        // In the score column; only a form without one has its total as the row's last number.
        p.printed_total = match c.score {
            Some(col) => read_amount(self.cell(r, col)).ok().flatten(),
            None => (0..self.width(r))
                .rev()
                .find_map(|col| read_amount(self.cell(r, col)).ok().flatten()),
        };
        if p.printed_total.is_none()
            && labels::ends_grid(self.cell(r, 0))
            && normalise(self.cell(r, 0)) != "评价结论"
        {
            self.unread(
                unread,
                r,
                "总分未填或不是数值".to_owned(),
                "the total is empty or not a number".to_owned(),
            );
        }
    }
}

/// An amount, rate or score cell: empty marks give `None`; `96.5%` reads 96.5.
fn read_amount(text: &str) -> Result<Option<Decimal>, ()> {
    match read(text) {
        Written::Empty => Ok(None),
        Written::Number {
            sign: None,
            value,
            unit,
        } if unit.is_empty() || unit == "%" || unit == "分" || unit == "万元" => Ok(Some(value)),
        _ => Decimal::from_str(text.trim()).map(Some).map_err(|_| ()),
    }
}
