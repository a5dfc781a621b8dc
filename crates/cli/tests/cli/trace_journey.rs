//! A whole `accessctl` journey at `RUST_LOG=trace` leaves no secret and no patient data in any
//! log or file: sign in as the OWNER, sync, search, change a role, create a service account, a
//! key and a client secret, invite a staff member (whose link is a secret), sign out; sign in as the config Owner, save a setting, sign out.
//! Searched: the CLI's stderr (where its logs go), its stdout (except the one answer whose job
//! is to show that value), every file under its HOME / XDG folders / TMPDIR, and the trace log
//! of the emulator in this process (it is the platform the app runs in-process in demo mode).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use crate::common::*;
use serde_json::Value;

/// What a secret or datum is; a haystack may be allowed to hold one kind.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Token,
    CacheKey,
    ApiKey,
    ClientSecret,
    /// An invitation's code (and the link that carries it): whoever holds it sets a password.
    InvitationCode,
    Password,
    Patient,
}

struct Haystack {
    place: String,
    bytes: Vec<u8>,
    /// The kind this place exists to show (the key on `keys create`'s stdout), if any.
    allows: Option<Kind>,
}

struct Journey {
    cli: Cli,
    profile: String,
    root: PathBuf,
    haystacks: Vec<Haystack>,
    /// (what it is, its value, its kind)
    needles: BTreeSet<(String, String, Kind)>,
}

impl Journey {
    fn needle(&mut self, kind: Kind, what: &str, value: &str) {
        assert!(
            value.len() >= 6,
            "{what} is too short to search for: {value:?}"
        );
        self.needles
            .insert((what.to_string(), value.to_string(), kind));
    }

    /// Runs one command at trace level; its stderr and stdout become haystacks.
    async fn step(&mut self, args: &[&str], stdout_shows: Option<Kind>) -> Run {
        let mut all = vec!["--profile", self.profile.as_str()];
        all.extend_from_slice(args);
        let dir = |d: &str| self.root.join(d).display().to_string();
        let (home, cache, state, tmp) = (dir("home"), dir("cache"), dir("state"), dir("tmp"));
        let env = [
            ("RUST_LOG", "trace"),
            ("HOME", home.as_str()),
            ("XDG_CACHE_HOME", cache.as_str()),
            ("XDG_STATE_HOME", state.as_str()),
            ("TMPDIR", tmp.as_str()),
        ];
        let r = self.cli.run_with_env(&all, &env).await;
        assert_eq!(r.code, 0, "{all:?} failed:\n{}", tail(&r.stderr));
        let name = args.join(" ");
        self.haystacks.push(Haystack {
            place: format!("stderr of `{name}`"),
            bytes: r.stderr.clone().into_bytes(),
            allows: None,
        });
        self.haystacks.push(Haystack {
            place: format!("stdout of `{name}`"),
            bytes: r.stdout.clone().into_bytes(),
            allows: stdout_shows,
        });
        self.read_keyring();
        r
    }

