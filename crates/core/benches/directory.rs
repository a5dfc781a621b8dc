//! Directory benchmarks: full sync of generated organizations from the emulator (a separate
//! process, over loopback) into the encrypted cache, a delta sync of 1,000 changes, and search
//! latency through the core's public search function. Prints a table.
//!
//! Run with `scripts/bench.sh` (it builds the release emulator and provides the keyring).
//! Sizes: `BENCH_SIZES=100000,1000000` (default).

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use console_core::sync::SyncOptions;
use console_core::{
    BrowserOpener, Console, ConsoleConfig, DirectoryQuery, KeyringStore, Profile, TokenStore,
};
use tokio::io::{AsyncBufReadExt, BufReader};

struct Browser;

impl BrowserOpener for Browser {
    fn open(&self, url: &str) -> console_core::Result<()> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut child = std::process::Command::new("node")
            .arg(root.join("tests/browser/scripted-browser.mjs"))
            .arg(url)
            .env("SCRIPTED_BROWSER_LOGIN", "olivia.owner@demo-clinic.test")
            .env("SCRIPTED_BROWSER_PASSWORD", "owner-demo")
            .env(
                "SCRIPTED_BROWSER_TOTP_SECRET",
                platform_emulator::totp_secret_for("olivia.owner@demo-clinic.test")
                    .unwrap_or_default(),
            )
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| console_core::Error::Internal(e.to_string()))?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

