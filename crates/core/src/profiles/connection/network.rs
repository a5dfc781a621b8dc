//! Why a server did not answer, in words that say what to check: the name (DNS), the port
//! (refused), the certificate (TLS), or the network (timed out).

use std::error::Error as _;

use url::Url;

/// How rustls (and native TLS stacks) word a failed handshake: a certificate it does not trust,
/// a server that answered in plain http ("corrupt message"), an alert from the server.
const TLS_WORDS: &[&str] = &[
    "certificate",
    "tls",
    "ssl",
    "handshake",
    "corrupt message",
    "peer is incompatible",
    "peer misbehaved",
    "received fatal alert",
    "alertreceived",
];

/// `url` is what was asked (the issuer); `e` is reqwest's error for it.
pub(super) fn describe(url: &str, e: &reqwest::Error) -> String {
    let parsed = Url::parse(url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or(url)
        .to_string();
    let port = parsed
        .as_ref()
        .and_then(Url::port_or_known_default)
        .map(|p| p.to_string())
        .unwrap_or_else(|| "?".into());
    // reqwest wraps hyper, which wraps the io / DNS / rustls error: the cause is at the bottom.
    let mut chain = Vec::new();
    let mut refused = false;
    let mut source = e.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            refused |= io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        chain.push(cause.to_string());
        source = cause.source();
    }
    let all = chain.join(": ").to_ascii_lowercase();
    let innermost = chain.last().cloned().unwrap_or_else(|| e.to_string());
    if refused || all.contains("connection refused") {
        format!(
            "Nothing answers at {host}:{port} (connection refused). Check the host and port in the profile, and that the server is running."
        )
    } else if all.contains("dns error")
        || all.contains("failed to lookup address")
        || all.contains("name or service not known")
        || all.contains("no such host")
    {
        format!(
            "The host name '{host}' could not be found (DNS: {innermost}). Check its spelling in the profile, and this computer's network."
        )
    } else if TLS_WORDS.iter().any(|w| all.contains(w)) {
        format!(
            "The secure (TLS) connection to {host}:{port} failed: {innermost}. The server's certificate must be valid for '{host}' and trusted by this computer; check the host name, or ask the server's administrator."
        )
    } else if e.is_timeout() {
        format!(
            "{host}:{port} did not answer in time (timed out). Check the host and port, and any firewall, proxy or VPN between this computer and the server."
        )
    } else {
        format!("{host}:{port} could not be reached: {innermost}. Check the host and port in the profile.")
    }
}
