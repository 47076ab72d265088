//! `bands`: the first band whose `rate op bound` holds gives its points;
//! none gives `otherwise`.

use rust_decimal::Decimal;

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::{Text, joined};
use crate::core::engine::working::Working;
use crate::core::model::RuleKind;
use crate::core::model::{Band, BandOp};

pub const KEY: &str = "bands";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::list("bands", ("分档", "bands"), ("如 ≥95=3；≥90=2", "e.g. ≥95=3; ≥90=2")),
    Param::number("otherwise", ("其余得分", "otherwise"), ("如 0", "e.g. 0")),
];

pub fn values(bands: &[Band], otherwise: Decimal) -> Vec<String> {
    let list: Vec<String> = bands
        .iter()
        .map(|b| format!("{}{}={}", b.op.symbol(), b.bound, b.points))
        .collect();
    vec![list.join("；"), otherwise.to_string()]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    let bands = params::required_entries(PARAMS, values, 0)?
        .iter()
        .map(|entry| {
            let (condition, points) = params::named_number(entry)?;
            let (op, bound) = params::comparison(&condition)?;
            Ok(Band {
                op,
                bound,
                upper: None,
                points,
            })
        })
        .collect::<Result<Vec<_>, Bilingual>>()?;
    Ok(RuleKind::Bands {
        bands,
        otherwise: params::number(PARAMS, values, 1)?,
    })
}

/// The wordings this kind is read from (interchange/rules.rs reads them).
pub const PHRASINGS: &[&str] = &[
    "≥95%得满分，90%（含）-95%得80%分值，85%-90%得60%，85%以下不得分",
    "≥90%得5分；80%≤重点支出安排率<90%得3分；其余不得分",
    "≤10%得3分；10%-20%得2分；高于20%不得分",
    "=0得满分，否则不得分",
];

/// The condition of one band: "≥95%" or "90%≤x<95%" (`gap` between the
/// pieces: none in Chinese, a space in English).
fn condition(text: Text, band: &Band, gap: &str) -> Text {
    match band.upper {
        Some(upper) => text
            .pct(band.bound)
            .s(gap)
            .s(flipped(band.op))
            .s(gap)
            .s("x")
            .s(gap)
            .s(upper.op.symbol())
            .s(gap)
            .pct(upper.bound),
        None => text.s(band.op.symbol()).s(gap).pct(band.bound),
    }
}

/// The symbol with its sides swapped ("≥ 80" as "80 ≤").
fn flipped(op: BandOp) -> &'static str {
    match op {
        BandOp::Lt => ">",
        BandOp::Le => "≥",
        BandOp::Eq => "=",
        BandOp::Ge => "≤",
        BandOp::Gt => "<",
    }
}

pub fn describe(bands: &[Band], otherwise: Decimal) -> Bilingual {
    let (mut zh, mut en) = joined(
        bands,
        ("；", "; "),
        |zh, band| condition(zh, band, "").s("得").score(band.points).s("分"),
        |en, band| condition(en, band, " ").s(" → ").score(band.points),
    );
    if !bands.is_empty() {
        zh = zh.s("；");
        en = en.s("; ");
    }
    Bilingual::new(
        zh.s("其余得").score(otherwise).s("分").done(),
        en.s("otherwise ").score(otherwise).done(),
    )
}

pub fn score<'a>(bands: &[Band], otherwise: Decimal, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    let value = input.value;
    let (score, working) = match bands.iter().find(|b| b.holds(value)) {
        Some(band) => (
            band.points,
            match band.upper {
                Some(upper) => Working::new()
                    .rate(band.bound)
                    .op(flipped(band.op))
                    .rate(value)
                    .op(upper.op.symbol())
                    .rate(upper.bound),
                None => Working::new()
                    .rate(value)
                    .op(band.op.symbol())
                    .rate(band.bound),
            }
            .words("，得 ", ": ")
            .result(band.points)
            .words(" 分", " points"),
        ),
        None => (
            otherwise,
            Working::new()
                .rate(value)
                .words("不在以上各档，得 ", " is in none of the bands: ")
                .result(otherwise)
                .words(" 分", " points"),
        ),
    };
    RuleOutcome::Worked { score, working }
}

fn op_text(op: BandOp) -> &'static str {
    match op {
        BandOp::Lt => "<",
        BandOp::Le => "<=",
        BandOp::Eq => "=",
        BandOp::Ge => ">=",
        BandOp::Gt => ">",
    }
}

pub fn excel(bands: &[Band], otherwise: Decimal, r: &str) -> String {
    let mut body = otherwise.to_string();
    for band in bands.iter().rev() {
        let lower = format!("{r}{}{}", op_text(band.op), band.bound);
        let test = match band.upper {
            Some(upper) => format!("AND({lower},{r}{}{})", op_text(upper.op), upper.bound),
            None => lower,
        };
        body = format!("IF({test},{},{body})", band.points);
    }
    body
}
