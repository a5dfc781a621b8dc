//! A blank Tauri 2 window with the app's startup trace: the floor of a cold start and of idle
//! memory for a Tauri window on this machine (scripts/bench-window.sh).

#[path = "../../../src-tauri/src/startup_trace.rs"]
mod startup_trace;

/// The page is painted (dist/first-screen.js): the trace's last mark, as in the app.
#[tauri::command]
fn first_screen_painted() {
    startup_trace::mark("first-screen");
}

fn main() {
    startup_trace::mark("main entered");
    tauri::Builder::default()
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
        .invoke_handler(tauri::generate_handler![first_screen_painted])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("error: the window could not start: {e}");
            std::process::exit(1);
        });
}
