//! `pages/reports/`: nested pages, paths inferred as `/reports/summary-2020`, ...

pub mod summary_2020;
pub mod summary_2021;
