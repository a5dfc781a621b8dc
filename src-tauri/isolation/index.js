// Tauri's isolation pattern: every IPC message from the main page passes through this hook, in a
// frame of its own origin, and only what it returns is encrypted (with a key made at each start)
// and delivered to Rust. It passes each message on unchanged: what the window may call is decided
// by its capability (capabilities/main.json), which refuses with a clear error. A hook that
// dropped a message would leave the caller's promise pending forever instead.
window.__TAURI_ISOLATION_HOOK__ = (payload) => payload;