    /// The secrets the CLI holds for this profile right now: tokens rotate on every refresh,
    /// so the keyring is read after every command.
    fn read_keyring(&mut self) {
        let out = std::process::Command::new("secret-tool")
            .args(["search", "--all", "--unlock", "service", "access-console"])
            .output()
            .expect("secret-tool runs");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        // Items are blocks that start with "[path]", then `label = …` and `secret = …` on
        // stdout (the attributes go to stderr, so they cannot be paired reliably). The keyring
        // crate labels an entry "<account>@<service>:<target> (keyring v…)".
        for block in text.split("\n[") {
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(str::to_string)
            };
            let (Some(secret), Some(label)) = (field("secret = "), field("label = ")) else {
                continue;
            };
            let account = label.split('@').next().unwrap_or_default().to_string();
            if !account.split([':', '/']).any(|part| part == self.profile) {
                continue; // another test's entry
            }
            match serde_json::from_str::<Value>(&secret) {
                Ok(tokens) if tokens.get("access_token").is_some() => {
                    for field in ["access_token", "refresh_token"] {
                        if let Some(t) = tokens[field].as_str() {
                            self.needle(Kind::Token, &format!("{field} of {account}"), t);
                        }
                    }
                }
                _ => self.needle(Kind::CacheKey, &format!("keyring entry {account}"), &secret),
            }
        }
    }

    /// Every file the CLI could have written, as it is now.
    fn files(&mut self, moment: &str) {
        let mut stack = vec![self.root.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    self.haystacks.push(Haystack {
                        place: format!("{} ({moment})", path.display()),
                        bytes,
                        allows: None,
                    });
                }
            }
        }
    }

    fn kinds_found(&self) -> BTreeSet<Kind> {
        self.needles.iter().map(|(_, _, k)| *k).collect()
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

/// Patients, guardians and dependents in a `users search --json` answer: (name, email, phone).
fn consumers(answer: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let page: Value = serde_json::from_str(answer).expect("search answers JSON");
    page["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|u| {
            matches!(
                u["kind"].as_str(),
                Some("PATIENT" | "GUARDIAN" | "DEPENDENT")
            )
        })
        .map(|u| {
            let s = |f: &str| u[f].as_str().map(str::to_string);
            (s("display_name").unwrap(), s("email"), s("phone"))
        })
        .collect()
}

