//! Linting the open documents of one project together, in one engine run: each text as
//! standard input named after its file, so that the engine takes each file's nearest
//! `akslint.toml` and the rest of the project on disk as context, every open buffer in place of
//! its file (as `akslint check - --stdin-filename` does for one buffer). The cross-file rules
//! see every unsaved buffer at once: a NetworkPolicy being typed covers the Deployment open
//! beside it. The project's walk (which files it has) is made once and kept by the server, given
//! to each lint until files change on disk: a keystroke does not walk the repository.

use crate::config::{Config, Overrides};
use crate::configs::Configs;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::engine::{self, Context, Input, Options};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// What a lint of a project's open documents found: one [`Linted`] per document, in order, and
/// the project's walk it used (the one given, else made for it), when it used one.
#[derive(Debug, Default)]
pub struct Lints {
    pub docs: Vec<Linted>,
    pub walk: Option<Arc<engine::ProjectWalk>>,
}

/// What a document's lint found.
#[derive(Debug, Default)]
pub struct Linted {
    /// The findings in the document itself, sorted (their fixes are found when a code action
    /// asks for them: see `Server::code_actions`).
    pub diagnostics: Vec<Diagnostic>,
    /// The name the findings show for the document (the file's path as text).
    pub name: String,
    /// The config's base URL for rule documents.
    pub docs_url: Option<String>,
}

