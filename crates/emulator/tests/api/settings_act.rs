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
