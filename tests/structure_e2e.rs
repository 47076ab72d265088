//! End-to-end (issue 11): in the real binary, build a three-level scoring
//! table of 12 leaves from an empty one, score it, save, and read it back.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jixiao::core::model::ScoringTable;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str], data_home: &Path) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 36,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jixiao"));
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", data_home);
        cmd.env("HOME", data_home);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(data_home);
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Self {
            writer,
            output,
            child,
            _master: pair.master,
        }
    }

    fn screen(&self) -> String {
        let bytes = self.output.lock().expect("lock").clone();
        let rows = std::num::NonZeroU16::new(36).expect("rows");
        let cols = std::num::NonZeroU16::new(120).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&bytes);
        parser.screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }

    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the workbench did not exit");
    }
}

/// Keys for one leaf after the selected row: add, name, weight, score.
fn leaf(name: &str, weight: u32, add: &str) -> String {
    format!("{add}r{name}\rw{weight}\re{}\r", weight - 1)
}

#[test]
fn builds_and_scores_a_three_level_table_from_an_empty_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("blank.json");
    let wb = jixiao::core::newbook::blank_workbook("测试局", 2024, ScoringTable::default());
    std::fs::write(&file, jixiao::core::format::to_json(&wb)).expect("write");
    let mut s = Session::start(&[file.to_str().expect("utf-8")], dir.path());
    s.wait_for("总分");
    s.send(b"3");
    let tops = [
        ("决策", 40, [20, 20], [10, 10]),
        ("过程", 30, [15, 15], [8, 7]),
        ("产出", 30, [15, 15], [8, 7]),
    ];
    let mut n = 0;
    for (t, (top, top_weight, mids, leaves)) in tops.iter().enumerate() {
        // The first top-level row on the empty table; later ones after the previous top.
        let add_top = if t == 0 { "a" } else { "kkkkkka" };
        s.send(format!("{add_top}r{top}\rw{top_weight}\r").as_bytes());
        for (m, mid_weight) in mids.iter().enumerate() {
            let add_mid = if m == 0 { "A" } else { "kka" };
            s.send(format!("{add_mid}r{top}{m}\rw{mid_weight}\r").as_bytes());
            for (l, weight) in leaves.iter().enumerate() {
                n += 1;
                let add = if l == 0 { "A" } else { "a" };
                s.send(leaf(&format!("叶{n}"), *weight, add).as_bytes());
            }
        }
    }
    // Every leaf lost one point: 100 − 12.
    s.wait_for("88 / 100");
    s.send(b"\x13");
    s.wait_for("已保存");
    let saved = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&saved).expect("loads").workbook;
    let flat = wb.table.flatten();
    let leaves: Vec<_> = flat.iter().filter(|(_, i)| i.is_leaf()).collect();
    assert_eq!(leaves.len(), 12);
    assert!(leaves.iter().all(|(depth, _)| *depth == 2), "three levels");
    assert_eq!(wb.table.indicators.len(), 3);
    let derived = jixiao::core::engine::derive(&wb);
    assert_eq!(derived.total_display(), rust_decimal_macros::dec!(88));
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}
