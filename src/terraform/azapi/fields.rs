//! Which ARM property answers which azurerm attribute or block, per kind (`azapi.md` §3–§5).
//! Paths are dot-separated property names relative to the body (or to the block's object); a
//! path starting with `@` names an argument of the azapi resource itself (`@parent_id`).

use super::super::kind::AzureKind;

/// How a property's value becomes the attribute's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Map {
    Same,
    /// A boolean of the opposite sense (`disableRunCommand` for `run_command_enabled`).
    Invert,
    /// `"Enabled"` / `"Disabled"` (any case) for a boolean (`publicNetworkAccess`).
    Enabled,
}

/// One attribute.
#[derive(Debug)]
pub struct Field {
    /// The azurerm name the rules read.
    pub name: &'static str,
    pub path: &'static str,
    pub map: Map,
    /// An ARM default the rules must see because it differs from azurerm's: from this API
    /// version on (compared as text, `YYYY-MM-DD[-preview]`; `""` for every version), an absent
    /// property is this value; before it, absent.
    pub default_since: Option<(&'static str, bool)>,
}

/// When a nested object counts as the azurerm block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A non-null object.
    Object,
    /// An object whose `enabled` is true (an add-on, Defender's security monitoring).
    Enabled,
    /// `servicePrincipalProfile` with a `clientId` other than `msi` (which means managed
    /// identity).
    NotMsi,
    /// Each element of a list (inline agent pools).
    Each,
}

/// One block.
#[derive(Debug)]
pub struct Nested {
    pub name: &'static str,
    pub path: &'static str,
    pub when: When,
    pub table: &'static Table,
    /// Other places that stand for the same block when the first holds none (Container
    /// Insights is also `azureMonitorProfile.containerInsights` in preview API versions).
    pub also: &'static [&'static str],
}

/// The attributes and blocks of one kind (or of one block).
#[derive(Debug)]
pub struct Table {
    pub fields: &'static [Field],
    pub blocks: &'static [Nested],
}

impl Table {
    pub fn field(&'static self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn block(&'static self, name: &str) -> Option<&'static Nested> {
        self.blocks.iter().find(|b| b.name == name)
    }
}

const fn f(name: &'static str, path: &'static str) -> Field {
    Field {
        name,
        path,
        map: Map::Same,
        default_since: None,
    }
}

const fn m(name: &'static str, path: &'static str, map: Map) -> Field {
    Field {
        name,
        path,
        map,
        default_since: None,
    }
}

const EMPTY: Table = Table {
    fields: &[],
    blocks: &[],
};

const ENTRA: Table = Table {
    fields: &[f("azure_rbac_enabled", "enableAzureRBAC")],
    blocks: &[],
};

const API_SERVER: Table = Table {
    fields: &[f("authorized_ip_ranges", "authorizedIPRanges")],
    blocks: &[],
};

const POOL: Table = Table {
    fields: &[
        f("name", "name"),
        f("host_encryption_enabled", "enableEncryptionAtHost"),
        f("node_public_ip_enabled", "enableNodePublicIP"),
    ],
    blocks: &[],
};

const NETWORK: Table = Table {
    fields: &[
        f("network_plugin", "networkPlugin"),
        f("network_policy", "networkPolicy"),
        f("outbound_type", "outboundType"),
        f("network_data_plane", "networkDataplane"),
    ],
    blocks: &[],
};

const SECRETS_PROVIDER: Table = Table {
    fields: &[f("secret_rotation_enabled", "config.enableSecretRotation")],
    blocks: &[],
};

