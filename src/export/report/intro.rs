//! Sections 一 (the unit) and 二 (how the self-evaluation was done).

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Report;
use crate::core::Lang;
use crate::core::model::{FieldGroup, FieldId};
use crate::i18n::Tr;

impl Report<'_> {
    pub(super) fn title(&mut self) {
        let unit = &self.wb.unit;
        let title = match self.lang {
            Lang::Zh => format!("{}年度{}整体支出绩效自评报告", unit.fiscal_year, unit.name),
            Lang::En => format!(
                "Self-evaluation of overall expenditure performance, {}, {}",
                unit.name, unit.fiscal_year
            ),
        };
        self.heading(1, &title);
        self.header_block();
        let notice = unit.notice_ref.trim();
        let intro = match self.lang {
            Lang::Zh => {
                let basis = Some(notice)
                    .filter(|n| !n.is_empty())
                    .map(|n| format!("根据{n}要求，"))
                    .unwrap_or_default();
                format!(
                    "{basis}本单位及时布置自评，成立自评工作小组，查阅、核实有关账务及项目执行情况，填写自评表格并综合分析，形成本评价报告。现将{}年度{}整体绩效自我评价报告如下：",
                    unit.fiscal_year, unit.name
                )
            }
            Lang::En => {
                let lead = if notice.is_empty() {
                    "The unit".to_owned()
                } else {
                    format!("As required by {notice}, the unit")
                };
                format!(
                    "{lead} organised its self-evaluation, set up a working group, checked the accounts and projects, filled in the evaluation tables and wrote this report on {} for {}.",
                    unit.name, unit.fiscal_year
                )
            }
        };
        self.para(&intro);
    }

    /// Under the title: 主管部门, 单位编码 and 联系人, where typed.
    fn header_block(&mut self) {
        let unit = &self.wb.unit;
        let lines: Vec<String> = [
            (
                Tr("主管部门：", "Supervising department: "),
                &unit.supervising_dept,
            ),
            (Tr("单位编码：", "Unit code: "), &unit.code),
            (Tr("联系人及电话：", "Contact: "), &unit.contact),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(label, value)| format!("{}{}", label.get(self.lang), value.trim()))
        .collect();
        for line in lines {
            self.para(&line);
        }
    }

    pub(super) fn basic_situation(&mut self) {
        self.heading(2, self.t("一、单位基本情况", "1. Basic information"));
        self.heading(
            3,
            self.t(
                "（一）单位机构设置、部门职能情况",
                "1.1 Organisation and functions",
            ),
        );
        self.strong(self.t("1、单位机构设置", "Organisation"));
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
        self.strong(self.t("2、部门职能", "Functions"));
        let functions = self.wb.narrative.functions.clone();
        self.free_text(&functions);
        self.strong(self.t("3、人员情况", "Staffing"));
        self.staffing();
        let narrative = &self.wb.narrative;
        self.text_sections(&[
            (
                Tr(
                    "（二）年度总体工作和重点工作任务",
                    "1.2 Overall work and key tasks of the year",
                ),
                &narrative.annual_work,
            ),
            (
                Tr(
                    "（三）部门整体支出绩效目标",
                    "1.3 Performance goals of overall expenditure",
                ),
                &narrative.performance_goals,
            ),
        ]);
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
                (Lang::En, false) => format!(", of which {}", people.join(", ")),
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
        let mut paragraphs: Vec<String> = [
            self.income_budget(),
            self.expenditure_budget(),
            self.income_final(),
            self.expenditure_final(),
        ]
        .into_iter()
        .flatten()
        .collect();
        paragraphs.extend(self.execution_and_finals());
        paragraphs.extend(self.project_amounts());
        if paragraphs.is_empty() {
            paragraphs.push(self.t("（未填写）", "(not filled in)").to_owned());
        }
        for p in paragraphs {
            self.para(&p);
        }
    }

    /// 收入预算 and its given sources.
    fn income_budget(&self) -> Option<String> {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
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
        let total = self.stated(F::IncomeBudgetTotal)?;
        Some(match (self.lang, income_parts.is_empty()) {
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
        })
    }

    /// 支出预算, split into basic (personnel, operating) and project spending.
    fn expenditure_budget(&self) -> Option<String> {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
        let total = self.stated(F::ExpenditureBudgetTotal)?;
        let split: Vec<String> = [self.basic_budget(), self.project_budget()]
            .into_iter()
            .flatten()
            .collect();
        Some(match (self.lang, split.is_empty()) {
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
        })
    }

    /// 收入决算 and its given sources.
    fn income_final(&self) -> Option<String> {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
        let parts = self.given(&[
            (
                F::IncomeFinalGeneral,
                "一般公共预算财政拨款",
                "general public budget appropriation",
            ),
            (
                F::IncomeFinalGovFund,
                "政府性基金预算财政拨款",
                "government fund appropriation",
            ),
            (
                F::IncomeFinalStateCapital,
                "国有资本经营预算财政拨款",
                "state capital operating appropriation",
            ),
            (F::IncomeFinalBusiness, "事业收入", "institution income"),
            (F::IncomeFinalOperations, "经营收入", "operating income"),
            (F::IncomeFinalOther, "其他收入", "other income"),
        ]);
        let total = self.stated(F::IncomeFinalTotal);
        Some(match (self.lang, total, parts.is_empty()) {
            (_, None, true) => return None,
            (Lang::Zh, Some(total), true) => format!("{year}年收入决算{total}。"),
            (Lang::Zh, Some(total), false) => {
                format!("{year}年收入决算{total}，其中：{}。", parts.join("，"))
            }
            (Lang::Zh, None, false) => format!("{year}年收入决算：{}。", parts.join("，")),
            (Lang::En, Some(total), true) => format!("Income final {year}: {total}."),
            (Lang::En, Some(total), false) => {
                format!(
                    "Income final {year}: {total}, of which {}.",
                    parts.join(", ")
                )
            }
            (Lang::En, None, false) => format!("Income final {year}: {}.", parts.join(", ")),
        })
    }

    /// 支出决算: basic (personnel, operating) and project spending.
    fn expenditure_final(&self) -> Option<String> {
        use FieldId as F;
        let year = self.wb.unit.fiscal_year;
        let parts = self.given(&[
            (F::FinalBasic, "基本支出", "basic"),
            (F::FinalPersonnel, "人员经费", "personnel"),
            (F::FinalOperating, "公用经费", "operating"),
            (F::FinalProject, "项目支出", "project"),
        ]);
        let total = self.stated(F::ExpenditureFinalTotal);
        Some(match (self.lang, total, parts.is_empty()) {
            (_, None, true) => return None,
            (Lang::Zh, Some(total), true) => format!("{year}年支出决算{total}。"),
            (Lang::Zh, Some(total), false) => {
                format!("{year}年支出决算{total}，其中：{}。", parts.join("，"))
            }
            (Lang::Zh, None, false) => format!("{year}年支出决算：{}。", parts.join("，")),
            (Lang::En, Some(total), true) => format!("Expenditure final {year}: {total}."),
            (Lang::En, Some(total), false) => {
                format!(
                    "Expenditure final {year}: {total}, of which {}.",
                    parts.join(", ")
                )
            }
            (Lang::En, None, false) => format!("Expenditure final {year}: {}.", parts.join(", ")),
        })
    }

    fn basic_budget(&self) -> Option<String> {
        use FieldId as F;
        let basic_parts = self.given(&[
            (F::BudgetPersonnel, "人员经费支出", "personnel"),
            (F::BudgetOperating, "公用经费支出", "operating"),
        ]);
        let basic = self.stated(F::BudgetBasic)?;
        Some(match (self.lang, basic_parts.is_empty()) {
            (Lang::Zh, true) => format!("基本支出预算{basic}"),
            (Lang::Zh, false) => {
                format!("基本支出预算{basic}，其中：{}", basic_parts.join("，"))
            }
            (Lang::En, true) => format!("basic expenditure {basic}"),
            (Lang::En, false) => {
                format!("basic expenditure {basic} ({})", basic_parts.join(", "))
            }
        })
    }

    fn project_budget(&self) -> Option<String> {
        let project = self.stated(FieldId::BudgetProject)?;
        Some(match self.lang {
            Lang::Zh => format!("项目支出预算{project}"),
            Lang::En => format!("project expenditure {project}"),
        })
    }

    /// 预算执行及决算: every given appropriation field.
    fn execution_and_finals(&self) -> Option<String> {
        let finals: Vec<String> = FieldId::ALL
            .iter()
            .filter(|f| f.group() == FieldGroup::Appropriation)
            .filter_map(|&f| {
                let value = f.get(self.wb)?;
                Some(self.labelled((f.label_zh(), f.label_en()), f, value))
            })
            .collect();
        (!finals.is_empty()).then(|| match self.lang {
            Lang::Zh => format!("预算执行及决算：{}。", finals.join("，")),
            Lang::En => format!("Execution and final accounts: {}.", finals.join(", ")),
        })
    }

    /// One sentence per project: its budget and final amount (— when not given).
    fn project_amounts(&self) -> Vec<String> {
        let text = |amount: Option<crate::core::num::Money>| {
            amount.map_or_else(|| "—".into(), |m| m.0.to_string())
        };
        self.wb
            .budget
            .projects
            .iter()
            .map(|project| {
                let b = text(project.budget);
                let f = text(project.final_amount);
                match self.lang {
                    Lang::Zh => format!("项目“{}”：预算{b}万元，决算{f}万元。", project.name),
                    Lang::En => format!(
                        "Project \"{}\": budget {b}, final {f} (10k yuan).",
                        project.name
                    ),
                }
            })
            .collect()
    }

    pub(super) fn self_evaluation_work(&mut self) {
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
            let items: Vec<String> = roles
                .into_iter()
                .map(|(role, people)| {
                    let joined = people.join(self.t("、", ", "));
                    format!("{role}{}{joined}", self.t("：", ": "))
                })
                .collect();
            self.bullets(items);
        }
        let duties = self.wb.narrative.team_duties.clone();
        if !duties.trim().is_empty() {
            self.free_text(&duties);
        }
        let (timing, disclosure) = split_submission(&self.wb.narrative.submission);
        self.text_sections(&[
            (
                Tr("（二）自评工作过程", "2.2 Process"),
                &self.wb.narrative.process,
            ),
            (
                Tr(
                    "（三）自评材料报送时间及质量",
                    "2.3 Timing and quality of the materials",
                ),
                &timing,
            ),
            (
                Tr(
                    "（四）自评材料报送及公开一致情况",
                    "2.4 Materials submitted and published alike",
                ),
                &disclosure,
            ),
        ]);
    }
}

/// The officer's one submission text split into 二(三) (timing and quality)
/// and 二(四) (what was submitted matches what was published): sentences that
/// speak of publication (公开 / publish) go to the second, in their order.
pub(super) fn split_submission(text: &str) -> (String, String) {
    let mut timing = String::new();
    let mut disclosure = String::new();
    for line in text.lines() {
        let mut timing_line = String::new();
        let mut disclosure_line = String::new();
        for sentence in sentences(line) {
            let about_publication = sentence.contains("公开") || sentence.contains("publish");
            let target = if about_publication {
                &mut disclosure_line
            } else {
                &mut timing_line
            };
            target.push_str(sentence);
        }
        for (target, piece) in [
            (&mut timing, timing_line),
            (&mut disclosure, disclosure_line),
        ] {
            if !piece.trim().is_empty() {
                target.push_str(piece.trim());
                target.push('\n');
            }
        }
    }
    (timing, disclosure)
}

/// Sentences of a line, each with its closing mark (。！？ or ". ").
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, ch) in line.char_indices() {
        if matches!(ch, '。' | '！' | '？') {
            let end = at + ch.len_utf8();
            out.push(&line[start..end]);
            start = end;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}
