//! The year's workload as the seed writes it: 一是…，二是….

use std::fmt::Write as _;

use super::super::rows::{count_text, rate_text};
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
                    // A figure against its reference: (reference, rate, zh words, en words);
                    // `{}` in the English rate words stands for the rate.
                    let against = [
                        (
                            item.target,
                            s.completion,
                            ("目标", "完成率"),
                            ("target", "{}% done"),
                        ),
                        (
                            item.last_year,
                            s.change,
                            ("上年", "变动"),
                            ("last year", "change {}%"),
                        ),
                    ];
                    for (reference, rate, (zh_ref, zh_rate), (en_ref, en_rate)) in against {
                        let (Some(reference), Some(rate)) = (reference, rate) else {
                            continue;
                        };
                        let (rate, unit) = (rate_text(rate), &item.unit);
                        let _ = match self.lang {
                            Lang::Zh => {
                                write!(text, "（{zh_ref}{reference}{unit}，{zh_rate}{rate}%）")
                            }
                            Lang::En => {
                                let en_rate = en_rate.replace("{}", &rate);
                                write!(text, " ({en_ref} {reference}, {en_rate})")
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
