//! TOTP (RFC 6238) as the platform uses it: SHA-1, 6 digits, 30-second steps, one step of
//! clock drift either way: what every authenticator app reads from an `otpauth://` URI.

use rand::RngCore;
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::{Error, Result};

/// 160 bits, the length RFC 4226 §4 recommends.
const SECRET_BYTES: usize = 20;

/// A fresh secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

/// The TOTP of a base32 secret, labelled for an authenticator app.
fn totp(secret: &str, issuer: &str, account: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret)
        .map_err(|e| Error::Invalid(format!("stored TOTP secret: {e}")))?;
    // A colon separates issuer from account in the label (Key URI format): neither may hold one.
    let label = |s: &str| s.replace(':', " ");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_secret(secret)
        .with_issuer(Some(label(issuer)))
        .with_account_name(label(account))
        .build()
        .map_err(|e| Error::Invalid(format!("TOTP: {e}")))
}

/// The time step (Unix seconds / 30) whose code `code` is for `secret`, if it is right at `now`
/// (Unix seconds, the platform's clock). The caller refuses a step already used (RFC 6238 §5.2):
/// the library leaves that to it.
pub fn check(secret: &str, code: &str, now: i64) -> Result<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret, "platform", "person")?;
    Ok(totp
        .check(&code, u64::try_from(now).unwrap_or(0))
        .and_then(|step| i64::try_from(step).ok()))
}

/// The code an authenticator app shows for `secret` at `now` (for test sign-in helpers).
pub fn code_at(secret: &str, now: i64) -> Result<String> {
    let totp = totp(secret, "platform", "person")?;
    Ok(totp.generate(u64::try_from(now).unwrap_or(0)).to_string())
}

/// The `otpauth://totp/…` URI an authenticator app scans.
pub fn uri(secret: &str, issuer: &str, account: &str) -> Result<String> {
    totp(secret, issuer, account)?
        .to_url()
        .map_err(|e| Error::Invalid(format!("TOTP URI: {e}")))
}

/// The URI as a QR code, an SVG document to place in the page.
pub fn qr_svg(uri: &str) -> Result<String> {
    let code =
        qrcode::QrCode::new(uri.as_bytes()).map_err(|e| Error::Invalid(format!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // Inline in HTML: the XML declaration has no place there.
    Ok(match svg.find("<svg") {
        Some(at) => svg[at..].to_string(),
        None => svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vector() {
        // RFC 6238 Appendix B: the ASCII secret "12345678901234567890", T = 59 → 94287082
        // (8 digits); the 6-digit code is its last six.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(
            check(&secret, "287 082", 59).unwrap(),
            Some(1),
            "59 s is step 1"
        );
        // One step of drift either way is accepted, two are not; the step is the code's own.
        assert_eq!(check(&secret, "287082", 59 + 30).unwrap(), Some(1));
        assert_eq!(check(&secret, "287082", 59 - 30).unwrap(), Some(1));
        assert_eq!(check(&secret, "287082", 59 + 61).unwrap(), None);
        assert_eq!(check(&secret, "000000", 59).unwrap(), None);
    }

    #[test]
    fn a_new_secret_makes_a_scannable_uri() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "160 bits in base32");
        let uri = uri(&secret, "Demo: Clinic", "olivia@demo.test").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        assert!(qr_svg(&uri).unwrap().starts_with("<svg"));
    }
}
