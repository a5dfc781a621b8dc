//! The window may call exactly the app's own commands and nothing else but writing and clearing
//! the clipboard. Three lists must agree for that: the app manifest (`APP_COMMANDS` in build.rs),
//! the handler (`generate_handler!` in src/lib.rs), and the main window's capability
//! (capabilities/main.json). They are read as text, so this fails on the first build after any
//! of them drifts, before a window ever runs.

use std::collections::BTreeSet;

const BUILD_RS: &str = include_str!("../build.rs");
const LIB_RS: &str = include_str!("../src/lib.rs");
const MAIN_CAPABILITY: &str = include_str!("../capabilities/main.json");
const TAURI_CONF: &str = include_str!("../tauri.conf.json");

/// The plugin permissions the window holds besides the app's commands: write and clear, never
/// read (the "is it still our key?" check runs in Rust).
const PLUGIN_PERMISSIONS: &[&str] = &[
    "clipboard-manager:allow-write-text",
    "clipboard-manager:allow-clear",
];

/// Plugins the app uses from Rust only: the window must hold none of their permissions (the
/// dialog's would let the page pick any path itself; fs comes with the dialog plugin).
const RUST_ONLY_PLUGINS: &[&str] = &["dialog:", "fs:", "opener:", "window-state:"];

/// The quoted names in build.rs's `const APP_COMMANDS: &[&str] = &[ ... ];`.
fn manifest_commands() -> BTreeSet<String> {
    let start = BUILD_RS
        .find("const APP_COMMANDS: &[&str] = &[")
        .expect("build.rs no longer defines `const APP_COMMANDS: &[&str] = &[...]`");
    let body = &BUILD_RS[start..];
    let body = &body[body.find("= &[").unwrap() + 4..body.find("];").unwrap()];
    body.split(',')
        .map(|item| item.trim().trim_matches('"').to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The last path segment of each entry in lib.rs's `generate_handler![ ... ]`.
fn handler_commands() -> BTreeSet<String> {
    let start = LIB_RS
        .find("generate_handler![")
        .expect("src/lib.rs no longer registers commands with generate_handler![...]");
    let body = &LIB_RS[start + "generate_handler![".len()..];
    let body = &body[..body.find(']').unwrap()];
    body.split(',')
        .map(|path| path.trim().rsplit("::").next().unwrap().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

fn capability_permissions() -> Vec<String> {
    let cap: serde_json::Value =
        serde_json::from_str(MAIN_CAPABILITY).expect("capabilities/main.json is not valid JSON");
    assert_eq!(
        cap["windows"],
        serde_json::json!(["main"]),
        "main.json is the main window's"
    );
    cap["permissions"]
        .as_array()
        .expect("capabilities/main.json has no permissions array")
        .iter()
        // An object entry (a permission with a scope) would grant more than its name says.
        .map(|p| {
            p.as_str()
                .expect("main.json: permissions are plain identifiers")
                .to_string()
        })
        .collect()
}

fn permission_for(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

fn listed(names: &BTreeSet<String>) -> String {
    names.iter().cloned().collect::<Vec<_>>().join(", ")
}

#[test]
fn the_manifest_lists_exactly_the_registered_commands() {
    let manifest = manifest_commands();
    let handler = handler_commands();
    let unlisted: BTreeSet<_> = handler.difference(&manifest).cloned().collect();
    let unregistered: BTreeSet<_> = manifest.difference(&handler).cloned().collect();
    assert!(
        unlisted.is_empty(),
        "registered in src/lib.rs generate_handler! but missing from APP_COMMANDS in \
         src-tauri/build.rs (add them there, or the window gets no permission for them): {}",
        listed(&unlisted)
    );
    assert!(
        unregistered.is_empty(),
        "listed in APP_COMMANDS in src-tauri/build.rs but not registered in src/lib.rs \
         generate_handler! (remove them from build.rs, or register them): {}",
        listed(&unregistered)
    );
    assert!(
        manifest.len() > 30,
        "the parser found too few commands: {manifest:?}"
    );
}

#[test]
fn the_main_window_is_granted_exactly_the_app_commands_and_clipboard_write_and_clear() {
    let granted = capability_permissions();
    let unique: BTreeSet<_> = granted.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        granted.len(),
        "main.json grants a permission twice"
    );

    let app_granted: BTreeSet<_> = unique
        .iter()
        .filter(|p| !p.contains(':'))
        .cloned()
        .collect();
    let expected: BTreeSet<_> = manifest_commands()
        .iter()
        .map(|c| permission_for(c))
        .collect();
    let missing: BTreeSet<_> = expected.difference(&app_granted).cloned().collect();
    let extra: BTreeSet<_> = app_granted.difference(&expected).cloned().collect();
    assert!(
        missing.is_empty(),
        "add to \"permissions\" in src-tauri/capabilities/main.json (the window cannot call \
         these commands without them): {}",
        listed(&missing)
    );
    assert!(
        extra.is_empty(),
        "src-tauri/capabilities/main.json grants app permissions that are not one \
         allow-<command> per command in APP_COMMANDS (src-tauri/build.rs); remove them: {}",
        listed(&extra)
    );

    let plugin_granted: BTreeSet<_> = unique.iter().filter(|p| p.contains(':')).cloned().collect();
    let plugin_expected: BTreeSet<_> = PLUGIN_PERMISSIONS.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        plugin_granted, plugin_expected,
        "besides the app's commands the main window holds only clipboard write-text and clear \
         (never read-text, no core:* or other plugin permission); fix \
         src-tauri/capabilities/main.json"
    );
}

#[test]
fn plugins_used_from_rust_only_grant_the_window_nothing() {
    let granted = capability_permissions();
    let leaked: Vec<_> = granted
        .iter()
        .filter(|p| RUST_ONLY_PLUGINS.iter().any(|prefix| p.starts_with(prefix)))
        .collect();
    assert!(
        leaked.is_empty(),
        "the dialog, fs, opener and window-state plugins are used from Rust only; remove from \
         src-tauri/capabilities/main.json: {leaked:?}"
    );
    assert!(
        LIB_RS.contains("tauri_plugin_dialog::init()"),
        "the dialog plugin is registered (export / import use it)"
    );
}

#[test]
fn no_other_capability_file_grants_anything() {
    // A second file in capabilities/ would add permissions to the window unseen by the test above.
    let files: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        files,
        ["main.json"],
        "only capabilities/main.json may grant the window anything"
    );
}

#[test]
fn the_config_file_inlines_no_capability() {
    // `app.security.capabilities` in tauri.conf.json would grant beside (or instead of) main.json.
    let conf: serde_json::Value = serde_json::from_str(TAURI_CONF).unwrap();
    let inline = &conf["app"]["security"]["capabilities"];
    assert!(
        inline.is_null(),
        "tauri.conf.json sets app.security.capabilities ({inline}); grant in capabilities/main.json"
    );
}
