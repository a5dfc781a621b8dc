//! The population model: who the generated users are. Everything is drawn from one seeded RNG
//! in a fixed order, so a seed and a size always give the same organization.

use std::collections::VecDeque;

use console_api::{Date, StaffRole, UserKind, UserStatus};
use rand::rngs::StdRng;
use rand::Rng;

use super::contacts::{Emails, Phones};
use super::names::{FIRST, LAST};
use crate::store::users::bulk::Row;

/// Generated accounts were created over three years from 2022-01-01; a fixed base (not "now")
/// keeps the data identical from run to run.
const CREATED_FROM: i64 = 1_640_995_200;
const CREATED_SPAN: i64 = 3 * 365 * 86_400;

const CONSUMER_DOMAINS: [&str; 4] = ["mail.test", "inbox.test", "post.test", "example.test"];

/// Staff role mix of a mid-sized care provider: few owners, support staff and members, many
/// clinicians, some coordinators and field staff. Weights are per thousand staff.
const ROLE_WEIGHTS: [(StaffRole, u32); 14] = [
    (StaffRole::Owner, 8),
    (StaffRole::Member, 30),
    (StaffRole::Support, 40),
    (StaffRole::Provider, 170),
    (StaffRole::ProviderPhysician, 110),
    (StaffRole::ProviderNursePractitioner, 90),
    (StaffRole::ProviderPhysicianAssistant, 60),
    (StaffRole::IntakeStaff, 90),
    (StaffRole::FieldStaff, 100),
    (StaffRole::ClientManager, 70),
    (StaffRole::HealthCoach, 60),
    (StaffRole::Therapist, 80),
    (StaffRole::Nutritionist, 50),
    (StaffRole::Dispatch, 42),
];

/// Number of dependents in a household, per hundred guardians.
const HOUSEHOLD_WEIGHTS: [(usize, u32); 5] = [(0, 15), (1, 30), (2, 30), (3, 15), (4, 10)];

/// Every this many dependents, one reaches the age-out (18, the default) within the next 90
/// days, so any generated organization of a few thousand has a "coming of age" list.
const COMING_OF_AGE_EVERY: u64 = 25;
/// The default `dependent_leaves_guardian_at_age`.
const AGE_OUT: i32 = 18;

pub struct People {
    rng: StdRng,
    /// Dates of birth come from their own generator, so adding them left every other generated
    /// value as it was.
    born: StdRng,
    /// The emulator clock's date at generation: ages are relative to it.
    today: Date,
    dependents: u64,
    tag: u32,
    next_index: u64,
    pending: VecDeque<Row>,
    emails: Emails,
    phones: Phones,
    staff_emails: Emails,
    staff_domain: String,
}

fn pick<T: Copy>(rng: &mut StdRng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total);
    for (item, weight) in weighted {
        if roll < *weight {
            return *item;
        }
        roll -= weight;
    }
    weighted[weighted.len() - 1].0
}

impl People {
    pub fn new(
        rng: StdRng,
        tag: u32,
        emails: Emails,
        phones: Phones,
        staff: Emails,
        domain: String,
        (born, today): (StdRng, Date),
    ) -> Self {
        People {
            rng,
            born,
            today,
            dependents: 0,
            tag,
            next_index: 0,
            pending: VecDeque::new(),
            emails,
            phones,
            staff_emails: staff,
            staff_domain: domain,
        }
    }

    /// The generated id of the `index`-th user: sequential within a generation, which keeps
    /// the primary-key inserts appending at the end of the B-tree.
    pub fn id(tag: u32, index: u64) -> String {
        format!("usr_{tag:08x}_{index:07}")
    }

    /// The next user, guardians always before their dependents.
    pub fn next_row(&mut self) -> Row {
        if self.pending.is_empty() {
            self.next_unit();
        }
        self.pending
            .pop_front()
            .expect("a unit has at least one person")
    }

    /// A date `days` from today (negative: in the past), `years` years earlier.
    fn date(&self, years: i32, days: i64) -> Date {
        let d = Date::from_unix((self.today.to_days() + days) * 86_400);
        d.plus_years(-years)
    }

    /// An adult consumer: 21 to 90.
    fn adult_birth(&mut self) -> String {
        let days = self.born.gen_range(21 * 365..90 * 365);
        self.date(0, -days).to_string()
    }

    /// A dependent: a child of 0 to 20. The first one turns 18 on the 15th of next month and
    /// every `COMING_OF_AGE_EVERY`th within the next 90 days, whatever the draw.
    fn dependent_birth(&mut self) -> String {
        let n = self.dependents;
        self.dependents += 1;
        let birthday = if n == 0 {
            let next_month = Date {
                year: self.today.year + i32::from(self.today.month == 12),
                month: self.today.month % 12 + 1,
                day: 15,
            };
            next_month.plus_years(-AGE_OUT)
        } else if n.is_multiple_of(COMING_OF_AGE_EVERY) {
            let ahead = self.born.gen_range(1..=90);
            self.date(AGE_OUT, ahead)
        } else {
            let days = self.born.gen_range(0..21 * 365);
            self.date(0, -days)
        };
        birthday.to_string()
    }

    fn new_id(&mut self) -> String {
        let id = Self::id(self.tag, self.next_index);
        self.next_index += 1;
        id
    }

    fn status(&mut self, invited: u32, suspended: u32) -> UserStatus {
        match self.rng.gen_range(0..1000) {
            r if r < invited => UserStatus::Invited,
            r if r < invited + suspended => UserStatus::Suspended,
            _ => UserStatus::Active,
        }
    }

