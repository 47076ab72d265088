//! insta snapshots of the rule form (issue 11) at 80x24 and 160x48.

mod common;

use common::{app, keys, screen};

#[test]
fn rule_form_on_a_threshold_leaf() {
    for (w, h) in [(80, 24), (160, 48)] {
        let (mut app, _dir, _path) = app();
        app.path = std::path::PathBuf::from("workbook.json");
        keys(&mut app, "3 / A3.1 <enter> f <down> <down>");
        let shown = screen(&mut app, w, h);
        assert!(shown.contains("扣完为止"), "the sentence shows at {w}x{h}");
        insta::assert_snapshot!(format!("rule_form_{w}x{h}"), shown);
    }
}
