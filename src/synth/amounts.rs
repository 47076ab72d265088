//! Budget, carry-over, procurement, asset and staffing figures for one
//! generated unit. Amounts are whole fen (cents of 万元) until stored, so
//! every stored amount has at most 2 places and the sums hold exactly.

use rust_decimal::Decimal;

use super::rng::Rng;
use super::units::UnitKind;
use super::{Flaw, Quality};
use crate::core::model::{Budget, Staffing};
use crate::core::num::{Count, Money};

/// An amount in hundredths of 万元.
type Fen = i64;

/// A stored amount from fen, never negative.
fn money(fen: Fen) -> Money {
    Money(Decimal::new(fen.max(0), 2))
}

fn signed_money(fen: Fen) -> Money {
    Money(Decimal::new(fen, 2))
}

/// `fen × basis points / 10000`, rounded down to whole fen.
fn share(fen: Fen, basis_points: i64) -> Fen {
    fen.saturating_mul(basis_points) / 10_000
}

/// How far a planted flaw moves a figure: a draw in `lo..hi` when `flaw` is
/// planted, else 0 (and nothing drawn, so unflawed files stay as they were).
fn flaw_skew(rng: &mut Rng, flaws: &[Flaw], flaw: Flaw, (lo, hi): (i64, i64)) -> i64 {
    if flaws.contains(&flaw) {
        rng.range(lo, hi)
    } else {
        0
    }
}

/// A size between `lo` and `hi` 万元, in fen, skewed towards the small end
/// (most units are small, a few are large).
fn size(rng: &mut Rng, lo: i64, hi: i64) -> Fen {
    let u = rng.range(0, 10_000);
    lo * 100 + (hi - lo) * 100 * u * u / 100_000_000 + rng.range(0, 99)
}

/// The unit's total budget range in 万元 by kind.
fn budget_range(kind: UnitKind) -> (i64, i64) {
    match kind {
        UnitKind::Office => (300, 3_000),
        UnitKind::Department => (250, 12_000),
        UnitKind::Street => (1_200, 6_000),
        UnitKind::Institution => (80, 1_500),
        UnitKind::School => (300, 3_500),
    }
}

/// The figures one part of the budget passes on to the next.
struct Flow {
    total: Fen,
    operating: Fen,
    project: Fen,
    approp_budget: Fen,
    approp_final: Fen,
    completion_bp: i64,
    opening: Fen,
    closing: Fen,
}

/// Fills `budget` and returns nothing; `flaws` says which sums to break.
/// The parts draw from `rng` in a fixed order, so a seed gives one workbook.
pub fn fill_budget(
    rng: &mut Rng,
    kind: UnitKind,
    quality: Quality,
    flaws: &[Flaw],
    budget: &mut Budget,
) {
    let mut b = Budget {
        projects: std::mem::take(&mut budget.projects),
        ..Budget::default()
    };
    let (total, general, gov_fund) = fill_income(rng, kind, flaws, &mut b);
    let (operating, project) = fill_expenditure(rng, total, flaws, &mut b);
    let approp_budget = general + gov_fund;
    let approp_final = fill_appropriations(rng, quality, flaws, (approp_budget, gov_fund), &mut b);
    let (completion_bp, opening, closing) =
        fill_spending(rng, quality, flaws, approp_final, &mut b);
    let flow = Flow {
        total,
        operating,
        project,
        approp_budget,
        approp_final,
        completion_bp,
        opening,
        closing,
    };
    fill_treasury_stock(rng, approp_final, &mut b);
    fill_procurement_and_assets(rng, quality, total, &mut b);
    if rng.chance(60) {
        fill_further_figures(rng, &flow, &mut b);
    }
    *budget = b;
}

/// The income budget by source; returns the total, the general public
/// budget and the government fund parts.
fn fill_income(rng: &mut Rng, kind: UnitKind, flaws: &[Flaw], b: &mut Budget) -> (Fen, Fen, Fen) {
    let (lo, hi) = budget_range(kind);
    let total = size(rng, lo, hi);
    let other = if rng.chance(50) {
        share(total, rng.range(5, 200))
    } else {
        0
    };
    let gov_fund = if rng.chance(40) {
        share(total, rng.range(50, 1_000))
    } else {
        0
    };
    let general = total - other - gov_fund;
    b.income_budget_general = Some(money(general));
    b.income_budget_gov_fund = Some(money(gov_fund));
    b.income_budget_other = Some(money(other));
    if rng.chance(5) {
        b.income_budget_state_capital = Some(money(0));
    }
    let skew = flaw_skew(rng, flaws, Flaw::IncomeParts, (100, 5_000));
    b.income_budget_total = Some(money(total + skew));
    (total, general, gov_fund)
}

