//! A test that reads what is logged at trace level, in a process of its own. Shared by the test
//! binaries of console-core and accessctl (the CLI's includes this file by path), so the rule
//! lives in one place.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// For a test that installs the process-wide log subscriber: in one test binary, every other
/// test running meanwhile would log into it (and a second `init` panics). Runs this binary
/// again with only `test` (its full name, `module::name`) and checks it passed; true in that
/// second process, where the caller then does its work.
pub fn alone_in_a_process(test: &str) -> bool {
    const ALONE: &str = "ACCESS_CONSOLE_TEST_ALONE";
    if std::env::var(ALONE).as_deref() == Ok(test) {
        return true;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture"])
        .env(ALONE, test)
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{test} failed:\n{stdout}\n{stderr}");
    // Not vacuous: the name matched a test, which ran.
    assert!(stdout.contains("1 passed"), "{test} did not run:\n{stdout}");
    false
}

/// What the process logs, as the subscriber `capture_trace` installs writes it.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the process-wide log subscriber at trace level, without colours, writing into the
/// answer. Once per process: see `alone_in_a_process`.
pub fn capture_trace() -> Captured {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    captured
}
