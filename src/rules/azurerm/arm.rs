//! Findings on azapi resources in ARM's words. The rules judge an azapi body through the azurerm
//! names (see [`crate::terraform::azapi`]) and a setting they show carries its ARM spelling
//! already ([`crate::terraform::Attr::arm`]); what the rules write themselves — an absent
//! setting's name, the help — is put in ARM terms here, once per finding, by the engine. The
//! test `azapi_findings_speak_arm` holds every azapi fixture's findings to it.

use crate::diagnostic::Finding;

/// azurerm phrases of the rules' messages and their ARM form, longest first where one contains
/// another.
const PHRASES: &[(&str, &str)] = &[
    (
        "has no `azure_active_directory_role_based_access_control` block",
        "has no `properties.aadProfile`",
    ),
    (
        "block does not set `azure_rbac_enabled = true`",
        "object does not set `enableAzureRBAC = true`",
    ),
    (
        "(`service_principal` block)",
        "(`properties.servicePrincipalProfile` with a `clientId` other than `msi`)",
    ),
    (
        "`local_account_disabled = true`",
        "`properties.disableLocalAccounts = true`",
    ),
    (
        "`workload_identity_enabled` is not set",
        "`properties.securityProfile.workloadIdentity.enabled` is not set",
    ),
    (
        "`private_cluster_enabled` is not set",
        "`properties.apiServerAccessProfile.enablePrivateCluster` is not set",
    ),
    (
        "`api_server_access_profile.authorized_ip_ranges`",
        "`properties.apiServerAccessProfile.authorizedIPRanges`",
    ),
    (
        "`automatic_upgrade_channel` is not set",
        "`properties.autoUpgradeProfile.upgradeChannel` is not set",
    ),
    (
        "(`host_encryption_enabled` defaults to false)",
        "(`enableEncryptionAtHost` defaults to false)",
    ),
    (
        "(`run_command_enabled` defaults to true)",
        "(`properties.apiServerAccessProfile.disableRunCommand` defaults to false)",
    ),
    (
        "(`sku_tier` defaults to `Free`)",
        "(`sku.tier` defaults to `Free`)",
    ),
    (
        "sets no `disk_encryption_set_id`",
        "sets no `properties.diskEncryptionSetID`",
    ),
    (
        "has no `network_profile` block",
        "has no `properties.networkProfile`",
    ),
    (
        "`network_profile` sets no `network_policy`",
        "`properties.networkProfile` sets no `networkPolicy`",
    ),
    (
        "`network_profile` sets no `outbound_type`",
        "`properties.networkProfile` sets no `outboundType`",
    ),
    ("the default `outbound_type`", "the default `outboundType`"),
    (
        "not a network plugin the provider accepts",
        "not a network plugin ARM accepts",
    ),
    (
        "has no `key_vault_secrets_provider` block",
        "does not enable `properties.addonProfiles.azureKeyvaultSecretsProvider`",
    ),
    (
        "does not set `secret_rotation_enabled`, which defaults to false",
        "does not set `config.enableSecretRotation`, which defaults to false",
    ),
    (
        "has no `microsoft_defender` block",
        "does not enable `properties.securityProfile.defender.securityMonitoring`",
    ),
    (
        "and no `azurerm_security_center_subscription_pricing` in the scanned configuration",
        "and no Defender plan (`azurerm_security_center_subscription_pricing`, or an azapi `Microsoft.Security/pricings` named `Containers`) in the scanned configuration",
    ),
    (
        "(`resource_type = \"Containers\"`, `tier = \"Standard\"`)",
        "(`Containers`, `Standard` tier)",
    ),
    (
        "does not set `azure_policy_enabled = true`",
        "does not set `properties.addonProfiles.azurepolicy.enabled = true`",
    ),
    (
        "has no `oms_agent` block",
        "does not enable `properties.addonProfiles.omsagent`",
    ),
    (
        "does not set `purge_protection_enabled`, which defaults to false",
        "does not set `properties.enablePurgeProtection`, which defaults to false",
    ),
    (
        "(`public_network_access_enabled` defaults to true)",
        "(`properties.publicNetworkAccess` defaults to `Enabled`)",
    ),
    ("no `network_acls` block", "no `properties.networkAcls`"),
    (
        "no `network_rule_set` block",
        "no `properties.networkRuleSet`",
    ),
    ("`network_acls`", "`properties.networkAcls`"),
    ("`network_rule_set`", "`properties.networkRuleSet`"),
    (
        "sets the containers plan to `tier = \"Free\"`",
        "sets the containers plan to the `Free` tier",
    ),
    (
        "does not set `rbac_authorization_enabled`, which azurerm v5 requires",
        "does not set `properties.enableRbacAuthorization`, which defaults to false before API 2026-02-01",
    ),
    ("the provider default", "the ARM default"),
    ("provider default", "ARM default"),
];