/// Peak resident memory of this (the console's) process, from /proc.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// Builds a search text from a cached user (what a support agent would type).
type QueryFrom = Box<dyn Fn(&console_core::User) -> Option<String>>;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn emulator(size: usize) -> (tokio::process::Child, String) {
    let bin =
        std::env::var("EMULATOR_BIN").expect("EMULATOR_BIN: the release platform-emulator binary");
    let mut child = tokio::process::Command::new(bin)
        .args([
            "--port",
            "0",
            "--generate",
            &size.to_string(),
            "--seed",
            "1",
            "--allow-test-mutations",
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("emulator starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(url) = line.strip_prefix("platform emulator listening on ") {
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return (child, url.trim().to_string());
        }
    }
    panic!("the emulator exited before listening");
}

async fn run(size: usize) {
    let (_emu, url) = emulator(size).await;
    let dirs = tempfile::tempdir().unwrap();
    let console = Arc::new(Console::new(ConsoleConfig {
        config_dir: dirs.path().join("config"),
        data_dir: dirs.path().join("data"),
        demo_api_base: url.clone(),
        store: Arc::new(KeyringStore),
        opener: Arc::new(Browser),
        sign_in_timeout: Duration::from_secs(60),
        client: console_core::Client::Cli,
    }));
    let profile = format!("bench-{size}");
    console
        .add_profile(Profile {
            name: profile.clone(),
            api_base: url.clone(),
            issuer: None,
            client_id: "access-console".into(),
            scopes: vec!["console".into(), "offline_access".into()],
            builtin: false,
        })
        .unwrap();
    console.sign_in(&profile).await.expect("sign-in");

    // BENCH_PAGE_SIZE: another page size than the app's, to compare.
    let options = SyncOptions {
        page_size: std::env::var("BENCH_PAGE_SIZE")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(SyncOptions::default().page_size),
        ..SyncOptions::default()
    };
    let started = Instant::now();
    let report = console
        .sync(&profile, &options, &|_| {})
        .await
        .expect("full sync");
    let full = started.elapsed().as_secs_f64();
    println!(
        "| full sync          | {size:>9} | {:>9} | {full:>8.2} s | {:>10.0}/s | {:>7.0} MB |",
        report.upserted,
        report.upserted as f64 / full,
        peak_rss_mb()
    );

    // The floors (issue 16), after the sync so its peak RSS is its own: the same listing read
    // and decoded with nothing written, then the same rows written with no index at all.
    let session = console.session(&profile).unwrap();
    let (fetch_floor, pages) = console_core::sync::floors::fetch_decode(&session, &options)
        .await
        .expect("fetch floor");
    let rows: usize = pages.iter().map(|p| p.items.len()).sum();
    let insert_floor =
        console_core::sync::floors::insert_only(&dirs.path().join("floor.db"), &pages)
            .await
            .expect("insert floor")
            .as_secs_f64();
    drop(pages);
    let fetch_floor = fetch_floor.as_secs_f64();
    println!(
        "| floor: fetch+decode| {size:>9} | {rows:>9} | {fetch_floor:>8.2} s | {:>10.0}/s |            |",
        rows as f64 / fetch_floor
    );
    println!(
        "| floor: insert only | {size:>9} | {rows:>9} | {insert_floor:>8.2} s | {:>10.0}/s |            |",
        rows as f64 / insert_floor
    );
    println!(
        "| full ÷ larger floor| {size:>9} |           | {:>9.2}x  |              |            |",
        full / fetch_floor.max(insert_floor)
    );
    drop(session);

    let token = KeyringStore
        .get(&console_core::token_store::account(
            console.client(),
            &profile,
        ))
        .unwrap()
        .unwrap()
        .access_token;
    let http = reqwest::Client::new();
    let applied: serde_json::Value = http
        .post(format!("{url}/v1/test/mutations"))
        .bearer_auth(token.expose())
        .json(&serde_json::json!({"count": 1000, "seed": 9}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let started = Instant::now();
    let report = console
        .sync(&profile, &options, &|_| {})
        .await
        .expect("delta sync");
    let delta = started.elapsed().as_secs_f64();
    let changes = report.upserted + report.deleted;
    println!("| delta sync         | {size:>9} | {changes:>9} | {delta:>8.3} s | {:>10.0}/s | {:>7.0} MB |  ({} mutations)", changes as f64 / delta, peak_rss_mb(), applied["applied"]);

    // The Overview's counts from the local copy (issue 15): group-bys over the whole copy.
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let overview = console.overview(&profile).await.expect("overview");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!overview.people.is_empty());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "| overview (local)   | {size:>9} | {:>9} | p50 {:>6.2} ms | p99 {:>6.2} ms | {:>7.0} MB |",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        peak_rss_mb()
    );

    let cache = console.cache(&profile).await.unwrap();
    // 200 people spread over the whole directory (every n-th row as loaded), not the first
    // names of the alphabet: common and rare names, every kind of account.
    let step = (cache.user_count().await.unwrap() / 200).max(1) as i64;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE rowid % ? = 0 ORDER BY rowid LIMIT 200")
            .bind(step)
            .fetch_all(cache.pool())
            .await
            .unwrap();
    let mut people = Vec::new();
    for id in &ids {
        people.extend(cache.user(id).await.unwrap());
    }
    let sample: Vec<_> = people.iter().collect();
    let kinds: [(&str, QueryFrom); 4] = [
        (
            "name prefix",
            Box::new(|u| Some(u.display_name.chars().take(4).collect())),
        ),
        (
            "email",
            Box::new(|u| {
                u.email
                    .as_ref()
                    .map(|e| e.split('@').next().unwrap_or(e).to_string())
            }),
        ),
        (
            "phone digits",
            Box::new(|u| {
                u.phone
                    .as_ref()
                    .map(|p| p.chars().filter(char::is_ascii_digit).skip(3).collect())
            }),
        ),
        ("id", Box::new(|u| Some(u.id.clone()))),
    ];
    let session = console.session(&profile).unwrap();
    for (label, make) in kinds.iter() {
        let mut times = Vec::new();
        let mut slowest = Vec::new();
        // The same texts through the platform's search (`GET /v1/users?q=`, the first 50 in id
        // order), timed from request to decoded page over loopback: what the window waits for
        // while the first sync fills the copy (issue 16).
        let mut platform = Vec::new();
        for u in &sample {
            let Some(text) = make(u) else { continue };
            let page = cache
                .search(&DirectoryQuery::text(&text, 50))
                .await
                .unwrap();
            times.push(page.took_ms);
            let q: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
            let started = Instant::now();
            let answer: console_core::api::Page<console_core::User> = session
                .get(&format!("/v1/users?q={q}&limit=50"))
                .await
                .expect("platform search");
            platform.push(started.elapsed().as_secs_f64() * 1000.0);
            // Same rules on both sides: found by one, found by the other (tests prove the sets).
            if answer.items.is_empty() != (page.total == 0) {
                eprintln!(
                    "  platform and copy disagree on {text:?}: {} vs {}",
                    answer.items.len(),
                    page.total
                );
            }
            slowest.push((page.took_ms, text, page.total));
        }
        platform.sort_by(|a, b| a.partial_cmp(b).unwrap());
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        // The slowest queries go to stderr: what to look at when a p99 misses.
        slowest.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
        for (ms, text, total) in slowest.iter().take(3) {
            eprintln!("  slowest {label}: {text:?} {ms:.2} ms ({total} matches)");
        }
        println!(
            "| search {label:<12}| {size:>9} | {:>9} | p50 {:>6.2} ms | p99 {:>6.2} ms |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
        println!(
            "| platform {label:<10}| {size:>9} | {:>9} | p50 {:>6.2} ms | p99 {:>6.2} ms | ratio p50 {:.0}x, p99 {:.0}x |",
            platform.len(),
            percentile(&platform, 0.5),
            percentile(&platform, 0.99),
            percentile(&platform, 0.5) / percentile(&times, 0.5).max(0.001),
            percentile(&platform, 0.99) / percentile(&times, 0.99).max(0.001)
        );
    }
    // The session handle the platform searches used goes first: sign-out ends that session.
    drop(session);
    console
        .sign_out(&profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("BENCH_SIZES: numbers"))
        .collect();
    // Where a full sync's time goes, from the sync's own log line, to stderr.
    tracing_subscriber::fmt()
        .with_env_filter("console_core::sync=info,console_core::directory=info")
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!(
        "| what               |     users |   records |     time     |       rate   | peak RSS   |"
    );
    println!(
        "|--------------------|-----------|-----------|--------------|--------------|------------|"
    );
    for size in sizes {
        runtime.block_on(run(size));
    }
}
