//! Each project's 项目支出绩效自评表 as report blocks, in the order and with
//! the headings of the national form (财预〔2020〕10号 附件1): identity, 项目资金,
//! 年度总体目标, the indicator grid with 年度指标值 and 实际完成值, 总分, then
//! conclusion and signatures. Markdown and Word draw them like any table.

use super::Block;
use crate::core::Lang;
use crate::core::engine::project::ProjectDerived;
use crate::core::model::{ProjectForm, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::i18n::Tr;

fn t(lang: Lang, zh: &'static str, en: &'static str) -> String {
    Tr(zh, en).get(lang).to_owned()
}

fn amount(v: Option<rust_decimal::Decimal>) -> String {
    v.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

/// One project's form as blocks (its own page in Word).
#[must_use]
pub fn project_blocks(
    wb: &Workbook,
    p: &ProjectForm,
    d: &ProjectDerived,
    lang: Lang,
) -> Vec<Block> {
    let mut out = vec![
        Block::Heading {
            level: 1,
            text: format!(
                "{}：{}",
                t(lang, "项目支出绩效自评表", "Project self-evaluation"),
                p.name
            ),
        },
        Block::Paragraph(match lang {
            Lang::Zh => format!("（{}年度）", wb.unit.fiscal_year),
            Lang::En => format!("(fiscal year {})", wb.unit.fiscal_year),
        }),
    ];
    if p.illustrative {
        out.push(Block::Paragraph(t(
            lang,
            "（示例：本项目为演示表式而设，原报告未列示项目自评表。）",
            "(Illustrative: made up to show the form; the source report prints no project form.)",
        )));
    }
    let name = if p.code.is_empty() {
        p.name.clone()
    } else {
        format!("{}-{}", p.code, p.name)
    };
    out.push(Block::Table {
        header: vec![
            t(lang, "项目名称", "Project"),
            name,
            String::new(),
            String::new(),
        ],
        rows: vec![vec![
            t(lang, "主管部门", "Supervising department"),
            or_dash(&p.supervising_dept),
            t(lang, "实施单位", "Implementing unit"),
            or_dash(&p.implementing_unit),
        ]],
    });
    out.push(funds_table(p, d, lang));
    out.push(goal_table(p, lang));
    out.push(grid_table(p, d, lang));
    out.push(closing_table(p, lang));
    out
}

fn funds_table(p: &ProjectForm, d: &ProjectDerived, lang: Lang) -> Block {
    let exec_rate = d
        .execution_rate
        .map_or_else(|| "—".to_owned(), |r| fmt_percent(round2(r)));
    let funds = p
        .funds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let total = r.source == crate::core::model::FundSource::Total;
            // The first source under the total is printed 其中：…, as on the form.
            let label = match lang {
                Lang::Zh if i == 1 => format!("其中：{}", r.source.label_zh(p.layout)),
                Lang::Zh => r.source.label_zh(p.layout).to_owned(),
                Lang::En => r.source.label_en().to_owned(),
            };
            vec![
                label,
                amount(r.initial),
                amount(r.full_year),
                amount(r.executed),
                if total {
                    fmt_score(p.scoring.execution_weight)
                } else {
                    "—".to_owned()
                },
                if total {
                    exec_rate.clone()
                } else {
                    "—".to_owned()
                },
                if total {
                    d.execution_score.map_or_else(|| "—".to_owned(), fmt_score)
                } else {
                    "—".to_owned()
                },
            ]
        })
        .collect();
    Block::Table {
        header: vec![
            t(lang, "项目资金（万元）", "Funds (10k yuan)"),
            t(lang, "年初预算数", "Initial budget"),
            t(lang, "全年预算数", "Full-year budget"),
            t(lang, "全年执行数", "Executed"),
            t(lang, "分值", "Weight"),
            t(lang, "执行率", "Rate"),
            t(lang, "得分", "Score"),
        ],
        rows: funds,
    }
}

fn goal_table(p: &ProjectForm, lang: Lang) -> Block {
    Block::Table {
        header: vec![
            t(lang, "年度总体目标", "Goal"),
            t(lang, "预期目标", "Expected"),
            t(lang, "实际完成情况", "Achieved"),
        ],
        // The form merges the label down beside both texts.
        rows: vec![vec![
            t(lang, "年度总体目标", "Goal"),
            or_dash(&p.goal),
            or_dash(&p.goal_achieved),
        ]],
    }
}

fn grid_table(p: &ProjectForm, d: &ProjectDerived, lang: Lang) -> Block {
    let mut rows: Vec<Vec<String>> = p
        .indicators
        .iter()
        .zip(&d.indicators)
        .map(|(ind, s)| {
            vec![
                ind.level1.clone(),
                ind.level2.clone(),
                ind.name.clone(),
                or_dash(&format!(
                    "{}{}",
                    ind.target,
                    if ind.target.ends_with(&ind.unit) {
                        ""
                    } else {
                        &ind.unit
                    }
                )),
                or_dash(&format!(
                    "{}{}",
                    ind.actual,
                    if ind.actual.is_empty() || ind.actual.ends_with(&ind.unit) {
                        ""
                    } else {
                        &ind.unit
                    }
                )),
                fmt_score(ind.weight),
                if ind.not_applicable {
                    t(lang, "不适用", "n/a")
                } else {
                    s.score.map_or_else(|| "—".to_owned(), fmt_score)
                },
                or_dash(&ind.reason),
            ]
        })
        .collect();
    let cap = d.cap.map_or_else(String::new, |c| match lang {
        Lang::Zh => format!("（执行率低，封顶 {}）", fmt_score(c)),
        Lang::En => format!(" (capped at {})", fmt_score(c)),
    });
    rows.push(vec![
        t(lang, "总分", "Total"),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        fmt_score(d.max_total),
        format!("{}{cap}", fmt_score(d.total)),
        format!("{}：{}", t(lang, "等级", "Grade"), d.grade.label(lang)),
    ]);
    Block::Table {
        header: vec![
            t(lang, "一级指标", "Level 1"),
            t(lang, "二级指标", "Level 2"),
            t(lang, "三级指标", "Indicator"),
            t(lang, "年度指标值", "Target"),
            t(lang, "实际完成值", "Actual"),
            t(lang, "分值", "Weight"),
            t(lang, "得分", "Score"),
            t(lang, "偏差原因分析及改进措施", "Reason for the shortfall"),
        ],
        rows,
    }
}

fn closing_table(p: &ProjectForm, lang: Lang) -> Block {
    let mut tail = Vec::new();
    for (label, text) in [
        (Tr("评价结论", "Conclusion"), &p.conclusion),
        (Tr("存在问题", "Problems"), &p.problems),
        (Tr("改进措施", "Improvements"), &p.improvements),
    ] {
        if !text.trim().is_empty() {
            tail.push(vec![label.get(lang).to_owned(), text.clone()]);
        }
    }
    tail.push(vec![
        t(lang, "项目负责人", "Project lead"),
        format!(
            "{}    {}：{}",
            or_dash(&p.project_lead),
            t(lang, "财务负责人", "Finance lead"),
            or_dash(&p.finance_lead)
        ),
    ]);
    Block::Table {
        header: vec![t(lang, "项目", "Item"), t(lang, "内容", "Text")],
        rows: tail,
    }
}
