use console_api::{Permission, ProblemCode, StaffRole, UserKind, UserStatus};

use super::{check, Actor, After, Change, Target};
use crate::api::permissions::for_roles;

use StaffRole::*;

/// Runs `check` for an actor holding `roles` (and the permissions those roles really give).
fn check_as(
    actor_id: &str,
    roles: &[StaffRole],
    target: &Target,
    change: &Change,
    owners: i64,
) -> Result<After, ProblemCode> {
    let permissions = for_roles(roles, None);
    let actor = Actor {
        id: actor_id,
        kind: UserKind::Staff,
        roles,
        permissions: &permissions,
        on_behalf: None,
    };
    check(&actor, target, change, owners).map_err(|p| p.code)
}

fn staff<'a>(id: &'a str, roles: &'a [StaffRole]) -> Target<'a> {
    Target {
        id,
        name: id,
        kind: UserKind::Staff,
        status: UserStatus::Active,
        roles,
    }
}

fn names(roles: &[&str]) -> Vec<String> {
    roles.iter().map(|r| r.to_string()).collect()
}

const OLIVIA: &str = "usr_olivia";
const MIA: &str = "usr_mia";

#[test]
fn an_owner_grants_and_removes_roles_of_others() {
    let grant = names(&["MEMBER", "SUPPORT"]);
    let after = check_as(
        OLIVIA,
        &[Owner],
        &staff(MIA, &[Member]),
        &Change::SetRoles(&grant),
        1,
    );
    // Sorted in enum order, so clients and the audit trail see one canonical form.
    assert_eq!(after.unwrap().roles, [Member, Support]);
}

#[test]
fn roles_that_only_read_may_not_write() {
    let grant = names(&["MEMBER"]);
    for roles in [
        &[Support][..],
        &[Member],
        &[Provider, ProviderPhysician],
        &[],
    ] {
        let got = check_as(
            MIA,
            roles,
            &staff("usr_x", &[]),
            &Change::SetRoles(&grant),
            2,
        );
        assert_eq!(got, Err(ProblemCode::ReadOnlyRole), "{roles:?}");
    }
    // A config user (whatever their config role) and a service account hold no staff role.
    for kind in [UserKind::Config, UserKind::ServiceAccount] {
        let permissions = for_roles(&[], Some(console_api::ConfigRole::Owner));
        let actor = Actor {
            id: "usr_cora",
            kind,
            roles: &[],
            permissions: &permissions,
            on_behalf: None,
        };
        let problem = check(&actor, &staff("usr_x", &[]), &Change::SetRoles(&grant), 2)
            .expect_err("read only");
        assert_eq!(problem.code, ProblemCode::ReadOnlyRole);
        assert!(problem.detail.unwrap().contains("lets you read only"));
    }
}

#[test]
fn read_only_comes_before_everything_else() {
    // A SUPPORT caller with an unknown role for a consumer: the first thing to fix is who asks.
    let bogus = names(&["ADMIN"]);
    let mut pat = staff("usr_pat", &[]);
    pat.kind = UserKind::Patient;
    let got = check_as(MIA, &[Support], &pat, &Change::SetRoles(&bogus), 1);
    assert_eq!(got, Err(ProblemCode::ReadOnlyRole));
}

#[test]
fn unknown_roles_are_named_with_the_valid_ones() {
    let actor_roles = [Owner];
    let permissions = for_roles(&actor_roles, None);
    let actor = Actor {
        id: OLIVIA,
        kind: UserKind::Staff,
        roles: &actor_roles,
        permissions: &permissions,
        on_behalf: None,
    };
    let asked = names(&["MEMBER", "ADMIN"]);
    let problem = check(&actor, &staff(MIA, &[]), &Change::SetRoles(&asked), 1).unwrap_err();
    assert_eq!(
        (problem.code, problem.status),
        (ProblemCode::UnknownRole, 422)
    );
    let detail = problem.detail.unwrap();
    assert!(detail.contains("'ADMIN' is not a staff role"), "{detail}");
    assert!(detail.contains("INTAKE_STAFF") && detail.contains("DISPATCH"));
    // Removing an unknown role is as wrong as adding one, and comes before not_staff.
    let mut pat = staff("usr_pat", &[]);
    pat.kind = UserKind::Patient;
    let (add, remove) = (names(&["MEMBER"]), names(&["ROOT"]));
    let change = Change::AddRemove {
        add: &add,
        remove: &remove,
    };
    assert_eq!(
        check_as(OLIVIA, &[Owner], &pat, &change, 1),
        Err(ProblemCode::UnknownRole)
    );
}

