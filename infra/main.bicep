// The workflow service on Azure: one Function App (Flex Consumption, Linux, .NET isolated worker) with its storage,
// Event Grid topic, Key Vault and monitoring, in a resource group of its own. Deployed by `azd up` (azure.yaml).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer the Flex Consumption plan.')
param location string

@description('Object id of whoever runs azd (azd fills it in): may write the generated secrets into Key Vault.')
param principalId string = ''

@description('Client id of the Entra ID app registration county staff sign in with (infra/README.md). Empty: App Service authentication is not configured, and county routes refuse everyone.')
param authClientId string = ''

@description('Link-signing key ids; each is the Key Vault secret links-key-{id}. Rotate by adding an id, then making it current, then removing the old one once its links have expired.')
param linkKeyIds array = ['k1']

@description('The key id that signs new links; one of linkKeyIds.')
param linkCurrentKeyId string = 'k1'

@description('True once the app is deployed: Event Grid runs its validation handshake against the app\'s notification webhook when the subscription is created. Until then the app delivers notifications in process.')
param subscribeNotifications bool = false

@description('Robot webhook flavour, WeCom or DingTalk; empty for none. Its URL is the Key Vault secret notifications-webhook-url, set by hand.')
param webhookFlavor string = ''

@description('Mail relay host; empty for no e-mail. Its password is the Key Vault secret notifications-smtp-password, set by hand.')
param smtpHost string = ''
param smtpPort int = 587
param smtpFrom string = ''
param smtpUserName string = ''

// The durable task hub (Durable:TaskHub): DTFx creates its tables, queues and containers under this prefix at start.
// The Functions host's Durable extension takes it from host.json (durableTask.hubName); the two must agree, or the
// app's own task-hub client would read a hub no orchestration runs in (tests/Workflow.App.Tests/Infrastructure/AppSettingsTemplateTests.cs).
var taskHub = 'countyhub'

// The app's notification webhook (Notifications/NotificationWebhook.cs) and the header its delivery key comes in.
var notificationPath = '/notifications/events'
var deliveryKeyHeader = 'X-Workflow-Delivery-Key'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var keyVaultName = 'kv-${resourceToken}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: keyVaultName
    location: location
    tags: tags
  }
}

module topic 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultName: keyVault.outputs.name
    taskHub: taskHub
    linkKeyIds: linkKeyIds
    linkCurrentKeyId: linkCurrentKeyId
    topicEndpoint: subscribeNotifications ? topic.outputs.endpoint : ''
    webhookFlavor: webhookFlavor
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpFrom: smtpFrom
    smtpUserName: smtpUserName
    authClientId: authClientId
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    appPrincipalId: app.outputs.principalId
    deployerPrincipalId: principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    topicName: topic.outputs.name
  }
}

// The delivery key is read from Key Vault at deployment: the postprovision hook created it on the first provision,
// before subscribeNotifications can be true. Known by name at the start of the deployment, as getSecret needs.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
  scope: resourceGroup(group.name)
}

module notifications 'modules/eventgrid-subscription.bicep' = if (subscribeNotifications) {
  name: 'eventgrid-subscription'
  scope: group
  params: {
    topicName: topic.outputs.name
    endpointUrl: '${app.outputs.url}${notificationPath}'
    deliveryKeyHeader: deliveryKeyHeader
    deliveryKey: vault.getSecret('notifications-delivery-key')
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_APP_URL string = app.outputs.url
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
// The secrets infra/hooks/postprovision.sh creates when Key Vault does not hold them yet.
output GENERATED_SECRET_NAMES string = join(concat(['analytics-household-key', 'notifications-delivery-key'], map(linkKeyIds, id => 'links-key-${id}')), ' ')
