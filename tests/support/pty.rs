//! The real binary in a pseudo-terminal (portable-pty): start it, type,
//! read the screen (vt100), wait for it to exit. Shared by the pty tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    pub writer: Box<dyn Write + Send>,
    pub output: Arc<Mutex<Vec<u8>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(args: &[&str], data_home: &Path) -> Self {
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

    /// `jixiao FILE` for a missing FILE asks unit, year and table first: take the defaults.
    pub fn answer_new_workbook_form(&mut self) {
        self.wait_for("单位名称");
        self.send("测试单位\r\r\r".as_bytes());
    }

    pub fn screen(&self) -> String {
        let bytes = self.output.lock().expect("lock").clone();
        let rows = std::num::NonZeroU16::new(36).expect("rows");
        let cols = std::num::NonZeroU16::new(120).expect("cols");
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&bytes);
        parser.screen().contents()
    }

    pub fn wait_for(&self, needle: &str) -> String {
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

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn wait_exit(&mut self) -> bool {
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

    pub fn raw_output(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }
}
