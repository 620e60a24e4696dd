//! The shared real-world corpus (`../shared/corpus/dev`): its manifest, and loading a schema the
//! way the corpus README says (roles first, `\restrict` lines and `SET transaction_timeout`
//! skipped, psql with ON_ERROR_STOP).

#![allow(clippy::unwrap_used)]

use pgdumpd::cluster::Cluster;

pub struct CorpusSchema {
    pub name: String,
    /// Lowest and highest server major the schema loads on.
    pub servers: (u32, u32),
    pub roles: Vec<String>,
}

impl CorpusSchema {
    pub fn loads_on(&self, major: u32) -> bool {
        self.servers.0 <= major && major <= self.servers.1
    }
}

/// The tablespace `testdata/native/tables.sql` puts some relations in.
pub const TEST_TABLESPACE: &str = "Fast Space";

/// A cluster of `major` for the testdata schemas: with [`TEST_TABLESPACE`] in a directory of its
/// own (owned like the data directory, since the server may run as another user).
pub async fn testdata_cluster(major: u32) -> Cluster {
    let bin = server_bin(major);
    let cluster = tokio::task::spawn_blocking(move || {
        Cluster::start(&bin, &pgdumpd::cluster::ClusterOptions::default()).unwrap()
    })
    .await
    .unwrap();
    let location = cluster.socket_dir().join("fast_space");
    std::fs::create_dir(&location).unwrap();
    let owner = std::fs::metadata(cluster.data_dir()).unwrap();
    {
        use std::os::unix::fs::MetadataExt;
        std::os::unix::fs::chown(&location, Some(owner.uid()), Some(owner.gid())).unwrap();
    }
    cluster
        .execute(
            "postgres",
            &format!(
                "CREATE TABLESPACE \"{TEST_TABLESPACE}\" LOCATION '{}'",
                location.display()
            ),
        )
        .await
        .unwrap();
    cluster
}

pub fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev")
}

/// Whether a schema is wanted: all, or those in `PGDUMPD_CORPUS=lago,sakila` while developing.
pub fn wanted(name: &str) -> bool {
    match std::env::var("PGDUMPD_CORPUS") {
        Ok(list) => list.split(',').any(|n| n.trim() == name),
        Err(_) => true,
    }
}

/// The manifest's schemas (all of them, whatever `PGDUMPD_CORPUS` says).
pub fn manifest() -> Vec<CorpusSchema> {
    let manifest = std::fs::read_to_string(dir().join("MANIFEST.tsv"))
        .expect("../shared/corpus/dev/MANIFEST.tsv (the shared corpus beside the project)");
    let schemas: Vec<CorpusSchema> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (lo, hi) = f.get(3)?.split_once('-')?;
            let roles = f
                .get(4)
                .map(|r| {
                    r.split(',')
                        .filter(|r| *r != "-" && !r.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            Some(CorpusSchema {
                name: f[0].to_string(),
                servers: (lo.parse().ok()?, hi.parse().ok()?),
                roles,
            })
        })
        .collect();
    assert!(schemas.len() >= 10, "corpus manifest not read");
    schemas
}

/// Creates the schema's roles (NOLOGIN; some listed names are built in, so failures are fine).
pub async fn create_roles(cluster: &Cluster, schema: &CorpusSchema) {
    for role in &schema.roles {
        let _ = cluster
            .execute("postgres", &format!("CREATE ROLE \"{role}\" NOLOGIN"))
            .await;
    }
}

/// Creates database `db` and loads the schema into it.
pub async fn load(cluster: &Cluster, schema: &CorpusSchema, db: &str) {
    create_roles(cluster, schema).await;
    cluster.create_database(db).await.unwrap();
    let text = std::fs::read_to_string(dir().join(format!("{}.sql", schema.name))).unwrap();
    let filtered: String = text
        .lines()
        .filter(|l| {
            !l.starts_with("\\restrict")
                && !l.starts_with("\\unrestrict")
                && *l != "SET transaction_timeout = 0;"
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), filtered).unwrap();
    super::psql_file(cluster, db, file.path())
        .unwrap_or_else(|e| panic!("loading {}: {e}", schema.name));
}

/// Server majors the fidelity and round-trip tests cover: all of 13–18, or
/// `PGDUMPD_FIDELITY_SERVERS=15,18` while developing.
pub fn fidelity_servers() -> Vec<u32> {
    match std::env::var("PGDUMPD_FIDELITY_SERVERS") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => vec![13, 14, 15, 16, 17, 18],
    }
}

/// The server build for a major: npm's builds (`server-N`, with the contrib extensions the
/// corpus needs) first.
pub fn server_bin(major: u32) -> std::path::PathBuf {
    let npm = pgdumpd::cluster::pg_home().join(format!("server-{major}/bin"));
    if npm.join("initdb").is_file() {
        return npm;
    }
    pgdumpd::cluster::find_bin_dir(major, "initdb").unwrap_or_else(|| {
        panic!("no PostgreSQL {major} server; run scripts/install-postgres.sh --all-servers")
    })
}
