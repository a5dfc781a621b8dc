//! How fast the generator builds an organization: `cargo bench -p platform-emulator --bench
//! generate`. Each size loads into a fresh temporary database, as `--generate N` does at start.
//! Sizes can be overridden: `-- 10000 100000`.

use std::time::Instant;

use platform_emulator::{directory, generate, mutate_random, start, EmulatorConfig};

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    let mut mutations = Vec::new();
    println!("| users | seconds | users/s |");
    println!("|------:|--------:|--------:|");
    for size in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let emulator = start(EmulatorConfig {
            database: Some(dir.path().join("bench.sqlite")),
            ..EmulatorConfig::default()
        })
        .await
        .expect("emulator starts");
        let state = &emulator.state;
        directory::ensure_org(&state.pool, "org_bench", "Bench Clinic")
            .await
            .expect("org");
        let started = Instant::now();
        let report = generate(state, "org_bench", 42, size)
            .await
            .expect("generation succeeds");
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(report.users, size);
        println!("| {size} | {seconds:.2} | {:.0} |", size as f64 / seconds);
        // Random edits on the loaded organization, as a delta-sync test applies them.
        let started = Instant::now();
        let edits = mutate_random(state, "org_bench", 1000, 7)
            .await
            .expect("mutations apply");
        mutations.push((size, edits.applied, started.elapsed().as_secs_f64()));
        emulator.stop().await;
    }
    println!();
    println!("| users | random edits | seconds | edits/s |");
    println!("|------:|-------------:|--------:|--------:|");
    for (size, applied, seconds) in mutations {
        println!(
            "| {size} | {applied} | {seconds:.2} | {:.0} |",
            applied as f64 / seconds
        );
    }
}
