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
