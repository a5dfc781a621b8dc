use std::sync::Arc;

use console_core::profiles::DEMO_PROFILE;
use console_core::{Client, Console, ConsoleConfig, DemoInfo};

use crate::demo::Demo;

pub struct AppState {
    pub console: Arc<Console>,
    pub demo: Option<DemoInfo>,
    /// Keeps the in-process demo platform running for the app's lifetime.
    _platform: Option<platform_emulator::RunningEmulator>,
}

impl AppState {
    pub fn new(demo: Option<Demo>) -> console_core::Result<Self> {
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
            demo: info,
            _platform: platform,
        })
    }
}
