//! The browser app of gongkai (公开核对): a Leptos CSR front end over the
//! core crate, which does all the checking.
//!
//! The modules at this level know nothing of the browser and are tested
//! natively: [`format`] (numbers as the page prints them), [`locate`] (which
//! table cell a finding points at) and [`job`] (what the checking worker is
//! asked and answers). The components and the worker (`app`) are wasm32 only.

pub mod format;
pub mod job;
pub mod locate;

#[cfg(target_arch = "wasm32")]
mod app;

#[cfg(target_arch = "wasm32")]
pub use app::start;
