//! `platform-emulator`: runs the platform's auth server and admin API on this machine.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use std::time::Instant;

use clap::Parser;
use platform_emulator::{generate, start, EmulatorConfig, DEMO_ORG_ID};

#[derive(Parser)]
#[command(
    version,
    about = "A local platform (OAuth2 auth server + admin API v1) for Access Console"
)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = console_api::DEMO_PORT)]
    port: u16,
    /// Address to bind; loopback by default so nothing is exposed to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// SQLite database file (created if missing). Default: a temporary file.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Load the demo organization and its personas.
    #[arg(long)]
    demo_seed: bool,
    /// Generate N more users into the demo organization at start (implies --demo-seed).
    #[arg(long, value_name = "N")]
    generate: Option<usize>,
    /// Seed of --generate: the same seed and N always give the same users.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Serve POST /v1/test/mutations (random edits for delta-sync tests; owners only).
    #[arg(long)]
    allow_test_mutations: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            // sqlx warns about statements over a second; rebuilding indexes after a large
            // --generate always is one, and the warning would read like a fault.
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx::query=error".into()),
        )
        .init();
    let args = Args::parse();
    let demo_seed = args.demo_seed || args.generate.is_some();
    let emulator = start(EmulatorConfig {
        addr: SocketAddr::new(args.bind, args.port),
        database: args.db,
        demo_seed,
        allow_test_mutations: args.allow_test_mutations,
        ..EmulatorConfig::default()
    })
    .await?;
    if let Some(size) = args.generate {
        let started = Instant::now();
        let report = generate(&emulator.state, DEMO_ORG_ID, args.seed, size).await?;
        if report.skipped {
            println!(
                "{size} users with seed {} were generated before; kept them",
                args.seed
            );
        } else {
            println!(
                "generated {} users ({} staff, {} guardians, {} dependents) in {:.2} s",
                report.users,
                report.staff,
                report.guardians,
                report.dependents,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!("platform emulator listening on {}", emulator.base_url());
    if args.allow_test_mutations {
        println!("test mutations enabled: POST /v1/test/mutations {{\"count\": N, \"seed\": S}}");
    }
    if demo_seed {
        println!("demo accounts (email / password / TOTP secret: staff also enter a code):");
        for p in platform_emulator::PERSONAS {
            let totp = p.totp_secret.unwrap_or("-");
            println!(
                "  {:<14} {:<38} {:<20} {totp}",
                p.label, p.email, p.password
            );
        }
    }
    shutdown_signal().await?;
    // Stopping (not just exiting) removes the temporary database, which with --generate can
    // be hundreds of megabytes.
    emulator.stop().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM from a test harness or service manager.
async fn shutdown_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
