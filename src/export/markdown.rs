//! The self-evaluation report (自评报告) in the structure of the seed report,
//! every figure filled in from the workbook, every ratio written with its
//! arithmetic, the score table, the workload statistics, and the engine's
//! warnings as an appendix for the author.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::rows::{
    basic_rows, count_text, field_unit, metric_status_text, opt_rate, opt_text, score_rows, tr,
    workload_rows,
};
use crate::core::Lang;
use crate::core::engine::{Derived, Metric, MetricId, MetricStatus};
use crate::core::model::{FieldGroup, FieldId, FieldKind, Indicator, RuleKind, Workbook};
use crate::core::num::fmt_score;

/// The whole report as Markdown.
#[must_use]
pub fn report(wb: &Workbook, derived: &Derived, lang: Lang) -> String {
    let mut r = Report {
        wb,
        d: derived,
        lang,
        out: String::new(),
    };
    r.title();
    r.basic_situation();
    r.self_evaluation_work();
    r.results();
    r.other();
    r.appendix_tables();
    r.appendix_warnings();
    r.out
}

struct Report<'a> {
    wb: &'a Workbook,
    d: &'a Derived,
    lang: Lang,
    out: String,
}

/// Escapes what Markdown would otherwise read as markup, keeping the text as typed.
fn md(text: &str) -> String {
    let mut out = inline(text);
    // A line that starts like a heading, quote, list or rule is plain text here.
    if out.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find(['.', ')']) {
        let (head, rest) = out.split_at(at);
        let numbered = !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit())
            && rest[1..].starts_with(' ');
        if numbered {
            out.insert(at, '\\');
        }
    }
    out
}

