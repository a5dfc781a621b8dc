//! `platform-emulator`: runs the platform's auth server and admin API on this machine.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Parser;
use platform_emulator::{start, EmulatorConfig};

#[derive(Parser)]
#[command(
    version,
    about = "A local platform (OAuth2 auth server + admin API v1) for Access Console"
)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 47800)]
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
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let emulator = start(EmulatorConfig {
        addr: SocketAddr::new(args.bind, args.port),
        database: args.db,
        demo_seed: args.demo_seed,
        ..EmulatorConfig::default()
    })
    .await?;
    println!("platform emulator listening on {}", emulator.base_url());
    if args.demo_seed {
        println!("demo accounts (email / password):");
        for p in platform_emulator::PERSONAS {
            println!("  {:<14} {:<38} {}", p.label, p.email, p.password);
        }
    }
    tokio::signal::ctrl_c().await?;
    emulator.stop().await;
    Ok(())
}
