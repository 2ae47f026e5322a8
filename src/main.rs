//! The `puente` binary: everything lives in the library; this maps the run to an exit code.

// A folder run makes and frees millions of small strings on every core; mimalloc's
// thread-local free lists keep that off a shared lock (see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    puente::cli::main()
}
