//! Logs to stderr and to a file in the app's data directory. Tokens never reach a log: they
//! are `Secret`s (redacted `Debug`), and HTTP client internals are kept at warn level.

use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

const FILTER: &str = "info,hyper=warn,reqwest=warn,oauth2=warn,sqlx=warn,tao=warn,wry=warn";

pub fn init() -> PathBuf {
    let dir = console_core::paths::data_dir()
        .map(|d| d.join("logs"))
        .unwrap_or_else(|_| std::env::temp_dir());
    let path = dir.join("console.log");
    let file = std::fs::create_dir_all(&dir)
        .and_then(|_| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
        })
        .ok();
    let filter =
        || EnvFilter::try_from_env("ACCESS_CONSOLE_LOG").unwrap_or_else(|_| EnvFilter::new(FILTER));
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