/// The expenditure budget: basic (personnel, operating) and project; returns
/// the operating and project parts.
fn fill_expenditure(rng: &mut Rng, total: Fen, flaws: &[Flaw], b: &mut Budget) -> (Fen, Fen) {
    let basic = share(total, rng.range(5_500, 9_200));
    let personnel = share(basic, rng.range(8_200, 9_700));
    let operating = basic - personnel;
    let project = total - basic;
    b.expenditure_budget_total = Some(money(total));
    b.budget_basic = Some(money(basic));
    b.budget_personnel = Some(money(personnel));
    let skew = flaw_skew(rng, flaws, Flaw::BasicParts, (100, 2_000));
    b.budget_operating = Some(money(operating + skew));
    let skew = flaw_skew(rng, flaws, Flaw::ExpenditureParts, (100, 3_000));
    b.budget_project = Some(money((project - skew).max(0)));
    (operating, project)
}

/// Appropriations: the budget is the appropriation part of the income
/// budget (`budgets`: that and its government fund part); the final drifts
/// from it by the year's variance. Returns the final.
fn fill_appropriations(
    rng: &mut Rng,
    quality: Quality,
    flaws: &[Flaw],
    (approp_budget, gov_fund): (Fen, Fen),
    b: &mut Budget,
) -> Fen {
    let variance_bp = match quality {
        Quality::Excellent => rng.range(-400, 400),
        Quality::Good => rng.range(-900, 900),
        Quality::Fair => rng.range(-1_600, 1_600),
        Quality::Poor => rng.range(-2_500, 2_500),
    };
    let approp_final = share(approp_budget, 10_000 + variance_bp);
    let skew = flaw_skew(rng, flaws, Flaw::TwoIncomeBudgets, (1_000, 3_000));
    b.appropriation_income_budget = Some(money(approp_budget + share(approp_budget, skew)));
    b.appropriation_income_final = Some(money(approp_final));
    let fund_final = if gov_fund > 0 && !flaws.contains(&Flaw::GovFundNotFinal) {
        share(gov_fund, rng.range(8_000, 10_000)).min(approp_final)
    } else {
        0
    };
    let general_final = approp_final - fund_final;
    b.gov_fund_appropriation_final = Some(money(fund_final));
    b.general_budget_appropriation_final = Some(money(if flaws.contains(&Flaw::FinalsByFund) {
        share(general_final, rng.range(8_000, 9_600))
    } else {
        general_final
    }));
    approp_final
}

/// Spending and carry-over: closing = opening + appropriations − spending.
/// Returns the completion (basis points), the opening and the closing balance.
fn fill_spending(
    rng: &mut Rng,
    quality: Quality,
    flaws: &[Flaw],
    approp_final: Fen,
    b: &mut Budget,
) -> (i64, Fen, Fen) {
    let completion_bp = match quality {
        Quality::Excellent if rng.chance(60) => 10_000,
        Quality::Excellent => rng.range(9_700, 10_000),
        Quality::Good => rng.range(9_200, 10_000),
        Quality::Fair => rng.range(8_500, 9_900),
        Quality::Poor => rng.range(7_000, 9_600),
    };
    let issued = approp_final;
    let actual = share(issued, completion_bp);
    let opening = share(approp_final, rng.range(0, 600));
    let closing = opening + approp_final - actual;
    b.issued_budget = Some(money(issued));
    b.actual_expenditure = Some(money(actual));
    b.opening_appropriation_carryover = Some(money(opening));
    let skew = flaw_skew(rng, flaws, Flaw::CarryoverIdentity, (500, 20_000));
    b.closing_appropriation_carryover = Some(money(closing + skew));
    (completion_bp, opening, closing)
}

/// The treasury's carry-over stock last year and this: none, down, flat or up.
fn fill_treasury_stock(rng: &mut Rng, approp_final: Fen, b: &mut Budget) {
    let (prev, curr) = match rng.weighted(&[("zero", 50), ("down", 20), ("flat", 10), ("up", 20)]) {
        "down" => {
            let prev = share(approp_final, rng.range(50, 500));
            (prev, share(prev, rng.range(2_000, 9_000)))
        }
        "flat" => {
            let prev = share(approp_final, rng.range(50, 500));
            (prev, prev)
        }
        "up" => {
            let prev = share(approp_final, rng.range(0, 300));
            (prev, prev + share(approp_final, rng.range(50, 500)))
        }
        _ => (0, 0),
    };
    b.treasury_carryover_stock_prev = Some(money(prev));
    b.treasury_carryover_stock_curr = Some(money(curr));
    b.transfers_to_subordinates = Some(money(0));
}

