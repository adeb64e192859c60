//! `folio-conformance [DIR...]`: runs every vector file and prints one line per file, then
//! `N passed, M failed`. Exits non-zero on any failure.

use std::path::PathBuf;
use std::process::ExitCode;

use folio_conformance::{Outcome, run_dirs, vector_dirs};

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let dirs = if args.is_empty() { vector_dirs() } else { args };
    let reports = match run_dirs(&dirs) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for report in &reports {
        let (p, f, u) = report.counts();
        println!("{}: {p} passed, {f} failed, {u} unsupported", report.name);
        for (id, outcome, divergence) in &report.cases {
            if let Outcome::Failed { expected, actual } = outcome {
                println!(
                    "  FAILED {id}{}",
                    divergence
                        .as_ref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                );
                println!("    expected: {expected}");
                println!("    actual:   {actual}");
            }
        }
        passed += p;
        failed += f;
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
