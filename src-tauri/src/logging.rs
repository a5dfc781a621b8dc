//! Logs to stderr and to a file in the app's data directory. Tokens never reach a log: they
//! are `Secret`s (redacted `Debug`), HTTP client internals are kept at warn level by default,
//! and the targets that print payloads stay off even at `ACCESS_CONSOLE_LOG=trace`.

use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

const FILTER: &str = "info,hyper=warn,reqwest=warn,oauth2=warn,sqlx=warn,tao=warn,wry=warn";

/// The folder the log is written to (About shows it and opens it).
pub fn dir() -> PathBuf {
    console_core::paths::log_dir().unwrap_or_else(|_| std::env::temp_dir())
}

pub fn init() -> PathBuf {
    let dir = dir();
    let path = dir.join("console.log");
    let file = std::fs::create_dir_all(&dir)
        .and_then(|_| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
        })
        .ok();
    let spec = std::env::var("ACCESS_CONSOLE_LOG").ok();
    let filter = || env_filter(spec.as_deref());
    let registry = tracing_subscriber::registry().with(
        fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(filter()),
    );
    match file {
        Some(f) => registry
            .with(
                fmt::layer()
                    .with_ansi(false)
                    .with_writer(Mutex::new(f))
                    .with_filter(filter()),
            )
            .init(),
        None => registry.init(),
    }
    path
}

/// `ACCESS_CONSOLE_LOG` (default [`FILTER`]), with the targets that print secrets always off.
fn env_filter(spec: Option<&str>) -> EnvFilter {
    let mut filter = spec
        .and_then(|s| EnvFilter::try_new(s).ok())
        .unwrap_or_else(|| EnvFilter::new(FILTER));
    for directive in console_core::logs::off_directives() {
        filter = filter.add_directive(directive.parse().expect("a valid directive"));
    }
    filter
}
