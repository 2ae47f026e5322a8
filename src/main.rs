//! The `puente` binary: everything lives in the library; this maps the run to an exit code.

fn main() -> std::process::ExitCode {
    puente::cli::main()
}
