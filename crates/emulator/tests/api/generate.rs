//! The data generator: deterministic, realistic, within the seed rules, idempotent; and the demo
//! seed that uses it.

use platform_emulator::{
    directory, generate, start, EmulatorConfig, RunningEmulator, DEMO_GENERATED_USERS, DEMO_ORG_ID,
    PERSONAS,
};
use sha2::{Digest, Sha256};
use sqlx::{Row, SqlitePool};

const ORG: &str = "org_gen";

async fn fresh() -> RunningEmulator {
    let emu = start(EmulatorConfig::default()).await.unwrap();
    directory::ensure_org(&emu.state.pool, ORG, "Generated Health")
        .await
        .unwrap();
    emu
}

/// A digest of every stored field of every user of the organization, roles included.
async fn checksum(pool: &SqlitePool, org: &str) -> String {
    let rows = sqlx::query(
        "SELECT u.id || '|' || u.kind || '|' || u.display_name || '|' || coalesce(u.email, '') \
         || '|' || coalesce(u.phone, '') || '|' || u.status || '|' || coalesce(u.guardian_id, '') \
         || '|' || u.created_at || '|' || u.updated_at || '|' || u.version || '|' || coalesce(( \
         SELECT group_concat(role) FROM (SELECT role FROM staff_roles WHERE user_id = u.id \
         ORDER BY role)), '') FROM users u WHERE u.org_id = ? ORDER BY u.id",
    )
    .bind(org)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut hash = Sha256::new();
    for row in rows {
        hash.update(row.get::<String, _>(0).as_bytes());
        hash.update(b"\n");
    }
    format!("{:x}", hash.finalize())
}

async fn scalar(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(ORG)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn same_seed_and_size_give_identical_data() {
    let (a, b, c) = (fresh().await, fresh().await, fresh().await);
    generate(&a.state, ORG, 42, 4000).await.unwrap();
    generate(&b.state, ORG, 42, 4000).await.unwrap();
    generate(&c.state, ORG, 43, 4000).await.unwrap();
    let (sum_a, sum_b, sum_c) = (
        checksum(&a.state.pool, ORG).await,
        checksum(&b.state.pool, ORG).await,
        checksum(&c.state.pool, ORG).await,
    );
    // Two databases, one seed: byte-for-byte the same organization, so benchmarks and bug
    // reports can name a seed and a size instead of shipping data.
    assert_eq!(sum_a, sum_b);
    assert_ne!(sum_a, sum_c, "another seed, other people");

    // Generating the same seed and size again is a no-op, not a second copy.
    let again = generate(&a.state, ORG, 42, 4000).await.unwrap();
    assert!(again.skipped);
    assert_eq!(checksum(&a.state.pool, ORG).await, sum_a);
}

#[tokio::test]
async fn generated_people_look_like_a_clinic_and_obey_the_seed_rules() {
    let emu = fresh().await;
    let report = generate(&emu.state, ORG, 5, 20_000).await.unwrap();
    let pool = &emu.state.pool;
    assert_eq!(report.users, 20_000, "exactly the size asked for");
    assert_eq!(
        scalar(pool, "SELECT count(*) FROM users WHERE org_id = ?").await,
        20_000
    );

    // About 3% staff, every one of the 14 roles present, some staff with two.
    let staff = report.staff as f64 / 20_000.0;
    assert!((0.02..0.04).contains(&staff), "staff share {staff}");
    let roles = scalar(
        pool,
        "SELECT count(DISTINCT role) FROM staff_roles r JOIN users u \
        ON u.id = r.user_id WHERE u.org_id = ?",
    )
    .await;
    assert_eq!(roles, 14);
    let two_roles = scalar(
        pool,
        "SELECT count(*) FROM (SELECT user_id FROM staff_roles r \
        JOIN users u ON u.id = r.user_id WHERE u.org_id = ? GROUP BY user_id HAVING count(*) = 2)",
    )
    .await;
    assert!(two_roles > 0);
    let owners = scalar(
        pool,
        "SELECT count(*) FROM staff_roles r JOIN users u ON u.id = \
        r.user_id WHERE u.org_id = ? AND role = 'OWNER'",
    )
    .await;
    let providers = scalar(
        pool,
        "SELECT count(*) FROM staff_roles r JOIN users u ON u.id = \
        r.user_id WHERE u.org_id = ? AND role = 'PROVIDER'",
    )
    .await;
    assert!(
        owners * 5 < providers,
        "few owners, many providers: {owners} vs {providers}"
    );

    // Households of 0 to 4 dependents, all under a guardian of the same organization.
    let sizes: Vec<i64> = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM users d WHERE \
        d.guardian_id = g.id) FROM users g WHERE g.org_id = ? AND g.kind = 'GUARDIAN'",
    )
    .bind(ORG)
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(sizes.iter().all(|n| (0..=4).contains(n)));
    assert!(
        sizes.contains(&0) && sizes.contains(&4),
        "the whole range occurs"
    );
    let orphans = scalar(
        pool,
        "SELECT count(*) FROM users d LEFT JOIN users g ON g.id = \
        d.guardian_id WHERE d.org_id = ? AND d.kind = 'DEPENDENT' AND (g.kind IS NOT 'GUARDIAN' \
        OR g.org_id != d.org_id)",
    )
    .await;
    assert_eq!(orphans, 0, "every dependent has a guardian");
    let sharing = scalar(
        pool,
        "SELECT count(*) FROM users d JOIN users g ON g.id = \
        d.guardian_id WHERE d.org_id = ? AND d.email = g.email",
    )
    .await;
    assert!(
        sharing as usize * 2 > report.dependents,
        "dependents often share the email"
    );

    // Seed rules: each primary consumer reachable, no contact used twice among them.
    let unreachable = scalar(
        pool,
        "SELECT count(*) FROM users WHERE org_id = ? AND kind IN \
        ('PATIENT', 'HCP', 'GUARDIAN') AND email IS NULL AND phone IS NULL",
    )
    .await;
    assert_eq!(unreachable, 0);
    for column in ["lower(email)", "phone_digits"] {
        let dupes = scalar(
            pool,
            &format!(
                "SELECT count(*) FROM (SELECT {column} FROM users \
            WHERE org_id = ? AND kind IN ('PATIENT', 'HCP', 'GUARDIAN') AND {column} IS NOT NULL \
            GROUP BY {column} HAVING count(*) > 1)"
            ),
        )
        .await;
        assert_eq!(dupes, 0, "{column} unique among primary consumers");
    }
    let staff_dupes = scalar(
        pool,
        "SELECT count(*) FROM (SELECT lower(email) FROM users \
        WHERE org_id = ? AND kind = 'STAFF' GROUP BY 1 HAVING count(*) > 1)",
    )
    .await;
    assert_eq!(staff_dupes, 0);

    // Realistic shapes: "(555) 0XX-XXXX" phones, mostly active, all three statuses.
    let bad_phones = scalar(
        pool,
        "SELECT count(*) FROM users WHERE org_id = ? AND phone IS NOT \
        NULL AND phone NOT GLOB '(555) 0[0-9][0-9]-[0-9][0-9][0-9][0-9]'",
    )
    .await;
    assert_eq!(bad_phones, 0);
    let active = scalar(
        pool,
        "SELECT count(*) FROM users WHERE org_id = ? AND status = 'active'",
    )
    .await;
    assert!(active > 17_000, "mostly active: {active}");
    let statuses = scalar(
        pool,
        "SELECT count(DISTINCT status) FROM users WHERE org_id = ?",
    )
    .await;
    assert_eq!(statuses, 3);
    let names = scalar(
        pool,
        "SELECT count(DISTINCT display_name) FROM users WHERE org_id = ?",
    )
    .await;
    assert!(names > 10_000, "varied names: {names}");
}

