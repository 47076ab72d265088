//! The year's workload as the seed writes it: 一是…，二是….

use std::fmt::Write as _;

use super::super::rows::{count_text, opt_rate};
use super::Report;
use crate::core::Lang;
use crate::text::chinese_number;

impl Report<'_> {
    /// The workload as the seed writes it: 一是…，二是….
    pub(super) fn workload_text(&mut self) {
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
                    chinese_number(i + 1),
                    group.name,
                    items.join("，")
                ),
                Lang::En => format!("({}) {}: {}.", i + 1, group.name, items.join("; ")),
            };
            self.para(&text);
        }
    }
}
