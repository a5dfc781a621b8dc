use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use console_core::profiles::DEMO_PROFILE;
use console_core::{Client, Console, ConsoleConfig, DemoInfo};

use crate::demo::Demo;

pub struct AppState {
    pub console: Arc<Console>,
    /// The demo platform, once running: from the start (`--demo`) or started on demand
    /// ("Try the demo platform", or picking the Demo profile).
    pub demo: Mutex<Option<DemoInfo>>,
    /// Keeps the in-process demo platform running for the app's lifetime.
    platform: Mutex<Option<platform_emulator::RunningEmulator>>,
    /// Serializes starting the demo platform, so two clicks start one.
    pub demo_start: tokio::sync::Mutex<()>,
    /// The profile file the app was opened with (`access-console FILE.acprofile`), until the
    /// window has asked for it once.
    pub pending_import: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(demo: Option<Demo>, pending_import: Option<PathBuf>) -> console_core::Result<Self> {
        let demo_base = demo.as_ref().map(|d| d.platform.base_url());
        let console = Console::new(ConsoleConfig::system(Client::App, demo_base)?);
        let (info, platform) = match demo {
            Some(d) => {
                // Demo mode opens on the demo platform, whatever was selected last time.
                console.select_profile(DEMO_PROFILE)?;
                (Some(d.info), Some(d.platform))
            }
            None => (None, None),
        };
        Ok(AppState {
            console: Arc::new(console),
            demo: Mutex::new(info),
            platform: Mutex::new(platform),
            demo_start: tokio::sync::Mutex::new(()),
            pending_import: Mutex::new(pending_import),
        })
    }

    pub fn demo_info(&self) -> Option<DemoInfo> {
        self.demo.lock().expect("demo").clone()
    }

    /// Starts the demo platform unless it runs already, and points the Demo profile at it.
    pub async fn ensure_demo(&self) -> Result<DemoInfo, String> {
        let _one_at_a_time = self.demo_start.lock().await;
        if let Some(info) = self.demo_info() {
            return Ok(info);
        }
        let started = crate::demo::start_async().await?;
        self.console.set_demo_api_base(&started.info.api_base);
        *self.platform.lock().expect("demo platform") = Some(started.platform);
        *self.demo.lock().expect("demo") = Some(started.info.clone());
        Ok(started.info)
    }
}
