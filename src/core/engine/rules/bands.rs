//! `bands`: the first band whose `rate op bound` holds gives its points;
//! none gives `otherwise`.

use rust_decimal::Decimal;

use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::{Band, BandOp};

pub const KEY: &str = "bands";

pub fn describe(bands: &[Band], otherwise: Decimal) -> Bilingual {
    let mut zh = Text::new();
    let mut en = Text::new();
    for (i, band) in bands.iter().enumerate() {
        if i > 0 {
            zh = zh.s("；");
            en = en.s("; ");
        }
        zh = zh
            .s(band.op.symbol())
            .pct(band.bound)
            .s("得")
            .score(band.points)
            .s("分");
        en = en
            .s(band.op.symbol())
            .s(" ")
            .pct(band.bound)
            .s(" → ")
            .score(band.points);
    }
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
    let (score, working) = match bands.iter().find(|b| b.op.holds(value, b.bound)) {
        Some(band) => (
            band.points,
            Working::new()
                .rate(value)
                .op(band.op.symbol())
                .rate(band.bound)
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
        body = format!(
            "IF({r}{}{},{},{body})",
            op_text(band.op),
            band.bound,
            band.points
        );
    }
    body
}