/// The help of each rule for an azapi resource (`{address}`: the resource's address).
const HELP: &[(&str, &str)] = &[
    (
        "AKS101",
        "set `properties.disableLocalAccounts = true` in the body (AKS requires the Entra ID integration, `properties.aadProfile`, for it); people and pipelines then sign in with Entra ID (`az aks get-credentials`, then `kubelogin`)",
    ),
    (
        "AKS102",
        "add the Entra ID integration to the body: `properties.aadProfile = { managed = true, enableAzureRBAC = true, adminGroupObjectIDs = [\"<object ID of the admins' Entra ID group>\"] }`",
    ),
    (
        "AKS103",
        "set `enableAzureRBAC = true` in `properties.aadProfile`, then grant access with Azure role assignments (`Azure Kubernetes Service RBAC Reader`, `Writer`, `Admin`, `Cluster Admin`) to Entra ID groups, at cluster or namespace scope",
    ),
    (
        "AKS104",
        "remove `properties.enableRBAC = false` or set it to `true`; the setting forces a new cluster, so plan the replacement",
    ),
    (
        "AKS105",
        "remove `properties.servicePrincipalProfile` (or set its `clientId` to `msi`) and give the cluster a managed identity: `identity { type = \"SystemAssigned\" }` (or `\"UserAssigned\"` with `identity_ids`) on the azapi resource; existing clusters can be migrated in place with `az aks update --enable-managed-identity`",
    ),
    (
        "AKS106",
        "set `properties.securityProfile.workloadIdentity.enabled = true` and `properties.oidcIssuerProfile.enabled = true` in the body, then federate each workload's user-assigned identity with its service account (`Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`) and label its pods `azure.workload.identity/use: \"true\"`",
    ),
    (
        "AKS201",
        "make the API server private with `properties.apiServerAccessProfile.enablePrivateCluster = true` (forces a new cluster; reach it from the VNet, a jump host or `az aks command invoke`), or restrict the public endpoint to your networks: `properties.apiServerAccessProfile.authorizedIPRanges = [\"<office, VPN and CI egress CIDRs>\"]`",
    ),
    (
        "AKS202",
        "replace the catch-all entry with the CIDRs that need the API server (offices, VPN, CI runners' egress IPs), or make the cluster private with `properties.apiServerAccessProfile.enablePrivateCluster = true`",
    ),
    (
        "AKS203",
        "set `properties.autoUpgradeProfile.upgradeChannel = \"patch\"` (or `\"stable\"`) with a maintenance configuration (`aksManagedAutoUpgradeSchedule`) for when upgrades may run; give `properties.kubernetesVersion` as a minor version only (`\"1.30\"`) so the channel can apply patches",
    ),
    (
        "AKS204",
        "set `properties.autoUpgradeProfile.nodeOSUpgradeChannel = \"NodeImage\"` (a weekly patched node image, rolled out node by node) or `\"SecurityPatch\"` (security patches applied to the running image), with a maintenance configuration (`aksManagedNodeOSUpgradeSchedule`) for when it may run",
    ),
    (
        "AKS205",
        "set `enableEncryptionAtHost = true` in the agent pool's properties (the subscription needs the `Microsoft.Compute/EncryptionAtHost` feature registered, and the VM size must support it)",
    ),
    (
        "AKS206",
        "remove `enableNodePublicIP` from the agent pool (it defaults to false); reach the nodes through a bastion or the cluster's private network, and send egress through a NAT gateway or firewall",
    ),
    (
        "AKS207",
        "set `properties.apiServerAccessProfile.disableRunCommand = true` in the body, and reach a private API server through a jump host, Azure Bastion or a VPN (turn run command on for a break-glass session only)",
    ),
    (
        "AKS208",
        "set `sku = { name = \"Base\", tier = \"Standard\" }` (or `tier = \"Premium\"` for long-term support) in the body of production clusters",
    ),
    (
        "AKS209",
        "set `properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN = false` (when it is absent, AKS still creates the public name) and resolve the API server through the private DNS zone (`privateDNSZone`) linked to the networks that need it",
    ),
    (
        "AKS210",
        "set `properties.diskEncryptionSetID` to a disk encryption set whose key lives in your Key Vault (forces a new cluster)",
    ),
    (
        "AKS211",
        "remove `properties.addonProfiles.httpApplicationRouting` (or set its `enabled` to false) and use the application routing add-on (`properties.ingressProfile.webAppRouting.enabled = true`) or an ingress controller you install, with a DNS zone you manage",
    ),
    (
        "AKS311",
        "use Azure CNI: `networkPlugin = \"azure\"` with `networkPluginMode = \"overlay\"` in `properties.networkProfile` (overlay keeps pod addresses out of the virtual network); an existing cluster can be migrated in place with `az aks update --network-plugin azure --network-plugin-mode overlay`",
    ),
    (
        "AKS312",
        "set a network-policy engine in `properties.networkProfile`: `networkPolicy = \"cilium\"` with `networkDataplane = \"cilium\"` (Azure CNI powered by Cilium), `networkPolicy = \"azure\"` (Azure CNI only) or `networkPolicy = \"calico\"`",
    ),
    (
        "AKS313",
        "send egress through Azure Firewall (or another appliance): set `outboundType = \"userDefinedRouting\"` in `properties.networkProfile` and attach a route table to the node subnet whose `0.0.0.0/0` route points at the firewall; or use a NAT gateway (`managedNATGateway`, `userAssignedNATGateway`) for fixed egress addresses",
    ),
    (
        "AKS511",
        "set `properties.addonProfiles.azureKeyvaultSecretsProvider = { enabled = true, config = { enableSecretRotation = \"true\" } }` in the body, then mount Key Vault secrets through a SecretProviderClass (Workload Identity) instead of Kubernetes Secrets",
    ),
    (
        "AKS512",
        "set `config.enableSecretRotation = \"true\"` in `properties.addonProfiles.azureKeyvaultSecretsProvider` (Key Vault is polled every `config.rotationPollInterval`, default \"2m\")",
    ),
    (
        "AKS513",
        "set `properties.enablePurgeProtection = true` in the vault's body (it cannot be turned off again; deleted vaults and objects then stay recoverable for `properties.softDeleteRetentionInDays`)",
    ),
    (
        "AKS514",
        "set `properties.publicNetworkAccess = \"Disabled\"` and reach the vault through a private endpoint, or keep the public endpoint behind a firewall that denies by default: `properties.networkAcls = { defaultAction = \"Deny\", bypass = \"AzureServices\", ipRules = […], virtualNetworkRules = […] }`",
    ),
    (
        "AKS515",
        "set `properties.enableRbacAuthorization = true` in the vault's body, then grant data-plane roles (`Key Vault Secrets User` to workload identities) with role assignments and drop `properties.accessPolicies`",
    ),
    (
        "AKS611",
        "remove `properties.adminUserEnabled` (or set it to false) and give the cluster pull access through its kubelet identity (an `AcrPull` role assignment on the registry) and CI push access through a workload identity (`AcrPush`)",
    ),
    (
        "AKS612",
        "set `properties.publicNetworkAccess = \"Disabled\"` and pull through a private endpoint, or keep the public endpoint behind a firewall that denies by default: `properties.networkRuleSet = { defaultAction = \"Deny\", ipRules = […] }` (both need the Premium SKU)",
    ),
    (
        "AKS613",
        "remove `properties.anonymousPullEnabled` (or set it to false); clusters pull with their kubelet identity (`AcrPull`), and public images belong in a separate public registry",
    ),
    (
        "AKS701",
        "add an `azapi_resource` of type `Microsoft.Insights/diagnosticSettings@2021-05-01-preview` with `parent_id = {address}.id` and `body = { properties = { workspaceId = …, logs = [{ category = \"kube-audit-admin\", enabled = true }] } }`; if diagnostic settings are managed outside this configuration, set `managed-elsewhere = true` under `[rules.AKS701]` in akslint.toml",
    ),
    (
        "AKS703",
        "set `properties.securityProfile.defender = { logAnalyticsWorkspaceResourceId = …, securityMonitoring = { enabled = true } }` in the body, or enable the plan for the subscription (an `azapi_resource` of type `Microsoft.Security/pricings@2024-01-01` named `Containers`, `body = { properties = { pricingTier = \"Standard\" } }`); if the plan is managed outside this configuration, set `managed-elsewhere = true` under `[rules.AKS703]` in akslint.toml",
    ),
    (
        "AKS704",
        "set `properties.addonProfiles.azurepolicy = { enabled = true }` in the body, then assign the AKS policies (e.g. the deployment safeguards initiative) to the cluster",
    ),
    (
        "AKS705",
        "set `properties.addonProfiles.omsagent = { enabled = true, config = { logAnalyticsWorkspaceResourceID = …, useAADAuth = \"true\" } }` in the body",
    ),
];

