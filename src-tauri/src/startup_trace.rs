//! The startup trace: with `ACCESS_CONSOLE_STARTUP_TRACE=/path/file` set, each mark of the start
//! (main entered, setup done, window created, page load finished, first-screen) appends one line
//! `<ms since process start> <mark>` to that file, so a bench can see where a cold start goes.
//!
//! "Process start" is the kernel's exec time of this process (/proc/self/stat `starttime`), not
//! the moment `main` runs: the dynamic loader and the libraries' constructors are part of what a
//! person waits for. Its resolution is the kernel's clock tick (10 ms).
//!
//! Without the variable nothing is read or written: every mark is one check of a `OnceLock`.
//! Marks are `&'static str` names chosen in code, so nothing else (no token, no person's data)
//! can reach the file. The blank comparison window (benches/blank-window) compiles this same
//! file, so both are measured the same way.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable naming the file the marks are appended to.
pub const VAR: &str = "ACCESS_CONSOLE_STARTUP_TRACE";

struct Trace {
    path: PathBuf,
    /// The process's exec time, on the monotonic clock marks are taken with.
    start: Instant,
}

static TRACE: OnceLock<Option<Trace>> = OnceLock::new();

fn trace() -> Option<&'static Trace> {
    TRACE
        .get_or_init(|| {
            let path = PathBuf::from(std::env::var_os(VAR)?);
            let now = Instant::now();
            // Off Linux there is no /proc: count from the first mark (main entered) instead.
            let start = since_exec().and_then(|d| now.checked_sub(d)).unwrap_or(now);
            Some(Trace { path, start })
        })
        .as_ref()
}

/// Appends `<ms> <mark>` when the trace is on; a failed write is ignored (a trace never stops
/// the app).
pub fn mark(mark: &'static str) {
    let Some(t) = trace() else { return };
    let ms = t.start.elapsed().as_millis();
    let _ = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&t.path)
        .and_then(|mut f| writeln!(f, "{ms} {mark}"));
}

/// How long ago the kernel exec'd this process: uptime now minus the process's start, both in
/// seconds since boot.
fn since_exec() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    since_exec_from(&stat, &uptime)
}

fn since_exec_from(stat: &str, uptime: &str) -> Option<Duration> {
    // Field 2 (the command name, in parentheses) may hold spaces: count fields after its ')'.
    // The first field after it is field 3, so `starttime`, field 22, is the 20th.
    let after_name = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    // USER_HZ, the unit of `starttime`, is 100 on every Linux ABI.
    let seconds = uptime - start_ticks / 100.0;
    Some(Duration::from_secs_f64(seconds.max(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_is_read_past_a_command_name_with_spaces_and_parentheses() {
        // A real /proc/self/stat line, with the name changed to one that would break a split on
        // spaces; starttime (field 22) is 12345 ticks = 123.45 s after boot.
        let stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 12345 \
                    1000000 100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";
        let d = since_exec_from(stat, "124.95 400.00\n").unwrap();
        assert!((d.as_secs_f64() - 1.5).abs() < 1e-6, "{d:?}");
    }

    #[test]
    fn this_process_started_before_now() {
        // The test binary was exec'd before this line ran, and not days ago.
        let d = since_exec().expect("/proc gives this process's start");
        assert!(d < Duration::from_secs(3600), "{d:?}");
    }
}
