//! Development aid: `cargo run --example native_dump -- URL [pg_dump options]` prints a native dump.
/// The allocator of the `pgdumpd` binary, so that measurements are of what it does.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use pgdumpd::conninfo::ConnInfo;
use pgdumpd::native::{NativeOptions, dump};
use pgdumpd::options::parse_args;

/// The runtime of `pgdumpd dump`.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let url = args.remove(0);
    let opts = parse_args(&args)
        .expect("options")
        .into_api_options()
        .expect("allowed");
    let native = NativeOptions::from_dump_options(&opts).expect("native options");
    let mut info = ConnInfo::parse(&url).expect("url");
    pgdumpd::db::resolve_defaults(&mut info);
    match dump(&info, &native).await {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