#[test]
fn only_staff_hold_roles_and_anyone_but_a_service_account_is_suspended_here() {
    let grant = names(&["SUPPORT"]);
    for kind in [
        UserKind::Patient,
        UserKind::Hcp,
        UserKind::Guardian,
        UserKind::Dependent,
        UserKind::Config,
        UserKind::ServiceAccount,
    ] {
        let mut target = staff("usr_t", &[]);
        target.kind = kind;
        let roles = check_as(OLIVIA, &[Owner], &target, &Change::SetRoles(&grant), 1);
        assert_eq!(roles, Err(ProblemCode::NotStaff), "{kind:?}");
        let suspend = Change::SetStatus(UserStatus::Suspended);
        let status = check_as(OLIVIA, &[Owner], &target, &suspend, 1);
        // Consumers and config users are suspended like staff (issue 13); a service account
        // is disabled with its keys instead.
        if kind == UserKind::ServiceAccount {
            assert_eq!(status, Err(ProblemCode::NotStaff), "{kind:?}");
        } else {
            assert!(status.is_ok(), "{kind:?}: {status:?}");
        }
        // Asking for what already holds (no roles) changes nothing, so breaks nothing.
        assert!(check_as(OLIVIA, &[Owner], &target, &Change::SetRoles(&[]), 1).is_ok());
    }
}

#[test]
fn the_last_active_owner_keeps_owner_and_stays_active() {
    let others = names(&["MEMBER"]);
    let other_owner = staff("usr_other", &[Owner]);
    let got = check_as(
        OLIVIA,
        &[Owner],
        &other_owner,
        &Change::SetRoles(&others),
        1,
    );
    assert_eq!(got, Err(ProblemCode::LastOwner));
    let suspend = Change::SetStatus(UserStatus::Suspended);
    let got = check_as(OLIVIA, &[Owner], &other_owner, &suspend, 1);
    assert_eq!(got, Err(ProblemCode::LastOwner));
    // With a second active owner both are fine.
    assert!(check_as(
        OLIVIA,
        &[Owner],
        &other_owner,
        &Change::SetRoles(&others),
        2
    )
    .is_ok());
    assert!(check_as(OLIVIA, &[Owner], &other_owner, &suspend, 2).is_ok());
    // A suspended owner is not counted among the active ones, so losing OWNER costs nothing.
    let mut suspended = staff("usr_sus", &[Owner]);
    suspended.status = UserStatus::Suspended;
    assert!(check_as(OLIVIA, &[Owner], &suspended, &Change::SetRoles(&others), 1).is_ok());
    // Adding roles to the last owner keeps OWNER: fine.
    let (add, remove) = (names(&["SUPPORT"]), Vec::new());
    let keep = Change::AddRemove {
        add: &add,
        remove: &remove,
    };
    assert!(check_as(OLIVIA, &[Owner], &other_owner, &keep, 1).is_ok());
}

#[test]
fn the_sole_owner_changing_herself_hears_last_owner_not_self_change() {
    // Even another person could not make this change, so that is the reason worth telling.
    let me = staff(OLIVIA, &[Owner]);
    let drop_owner = names(&["MEMBER"]);
    let got = check_as(OLIVIA, &[Owner], &me, &Change::SetRoles(&drop_owner), 1);
    assert_eq!(got, Err(ProblemCode::LastOwner));
    let suspend = Change::SetStatus(UserStatus::Suspended);
    assert_eq!(
        check_as(OLIVIA, &[Owner], &me, &suspend, 1),
        Err(ProblemCode::LastOwner)
    );
}

