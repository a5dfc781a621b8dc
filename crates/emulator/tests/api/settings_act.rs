//! Every setting acts: changing it changes what the platform does or serves. One test per
//! behaviour, over real sockets.

use crate::common::*;
use serde_json::json;

/// The organization presents itself by its settings: `/v1/me` (which the console's header,
/// overview and messages read) carries the display name and support address as they are now.
#[tokio::test]
async fn the_display_name_and_support_email_are_how_the_organization_presents_itself() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let sam = env.token_for(SUPPORT).await;
    let (_, me) = env.get_json("/v1/me", &sam).await;
    assert_eq!(me["organization"]["name"], "Demo Clinic");
    assert!(
        me["organization"].get("support_email").is_none(),
        "no address is set: none is served ({me})"
    );
    env.change(
        &cora,
        json!({"display_name": "Demo Clinic East", "support_email": "east@demo-clinic.test"}),
        "rename",
    )
    .await;
    let (_, me) = env.get_json("/v1/me", &sam).await;
    assert_eq!(me["organization"]["name"], "Demo Clinic East");
    assert_eq!(me["organization"]["support_email"], "east@demo-clinic.test");
    env.change(&cora, json!({"support_email": ""}), "no public address")
        .await;
    let (_, me) = env.get_json("/v1/me", &sam).await;
    assert!(me["organization"].get("support_email").is_none(), "{me}");
}

/// The console's idle lock and the rotate dialog's default come from `/v1/me`.
#[tokio::test]
async fn idle_sign_out_and_rotation_overlap_reach_the_console_through_me() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let olivia = env.token_for(OWNER).await;
    let (_, me) = env.get_json("/v1/me", &olivia).await;
    assert_eq!(
        (
            me["idle_sign_out_minutes"].as_i64(),
            me["key_rotation_overlap_hours"].as_i64()
        ),
        (Some(30), Some(24))
    );
    env.change(
        &cora,
        json!({"idle_sign_out_minutes": 5, "key_rotation_overlap_hours": 2}),
        "tighter",
    )
    .await;
    let (_, me) = env.get_json("/v1/me", &olivia).await;
    assert_eq!(
        (
            me["idle_sign_out_minutes"].as_i64(),
            me["key_rotation_overlap_hours"].as_i64()
        ),
        (Some(5), Some(2))
    );
}

/// Where each setting is shown acting. A setting added to the schema without a test of what it
/// changes fails here: the platform keeps no setting that does nothing.
const ACTING: &[(&str, &str)] = &[
    (
        "display_name",
        "settings_act::the_display_name_and_support_email_are_how_the_organization_presents_itself",
    ),
    (
        "support_email",
        "settings_act::the_display_name_and_support_email_are_how_the_organization_presents_itself",
    ),
    (
        "time_zone",
        "people::the_organizations_time_zone_decides_the_day_a_dependent_comes_of_age",
    ),
    (
        "max_api_key_lifetime_days",
        "settings_history::a_new_api_key_is_bounded_by_the_organizations_maximum_lifetime",
    ),
    (
        "key_rotation_overlap_hours",
        "settings_act::idle_sign_out_and_rotation_overlap_reach_the_console_through_me",
    ),
    (
        "idle_sign_out_minutes",
        "settings_act::idle_sign_out_and_rotation_overlap_reach_the_console_through_me",
    ),
    (
        "mfa_required_for_staff",
        "mfa::the_setting_decides_whether_staff_are_asked_and_turning_it_on_enrols_at_next_sign_in",
    ),
    (
        "dependent_leaves_guardian_at_age",
        "people_household::what_a_guardian_sees_follows_the_age_and_the_setting",
    ),
    (
        "guardian_access_12_17",
        "people_household::what_a_guardian_sees_follows_the_age_and_the_setting",
    ),
    (
        "allowed_redirect_uris",
        "redirect_uris::an_apps_registered_redirect_is_refused_until_the_organization_allows_it",
    ),
    (
        "password_min_length",
        "passwords::the_minimum_length_is_the_organizations_setting",
    ),
    (
        "max_acting_minutes",
        "acting_rules::max_acting_minutes_bounds_how_long_an_owner_acts",
    ),
    (
        "invitation_expiry_days",
        "invitations::invitation_expiry_days_sets_how_long_a_code_accepts",
    ),
];

#[tokio::test]
async fn every_setting_in_the_schema_has_a_test_that_shows_it_acting() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let served: std::collections::BTreeSet<String> = env
        .schema_fields(&cora)
        .await
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect();
    let listed: std::collections::BTreeSet<String> =
        ACTING.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(
        served, listed,
        "each served setting names the test that shows it acting"
    );
    // And each named test exists in this binary's sources.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api");
    for (key, test) in ACTING {
        let (file, name) = test.split_once("::").unwrap();
        let source = std::fs::read_to_string(dir.join(format!("{file}.rs"))).unwrap();
        assert!(
            source.contains(&format!("async fn {name}(")),
            "{key}: no test {test}"
        );
    }
}
