//! Text for people, JSON for scripts. JSON goes to stdout; errors always go to stderr.

use console_core::{Error, IpcError, ProfilesView, SessionView, SignOutReport};
use serde::Serialize;

pub struct Output {
    pub json: bool,
}

impl Output {
    pub fn print_json<T: Serialize>(&self, value: &T) {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("serializable")
        );
    }

    pub fn error(&self, e: &Error) {
        if self.json {
            let ipc = IpcError {
                code: e.code(),
                message: e.to_string(),
            };
            eprintln!("{}", serde_json::to_string(&ipc).expect("serializable"));
        } else {
            eprintln!("error: {e}");
        }
    }

    pub fn session(&self, view: &SessionView, heading: &str) {
        if self.json {
            return self.print_json(view);
        }
        let me = &view.me;
        match &me.acting {
            Some(_) => println!(
                "Acting on profile '{}' as {}",
                view.profile, me.display_name
            ),
            None => println!(
                "{heading} to profile '{}' as {}",
                view.profile, me.display_name
            ),
        }
        if let Some(email) = &me.email {
            println!("  email:         {email}");
        }
        // While acting the rest describes the person acted for; who acts is said first.
        if let Some(o) = &me.acting {
            println!("  acting:        {}", crate::act_as::describe(o));
        }
        println!(
            "  organization:  {} ({})",
            me.organization.name, me.organization.id
        );
        println!("  account kind:  {}", me.kind.as_str());
        let roles: Vec<&str> = me.staff_roles.iter().map(|r| r.as_str()).collect();
        println!(
            "  staff roles:   {}",
            if roles.is_empty() {
                "none".into()
            } else {
                roles.join(", ")
            }
        );
        if let Some(c) = me.config_role {
            println!("  config role:   {}", c.as_str());
        }
        if !console_core::has_console_access(me) {
            println!("  console:       no access (this role gives no console access; ask an owner of your organization)");
        } else {
            let perms: Vec<String> = me
                .permissions
                .iter()
                .map(|p| {
                    serde_json::to_value(p)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .collect();
            println!("  console:       {}", perms.join(", "));
        }
    }

    pub fn signed_out(&self, profile: &str, report: SignOutReport) {
        if self.json {
            return self.print_json(&serde_json::json!({ "profile": profile, "revoked_at_server": report.revoked_at_server, "note": report.note, "copy_kept": report.copy_kept, "copy_note": report.copy_note }));
        }
        if report.revoked_at_server {
            println!("Signed out of '{profile}'. The session was revoked at the server and the stored tokens deleted.");
        } else {
            let why = report.note.unwrap_or_default();
            println!("Signed out of '{profile}'. Stored tokens deleted; the server was not told ({why}).");
        }
        match (report.copy_kept, report.copy_note) {
            (true, _) => println!("Your local copy is kept, sealed: it opens only when you sign in again, and never once your access changes or ends."),
            (false, Some(why)) => println!("{why}"),
            (false, None) => println!("The local directory copy and its key were deleted."),
        }
    }

    pub fn profiles(&self, view: &ProfilesView) {
        if self.json {
            return self.print_json(view);
        }
        for p in &view.profiles {
            let mark = if p.name == view.selected { "*" } else { " " };
            let issuer = p
                .issuer
                .as_deref()
                .map(|i| format!(" issuer={i}"))
                .unwrap_or_default();
            let builtin = if p.builtin { " (built in)" } else { "" };
            println!(
                "{mark} {:<16} {}{issuer} client={}{builtin}",
                p.name, p.api_base, p.client_id
            );
        }
    }

    pub fn done(&self, message: &str) {
        if self.json {
            self.print_json(&serde_json::json!({ "ok": true, "message": message }));
        } else {
            println!("{message}");
        }
    }
}