#[tokio::test]
async fn a_large_load_keeps_the_uniqueness_backstops() {
    // From 50,000 users the indexes are rebuilt after the load instead of maintained row by
    // row; they must all be back afterwards, or later writes lose their safety net (the unique
    // ones) and listings their speed.
    let emu = fresh().await;
    let pool = &emu.state.pool;
    let indexes = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    };
    let before = indexes().await;
    assert!(before.iter().any(|sql| sql.contains("users_primary_phone")));
    let report = generate(&emu.state, ORG, 11, 50_000).await.unwrap();
    assert_eq!(report.users, 50_000);
    assert_eq!(indexes().await, before);
    // A second generation into the same organization avoids the contacts of the first.
    let second = generate(&emu.state, ORG, 12, 50_000).await.unwrap();
    assert_eq!(second.users, 50_000);
    assert_eq!(
        scalar(pool, "SELECT count(*) FROM users WHERE org_id = ?").await,
        100_000
    );
}

#[tokio::test]
async fn the_demo_seed_is_a_few_thousand_people_around_the_personas_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let config = || EmulatorConfig {
        database: Some(dir.path().join("demo.sqlite")),
        demo_seed: true,
        ..EmulatorConfig::default()
    };
    let count = |emu: &RunningEmulator| {
        let pool = emu.state.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM users WHERE org_id = ?")
                .bind(DEMO_ORG_ID)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let first = start(config()).await.unwrap();
    let users = count(&first).await as usize;
    // Personas, the named household and the reminder bot, plus the generated population.
    assert_eq!(users, DEMO_GENERATED_USERS + PERSONAS.len() + 4);
    let sum = checksum(&first.state.pool, DEMO_ORG_ID).await;
    first.stop().await;
    // A restart on the same database changes nothing.
    let second = start(config()).await.unwrap();
    assert_eq!(count(&second).await as usize, users);
    assert_eq!(checksum(&second.state.pool, DEMO_ORG_ID).await, sum);
}
