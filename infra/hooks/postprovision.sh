#!/usr/bin/env bash
# Creates each generated secret Key Vault does not hold yet (GENERATED_SECRET_NAMES, an output of main.bicep):
# 48 random bytes, base64. A secret that exists is left alone, so provisioning again never replaces a key that
# signed live links or queued messages. Run by azd after provisioning; needs the Azure CLI, signed in.
set -euo pipefail

vault="${AZURE_KEY_VAULT_NAME:?run by azd after provisioning}"

# The deployer's Key Vault role (roles.bicep) can take a few minutes to apply.
for attempt in $(seq 1 30); do
  if existing="$(az keyvault secret list --vault-name "$vault" --query '[].name' -o tsv 2>/dev/null)"; then
    break
  fi
  if [ "$attempt" -eq 30 ]; then
    echo "Key Vault $vault did not let us list its secrets; is the Azure CLI signed in as the azd user?" >&2
    exit 1
  fi
  sleep 10
done

for name in $GENERATED_SECRET_NAMES; do
  if ! grep -qx "$name" <<<"$existing"; then
    az keyvault secret set --vault-name "$vault" --name "$name" --value "$(openssl rand -base64 48)" --query id -o none
    echo "created secret $name"
  fi
done
