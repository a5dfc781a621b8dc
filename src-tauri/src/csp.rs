//! The main page may embed no frame but Tauri's isolation frame.
//!
//! tauri.conf.json says `frame-src 'none'`. The isolation pattern routes every IPC message
//! through a frame served on `isolation-<uuid>://localhost`, whose scheme tauri-codegen draws at
//! random on every build, so no static CSP can name it. Tauri itself only appends that origin to
//! `default-src`, which `frame-src` overrides (the frame then stays blank and every IPC call
//! hangs). So at start-up, `frame-src` is set to exactly that one origin.

use tauri::utils::config::{Csp, CspDirectiveSources};
use tauri::{Context, Pattern, Runtime};

pub fn allow_only_the_isolation_frame<R: Runtime>(mut context: Context<R>) -> Context<R> {
    let Pattern::Isolation { schema, .. } = context.pattern() else {
        return context;
    };
    let https = context
        .config()
        .app
        .windows
        .iter()
        .any(|w| w.use_https_scheme);
    let origin = isolation_origin(schema, https);
    let security = &mut context.config_mut().app.security;
    security.csp = security.csp.take().map(|csp| with_frame_src(csp, &origin));
    security.dev_csp = security
        .dev_csp
        .take()
        .map(|csp| with_frame_src(csp, &origin));
    context
}

/// Where Tauri serves the isolation frame (`tauri::pattern::format_real_schema`, not public).
fn isolation_origin(schema: &str, https: bool) -> String {
    if cfg!(any(windows, target_os = "android")) {
        format!(
            "{}://{schema}.localhost",
            if https { "https" } else { "http" }
        )
    } else {
        format!("{schema}://localhost")
    }
}

fn with_frame_src(csp: Csp, origin: &str) -> Csp {
    let mut map: std::collections::HashMap<_, _> = csp.into();
    map.insert(
        "frame-src".into(),
        CspDirectiveSources::List(vec![origin.into()]),
    );
    Csp::DirectiveMap(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIGURED: &str = include_str!("../tauri.conf.json");

    fn configured_csp() -> Csp {
        let conf: serde_json::Value = serde_json::from_str(CONFIGURED).unwrap();
        Csp::Policy(conf["app"]["security"]["csp"].as_str().unwrap().to_string())
    }

    #[test]
    fn the_app_uses_the_isolation_pattern() {
        let conf: serde_json::Value = serde_json::from_str(CONFIGURED).unwrap();
        assert_eq!(conf["app"]["security"]["pattern"]["use"], "isolation");
        let hook = include_str!("../isolation/index.js");
        assert!(hook.contains("window.__TAURI_ISOLATION_HOOK__ = (payload) => payload;"));
    }

    #[test]
    fn the_configured_policy_embeds_no_frame() {
        let map: std::collections::HashMap<_, _> = configured_csp().into();
        let frame_src: Vec<String> = map["frame-src"].clone().into();
        assert_eq!(frame_src, ["'none'"]);
    }

    #[test]
    fn only_frame_src_changes_and_it_names_exactly_the_isolation_origin() {
        let origin = isolation_origin("isolation-7b3ef82e-aea4-48ee-ba67-f6369006a7b2", false);
        if cfg!(target_os = "linux") {
            assert_eq!(
                origin,
                "isolation-7b3ef82e-aea4-48ee-ba67-f6369006a7b2://localhost"
            );
        }
        let before: std::collections::HashMap<_, _> = configured_csp().into();
        let after: std::collections::HashMap<_, _> =
            with_frame_src(configured_csp(), &origin).into();
        let frame_src: Vec<String> = after["frame-src"].clone().into();
        assert_eq!(frame_src, [origin]);
        for (directive, sources) in &before {
            if directive != "frame-src" {
                assert_eq!(
                    &after[directive], sources,
                    "{directive} must stay as configured"
                );
            }
        }
        assert_eq!(before.len(), after.len());
    }
}