#[test]
fn nobody_changes_their_own_roles_or_status() {
    let me = staff(OLIVIA, &[Owner]);
    let more = names(&["OWNER", "SUPPORT"]);
    let got = check_as(OLIVIA, &[Owner], &me, &Change::SetRoles(&more), 3);
    assert_eq!(got, Err(ProblemCode::SelfChange));
    let drop_owner = names(&["MEMBER"]);
    let got = check_as(OLIVIA, &[Owner], &me, &Change::SetRoles(&drop_owner), 3);
    assert_eq!(got, Err(ProblemCode::SelfChange));
    let suspend = Change::SetStatus(UserStatus::Suspended);
    let got = check_as(OLIVIA, &[Owner], &me, &suspend, 3);
    assert_eq!(got, Err(ProblemCode::SelfChange));
    // Restating one's own roles changes nothing, so it is no self-change (a batch over
    // everyone may include the caller).
    let same = names(&["OWNER"]);
    let after = check_as(OLIVIA, &[Owner], &me, &Change::SetRoles(&same), 1).unwrap();
    assert!(!after.changes(&me));
}

#[test]
fn only_an_owner_grants_or_removes_owner() {
    // Unreachable over HTTP today: only OWNER gives `roles_write`, so every caller who gets
    // this far is an owner. The rule guards the day another role may write roles; here the
    // actor is a MEMBER who was somehow given that permission.
    let roles = [Member];
    let permissions = [Permission::StaffRead, Permission::RolesWrite];
    let actor = Actor {
        id: MIA,
        kind: UserKind::Staff,
        roles: &roles,
        permissions: &permissions,
        on_behalf: None,
    };
    let target = staff("usr_sam", &[Support]);
    let grant = names(&["OWNER", "SUPPORT"]);
    let problem = check(&actor, &target, &Change::SetRoles(&grant), 1).unwrap_err();
    assert_eq!(
        (problem.code, problem.status),
        (ProblemCode::OwnerRequired, 403)
    );
    assert!(problem.detail.unwrap().contains("grant OWNER to usr_sam"));

    let owner = staff("usr_olivia", &[Owner]);
    let demote = names(&["MEMBER"]);
    let problem = check(&actor, &owner, &Change::SetRoles(&demote), 2).unwrap_err();
    assert_eq!(problem.code, ProblemCode::OwnerRequired);
    assert!(problem.detail.unwrap().contains("remove OWNER from"));
    // Suspending an owner takes their OWNER powers away just as well.
    let suspend = Change::SetStatus(UserStatus::Suspended);
    let got = check(&actor, &owner, &suspend, 2).map_err(|p| p.code);
    assert_eq!(got, Err(ProblemCode::OwnerRequired));
    // Roles other than OWNER are this writer's to change.
    let other = names(&["SUPPORT", "DISPATCH"]);
    assert!(check(&actor, &target, &Change::SetRoles(&other), 1).is_ok());
}

#[test]
fn add_and_remove_compute_a_sorted_set_where_remove_wins() {
    let target = staff(MIA, &[Member, Dispatch]);
    let (add, remove) = (
        names(&["THERAPIST", "OWNER", "MEMBER", "THERAPIST"]),
        names(&["DISPATCH", "OWNER"]),
    );
    let change = Change::AddRemove {
        add: &add,
        remove: &remove,
    };
    let after = check_as(OLIVIA, &[Owner], &target, &change, 1).unwrap();
    assert_eq!(after.roles, [Member, Therapist]);
    assert_eq!(after.status, UserStatus::Active);
}

#[test]
fn reactivating_is_a_status_change_like_any_other() {
    let mut suspended = staff(MIA, &[Member]);
    suspended.status = UserStatus::Suspended;
    let reactivate = Change::SetStatus(UserStatus::Active);
    let after = check_as(OLIVIA, &[Owner], &suspended, &reactivate, 1).unwrap();
    assert_eq!(after.status, UserStatus::Active);
    assert_eq!(after.roles, [Member], "roles stay as they were");
}
