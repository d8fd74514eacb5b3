// Key Vault for the app's secrets: link-signing keys, the household pseudonym key, the notification delivery key,
// channel secrets and the sign-in client secret. Access is by Azure RBAC only (roles.bicep); the app reads secrets
// through Key Vault references.
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    // main.bicep reads notifications-delivery-key at deployment (getSecret) for the Event Grid subscription's header.
    enabledForTemplateDeployment: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

output name string = vault.name