/// Government procurement and fixed assets, each given by most units.
fn fill_procurement_and_assets(rng: &mut Rng, quality: Quality, total: Fen, b: &mut Budget) {
    if rng.chance(85) {
        let planned = if rng.chance(4) {
            0
        } else {
            share(total, rng.range(100, 1_500))
        };
        let execution_bp = match quality {
            Quality::Excellent => rng.range(9_500, 10_000),
            Quality::Good => rng.range(8_800, 10_000),
            Quality::Fair => rng.range(7_500, 9_800),
            Quality::Poor => rng.range(5_000, 9_500),
        };
        b.procurement_budget = Some(money(planned));
        b.procurement_actual = Some(money(share(planned, execution_bp)));
    }
    if rng.chance(85) {
        let assets = share(total, rng.range(2_000, 15_000));
        let in_use_bp = match quality {
            Quality::Excellent | Quality::Good => rng.range(9_300, 10_000),
            Quality::Fair | Quality::Poor => rng.range(7_500, 9_800),
        };
        b.fixed_assets_total = Some(money(assets));
        b.fixed_assets_in_use = Some(money(share(assets, in_use_bp)));
    }
}

/// The figures only some tables ask for: adjustments, 三公, operating cost,
/// payment progress, key projects and the carry-over pair.
fn fill_further_figures(rng: &mut Rng, flow: &Flow, b: &mut Budget) {
    let initial = share(flow.approp_budget, rng.range(9_000, 10_000));
    b.initial_budget = Some(money(initial));
    b.budget_adjustment = Some(signed_money(flow.approp_final - initial));
    let three_prev = share(flow.total, rng.range(20, 200));
    let three_budget = share(three_prev, rng.range(9_000, 10_500));
    b.three_public_prev_final = Some(money(three_prev));
    b.three_public_budget = Some(money(three_budget));
    b.three_public_final = Some(money(share(three_budget, rng.range(7_000, 10_200))));
    b.operating_cost_budget = Some(money(flow.operating));
    b.operating_cost_actual = Some(money(share(flow.operating, rng.range(8_500, 10_300))));
    b.payment_progress_planned = Some(money(10_000));
    b.payment_progress_actual = Some(money(flow.completion_bp / 100 * 100));
    let key = share(flow.project, rng.range(3_000, 9_000));
    b.key_project_expenditure = Some(money(key));
    b.project_expenditure_total = Some(money(flow.project));
    b.carryover_prev = Some(money(flow.opening));
    b.carryover_curr = Some(money(flow.closing));
}

/// Authorised posts and headcount; `flaws` may break the headcount sum.
pub fn fill_staffing(rng: &mut Rng, kind: UnitKind, flaws: &[Flaw]) -> Staffing {
    let (admin, institution, logistics) = match kind {
        UnitKind::Office => (rng.range(12, 40), rng.range(0, 8), rng.range(1, 6)),
        UnitKind::Department => (rng.range(8, 60), rng.range(0, 30), rng.range(0, 8)),
        UnitKind::Street => (rng.range(30, 70), rng.range(10, 40), rng.range(2, 12)),
        UnitKind::Institution => (0, rng.range(6, 60), rng.range(0, 8)),
        UnitKind::School => (0, rng.range(25, 160), rng.range(2, 15)),
    };
    let filled = |rng: &mut Rng, posts: i64| -> i64 {
        if posts == 0 {
            0
        } else {
            (posts - rng.range(0, posts / 5 + 1)).max(0)
        }
    };
    let in_admin = filled(rng, admin);
    let in_institution = filled(rng, institution);
    let in_logistics = filled(rng, logistics);
    let retired = rng.range(0, i64::midpoint(admin, institution) + 2);
    let mut headcount = in_admin + in_institution + in_logistics + retired;
    if flaws.contains(&Flaw::HeadcountParts) {
        headcount += rng.range(1, 4);
    }
    let count = |v: i64| Some(Count(u32::try_from(v.max(0)).unwrap_or(0)));
    Staffing {
        authorized_admin: count(admin),
        authorized_institution: count(institution),
        authorized_logistics: count(logistics),
        new_posts: if rng.chance(20) {
            count(rng.range(1, 5))
        } else {
            count(0)
        },
        in_service_admin: count(in_admin),
        in_service_institution: count(in_institution),
        in_service_logistics: count(in_logistics),
        retired: count(retired),
        actual_headcount: count(headcount),
    }
}
