//! Demo mode: the platform emulator with its demo organization, in this process.

use std::net::SocketAddr;

use console_core::{DemoInfo, DemoPersona};
use platform_emulator::{EmulatorConfig, RunningEmulator, PERSONAS};

pub struct Demo {
    pub platform: RunningEmulator,
    pub info: DemoInfo,
}

/// `--demo` on the command line or `ACCESS_CONSOLE_DEMO=1`.
pub fn requested() -> bool {
    std::env::args().any(|a| a == "--demo")
        || std::env::var("ACCESS_CONSOLE_DEMO").is_ok_and(|v| v == "1" || v == "true")
}

/// [`start_async`] at startup, before the async runtime runs anything else.
pub fn start() -> Result<Demo, String> {
    tauri::async_runtime::block_on(start_async())
}

/// Starts on `ACCESS_CONSOLE_DEMO_PORT` (default `DEMO_PORT`; 0 = any free port), falling back to a
/// free port when that one is taken, so a second window or a running emulator does not block it.
pub async fn start_async() -> Result<Demo, String> {
    let port = std::env::var("ACCESS_CONSOLE_DEMO_PORT")
        .ok()
        .map(|p| {
            p.parse::<u16>()
                .map_err(|_| format!("ACCESS_CONSOLE_DEMO_PORT '{p}' is not a port number"))
        })
        .transpose()?
        .unwrap_or(console_core::api::DEMO_PORT);
    // How recent a sign-in high-risk operations accept (step-up); tests set it low (e.g. 0) to
    // see the console ask without waiting five minutes.
    let step_up_max_age_secs = match std::env::var("ACCESS_CONSOLE_DEMO_STEP_UP_SECS") {
        Ok(v) => v.parse::<i64>().ok().filter(|s| *s >= 0).ok_or_else(|| {
            format!("ACCESS_CONSOLE_DEMO_STEP_UP_SECS '{v}' is not a number of seconds")
        })?,
        Err(_) => EmulatorConfig::default().step_up_max_age_secs,
    };
    let config = |port: u16| EmulatorConfig {
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        demo_seed: true,
        step_up_max_age_secs,
        ..EmulatorConfig::default()
    };
    let platform = match platform_emulator::start(config(port)).await {
        Ok(p) => Ok(p),
        Err(e) if port != 0 => {
            tracing::warn!("demo port {port} unavailable ({e}); using a free port");
            platform_emulator::start(config(0)).await
        }
        Err(e) => Err(e),
    }
    .map_err(|e| e.to_string())?;
    let info = DemoInfo {
        api_base: platform.base_url(),
        personas: PERSONAS
            .iter()
            .map(|p| DemoPersona {
                label: p.label.into(),
                email: p.email.into(),
                password: p.password.into(),
                totp_secret: p.totp_secret.map(str::to_string),
                description: p.description.into(),
            })
            .collect(),
    };
    tracing::info!(url = %info.api_base, "demo platform running");
    Ok(Demo { platform, info })
}

/// The profile file the app was opened with: its one argument that is not an option (what a
/// file manager passes through the desktop entry's `Exec=access-console %f`).
pub fn file_argument() -> Option<std::path::PathBuf> {
    let mut files = std::env::args_os()
        .skip(1)
        .filter(|a| !a.to_string_lossy().starts_with("--"));
    let file = files.next()?;
    files.next().is_none().then(|| file.into())
}
