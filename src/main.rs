//! The `zhizao` command: a thin shell over the library.

fn main() {
    std::process::exit(zhizao::cli::main());
}
