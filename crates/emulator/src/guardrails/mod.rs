//! The guardrails of role and status changes, in one place and pure: the HTTP handlers and the
//! batch gather the facts (who acts, the person as stored, the change asked for, how many active
//! owners there are) inside their write transaction and ask `check`.
//!
//! The rules, in the order `check` applies them (the first that breaks is reported):
//!
//! 1. `read_only_role` (403): the actor lacks `roles_write` (SUPPORT, MEMBER, PROVIDER, config
//!    users, service accounts). First, because nothing else matters if they may not write.
//! 2. `unknown_role` (422): a role name that is not a staff role of the catalog (`GET /v1/roles`).
//! 3. `not_staff` (422): roles for a consumer, config user or service account; status for a
//!    service account (which is disabled with its keys, `PATCH /v1/service-accounts/{id}`).
//!    Anyone else is suspended and reactivated here, consumers too.
//! 4. `last_owner` (409): the change would leave no active OWNER. Before `self_change`, so the
//!    sole owner removing her own OWNER (or suspending herself) learns the real reason: even
//!    someone else could not do it.
//! 5. `self_change` (403): nobody changes their own roles or status.
//! 6. `owner_required` (403): only an OWNER grants or removes OWNER, or suspends or reactivates
//!    an OWNER.
//!
//! A change that changes nothing breaks none of rules 3 to 6: the caller answers it as a no-op.

#[cfg(test)]
mod tests;

use console_api::{Permission, Problem, ProblemCode, StaffRole, UserKind, UserStatus};

/// Who asks for the change.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub id: &'a str,
    pub kind: UserKind,
    pub roles: &'a [StaffRole],
    pub permissions: &'a [Permission],
    /// Who acts for this person in this request, if anyone (then `permissions` are what both
    /// hold): a refusal names both.
    pub on_behalf: Option<&'a console_api::OnBehalf>,
}

/// The person to change, as stored now.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: UserKind,
    pub status: UserStatus,
    pub roles: &'a [StaffRole],
}

/// The change asked for, with role names as the client sent them.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// The complete new set of roles (`PUT /v1/users/{id}/roles`).
    SetRoles(&'a [String]),
    /// Roles to add and to remove (an item of `POST /v1/roles/batch`); a role in both is
    /// removed.
    AddRemove {
        add: &'a [String],
        remove: &'a [String],
    },
    /// `PUT /v1/users/{id}/status`.
    SetStatus(UserStatus),
}

/// The person's roles and status after the change, roles in `StaffRole` order without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub roles: Vec<StaffRole>,
    pub status: UserStatus,
}

impl After {
    pub fn changes(&self, target: &Target) -> bool {
        self.roles != target.roles || self.status != target.status
    }
}

/// Applies every rule in order (see the module documentation) and returns the state after the
/// change, or the first rule the change breaks.
pub fn check(
    actor: &Actor,
    target: &Target,
    change: &Change,
    active_owners: i64,
) -> Result<After, Problem> {
    writer(actor)?;
    let after = proposed(target, change)?;
    if !after.changes(target) {
        return Ok(after);
    }
    let status = matches!(change, Change::SetStatus(_));
    let holds_roles = target.kind == UserKind::Staff;
    if (status && target.kind == UserKind::ServiceAccount) || (!status && !holds_roles) {
        return Err(not_staff(target, status));
    }
    let was_owner = target.status == UserStatus::Active && holds_owner(target.roles);
    let stays_owner = after.status == UserStatus::Active && holds_owner(&after.roles);
    if was_owner && !stays_owner && active_owners <= 1 {
        return Err(last_owner(target, status));
    }
    if actor.id == target.id {
        return Err(problem(
            ProblemCode::SelfChange,
            403,
            "Your own account",
            format!(
                "You cannot change your own {}: ask another OWNER to do it.",
                if status { "status" } else { "roles" }
            ),
        ));
    }
    let owner_touched = holds_owner(target.roles) != holds_owner(&after.roles)
        || (holds_owner(target.roles) && after.status != target.status);
    if owner_touched && !holds_owner(actor.roles) {
        return Err(owner_required(target, &after, status));
    }
    Ok(after)
}

/// Rule 1 on its own: a request that cannot write is refused before anything is looked up.
pub fn writer(actor: &Actor) -> Result<(), Problem> {
    if actor.permissions.contains(&Permission::RolesWrite) {
        return Ok(());
    }
    Err(read_only(actor, "changing roles or status"))
}