/// Lints each `(path, text)` (absolute paths, one project's open documents) as its file, with
/// `config` (`--config`) if given, else each file's nearest akslint.toml; one [`Linted`] per
/// document, in order. `walk`: the project's walk, when one is kept (see [`Lints::walk`]); else
/// the project is walked. Nothing for a file the CLI would not lint: one of no kind it knows, an
/// un-rendered Helm template (the CLI reports its chart instead), or one its config excludes.
/// `Err`: a config that does not load.
pub fn lint(
    docs: &[(&Path, &str)],
    config: Option<&Path>,
    walk: Option<Arc<engine::ProjectWalk>>,
) -> Result<Lints, String> {
    let mut out: Vec<Linted> = docs
        .iter()
        .map(|(path, _)| Linted {
            name: crate::source::path_text(path),
            ..Linted::default()
        })
        .collect();
    let known: Vec<usize> = (0..docs.len())
        .filter(|&i| {
            discover::classify(docs[i].0).is_some() && !discover::chart_template(docs[i].0)
        })
        .collect();
    if known.is_empty() {
        return Ok(Lints {
            docs: out,
            walk: None,
        });
    }
    // Loaded for each lint, as the nearest configs are: an edit to it applies at the next one.
    let forced = config
        .map(|c| Config::load_with(Some(c), Path::new(""), &Overrides::default()))
        .transpose()?;
    let configs = match &forced {
        Some(c) => Configs::one(c),
        None => Configs::nearest(Overrides::default())?,
    };
    let linted: Vec<usize> = known
        .into_iter()
        .filter(|&i| !configs.excluded(docs[i].0))
        .collect();
    if linted.is_empty() {
        return Ok(Lints {
            docs: out,
            walk: None,
        });
    }
    if let Some(e) = configs.error() {
        return Err(e);
    }
    // A few threads: the open buffers and their project, linted again on every change.
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(4);
    let inputs: Vec<Input> = linted
        .iter()
        .map(|&i| Input::Stdin {
            name: out[i].name.clone(),
            bytes: docs[i].1.as_bytes().to_vec(),
        })
        .collect();
    let walk = match walk {
        Some(w) => w,
        None => Arc::new(engine::walk_projects(&inputs, &configs, threads)?),
    };
    let opts = Options {
        threads: Some(threads),
        keep_sources: false,
        context: Context::Project,
        // The project's other files come from the cache at its root while they are unchanged
        // (the buffers themselves, as standard input, never do): the same cache pre-commit keeps.
        cache: true,
        project_walk: Some(walk.clone()),
        ..Options::default()
    };
    let result = engine::lint_with(&inputs, &configs, &opts)?;
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in result.diagnostics {
        by_file.entry(d.file.clone()).or_default().push(d);
    }
    for i in linted {
        let path = docs[i].0;
        let doc = &mut out[i];
        doc.diagnostics = by_file.remove(&doc.name).unwrap_or_default();
        doc.docs_url = configs.with_config_of(path, |c| c.file.docs_url.clone());
    }
    Ok(Lints {
        docs: out,
        walk: Some(walk),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";
    const POLICY: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: app\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

    fn rules(l: &Lints) -> Vec<&'static str> {
        l.docs[0].diagnostics.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn a_kept_walk_stands_for_the_project_until_it_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
        let pod = dir.path().join("pod.yaml");
        let docs = [(pod.as_path(), POD)];
        let walked = lint(&docs, None, None).unwrap();
        let walk = walked.walk.clone().expect("the walk the lint made");
        assert!(rules(&walked).contains(&"AKS301"), "{:?}", rules(&walked));
        // Given back, it lints the same.
        let again = lint(&docs, None, Some(walk.clone())).unwrap();
        assert_eq!(rules(&again), rules(&walked));
        assert!(Arc::ptr_eq(again.walk.as_ref().unwrap(), &walk));

        // A policy written since: not in the kept walk (no walk per lint), in a new one.
        std::fs::write(dir.path().join("policy.yaml"), POLICY).unwrap();
        let kept = lint(&docs, None, Some(walk.clone())).unwrap();
        assert!(rules(&kept).contains(&"AKS301"), "{:?}", rules(&kept));
        let fresh = lint(&docs, None, None).unwrap();
        assert!(!rules(&fresh).contains(&"AKS301"), "{:?}", rules(&fresh));
        assert_eq!(fresh.walk.unwrap().files(), walk.files() + 1);
    }

    #[test]
    fn an_open_terraform_file_is_judged_with_its_module_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
        let setting = "resource \"azurerm_monitor_diagnostic_setting\" \"d\" {\n  target_resource_id = azurerm_kubernetes_cluster.aks.id\n  enabled_log {\n    category = \"kube-audit\"\n  }\n  enabled_log {\n    category = \"kube-apiserver\"\n  }\n  enabled_log {\n    category = \"kube-controller-manager\"\n  }\n}\n";
        std::fs::write(dir.path().join("monitoring.tf"), setting).unwrap();
        let main = dir.path().join("main.tf");
        let cluster = "resource \"azurerm_kubernetes_cluster\" \"aks\" {\n  name = \"aks\"\n}\n";
        let linted = lint(&[(main.as_path(), cluster)], None, None).unwrap();
        let found = rules(&linted);
        assert!(found.contains(&"AKS101"), "{found:?}");
        assert!(!found.contains(&"AKS701"), "{found:?}");
        // Without the sibling, the buffer's cluster sends no audit logs.
        std::fs::remove_file(dir.path().join("monitoring.tf")).unwrap();
        let alone = lint(&[(main.as_path(), cluster)], None, None).unwrap();
        assert!(rules(&alone).contains(&"AKS701"), "{:?}", rules(&alone));
    }

    #[test]
    fn a_kept_walk_keeps_the_terraform_facts_of_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "root = true\nselect = [\"AKS118\"]\n";
        std::fs::write(dir.path().join("akslint.toml"), toml).unwrap();
        let tf = include_str!("../../testdata/cross/AKS118/bad/identity.tf");
        let identity = dir.path().join("infra/identity.tf");
        std::fs::create_dir_all(identity.parent().unwrap()).unwrap();
        std::fs::write(&identity, tf).unwrap();
        let accounts = dir.path().join("serviceaccounts.yaml");
        let yaml = include_str!("../../testdata/cross/AKS118/bad/serviceaccounts.yaml");
        let docs = [(accounts.as_path(), yaml)];
        let lines = |l: &Lints| -> Vec<u32> {
            l.docs[0]
                .diagnostics
                .iter()
                .filter(|d| d.rule == "AKS118")
                .map(|d| d.start.line)
                .collect()
        };
        let first = lint(&docs, None, None).unwrap();
        // `orders` has a client ID but the credential names `order` (line 7); the credential
        // for `billing` trusts a ServiceAccount with no client ID (line 10).
        assert_eq!(lines(&first), [7, 10]);
        let walk = first.walk.unwrap();
        assert_eq!(
            lines(&lint(&docs, None, Some(walk.clone())).unwrap()),
            [7, 10]
        );
        // The credential gone behind the server's back: the kept facts still hold it (the
        // module is not evaluated again on each keystroke) until the walk is dropped.
        let orders_only = &tf[..tf
            .find("resource \"azurerm_federated_identity_credential\" \"billing\"")
            .unwrap()];
        std::fs::write(&identity, orders_only).unwrap();
        assert_eq!(lines(&lint(&docs, None, Some(walk)).unwrap()), [7, 10]);
        assert_eq!(lines(&lint(&docs, None, None).unwrap()), [7]);
    }

    #[test]
    fn a_kept_walk_keeps_the_facts_of_the_files_read_for_context() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join("akslint.toml");
        std::fs::write(&toml, "root = true\n").unwrap();
        let pod = dir.path().join("pod.yaml");
        let policy = dir.path().join("policy.yaml");
        std::fs::write(&policy, POLICY).unwrap();
        let docs = [(pod.as_path(), POD)];
        let first = lint(&docs, None, None).unwrap();
        assert!(!rules(&first).contains(&"AKS301"), "{:?}", rules(&first));
        let walk = first.walk.unwrap();

        // The policy gone from disk with no word to the server (which drops the walk when it
        // hears of a change): the kept facts still stand for it, though the file's stat and
        // bytes changed (the cache at the root would see that)...
        let other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: app\n";
        std::fs::write(&policy, other).unwrap();
        let kept = lint(&docs, None, Some(walk.clone())).unwrap();
        assert!(!rules(&kept).contains(&"AKS301"), "{:?}", rules(&kept));
        // ...until the walk is dropped,
        let fresh = lint(&docs, None, None).unwrap();
        assert!(rules(&fresh).contains(&"AKS301"), "{:?}", rules(&fresh));
        // or the config they were made with changes (it is loaded again for each lint).
        std::fs::write(&toml, "root = true\n# edited\n").unwrap();
        let reconfigured = lint(&docs, None, Some(walk.clone())).unwrap();
        assert!(
            rules(&reconfigured).contains(&"AKS301"),
            "{:?}",
            rules(&reconfigured)
        );

        // A context file opened in the editor is its buffer, never its kept facts.
        std::fs::write(&policy, POLICY).unwrap();
        let walk = lint(&docs, None, None).unwrap().walk.unwrap();
        let open = [(pod.as_path(), POD), (policy.as_path(), other)];
        let typed = lint(&open, None, Some(walk)).unwrap();
        assert!(rules(&typed).contains(&"AKS301"), "{:?}", rules(&typed));
    }
}