/// Escapes emphasis and code markers inside a line.
fn inline(text: &str) -> String {
    let stars = text.matches('*').count() >= 2;
    let unders = text.matches('_').count() >= 2;
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '*' if stars => out.push_str("\\*"),
            '_' if unders => out.push_str("\\_"),
            '\\' | '`' | '<' => {
                out.push('\\');
                out.push(ch);
            }
            other => out.push(other),
        }
    }
    out
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(&text.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// Chinese ordinal for 一是、二是 … (1–99).
fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// Full-width parentheses, as Chinese text writes them.
fn full_width_parens(text: &str) -> String {
    text.replace('(', "（").replace(')', "）")
}

impl Report<'_> {
    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, zh, en)
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn heading(&mut self, level: usize, text: &str) {
        let _ = writeln!(self.out, "{} {}\n", "#".repeat(level), inline(text));
    }

    /// Paragraphs of free text as typed: one paragraph per line.
    fn free_text(&mut self, text: &str) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            let none = self.t("（未填写）", "(not filled in)");
            self.para(none);
            return;
        }
        for l in lines {
            self.para(l);
        }
    }

    fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "{}\n", md(text));
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        // Columns empty in every row are left out.
        let keep: Vec<usize> = (0..header.len())
            .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
            .collect();
        let head: Vec<String> = keep.iter().map(|&c| cell(header[c])).collect();
        let _ = writeln!(self.out, "| {} |", head.join(" | "));
        let _ = writeln!(self.out, "|{}", "---|".repeat(keep.len()));
        for row in rows {
            let cells: Vec<String> = keep
                .iter()
                .map(|&c| row.get(c).map(String::as_str).map(cell).unwrap_or_default())
                .collect();
            let _ = writeln!(self.out, "| {} |", cells.join(" | "));
        }
        self.out.push('\n');
    }

    /// "588.55万元", "20人", "92%" (zh) or "588.55 (10k yuan)" (en).
    fn amount(&self, field: FieldId, value: Decimal) -> String {
        match (self.lang, field.kind()) {
            (Lang::Zh, FieldKind::Percent) | (Lang::En, FieldKind::Percent) => format!("{value}%"),
            (Lang::Zh, kind) => format!("{value}{}", kind.unit_zh()),
            (Lang::En, kind) => format!("{value} {}", kind.unit_en()),
        }
    }

    /// "label value" pieces of the fields that are given.
    fn given(&self, fields: &[(FieldId, &str, &str)]) -> Vec<String> {
        fields
            .iter()
            .filter_map(|(f, zh, en)| {
                let v = f.get(self.wb)?;
                Some(match self.lang {
                    Lang::Zh => format!("{zh}{}", self.amount(*f, v)),
                    Lang::En => format!("{en} {}", self.amount(*f, v)),
                })
            })
            .collect()
    }

    fn title(&mut self) {
        let unit = &self.wb.unit;
        let title = match self.lang {
            Lang::Zh => format!("{}年度{}整体支出绩效自评报告", unit.fiscal_year, unit.name),
            Lang::En => format!(
                "Self-evaluation of overall expenditure performance, {}, {}",
                unit.name, unit.fiscal_year
            ),
        };
        self.heading(1, &title);
        let notice = unit.notice_ref.trim();
        let intro = match (self.lang, notice.is_empty()) {
            (Lang::Zh, false) => format!(
                "根据{notice}要求，本单位及时布置自评，成立自评工作小组，查阅、核实有关账务及项目执行情况，填写自评表格并综合分析，形成本评价报告。现将{}年度{}整体绩效自我评价报告如下：",
                unit.fiscal_year, unit.name
            ),
            (Lang::Zh, true) => format!(
                "本单位及时布置自评，成立自评工作小组，查阅、核实有关账务及项目执行情况，填写自评表格并综合分析，形成本评价报告。现将{}年度{}整体绩效自我评价报告如下：",
                unit.fiscal_year, unit.name
            ),
            (Lang::En, false) => format!(
                "As required by {notice}, the unit organised its self-evaluation, set up a working group, checked the accounts and projects, filled in the evaluation tables and wrote this report on {} for {}.",
                unit.name, unit.fiscal_year
            ),
            (Lang::En, true) => format!(
                "The unit organised its self-evaluation, set up a working group, checked the accounts and projects, filled in the evaluation tables and wrote this report on {} for {}.",
                unit.name, unit.fiscal_year
            ),
        };
        self.para(&intro);
    }

    fn basic_situation(&mut self) {
        self.heading(2, self.t("一、单位基本情况", "1. Basic information"));
        self.heading(
            3,
            self.t(
                "（一）单位机构设置、部门职能情况",
                "1.1 Organisation and functions",
            ),
        );
        self.line(&format!(
            "**{}**\n",
            self.t("1、单位机构设置", "Organisation")
        ));
        let sections = &self.wb.unit.sections;
        let text = match (self.lang, sections.is_empty()) {
            (_, true) => self.t("（未填写）", "(not filled in)").to_owned(),
            (Lang::Zh, false) => format!(
                "本单位设{}，共{}个内设机构。",
                sections.join("、"),
                sections.len()
            ),
            (Lang::En, false) => format!(
                "The unit has {} internal sections: {}.",
                sections.len(),
                sections.join(", ")
            ),
        };
        self.para(&text);
        self.line(&format!("**{}**\n", self.t("2、部门职能", "Functions")));
        let functions = self.wb.narrative.functions.clone();
        self.free_text(&functions);
        self.line(&format!("**{}**\n", self.t("3、人员情况", "Staffing")));
        self.staffing();
        self.heading(
            3,
            self.t(
                "（二）年度总体工作和重点工作任务",
                "1.2 Overall work and key tasks of the year",
            ),
        );
        let annual = self.wb.narrative.annual_work.clone();
        self.free_text(&annual);
        self.heading(
            3,
            self.t(
                "（三）部门整体支出绩效目标",
                "1.3 Performance goals of overall expenditure",
            ),
        );
        let goals = self.wb.narrative.performance_goals.clone();
        self.free_text(&goals);
        self.heading(
            3,
            self.t(
                "（四）部门整体支出情况（包括整体收支预算数及决算数等）",
                "1.4 Overall income and expenditure (budget and final accounts)",
            ),
        );
        self.spending();
    }

    fn staffing(&mut self) {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
        let mut sentences = Vec::new();
        if let Some(n) = self.wb.unit.accounting_entities {
            sentences.push(match self.lang {
                Lang::Zh => format!("本单位年末独立核算机构数{n}个"),
                Lang::En => format!("{n} independently accounted institution(s) at year end"),
            });
        }
        let posts = self.given(&[
            (F::AuthorizedAdmin, "行政编制", "administrative posts"),
            (F::AuthorizedInstitution, "事业编制", "institution posts"),
            (F::AuthorizedLogistics, "后勤服务人员", "logistics staff"),
        ]);
        if !posts.is_empty() {
            let total: Decimal = [
                F::AuthorizedAdmin,
                F::AuthorizedInstitution,
                F::AuthorizedLogistics,
            ]
            .iter()
            .filter_map(|f| f.get(self.wb))
            .sum();
            let sum = if posts.len() > 1 {
                match self.lang {
                    Lang::Zh => format!("，合计{total}人"),
                    Lang::En => format!(", {total} in all"),
                }
            } else {
                String::new()
            };
            sentences.push(match self.lang {
                Lang::Zh => format!("编制数：{}{sum}", posts.join("，")),
                Lang::En => format!("authorised: {}{sum}", posts.join(", ")),
            });
        }
        if let Some(n) = F::NewPosts.get(self.wb) {
            sentences.push(match self.lang {
                Lang::Zh => format!("年内新增编制{n}人"),
                Lang::En => format!("{n} posts added during the year"),
            });
        }
        let mut text = match self.lang {
            Lang::Zh if !sentences.is_empty() => format!("{}。", sentences.join("；")),
            Lang::En if !sentences.is_empty() => format!("{}.", sentences.join("; ")),
            _ => String::new(),
        };
        let people = self.given(&[
            (F::InServiceAdmin, "行政在职", "administrative in service"),
            (
                F::InServiceInstitution,
                "事业在职",
                "institution in service",
            ),
            (
                F::InServiceLogistics,
                "雇员制后勤服务人员",
                "contracted logistics staff",
            ),
            (F::Retired, "退休人员", "retired"),
        ]);
        if let Some(actual) = F::ActualHeadcount.get(self.wb) {
            let detail = match (self.lang, people.is_empty()) {
                (_, true) => String::new(),
                (Lang::Zh, false) => format!("，其中{}", people.join("，")),
                (Lang::En, false) => format!(": {}", people.join(", ")),
            };
            let _ = match self.lang {
                Lang::Zh => write!(text, "{year}年12月末单位实有人数{actual}人{detail}。"),
                Lang::En => write!(
                    text,
                    " Actual headcount at the end of {year}: {actual}{detail}."
                ),
            };
        } else if !people.is_empty() {
            let _ = match self.lang {
                Lang::Zh => write!(text, "{year}年末{}。", people.join("，")),
                Lang::En => write!(text, " At the end of {year}: {}.", people.join(", ")),
            };
        }
        if text.is_empty() {
            text = self.t("（未填写）", "(not filled in)").to_owned();
        }
        self.para(text.trim());
    }

    fn spending(&mut self) {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
        let mut paragraphs = Vec::new();
        let income_parts = self.given(&[
            (
                F::IncomeBudgetGeneral,
                "一般公共预算财政拨款",
                "general public budget appropriation",
            ),
            (
                F::IncomeBudgetGovFund,
                "政府性基金预算财政拨款",
                "government fund appropriation",
            ),
            (
                F::IncomeBudgetStateCapital,
                "国有资本经营预算",
                "state capital operating budget",
            ),
            (F::IncomeBudgetOther, "其他收入", "other income"),
        ]);
        if let Some(total) = F::IncomeBudgetTotal.get(self.wb) {
            let total = self.amount(F::IncomeBudgetTotal, total);
            paragraphs.push(match (self.lang, income_parts.is_empty()) {
                (Lang::Zh, true) => format!("{year}年收入预算{total}。"),
                (Lang::Zh, false) => {
                    format!(
                        "{year}年收入预算{total}，其中：{}。",
                        income_parts.join("，")
                    )
                }
                (Lang::En, true) => format!("Income budget {year}: {total}."),
                (Lang::En, false) => format!(
                    "Income budget {year}: {total}, of which {}.",
                    income_parts.join(", ")
                ),
            });
        }
        if let Some(total) = F::ExpenditureBudgetTotal.get(self.wb) {
            let total = self.amount(F::ExpenditureBudgetTotal, total);
            let basic_parts = self.given(&[
                (F::BudgetPersonnel, "人员经费支出", "personnel"),
                (F::BudgetOperating, "公用经费支出", "operating"),
            ]);
            let mut split = Vec::new();
            if let Some(basic) = F::BudgetBasic.get(self.wb) {
                let basic = self.amount(F::BudgetBasic, basic);
                split.push(match (self.lang, basic_parts.is_empty()) {
                    (Lang::Zh, true) => format!("基本支出预算{basic}"),
                    (Lang::Zh, false) => {
                        format!("基本支出预算{basic}，其中：{}", basic_parts.join("，"))
                    }
                    (Lang::En, true) => format!("basic expenditure {basic}"),
                    (Lang::En, false) => {
                        format!("basic expenditure {basic} ({})", basic_parts.join(", "))
                    }
                });
            }
            if let Some(project) = F::BudgetProject.get(self.wb) {
                let project = self.amount(F::BudgetProject, project);
                split.push(match self.lang {
                    Lang::Zh => format!("项目支出预算{project}"),
                    Lang::En => format!("project expenditure {project}"),
                });
            }
            paragraphs.push(match (self.lang, split.is_empty()) {
                (Lang::Zh, true) => format!("{year}年支出预算{total}。"),
                (Lang::Zh, false) => format!(
                    "{year}年支出预算{total}，支出按支出性质和经济分类划分：{}。",
                    split
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("{}.{s}", i + 1))
                        .collect::<Vec<_>>()
                        .join("；")
                ),
                (Lang::En, true) => format!("Expenditure budget {year}: {total}."),
                (Lang::En, false) => format!(
                    "Expenditure budget {year}: {total}, by nature: {}.",
                    split.join("; ")
                ),
            });
        }
        let finals: Vec<String> = FieldId::ALL
            .iter()
            .filter(|f| f.group() == FieldGroup::Appropriation)
            .filter_map(|&f| {
                let v = f.get(self.wb)?;
                Some(match self.lang {
                    Lang::Zh => format!("{}{}", f.label_zh(), self.amount(f, v)),
                    Lang::En => format!("{} {}", f.label_en(), self.amount(f, v)),
                })
            })
            .collect();
        if !finals.is_empty() {
            paragraphs.push(match self.lang {
                Lang::Zh => format!("预算执行及决算：{}。", finals.join("，")),
                Lang::En => format!("Execution and final accounts: {}.", finals.join(", ")),
            });
        }
        for project in &self.wb.budget.projects {
            let b = project
                .budget
                .map(|m| m.0.to_string())
                .unwrap_or_else(|| "—".into());
            let f = project
                .final_amount
                .map(|m| m.0.to_string())
                .unwrap_or_else(|| "—".into());
            paragraphs.push(match self.lang {
                Lang::Zh => format!("项目“{}”：预算{b}万元，决算{f}万元。", project.name),
                Lang::En => format!(
                    "Project \"{}\": budget {b}, final {f} (10k yuan).",
                    project.name
                ),
            });
        }
        if paragraphs.is_empty() {
            paragraphs.push(self.t("（未填写）", "(not filled in)").to_owned());
        }
        for p in paragraphs {
            self.para(&p);
        }
    }

    fn self_evaluation_work(&mut self) {
        self.heading(
            2,
            self.t(
                "二、自评工作开展情况",
                "2. How the self-evaluation was done",
            ),
        );
        self.heading(
            3,
            self.t("（一）评价小组情况", "2.1 Evaluation working group"),
        );
        let team = &self.wb.narrative.team;
        if team.is_empty() {
            let none = self.t("（未填写）", "(not filled in)");
            self.para(none);
        } else {
            let lead = self.t(
                "本单位绩效评价自评工作领导小组，具体如下：",
                "The self-evaluation working group:",
            );
            self.para(lead);
            let mut roles: Vec<(&str, Vec<String>)> = Vec::new();
            for member in team {
                let role = if member.role.trim().is_empty() {
                    self.t("成员", "member")
                } else {
                    member.role.trim()
                };
                let who = if member.post.trim().is_empty() {
                    member.name.clone()
                } else {
                    match self.lang {
                        Lang::Zh => format!("{}（{}）", member.name, member.post.trim()),
                        Lang::En => format!("{} ({})", member.name, member.post.trim()),
                    }
                };
                match roles.iter_mut().find(|(r, _)| *r == role) {
                    Some((_, list)) => list.push(who),
                    None => roles.push((role, vec![who])),
                }
            }
            for (role, people) in roles {
                let joined = people.join(self.t("、", ", "));
                let _ = writeln!(
                    self.out,
                    "- {}{}{}",
                    md(role),
                    self.t("：", ": "),
                    md(&joined)
                );
            }
            self.out.push('\n');
        }
        let duties = self.wb.narrative.team_duties.clone();
        if !duties.trim().is_empty() {
            self.free_text(&duties);
        }
        self.heading(3, self.t("（二）自评工作过程", "2.2 Process"));
        let process = self.wb.narrative.process.clone();
        self.free_text(&process);
        self.heading(
            3,
            self.t("（三）自评材料报送情况", "2.3 Submission of materials"),
        );
        let submission = self.wb.narrative.submission.clone();
        self.free_text(&submission);
    }

    fn results(&mut self) {
        self.heading(
            2,
            self.t("三、绩效自评情况", "3. Results of the self-evaluation"),
        );
        self.heading(3, self.t("（一）自评结果", "3.1 Result"));
        let total = fmt_score(self.d.scores.total);
        let max = fmt_score(self.d.scores.max_total);
        let grade = self.d.grade.label(self.lang);
        let sentence = match self.lang {
            Lang::Zh => format!(
                "对照整体绩效自评指标评分表自评得分{total}分（满分{max}分），自评等级为{grade}。"
            ),
            Lang::En => format!(
                "Against the scoring table the self-assessed score is {total} out of {max}; grade: {grade}."
            ),
        };
        self.para(&sentence);
        self.score_table();
        self.heading(
            3,
            self.t(
                "（二）部门整体支出绩效指标分析",
                "3.2 Indicator-by-indicator analysis",
            ),
        );
        let lead = self.t(
            "对照《整体绩效自评指标评分表》逐项分析各指标完成情况。",
            "Each indicator of the scoring table in turn:",
        );
        self.para(lead);
        self.analysis();
        self.heading(
            3,
            self.t(
                "（三）部门整体支出绩效管理存在问题",
                "3.3 Problems in performance management",
            ),
        );
        let problems = self.wb.narrative.problems.clone();
        self.free_text(&problems);
        self.heading(3, self.t("（四）改进措施", "3.4 Improvements"));
        let improvements = self.wb.narrative.improvements.clone();
        self.free_text(&improvements);
    }

    fn score_table(&mut self) {
        let rows = score_rows(self.wb, self.d, self.lang);
        let mut cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let indent = "　".repeat(r.level.saturating_sub(1));
                let name = format!("{indent}{}", r.name);
                vec![
                    r.code.clone(),
                    name,
                    r.weight.to_string(),
                    fmt_score(r.score),
                    r.reason.clone(),
                ]
            })
            .collect();
        cells.push(vec![
            String::new(),
            self.t("合计", "Total").to_owned(),
            self.d.scores.max_total.to_string(),
            fmt_score(self.d.scores.total),
            format!(
                "{}{}",
                self.t("自评等级：", "grade: "),
                self.d.grade.label(self.lang)
            ),
        ]);
        let header = [
            self.t("编码", "Code"),
            self.t("指标", "Indicator"),
            self.t("分值", "Weight"),
            self.t("得分", "Score"),
            self.t("扣分原因", "Reason for lost points"),
        ];
        self.table(&header, &cells);
    }

    /// The analysis, item by item, following the table's tree.
    fn analysis(&mut self) {
        let indicators = self.wb.table.indicators.clone();
        let workload_at = indicators.iter().rposition(|i| {
            ["效益", "效能", "效果", "产出", "履职"]
                .iter()
                .any(|w| i.name.contains(w))
        });
        let mut flat_index = 0;
        for (i, top) in indicators.iter().enumerate() {
            let heading = format!("{}.{}{}", i + 1, top.name, self.points(flat_index));
            self.heading(4, &heading);
            flat_index += 1;
            if top.is_leaf() {
                self.leaf(top, flat_index - 1, None);
            }
            for (j, child) in top.children.iter().enumerate() {
                let lead = match self.lang {
                    Lang::Zh => format!("（{}）", j + 1),
                    Lang::En => format!("({}) ", j + 1),
                };
                if child.is_leaf() {
                    self.leaf(child, flat_index, Some(&lead));
                    flat_index += 1;
                } else {
                    let line = format!("{lead}{}{}", child.name, self.points(flat_index));
                    let _ = writeln!(self.out, "**{}**\n", md(&line));
                    flat_index += 1;
                    let mut stack: Vec<&Indicator> = child.children.iter().rev().collect();
                    while let Some(node) = stack.pop() {
                        if node.is_leaf() {
                            self.leaf(node, flat_index, None);
                        } else {
                            let line = format!("{}{}", node.name, self.points(flat_index));
                            let _ = writeln!(self.out, "**{}**\n", md(&line));
                            stack.extend(node.children.iter().rev());
                        }
                        flat_index += 1;
                    }
                }
            }
            if workload_at == Some(i) && !self.wb.workload.is_empty() {
                let lead = self.t("年度重点工作完成情况如下：", "Work done during the year:");
                self.para(lead);
                self.workload_text();
            }
        }
        if workload_at.is_none() && !self.wb.workload.is_empty() {
            let heading = format!(
                "{}.{}",
                indicators.len() + 1,
                self.t("年度重点工作完成情况", "Work done during the year")
            );
            self.heading(4, &heading);
            self.workload_text();
        }
        self.other_metrics();
    }

    /// "（分值5分，得分5分）" for the indicator at a flattened index.
    fn points(&self, index: usize) -> String {
        let Some(result) = self.d.scores.indicators.get(index) else {
            return String::new();
        };
        match self.lang {
            Lang::Zh => format!(
                "（分值{}分，得分{}分）",
                fmt_score(result.weight),
                fmt_score(result.score)
            ),
            Lang::En => format!(
                " ({} of {} points)",
                fmt_score(result.score),
                fmt_score(result.weight)
            ),
        }
    }

    fn leaf(&mut self, node: &Indicator, index: usize, lead: Option<&str>) {
        let mut text = format!("{}{}{}", lead.unwrap_or(""), node.name, self.points(index));
        text.push_str(self.t("。", ". "));
        let metric = node.rule.as_ref().and_then(|r| r.metric);
        if let Some(id) = metric {
            text.push_str(&self.metric_sentence(id, Some(node)));
        }
        let evidence = node.entry.evidence.trim();
        if !evidence.is_empty() {
            text.push_str(evidence);
            if !evidence.ends_with(['。', '.', '；', '！']) {
                text.push_str(self.t("。", ". "));
            }
        }
        if let Some(result) = self.d.scores.indicators.get(index) {
            let working = result.working.get(self.lang);
            if !working.is_empty() {
                let _ = match self.lang {
                    Lang::Zh => write!(text, "评分：{}。", full_width_parens(working)),
                    Lang::En => write!(text, " Scoring: {working}."),
                };
            }
        }
        let reason = node.entry.deduction_reason.trim();
        if !reason.is_empty() {
            let _ = match self.lang {
                Lang::Zh => write!(text, "扣分原因：{reason}"),
                Lang::En => write!(text, " Reason for lost points: {reason}"),
            };
        }
        self.para(text.trim());
    }

    fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.d.metric(id)
    }

    /// The inputs and the arithmetic of a ratio, as the seed writes them.
    fn metric_sentence(&self, id: MetricId, node: Option<&Indicator>) -> String {
        let Some(m) = self.metric(id) else {
            return String::new();
        };
        let year = self.wb.unit.fiscal_year;
        let label = id.label(self.lang);
        let inputs: Vec<String> = m
            .inputs
            .iter()
            .filter_map(|(f, v)| {
                let v = (*v)?;
                Some(match self.lang {
                    Lang::Zh => format!("{}{}", f.label_zh(), self.amount(*f, v)),
                    Lang::En => format!("{} {}", f.label_en(), self.amount(*f, v)),
                })
            })
            .collect();
        match (&m.status, &m.expression) {
            (MetricStatus::Ok, Some(expr)) => {
                let mut s = String::new();
                let compare = node
                    .map(|n| self.compare_with_rule(m, n))
                    .unwrap_or_default();
                match self.lang {
                    Lang::Zh => {
                        let _ = write!(s, "{year}年");
                        if !inputs.is_empty() {
                            let _ = write!(s, "{}，", inputs.join("，"));
                        }
                        let expr = full_width_parens(&expr.zh);
                        let joiner = if id == MetricId::TreasuryCarryoverStockEfficiency {
                            "：本年较上年"
                        } else {
                            "="
                        };
                        let _ = write!(s, "{label}{joiner}{expr}");
                        match (id.shows_absolute(), compare.is_empty()) {
                            (true, true) => s.push_str("（取小数点后两位绝对值）"),
                            (true, false) => {
                                let _ = write!(s, "（取小数点后两位绝对值，{compare}）");
                            }
                            (false, false) => {
                                let _ = write!(s, "（{compare}）");
                            }
                            (false, true) => {}
                        }
                        s.push('。');
                    }
                    Lang::En => {
                        if !inputs.is_empty() {
                            let _ = write!(s, "{}; ", inputs.join(", "));
                        }
                        let _ = write!(s, "{label} = {}", expr.en);
                        match (id.shows_absolute(), compare.is_empty()) {
                            (true, true) => s.push_str(" (absolute value, 2 places)"),
                            (true, false) => {
                                let _ = write!(s, " (absolute value, 2 places; {compare})");
                            }
                            (false, false) => {
                                let _ = write!(s, " ({compare})");
                            }
                            (false, true) => {}
                        }
                        s.push_str(". ");
                    }
                }
                s
            }
            _ => {
                if let Some(reported) = self.wb.reported.rates.get(&id) {
                    return match self.lang {
                        Lang::Zh => format!("{label}为{reported}%。"),
                        Lang::En => format!("{label}: {reported}% (as reported). "),
                    };
                }
                let why = metric_status_text(&m.status, self.lang);
                match self.lang {
                    Lang::Zh => format!("{label}：{why}。"),
                    Lang::En => format!("{label}: {why}. "),
                }
            }
        }
    }

    /// "小于10%" for a rate scored by a threshold, as the seed writes it in brackets.
    fn compare_with_rule(&self, m: &Metric, node: &Indicator) -> String {
        let Some(value) = m.display else {
            return String::new();
        };
        let Some(RuleKind::Threshold { threshold, .. }) = node.rule.as_ref().map(|r| &r.kind)
        else {
            return String::new();
        };
        let t = threshold.normalize();
        let word = match (self.lang, value.cmp(threshold)) {
            (Lang::Zh, std::cmp::Ordering::Less) => "小于",
            (Lang::Zh, std::cmp::Ordering::Equal) => "等于",
            (Lang::Zh, std::cmp::Ordering::Greater) => "超过",
            (Lang::En, std::cmp::Ordering::Less) => "below",
            (Lang::En, std::cmp::Ordering::Equal) => "equal to",
            (Lang::En, std::cmp::Ordering::Greater) => "above",
        };
        match self.lang {
            Lang::Zh => format!("{word}{t}%"),
            Lang::En => format!("{word} {t}%"),
        }
    }

    /// The workload as the seed writes it: 一是…，二是….
    fn workload_text(&mut self) {
        let groups = self.wb.workload.clone();
        for (i, (group, stats)) in groups.iter().zip(&self.d.workload).enumerate() {
            let items: Vec<String> = group
                .items
                .iter()
                .zip(&stats.items)
                .map(|(item, s)| {
                    let mut text = match self.lang {
                        Lang::Zh => format!(
                            "{}{}{}",
                            item.name,
                            count_text(item.value, item.lower_bound),
                            item.unit
                        ),
                        Lang::En => format!(
                            "{} {}{} {}",
                            item.name,
                            if item.lower_bound { "over " } else { "" },
                            item.value,
                            item.unit
                        ),
                    };
                    if !item.parts.is_empty() {
                        let parts: Vec<String> = item
                            .parts
                            .iter()
                            .map(|p| match self.lang {
                                Lang::Zh => format!(
                                    "{}{}{}",
                                    p.name,
                                    count_text(p.value, p.lower_bound),
                                    item.unit
                                ),
                                Lang::En => format!("{} {}", p.name, p.value),
                            })
                            .collect();
                        let sum = s
                            .parts_sum
                            .map(|v| count_text(v, s.parts_sum_is_lower_bound))
                            .unwrap_or_default();
                        let _ = match self.lang {
                            Lang::Zh => write!(
                                text,
                                "（其中{}，分项合计{sum}{}）",
                                parts.join("、"),
                                item.unit
                            ),
                            Lang::En => {
                                write!(text, " ({}; parts add up to {sum})", parts.join(", "))
                            }
                        };
                    }
                    if let (Some(target), Some(c)) = (item.target, s.completion) {
                        let _ = match self.lang {
                            Lang::Zh => write!(
                                text,
                                "（目标{target}{}，完成率{}%）",
                                item.unit,
                                opt_rate(Some(c))
                            ),
                            Lang::En => {
                                write!(text, " (target {target}, {}% done)", opt_rate(Some(c)))
                            }
                        };
                    }
                    if let (Some(last), Some(c)) = (item.last_year, s.change) {
                        let _ = match self.lang {
                            Lang::Zh => write!(
                                text,
                                "（上年{last}{}，变动{}%）",
                                item.unit,
                                opt_rate(Some(c))
                            ),
                            Lang::En => {
                                write!(text, " (last year {last}, change {}%)", opt_rate(Some(c)))
                            }
                        };
                    }
                    text
                })
                .collect();
            let text = match self.lang {
                Lang::Zh => format!(
                    "{}是{}：{}。",
                    cn_number(i + 1),
                    group.name,
                    items.join("，")
                ),
                Lang::En => format!("({}) {}: {}.", i + 1, group.name, items.join("; ")),
            };
            self.para(&text);
        }
    }

    /// Ratios the engine computed that no indicator of the table uses.
    fn other_metrics(&mut self) {
        let used: Vec<MetricId> = self
            .wb
            .table
            .flatten()
            .iter()
            .filter_map(|(_, i)| i.rule.as_ref().and_then(|r| r.metric))
            .collect();
        let extra: Vec<MetricId> = self
            .d
            .metrics
            .iter()
            .filter(|m| m.status == MetricStatus::Ok && !used.contains(&m.id))
            .map(|m| m.id)
            .collect();
        if extra.is_empty() {
            return;
        }
        let lead = self.t(
            "其他共性指标（评分表未列，供参考）：",
            "Other common ratios (not in the scoring table, for reference):",
        );
        self.para(lead);
        for id in extra {
            let sentence = self.metric_sentence(id, None);
            let _ = writeln!(self.out, "- {}", md(sentence.trim()));
        }
        self.out.push('\n');
    }

    fn other(&mut self) {
        self.heading(2, self.t("四、其他自评情况", "4. Other matters"));
        let other = self.wb.narrative.other.clone();
        if other.trim().is_empty() {
            let none = self.t("无。", "None.");
            self.para(none);
        } else {
            self.free_text(&other);
        }
    }

    fn appendix_tables(&mut self) {
        self.heading(2, self.t("附表1 基础数据", "Table 1. Basic data"));
        let mut rows: Vec<Vec<String>> = basic_rows(self.wb)
            .into_iter()
            .filter(|r| r.value.is_some())
            .map(|r| {
                vec![
                    r.field.label(self.lang).to_owned(),
                    opt_text(r.value),
                    field_unit(r.field, self.lang).to_owned(),
                    String::new(),
                ]
            })
            .collect();
        for m in &self.d.metrics {
            let value = m.display.map_or_else(
                || metric_status_text(&m.status, self.lang).to_owned(),
                |v| {
                    if m.id.is_percent() {
                        format!("{v:.2}")
                    } else {
                        v.to_string()
                    }
                },
            );
            let unit = if m.id.is_percent() {
                "%"
            } else {
                self.t("万元", "10k yuan")
            };
            let formula = m.expression.as_ref().map_or_else(
                || m.id.formula().get(self.lang).to_owned(),
                |e| match self.lang {
                    Lang::Zh => full_width_parens(&e.zh),
                    Lang::En => e.en.clone(),
                },
            );
            rows.push(vec![
                m.id.label(self.lang).to_owned(),
                value,
                unit.to_owned(),
                formula,
            ]);
        }
        let header = [
            self.t("项目", "Item"),
            self.t("数值", "Value"),
            self.t("单位", "Unit"),
            self.t("计算式", "Formula"),
        ];
        self.table(&header, &rows);

        self.heading(2, self.t("附表2 工作量统计", "Table 2. Workload"));
        let rows: Vec<Vec<String>> = workload_rows(self.wb, self.d)
            .into_iter()
            .map(|r| {
                let item = match &r.part {
                    Some(part) => format!("{}{part}", self.t("　其中：", "  of which: ")),
                    None => r.item.clone(),
                };
                let parts_sum = match r.parts_sum {
                    Some(s) => {
                        let mut t = count_text(s, r.parts_sum_is_lower_bound);
                        if !r.parts_consistent {
                            t.push_str(self.t("（与总数不符）", " (does not match)"));
                        }
                        t
                    }
                    None => String::new(),
                };
                vec![
                    if r.part.is_some() {
                        String::new()
                    } else {
                        r.group.clone()
                    },
                    item,
                    count_text(r.value, r.lower_bound),
                    r.unit.clone(),
                    parts_sum,
                    opt_text(r.target),
                    opt_rate(r.completion),
                    opt_text(r.last_year),
                    opt_rate(r.change),
                    opt_rate(r.per_capita),
                ]
            })
            .collect();
        let header = [
            self.t("类别", "Group"),
            self.t("事项", "Item"),
            self.t("数量", "Count"),
            self.t("单位", "Unit"),
            self.t("分项合计", "Parts sum"),
            self.t("目标", "Target"),
            self.t("完成率（%）", "Done (%)"),
            self.t("上年", "Last year"),
            self.t("变动率（%）", "Change (%)"),
            self.t("人均", "Per capita"),
        ];
        if rows.is_empty() {
            let none = self.t("（未填写）", "(not filled in)");
            self.para(none);
        } else {
            self.table(&header, &rows);
            let note = match (self.lang, self.d.in_service_headcount) {
                (Lang::Zh, Some(h)) => {
                    format!("注：带“余”的数为下限，不作精确数相加；人均按在职人数{h}人计算。")
                }
                (Lang::Zh, None) => "注：带“余”的数为下限，不作精确数相加。".to_owned(),
                (Lang::En, Some(h)) => format!(
                    "Counts marked 余 are lower bounds and are not added as exact; per capita uses {h} staff in service."
                ),
                (Lang::En, None) => {
                    "Counts marked 余 are lower bounds and are not added as exact.".to_owned()
                }
            };
            self.para(&note);
        }
    }

    fn appendix_warnings(&mut self) {
        self.heading(
            2,
            self.t(
                "附录 检查提示（供撰写人核对，提交前请删除）",
                "Appendix. Checks for the author (remove before filing)",
            ),
        );
        if self.d.warnings.is_empty() {
            let none = self.t("jixiao 未发现问题。", "jixiao found nothing to check.");
            self.para(none);
            return;
        }
        let lead = match self.lang {
            Lang::Zh => format!(
                "jixiao 检查发现以下 {} 项，请核对后再定稿：",
                self.d.warnings.len()
            ),
            Lang::En => format!(
                "jixiao found the following {} points to check before filing:",
                self.d.warnings.len()
            ),
        };
        self.para(&lead);
        let warnings = self.d.warnings.clone();
        for w in &warnings {
            let severity = match self.lang {
                Lang::Zh => format!("【{}】", w.severity.label_zh()),
                Lang::En => format!("[{}] ", w.severity.label_en()),
            };
            let _ = writeln!(self.out, "- {severity}{}", md(w.message.get(self.lang)));
        }
        self.out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    #[test]
    fn writes_the_variance_rate_as_the_seed_does() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::Zh);
        assert!(text.contains(
            "财政拨款收入预决算差异率=（588.55万元-731.80万元）/731.80万元*100%=19.58%（取小数点后两位绝对值，超过5%）"
        ));
        assert!(text.contains(
            "结余结转率=5.86万元/（5.86万元+512.01万元+0.00万元）*100%=1.13%（小于10%）"
        ));
        assert!(text.contains("自评得分94分（满分100分），自评等级为优。"));
        assert!(text.contains("组织筹备各类会议202次（其中区委常委会（扩大）会议28次、"));
        assert!(text.contains("分项合计202次）"));
        assert!(text.contains("处理区委文件1300余份"));
        assert!(text.contains("- 组长：万海波（区委办公室主任、一级主任科员）"));
        assert!(text.contains("## 附录 检查提示"));
        assert!(text.contains("【严重】“收入预算”有两个数"));
    }

    #[test]
    fn english_report_is_english() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::En);
        assert!(text.contains("## 1. Basic information"));
        assert!(
            text.contains(
                "Appropriation income variance rate = (588.55-731.80)/731.80*100%=19.58%"
            )
        );
        assert!(text.contains("grade: Excellent"));
        assert!(!text.contains("一、单位基本情况"));
    }

    #[test]
    fn markdown_escaping_keeps_plain_text_plain() {
        assert_eq!(md("731.80万元*100%"), "731.80万元*100%");
        assert_eq!(md("a*b*c"), "a\\*b\\*c");
        assert_eq!(md("# 不是标题"), "\\# 不是标题");
        assert_eq!(md("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(md("1.准备工作"), "1.准备工作");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
    }
}
