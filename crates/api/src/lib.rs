//! Wire types of the platform's admin API v1.
//!
//! The emulator serves these and the console core consumes them, so both sides agree on one
//! definition. Types that reach the web view also derive TypeScript bindings (`ts-rs`).

mod directory;
mod identity;
mod problem;

pub use directory::{Change, ChangeBatch, ChangeOp, Page, User, UserStatus};
pub use identity::{ConfigRole, Me, Organization, Permission, StaffRole, UserKind};
pub use problem::{Problem, ProblemCode};
