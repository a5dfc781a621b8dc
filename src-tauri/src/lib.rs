//! The desktop shell: builds app state, registers the commands, and (in demo mode) starts the
//! platform emulator in-process. No business rule lives here: commands delegate to the core.

mod commands;
mod csp;
mod demo;
mod logging;
mod startup_trace;
mod state;

use state::AppState;

pub fn run() {
    startup_trace::mark("main entered");
    let log_path = logging::init();
    let demo = demo::requested()
        .then(demo::start)
        .transpose()
        .unwrap_or_else(|e| {
            eprintln!("error: the built-in demo platform could not start: {e}");
            std::process::exit(1);
        });
    let state = AppState::new(demo, demo::file_argument()).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1);
    });
    tracing::info!(log = %log_path.display(), demo = state.demo_info().is_some(), "Access Console starting");
    tauri::Builder::default()
        .plugin(tauri_plugin_clipboard_manager::init())
        // About's "Open log folder" goes through its Rust API only (commands/app.rs).
        .plugin(tauri_plugin_opener::init())
        // Saves the window's size and position on close and puts them back at the next start.
        // Its JS commands are not granted: the window never needs to save or restore itself.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Export / import open the native save / open dialog from Rust (commands/profiles.rs);
        // the window holds no dialog permission, so it can never pick a path by itself.
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        // The startup trace's marks (startup_trace.rs); each is a no-op without the variable.
        // Tauri builds the configured window before it runs this.
        .setup(|_| {
            startup_trace::mark("window created");
            startup_trace::mark("setup done");
            Ok(())
        })
        .on_page_load(|_, load| {
            if load.event() == tauri::webview::PageLoadEvent::Finished {
                startup_trace::mark("page load finished");
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::profiles::list_profiles,
            commands::profiles::select_profile,
            commands::profiles::first_run,
            commands::profiles::check_profile,
            commands::profiles::add_profile,
            commands::profiles::update_profile,
            commands::profiles::remove_profile,
            commands::profiles::test_connection,
            commands::profiles::export_profile,
            commands::profiles::import_profile,
            commands::profiles::pending_import,
            commands::session::current_session,
            commands::session::sign_in,
            commands::session::cancel_sign_in,
            commands::session::step_up,
            commands::session::sign_out,
            commands::session::lock_session,
            commands::acting::start_acting,
            commands::acting::stop_acting,
            commands::acting::acting_eligibility,
            commands::demo::demo_info,
            commands::demo::start_demo,
            commands::directory::search_users,
            commands::directory::get_user,
            commands::directory::sync_now,
            commands::directory::sync_status,
            commands::roles::role_catalog,
            commands::roles::server_user,
            commands::roles::preview_roles,
            commands::roles::set_roles,
            commands::roles::plan_bulk_roles,
            commands::roles::apply_role_batch,
            commands::people::person_schema,
            commands::people::check_person,
            commands::people::create_person,
            commands::people::edit_person,
            commands::people::move_dependent,
            commands::people::convert_dependent,
            commands::people::set_user_status,
            commands::people::remove_person,
            commands::people::coming_of_age,
            commands::people::export_coming_of_age,
            commands::invitations::invite_staff,
            commands::invitations::invitations,
            commands::invitations::resend_invitation,
            commands::invitations::withdraw_invitation,
            commands::mfa::reset_mfa,
            commands::audit::audit_events,
            commands::audit::export_audit,
            commands::overview::overview,
            commands::overview::platform_overview,
            commands::accounts::service_accounts,
            commands::accounts::create_service_account,
            commands::accounts::update_service_account,
            commands::accounts::api_keys,
            commands::accounts::create_api_key,
            commands::accounts::rotate_api_key,
            commands::accounts::key_action,
            commands::accounts::rotate_client_secret,
            commands::accounts::access_review,
            commands::accounts::export_access_review,
            commands::settings::settings_view,
            commands::settings::check_settings,
            commands::settings::preview_settings,
            commands::settings::save_settings,
            commands::settings::restore_settings,
            commands::settings::settings_history,
            commands::settings::settings_diff,
            commands::clipboard::clear_clipboard_if,
            commands::app::app_info,
            commands::app::open_log_folder,
            commands::app::first_screen_painted,
        ])
        .run(csp::allow_only_the_isolation_frame(
            tauri::generate_context!(),
        ))
        .unwrap_or_else(|e| {
            eprintln!("error: the window could not start: {e}");
            std::process::exit(1);
        });
}
