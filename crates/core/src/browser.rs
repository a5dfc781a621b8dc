//! Opening the system browser, honouring `$BROWSER`.

use std::process::Stdio;

use crate::{Error, Result};

/// Opens a URL in a browser. A trait so that tests and embedders can supply their own.
pub trait BrowserOpener: Send + Sync {
    fn open(&self, url: &str) -> Result<()>;
}

/// The person's browser: `$BROWSER` when set (a `:`-separated list of commands, `%s` replaced
/// by the URL, else the URL appended), otherwise the platform default via `webbrowser`.
pub struct SystemBrowser;

impl BrowserOpener for SystemBrowser {
    fn open(&self, url: &str) -> Result<()> {
        if let Some(list) = std::env::var_os("BROWSER").filter(|v| !v.is_empty()) {
            let list = list.to_string_lossy().into_owned();
            let mut last_error = String::from("$BROWSER is empty");
            for command in list.split(':').filter(|c| !c.trim().is_empty()) {
                match spawn_browser(command, url) {
                    Ok(()) => return Ok(()),
                    Err(e) => last_error = e,
                }
            }
            return Err(Error::AuthFailed(format!(
                "could not start the browser named in $BROWSER ({last_error})"
            )));
        }
        webbrowser::open(url).map_err(|e| {
            Error::AuthFailed(format!("could not open a web browser ({e}); set $BROWSER"))
        })
    }
}

fn spawn_browser(command: &str, url: &str) -> std::result::Result<(), String> {
    let mut parts: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    if parts.is_empty() {
        return Err("empty command".into());
    }
    if parts.iter().any(|p| p.contains("%s")) {
        for p in parts.iter_mut() {
            *p = p.replace("%s", url);
        }
    } else {
        parts.push(url.to_string());
    }
    let mut child = std::process::Command::new(&parts[0])
        .args(&parts[1..])
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", parts[0]))?;
    // The browser lives on its own; reap it so it does not linger as a zombie.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