    fn name(&mut self) -> (usize, usize) {
        (
            self.rng.gen_range(0..FIRST.len()),
            self.rng.gen_range(0..LAST.len()),
        )
    }

    fn row(&mut self, kind: UserKind, display_name: String) -> Row {
        let created_at = CREATED_FROM + self.rng.gen_range(0..CREATED_SPAN);
        let updated_at = created_at + self.rng.gen_range(0..90 * 86_400);
        Row {
            id: self.new_id(),
            kind,
            display_name,
            email: None,
            phone: None,
            phone_digits: None,
            status: UserStatus::Active,
            guardian_id: None,
            created_at,
            updated_at,
            staff_roles: Vec::new(),
            date_of_birth: None,
        }
    }

    /// A patient, HCP or guardian: unique contacts, at least one of them. Also returns the
    /// index of the family name, which a guardian's household mostly shares.
    fn primary(&mut self, kind: UserKind, email_pct: u32, phone_pct: u32) -> (Row, usize) {
        let (first, last) = self.name();
        let title = if kind == UserKind::Hcp && self.rng.gen_bool(0.5) {
            "Dr. "
        } else {
            ""
        };
        let mut row = self.row(kind, format!("{title}{} {}", FIRST[first], LAST[last]));
        let wants_email = self.rng.gen_range(0..100) < email_pct;
        let wants_phone = self.rng.gen_range(0..100) < phone_pct;
        if wants_phone {
            if let Some((shown, digits)) = self.phones.take() {
                row.phone = Some(shown);
                row.phone_digits = Some(digits);
            }
        }
        if wants_email || row.phone.is_none() {
            let domain = self.rng.gen_range(0..CONSUMER_DOMAINS.len());
            let domain = (domain as u8, CONSUMER_DOMAINS[domain]);
            row.email = Some(self.emails.take(first, last, domain, true));
        }
        row.status = self.status(80, 40);
        row.date_of_birth = Some(self.adult_birth());
        (row, last)
    }

    fn next_unit(&mut self) {
        match self.rng.gen_range(0..1000) {
            0..=39 => {
                let row = self.staff();
                self.pending.push_back(row);
            }
            40..=79 => {
                let (row, _) = self.primary(UserKind::Hcp, 100, 70);
                self.pending.push_back(row);
            }
            80..=779 => {
                let (row, _) = self.primary(UserKind::Patient, 92, 80);
                self.pending.push_back(row);
            }
            _ => self.household(),
        }
    }

    fn household(&mut self) {
        let (guardian, family) = self.primary(UserKind::Guardian, 95, 85);
        let count = pick(&mut self.rng, &HOUSEHOLD_WEIGHTS);
        let mut members = Vec::with_capacity(count);
        for _ in 0..count {
            let first = self.rng.gen_range(0..FIRST.len());
            // Mostly the guardian's family name; blended families and other relatives not.
            let last = if self.rng.gen_bool(0.85) {
                family
            } else {
                self.rng.gen_range(0..LAST.len())
            };
            let mut row = self.row(
                UserKind::Dependent,
                format!("{} {}", FIRST[first], LAST[last]),
            );
            row.guardian_id = Some(guardian.id.clone());
            // Dependents often use the guardian's contact details and may use no other (the
            // guide). Earlier generations gave some teenagers their own; those draws are still
            // made and thrown away, so every other generated person stays as it was.
            match self.rng.gen_range(0..100) {
                0..=64 => row.email = guardian.email.clone(),
                65..=74 => {
                    self.emails
                        .take(first, last, (0, CONSUMER_DOMAINS[0]), true);
                }
                _ => {}
            }
            match self.rng.gen_range(0..100) {
                0..=69 => {
                    row.phone = guardian.phone.clone();
                    row.phone_digits = guardian.phone_digits.clone();
                }
                70..=74 => {
                    self.phones.take();
                }
                _ => {}
            }
            row.date_of_birth = Some(self.dependent_birth());
            row.status = self.status(40, 10);
            members.push(row);
        }
        self.pending.push_back(guardian);
        self.pending.extend(members);
    }

    fn staff(&mut self) -> Row {
        let role = pick(&mut self.rng, &ROLE_WEIGHTS);
        let mut roles = vec![role];
        // Clinicians usually also hold the general PROVIDER role; a few others wear two hats.
        let clinician = matches!(
            role,
            StaffRole::ProviderPhysician
                | StaffRole::ProviderNursePractitioner
                | StaffRole::ProviderPhysicianAssistant
        );
        if clinician && self.rng.gen_bool(0.5) {
            roles.push(StaffRole::Provider);
        } else if self.rng.gen_bool(0.08) {
            let second = pick(&mut self.rng, &ROLE_WEIGHTS);
            if second != role && second != StaffRole::Owner {
                roles.push(second);
            }
        }
        roles.sort();
        let (first, last) = self.name();
        let title = if role == StaffRole::ProviderPhysician {
            "Dr. "
        } else {
            ""
        };
        let mut row = self.row(
            UserKind::Staff,
            format!("{title}{} {}", FIRST[first], LAST[last]),
        );
        let domain = std::mem::take(&mut self.staff_domain);
        row.email = Some(
            self.staff_emails
                .take(first, last, (u8::MAX, &domain), false),
        );
        self.staff_domain = domain;
        if self.rng.gen_bool(0.4) {
            if let Some((shown, digits)) = self.phones.take() {
                row.phone = Some(shown);
                row.phone_digits = Some(digits);
            }
        }
        row.status = self.status(50, 30);
        row.staff_roles = roles;
        row
    }
}
