// Key Vault for the app's secrets: link-signing keys, the durable message-signing key, channel secrets and the sign-in
// client secret. Access is by Azure RBAC only (roles.bicep); the app reads secrets through Key Vault references.
param location string
param tags object
param resourceToken string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

output name string = vault.name