/// Puts a finding on the azapi resource at `address` in ARM's words: its message's azurerm
/// phrases, and its help.
pub fn to_arm(f: &mut Finding, address: &str) {
    for (from, to) in PHRASES {
        if f.message.contains(from) {
            f.message = f.message.replace(from, to);
        }
    }
    let id = f.id();
    if let Some((_, help)) = HELP.iter().find(|(rule, _)| *rule == id) {
        f.help = Some(help.replace("{address}", address));
    }
}

/// Puts an AKS702 finding about an azapi diagnostic setting (its message names the setting) in
/// ARM's words.
pub fn setting_to_arm(f: &mut Finding) {
    if f.id() == "AKS702" && f.message.contains("azapi_resource.") {
        let needed: Vec<&str> = ["kube-apiserver", "kube-controller-manager"]
            .into_iter()
            .filter(|c| f.message.contains(&format!("`{c}`")))
            .collect();
        let needed = if needed.is_empty() {
            vec!["kube-apiserver", "kube-controller-manager"]
        } else {
            needed
        };
        let items: Vec<String> = needed
            .iter()
            .map(|c| format!("`{{ category = \"{c}\", enabled = true }}`"))
            .collect();
        f.help = Some(format!(
            "add {} to `properties.logs` of the diagnostic setting",
            items.join(" and ")
        ));
    }
}