const CLUSTER: Table = Table {
    fields: &[
        f("local_account_disabled", "properties.disableLocalAccounts"),
        f("role_based_access_control_enabled", "properties.enableRBAC"),
        f(
            "workload_identity_enabled",
            "properties.securityProfile.workloadIdentity.enabled",
        ),
        f(
            "oidc_issuer_enabled",
            "properties.oidcIssuerProfile.enabled",
        ),
        f(
            "private_cluster_enabled",
            "properties.apiServerAccessProfile.enablePrivateCluster",
        ),
        // azurerm always sends `false`; a private cluster without it gets a public FQDN too
        // (learn.microsoft.com/azure/aks/private-clusters).
        Field {
            name: "private_cluster_public_fqdn_enabled",
            path: "properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN",
            map: Map::Same,
            default_since: Some(("", true)),
        },
        m(
            "run_command_enabled",
            "properties.apiServerAccessProfile.disableRunCommand",
            Map::Invert,
        ),
        f(
            "automatic_upgrade_channel",
            "properties.autoUpgradeProfile.upgradeChannel",
        ),
        f(
            "node_os_upgrade_channel",
            "properties.autoUpgradeProfile.nodeOSUpgradeChannel",
        ),
        f("sku_tier", "sku.tier"),
        f("disk_encryption_set_id", "properties.diskEncryptionSetID"),
        f(
            "http_application_routing_enabled",
            "properties.addonProfiles.httpApplicationRouting.enabled",
        ),
        f(
            "azure_policy_enabled",
            "properties.addonProfiles.azurepolicy.enabled",
        ),
        f("kubernetes_version", "properties.kubernetesVersion"),
    ],
    blocks: &[
        Nested {
            name: "azure_active_directory_role_based_access_control",
            path: "properties.aadProfile",
            when: When::Object,
            table: &ENTRA,
            also: &[],
        },
        Nested {
            name: "api_server_access_profile",
            path: "properties.apiServerAccessProfile",
            when: When::Object,
            table: &API_SERVER,
            also: &[],
        },
        Nested {
            name: "default_node_pool",
            path: "properties.agentPoolProfiles",
            when: When::Each,
            table: &POOL,
            also: &[],
        },
        Nested {
            name: "network_profile",
            path: "properties.networkProfile",
            when: When::Object,
            table: &NETWORK,
            also: &[],
        },
        Nested {
            name: "key_vault_secrets_provider",
            path: "properties.addonProfiles.azureKeyvaultSecretsProvider",
            when: When::Enabled,
            table: &SECRETS_PROVIDER,
            also: &[],
        },
        Nested {
            name: "oms_agent",
            path: "properties.addonProfiles.omsagent",
            when: When::Enabled,
            table: &EMPTY,
            also: &[
                "properties.azureMonitorProfile.containerInsights",
                "properties.azureMonitorProfile.logs.containerInsights",
            ],
        },
        Nested {
            name: "microsoft_defender",
            path: "properties.securityProfile.defender.securityMonitoring",
            when: When::Enabled,
            table: &EMPTY,
            also: &[],
        },
        Nested {
            name: "service_principal",
            path: "properties.servicePrincipalProfile",
            when: When::NotMsi,
            table: &EMPTY,
            also: &[],
        },
    ],
};

const NODE_POOL: Table = Table {
    fields: &[
        f("kubernetes_cluster_id", "@parent_id"),
        f(
            "host_encryption_enabled",
            "properties.enableEncryptionAtHost",
        ),
        f("node_public_ip_enabled", "properties.enableNodePublicIP"),
    ],
    blocks: &[],
};

const FIREWALL: Table = Table {
    fields: &[f("default_action", "defaultAction")],
    blocks: &[],
};

const REGISTRY: Table = Table {
    fields: &[
        f("admin_enabled", "properties.adminUserEnabled"),
        m(
            "public_network_access_enabled",
            "properties.publicNetworkAccess",
            Map::Enabled,
        ),
        f("anonymous_pull_enabled", "properties.anonymousPullEnabled"),
    ],
    blocks: &[Nested {
        name: "network_rule_set",
        path: "properties.networkRuleSet",
        when: When::Object,
        table: &FIREWALL,
        also: &[],
    }],
};

const VAULT: Table = Table {
    fields: &[
        f(
            "purge_protection_enabled",
            "properties.enablePurgeProtection",
        ),
        m(
            "public_network_access_enabled",
            "properties.publicNetworkAccess",
            Map::Enabled,
        ),
        Field {
            name: "rbac_authorization_enabled",
            path: "properties.enableRbacAuthorization",
            map: Map::Same,
            default_since: Some(("2026-02-01", true)),
        },
    ],
    blocks: &[Nested {
        name: "network_acls",
        path: "properties.networkAcls",
        when: When::Object,
        table: &FIREWALL,
        also: &[],
    }],
};

const CREDENTIAL: Table = Table {
    fields: &[f("subject", "properties.subject")],
    blocks: &[],
};

/// The table of a kind the rules judge through the azurerm spelling.
pub fn table(kind: AzureKind) -> Option<&'static Table> {
    match kind {
        AzureKind::Cluster => Some(&CLUSTER),
        AzureKind::NodePool => Some(&NODE_POOL),
        AzureKind::Registry => Some(&REGISTRY),
        AzureKind::KeyVault => Some(&VAULT),
        AzureKind::FederatedCredential => Some(&CREDENTIAL),
        AzureKind::DiagnosticSetting | AzureKind::DefenderPlan => None,
    }
}

/// Every azurerm name the tables answer (attributes and blocks, nested ones included): what a
/// finding on an azapi resource must not name (`rules::azurerm::arm` puts its words in ARM
/// terms; a test holds it to that).
pub fn azurerm_names() -> Vec<&'static str> {
    fn walk(t: &'static Table, out: &mut Vec<&'static str>) {
        out.extend(t.fields.iter().map(|f| f.name));
        for b in t.blocks {
            out.push(b.name);
            walk(b.table, out);
        }
    }
    let mut out = Vec::new();
    for t in [&CLUSTER, &NODE_POOL, &REGISTRY, &VAULT, &CREDENTIAL] {
        walk(t, &mut out);
    }
    // The names and spellings the rules print besides the tables' (v3 spellings, block names).
    out.extend([
        "automatic_channel_upgrade",
        "node_os_channel_upgrade",
        "enable_host_encryption",
        "enable_node_public_ip",
        "enable_rbac_authorization",
        "api_server_authorized_ip_ranges",
        "default_action",
        "secret_rotation_enabled",
        "resource_type",
    ]);
    out.retain(|n| n.contains('_'));
    out.sort_unstable();
    out.dedup();
    out
}