#[tokio::test]
async fn a_trace_level_journey_leaves_no_secret_or_patient_data_behind() {
    if !alone_in_a_process(
        "trace_journey::a_trace_level_journey_leaves_no_secret_or_patient_data_behind",
    ) {
        return;
    }
    let captured = capture_trace();
    let emu = demo_emulator().await;
    let base = emu.base_url();
    let cli = Cli::new(&base, OWNER);
    let root = cli.config_home.path().to_path_buf();
    for d in ["home", "cache", "state", "tmp"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    let mut j = Journey {
        cli,
        profile: format!("cli-trace-{}", std::process::id()),
        root,
        haystacks: Vec::new(),
        needles: BTreeSet::new(),
    };
    let r = j
        .cli
        .run(&["profiles", "add", &j.profile, "--api-base", &base])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);

    j.step(&["login"], None).await;
    j.step(&["sync"], None).await;
    // The people the cache holds, named by the seed and taken from the search answers.
    let mut people = Vec::new();
    for text in ["Guardian", "010-0199", "Smith"] {
        let r = j
            .step(&["--json", "users", "search", text], Some(Kind::Patient))
            .await;
        people.extend(consumers(&r.stdout));
    }
    for (name, email, phone) in &people {
        j.needle(Kind::Patient, "a patient's name", name);
        if let Some(e) = email {
            j.needle(Kind::Patient, &format!("{name}'s email"), e);
        }
        if let Some(p) = phone {
            j.needle(Kind::Patient, &format!("{name}'s phone"), p);
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            j.needle(Kind::Patient, &format!("{name}'s phone digits"), &digits);
        }
    }
    let named: BTreeSet<&str> = people.iter().map(|p| p.0.as_str()).collect();
    for seeded in ["John Guardian", "Emily Guardian", "Pat Patient"] {
        assert!(named.contains(seeded), "{seeded} was found: {named:?}");
    }
    assert!(
        named.len() >= 6,
        "generated patients were found too: {named:?}"
    );
    for seeded in [
        "john.guardian@mail.test",
        "pat.patient@mail.test",
        "(555) 010-0199",
    ] {
        j.needle(Kind::Patient, "a seeded contact", seeded);
    }

    j.step(
        &[
            "roles",
            "set",
            "usr_mia_member",
            "--add",
            "support",
            "--reason",
            "help desk",
        ],
        None,
    )
    .await;
    let r = j
        .step(
            &[
                "--json",
                "accounts",
                "create",
                "--name",
                "Trace bot",
                "--owner",
                "usr_mia_member",
            ],
            None,
        )
        .await;
    let account: Value = serde_json::from_str(&r.stdout).unwrap();
    let id = account["id"].as_str().unwrap().to_string();
    let r = j
        .step(
            &["keys", "create", &id, "--name", "trace"],
            Some(Kind::ApiKey),
        )
        .await;
    let key = r.stdout.trim().to_string();
    assert!(key.starts_with("acx_"), "{key}");
    j.needle(Kind::ApiKey, "the API key", &key);
    let r = j
        .step(
            &["accounts", "client-secret", &id],
            Some(Kind::ClientSecret),
        )
        .await;
    j.needle(Kind::ClientSecret, "the client secret", r.stdout.trim());
    let invite = [
        "users",
        "invite",
        "--name",
        "Trace Invitee",
        "--email",
        "trace.invitee@demo-clinic.test",
        "--role",
        "MEMBER",
        "--reason",
        "trace",
    ];
    let r = j.step(&invite, Some(Kind::InvitationCode)).await;
    let link = r.stdout.trim().to_string();
    let code = link.split("code=").nth(1).expect("a link with its code");
    j.needle(Kind::InvitationCode, "the invitation code", code);
    j.needle(Kind::InvitationCode, "the invitation link", &link);
    j.files("signed in, cache open");
    j.step(&["logout"], None).await;

    // The config Owner, separately signed in on the same profile, saves a setting.
    j.cli.login = CONFIG_OWNER;
    j.step(&["login"], None).await;
    j.step(
        &[
            "settings",
            "set",
            "time_zone=Europe/Paris",
            "--reason",
            "we moved",
        ],
        None,
    )
    .await;
    j.step(&["logout"], None).await;
    j.files("after sign-out");
    j.needle(Kind::Password, "the OWNER's password", OWNER.1);
    j.needle(
        Kind::Password,
        "the config Owner's password",
        CONFIG_OWNER.1,
    );
    j.haystacks.push(Haystack {
        place: "the emulator's trace log".into(),
        bytes: captured.0.lock().unwrap().clone(),
        allows: None,
    });

    // Not vacuous: trace logging was on, and every kind of secret was found to search for.
    let stderr: String = j
        .haystacks
        .iter()
        .filter(|h| h.place.starts_with("stderr"))
        .map(|h| String::from_utf8_lossy(&h.bytes).into_owned())
        .collect();
    let emulator_log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    let tokens = j
        .needles
        .iter()
        .filter(|n| n.0.starts_with("refresh_token"))
        .count();
    let kinds: Vec<Kind> = j.kinds_found().into_iter().collect();
    let mut problems = Vec::new();
    if !stderr.contains("TRACE") {
        problems.push("the CLI did not log at trace level".to_string());
    }
    if !emulator_log.contains("TRACE") {
        problems.push("the emulator did not log at trace level".to_string());
    }
    if tokens < 2 {
        problems.push(format!(
            "{tokens} refresh tokens read; both people's expected"
        ));
    }
    let every_kind = [
        Kind::Token,
        Kind::CacheKey,
        Kind::ApiKey,
        Kind::ClientSecret,
        Kind::InvitationCode,
        Kind::Password,
        Kind::Patient,
    ];
    if kinds != every_kind {
        problems.push(format!("searched for {kinds:?}, not every kind"));
    }

    for h in &j.haystacks {
        for (what, value, kind) in &j.needles {
            if h.allows == Some(*kind) {
                continue;
            }
            if h.bytes.windows(value.len()).any(|w| w == value.as_bytes()) {
                problems.push(format!("{what} is in {}", h.place));
            }
        }
    }
    if !problems.is_empty() {
        // Everything that was searched, for the person fixing it; only emulator test secrets.
        let dump = std::env::temp_dir().join(format!("{}-haystacks.log", j.profile));
        let mut f = std::fs::File::create(&dump).unwrap();
        for h in &j.haystacks {
            writeln!(f, "===== {}", h.place).unwrap();
            f.write_all(&h.bytes).unwrap();
        }
        panic!(
            "{} problems (what was searched is in {}):\n{}",
            problems.len(),
            dump.display(),
            problems.join("\n")
        );
    }
}
