//! `accounts list|create|show|client-secret`, `keys create|list|revoke|rotate|disable|enable`,
//! `review`. A new secret goes to stdout alone (so it can be piped); everything else a person
//! reads goes to stderr or is printed by commands that never carry a secret.

use clap::Subcommand;
use console_core::accounts::{self, KeyAction, NewCredential};
use console_core::api::{ApiKey, NewApiKey, NewServiceAccount, RotateApiKey, ServiceAccount};
use console_core::audit::iso8601;
use console_core::{Console, Error};

use crate::output::Output;

const DAY: i64 = 86_400;

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// List service accounts with their owner, status, working keys, soonest expiry, last use.
    List,
    /// Create a service account (OWNER only).
    Create {
        #[arg(long)]
        name: String,
        /// The staff member answerable for it (user id).
        #[arg(long)]
        owner: String,
        /// The provider it acts for (user id), if any.
        #[arg(long)]
        acts_for: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Show one account and its keys.
    Show { id: String },
    /// Issue or replace the account's M2M client secret; prints only the secret on stdout.
    /// The previous secret stops working at once.
    ClientSecret { id: String },
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Issue a key; prints only the key on stdout (it is never shown again).
    Create {
        account: String,
        #[arg(long)]
        name: String,
        /// Days until it expires (bounded by the organization's maximum key lifetime).
        #[arg(long, default_value_t = 90)]
        expires_in_days: i64,
    },
    List {
        account: String,
    },
    /// Revoke a key at once and for good.
    Revoke {
        account: String,
        key: String,
        /// Confirms that revoking is final.
        #[arg(long)]
        yes: bool,
    },
    /// Issue a new key now; the old one keeps working for the overlap, then expires. Prints
    /// only the new key on stdout.
    Rotate {
        account: String,
        key: String,
        /// How long the old key keeps working (default: the organization's setting
        /// `key_rotation_overlap_hours`).
        #[arg(long)]
        overlap_hours: Option<i64>,
        #[arg(long, default_value_t = 90)]
        expires_in_days: i64,
        /// Name of the new key (default: the old key's name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Switch a key off (reversible).
    Disable {
        account: String,
        key: String,
    },
    /// Switch a disabled key back on.
    Enable {
        account: String,
        key: String,
    },
}

fn when(t: Option<i64>) -> String {
    t.map(iso8601).unwrap_or_else(|| "never".into())
}

fn account_line(a: &ServiceAccount) -> String {
    let owner = if a.owner_active {
        a.owner_name.clone()
    } else {
        format!("{} (no longer active!)", a.owner_name)
    };
    format!(
        "{:<22} {:<28} {:<9} owner: {:<28} keys: {}  soonest expiry: {}  last used: {}",
        a.id,
        a.name,
        format!("{:?}", a.status).to_lowercase(),
        owner,
        a.active_keys,
        when(a.soonest_expiry),
        when(a.last_used_at)
    )
}

fn key_line(k: &ApiKey) -> String {
    format!(
        "{:<16} {:<20} {:<24} {:<9} created {}  expires {}  last used {}{}",
        k.id,
        k.prefix,
        k.name,
        format!("{:?}", k.status).to_lowercase(),
        iso8601(k.created_at),
        iso8601(k.expires_at),
        when(k.last_used_at),
        k.last_used_from
            .as_deref()
            .map(|f| format!(" from {f}"))
            .unwrap_or_default()
    )
}

/// The secret alone on stdout; what it is, on stderr.
fn reveal(created: NewCredential, what: &str) {
    if let Some(k) = &created.key {
        eprintln!(
            "{what} {} ({}), expires {}. Store it now: it is not shown again.",
            k.id,
            k.prefix,
            iso8601(k.expires_at)
        );
    }
    if let Some(old) = &created.replaced {
        eprintln!(
            "The old key {} keeps working until {}, then expires.",
            old.id,
            iso8601(old.expires_at)
        );
    }
    if let Some(id) = &created.client_id {
        eprintln!("{what} for client id {id}. Store it now: it is not shown again.");
    }
    println!("{}", created.reveal().secret);
}

pub async fn accounts(
    console: &Console,
    profile: &str,
    cmd: AccountsCommand,
    out: &Output,
) -> Result<(), Error> {
    match cmd {
        AccountsCommand::List => {
            let list = console.service_accounts(profile).await?;
            if out.json {
                out.print_json(&list);
                return Ok(());
            }
            for a in &list {
                println!("{}", account_line(a));
            }
            println!("{} service account(s)", list.len());
        }
        AccountsCommand::Create {
            name,
            owner,
            acts_for,
            description,
        } => {
            let a = console
                .create_service_account(
                    profile,
                    &NewServiceAccount {
                        name,
                        description,
                        owner_id: owner,
                        acts_for_id: acts_for,
                    },
                )
                .await?;
            if out.json {
                out.print_json(&a);
                return Ok(());
            }
            println!("Created {}", account_line(&a));
        }
        AccountsCommand::Show { id } => {
            let a = console.service_account(profile, &id).await?;
            let keys = console.api_keys(profile, &id).await?;
            if out.json {
                out.print_json(&serde_json::json!({ "account": a, "keys": keys }));
                return Ok(());
            }
            println!("{}", account_line(&a));
            if !a.description.is_empty() {
                println!("  {}", a.description);
            }
            if let Some(p) = &a.acts_for_name {
                println!("  acts for: {p}");
            }
            if let Some(c) = &a.client_id {
                println!("  M2M client id: {c}");
            }
            for k in &keys {
                println!("  {}", key_line(k));
            }
        }
        AccountsCommand::ClientSecret { id } => {
            let created = crate::step_up::retrying(console, profile, || {
                console.rotate_client_secret(profile, &id)
            })
            .await?;
            reveal(created, "New client secret");
        }
    }
    Ok(())
}

pub async fn keys(
    console: &Console,
    profile: &str,
    cmd: KeysCommand,
    out: &Output,
) -> Result<(), Error> {
    let now = console_core::token_store::now();
    match cmd {
        KeysCommand::Create {
            account,
            name,
            expires_in_days,
        } => {
            let new = NewApiKey {
                name,
                expires_at: now + expires_in_days * DAY,
            };
            let created = crate::step_up::retrying(console, profile, || {
                console.create_api_key(profile, &account, &new)
            })
            .await?;
            reveal(created, "New key");
        }
        KeysCommand::List { account } => {
            let keys = console.api_keys(profile, &account).await?;
            if out.json {
                out.print_json(&keys);
                return Ok(());
            }
            for k in &keys {
                println!("{}", key_line(k));
            }
        }
        KeysCommand::Rotate {
            account,
            key,
            overlap_hours,
            expires_in_days,
            name,
        } => {
            let old = console
                .api_keys(profile, &account)
                .await?
                .into_iter()
                .find(|k| k.id == key)
                .ok_or_else(|| {
                    Error::InvalidInput(format!("{account} has no key {key} (see `keys list`)"))
                })?;
            eprintln!(
                "Rotating {} ({}), last used {}.",
                old.id,
                old.prefix,
                when(old.last_used_at)
            );
            let overlap_hours = match overlap_hours {
                Some(hours) => hours,
                None => {
                    let me = console.whoami(profile).await?.me;
                    let hours = me.key_rotation_overlap_hours.ok_or_else(|| {
                        Error::InvalidInput(
                            "This platform does not say its default rotation overlap: give \
                             --overlap-hours N."
                                .into(),
                        )
                    })?;
                    eprintln!("The old key keeps working {hours} h (the organization's default).");
                    i64::from(hours)
                }
            };
            let rotate = RotateApiKey {
                name: name.unwrap_or(old.name),
                expires_at: now + expires_in_days * DAY,
                overlap_seconds: overlap_hours * 3600,
            };
            let created = crate::step_up::retrying(console, profile, || {
                console.rotate_api_key(profile, &account, &key, &rotate)
            })
            .await?;
            reveal(created, "New key");
        }
        KeysCommand::Revoke { account, key, yes } => {
            if !yes {
                return Err(Error::InvalidInput(format!(
                    "Revoking {key} is immediate and final: anything using it stops working. \
                     Add --yes to confirm (or `keys disable` to switch it off reversibly)."
                )));
            }
            let k = console
                .key_action(profile, &account, &key, KeyAction::Revoke)
                .await?;
            done(out, &k, "Revoked");
        }
        KeysCommand::Disable { account, key } => {
            let k = console
                .key_action(profile, &account, &key, KeyAction::Disable)
                .await?;
            done(out, &k, "Disabled");
        }
        KeysCommand::Enable { account, key } => {
            let k = console
                .key_action(profile, &account, &key, KeyAction::Enable)
                .await?;
            done(out, &k, "Enabled");
        }
    }
    Ok(())
}

fn done(out: &Output, k: &ApiKey, what: &str) {
    if out.json {
        out.print_json(k);
    } else {
        println!("{what}: {}", key_line(k));
    }
}

/// `review`: findings as a table, or CSV with `--csv`.
pub async fn review(
    console: &Console,
    profile: &str,
    csv: bool,
    out: &Output,
) -> Result<(), Error> {
    let review = console.access_review(profile).await?;
    if csv {
        print!("{}", accounts::review_csv(&review)?);
        return Ok(());
    }
    if out.json {
        out.print_json(&review);
        return Ok(());
    }
    for i in &review.items {
        println!(
            "{:<17} {:<28} {:<18} {}",
            format!("{:?}", i.kind),
            i.account_name,
            i.key_prefix.as_deref().unwrap_or("-"),
            i.detail
        );
    }
    println!(
        "{} finding(s) as of {}",
        review.items.len(),
        iso8601(review.as_of)
    );
    Ok(())
}