/// `read_only_role` (403) for an actor who may not do `what` (e.g. "changing roles or status"),
/// which takes an organization OWNER.
pub fn read_only(actor: &Actor, what: &str) -> Problem {
    let who = if actor.roles.is_empty() {
        match actor.kind {
            UserKind::ServiceAccount => "a service account".to_string(),
            UserKind::Config => "a configuration user".to_string(),
            _ => "an account without a staff role".to_string(),
        }
    } else {
        let names: Vec<&str> = actor.roles.iter().map(|r| r.as_str()).collect();
        format!("the role {}", names.join(" and "))
    };
    let who = match actor.on_behalf {
        None => who,
        Some(by) => format!("{} acting for {} ({who})", acting_as(by), by.subject_name),
    };
    problem(
        ProblemCode::ReadOnlyRole,
        403,
        "Read-only role",
        format!(
            "You are signed in as {who}, which lets you read only: {what} takes an \
             organization OWNER."
        ),
    )
}

/// Who acts, as a refusal names them: "a service account", or the OWNER by name.
pub fn acting_as(by: &console_api::OnBehalf) -> String {
    match by.actor_kind {
        UserKind::ServiceAccount => "a service account".to_string(),
        _ => by.actor_name.clone(),
    }
}

fn holds_owner(roles: &[StaffRole]) -> bool {
    roles.contains(&StaffRole::Owner)
}

/// Rule 2 and the arithmetic: the state the change asks for, whether or not it may be made
/// (a batch shows it next to the problem, so a person sees what was refused).
pub fn proposed(target: &Target, change: &Change) -> Result<After, Problem> {
    let roles = match change {
        Change::SetRoles(names) => parse(names)?,
        Change::AddRemove { add, remove } => {
            let add = parse(add)?;
            let remove = parse(remove)?;
            target
                .roles
                .iter()
                .chain(&add)
                .filter(|r| !remove.contains(r))
                .copied()
                .collect()
        }
        Change::SetStatus(_) => target.roles.to_vec(),
    };
    let mut roles: Vec<StaffRole> = roles;
    roles.sort();
    roles.dedup();
    let status = match change {
        Change::SetStatus(status) => *status,
        _ => target.status,
    };
    Ok(After { roles, status })
}

fn parse(names: &[String]) -> Result<Vec<StaffRole>, Problem> {
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| StaffRole::parse(n).is_none())
        .map(|n| format!("'{n}'"))
        .collect();
    if unknown.is_empty() {
        return Ok(names.iter().filter_map(|n| StaffRole::parse(n)).collect());
    }
    let valid: Vec<&str> = StaffRole::ALL.iter().map(|r| r.as_str()).collect();
    let (subject, verb) = if unknown.len() == 1 {
        (unknown[0].clone(), "is not a staff role")
    } else {
        (unknown.join(", "), "are not staff roles")
    };
    Err(problem(
        ProblemCode::UnknownRole,
        422,
        "Unknown role",
        format!(
            "{subject} {verb}. The staff roles are {}.",
            valid.join(", ")
        ),
    ))
}

fn not_staff(target: &Target, status: bool) -> Problem {
    let kind = match target.kind {
        UserKind::Patient => "a patient",
        UserKind::Hcp => "a healthcare provider (HCP)",
        UserKind::Guardian => "a guardian",
        UserKind::Dependent => "a dependent",
        UserKind::Config => "a configuration user",
        UserKind::ServiceAccount => "a service account",
        UserKind::Staff => "staff",
    };
    let what = if status {
        "a service account is disabled or enabled on its own page, with its keys"
    } else {
        "only staff hold staff roles"
    };
    problem(
        ProblemCode::NotStaff,
        422,
        "Not staff",
        format!("{} is {kind}, not staff: {what}.", target.name),
    )
}

fn last_owner(target: &Target, status: bool) -> Problem {
    let name = target.name;
    let change = if status {
        format!("suspending {name}")
    } else {
        format!("removing OWNER from {name}")
    };
    problem(
        ProblemCode::LastOwner,
        409,
        "Last owner",
        format!(
            "{name} is the organization's last active OWNER: {change} would leave nobody who \
             can manage roles. Make someone else an OWNER first."
        ),
    )
}

fn owner_required(target: &Target, after: &After, status: bool) -> Problem {
    let name = target.name;
    let change = if status {
        format!("change the status of {name}, who is an OWNER")
    } else if holds_owner(&after.roles) {
        format!("grant OWNER to {name}")
    } else {
        format!("remove OWNER from {name}")
    };
    problem(
        ProblemCode::OwnerRequired,
        403,
        "Owner required",
        format!("Only an OWNER can {change}."),
    )
}

fn problem(code: ProblemCode, status: u16, title: &str, detail: String) -> Problem {
    Problem::new(code, status, title, detail)
}
