//! Writes the generated benchmark world as a multi-document YAML manifest, for measuring the command-line
//! tools on it (`/usr/bin/time -v gwapi-controller translate ...`; see the README's bench section):
//!
//! ```sh
//! cargo run --release -p gwapi-benches --example write_snapshot -- 10000 > routes.yaml
//! ```

use std::io::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let routes: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 1_000,
    };
    let snapshot = gwapi_benches::http_routes_snapshot(routes);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for resource in snapshot.iter() {
        writeln!(out, "---")?;
        out.write_all(serde_norway::to_string(&resource.to_json()?)?.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}
