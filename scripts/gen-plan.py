#!/usr/bin/env python3
"""Writes a large Terraform plan in JSON, in the shape `terraform show -json` writes (one line,
map keys sorted), for measuring the plan reader: a root module calling `module.env` once per
environment, each instance with an azurerm cluster (unknown IDs and Optional+Computed attributes
in `after_unknown`), its diagnostic setting (target unknown, placed through `configuration`'s
references) and 40 role assignments no rule judges; `resource_changes` repeats every value, as
Terraform's does.

usage: scripts/gen-plan.py [--mb MB] > plan.json      (default 50 MB)

Then: /usr/bin/time -v target/release/akslint check plan.json --no-cache --format compact
"""
import argparse
import json
import sys

AZURERM = "registry.terraform.io/hashicorp/azurerm"


def cluster(i):
    return {
        "api_server_access_profile": [],
        "automatic_upgrade_channel": "stable",
        "azure_policy_enabled": True,
        "default_node_pool": [{"host_encryption_enabled": False, "max_count": 5, "min_count": 3,
                               "name": "system", "node_public_ip_enabled": False,
                               "vm_size": "Standard_D4s_v5", "zones": ["1", "2", "3"]}],
        "dns_prefix": f"aks-{i}",
        "identity": [{"identity_ids": None, "type": "SystemAssigned"}],
        "key_vault_secrets_provider": [],
        "kubernetes_version": "1.31",
        "local_account_disabled": False,
        "location": "westeurope",
        "microsoft_defender": [],
        "name": f"aks-{i}",
        "network_profile": [{"network_plugin": "azure", "network_plugin_mode": "overlay",
                             "outbound_type": "loadBalancer"}],
        "oidc_issuer_enabled": True,
        "private_cluster_enabled": False,
        "resource_group_name": f"rg-{i}",
        "run_command_enabled": True,
        "sku_tier": "Free",
        "tags": {"env": f"e{i}"},
        "workload_identity_enabled": True,
    }


CLUSTER_UNKNOWN = {"id": True, "fqdn": True, "kube_config_raw": True, "kube_admin_config_raw": True,
                   "identity": [{"principal_id": True, "tenant_id": True}],
                   "network_profile": [{"network_policy": True, "pod_cidr": True}]}


def diag(i):
    return {"enabled_log": [{"category": "kube-apiserver", "category_group": None}],
            "log_analytics_workspace_id": f"/subscriptions/0/resourceGroups/rg-{i}/providers/"
                                          "Microsoft.OperationalInsights/workspaces/log",
            "name": "aks-logs"}


DIAG_UNKNOWN = {"id": True, "target_resource_id": True}


def assignment(i, j):
    return {"condition": None, "description": f"assignment {j} of env {i}",
            "principal_id": f"{i:08d}-0000-0000-0000-{j:012d}", "principal_type": "ServicePrincipal",
            "role_definition_name": "Contributor",
            "scope": f"/subscriptions/0/resourceGroups/rg-{i}/providers/Microsoft.Storage/"
                     f"storageAccounts/st{i}x{j}"}


def sort(v):
    if isinstance(v, dict):
        return {k: sort(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sort(x) for x in v]
    return v


def resource(module, kind, name, index, values, unknown):
    address = f"{module}.{kind}.{name}" + (f'["{index}"]' if index is not None else "")
    planned = sort(values)
    r = {"address": address, "mode": "managed", "type": kind, "name": name}
    c = dict(r, module_address=module)
    if index is not None:
        r["index"] = c["index"] = index
    r.update(provider_name=AZURERM, schema_version=0, values=planned, sensitive_values={})
    c.update(provider_name=AZURERM, change={
        "actions": ["create"], "before": None, "after": planned,
        "after_unknown": sort(unknown), "before_sensitive": False, "after_sensitive": {}})
    return r, c


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50)
    target = int(ap.parse_args().mb * 1_000_000)
    children, changes, size, i = [], [], 0, 0
    while size < target:
        module = f'module.env["e{i}"]'
        made = [resource(module, "azurerm_kubernetes_cluster", "main", None, cluster(i), CLUSTER_UNKNOWN),
                resource(module, "azurerm_monitor_diagnostic_setting", "aks", None, diag(i), DIAG_UNKNOWN)]
        made += [resource(module, "azurerm_role_assignment", "ra", str(j), assignment(i, j), {"id": True})
                 for j in range(40)]
        child = {"resources": [r for r, _ in made], "address": module}
        children.append(child)
        changes += [c for _, c in made]
        size += 2 * len(json.dumps(child, separators=(",", ":")))
        i += 1
    refs = ["azurerm_kubernetes_cluster.main.id", "azurerm_kubernetes_cluster.main"]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"child_modules": children}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"azurerm": {"full_name": AZURERM, "name": "azurerm",
                                            "version_constraint": "~> 4.0"}},
            "root_module": {"module_calls": {"env": {
                "source": "./env",
                "for_each_expression": {"references": ["var.envs"]},
                "module": {"resources": [
                    {"address": "azurerm_monitor_diagnostic_setting.aks", "mode": "managed",
                     "type": "azurerm_monitor_diagnostic_setting", "name": "aks",
                     "expressions": {"target_resource_id": {"references": refs}}}]}}}}},
        "applyable": True, "complete": True, "errored": False,
    }
    sys.stdout.write(json.dumps(plan, separators=(",", ":")))
    sys.stderr.write(f"gen-plan.py: {i} module instances, {len(changes)} resources\n")


if __name__ == "__main__":
    main()
