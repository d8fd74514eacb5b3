// The Function App: Flex Consumption, Linux, the .NET isolated worker (functions/Workflow.FunctionApp, packaged by
// scripts/package.sh), a system-assigned identity for storage, Event Grid and Key Vault, and App Service authentication
// for county staff.
param location string
param tags object
param resourceToken string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultName string
param taskHub string
param linkKeyIds array
param linkCurrentKeyId string

@description('The Event Grid topic endpoint; empty: notifications are delivered in process.')
param topicEndpoint string

param webhookFlavor string
param smtpHost string
param smtpPort int
param smtpFrom string
param smtpUserName string
param authClientId string

@description('Flex Consumption scales out to at most this many instances; a county needs few, and the cap bounds the bill.')
param maximumInstanceCount int = 40

var storageSuffix = environment().suffixes.storage

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'workflow' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${storageSuffix}/${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      // Flex Consumption takes the worker runtime from here, not from FUNCTIONS_WORKER_RUNTIME (which it refuses as a
      // setting). 10.0: the project's target framework (Directory.Build.props).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Secrets are Key Vault references: the platform resolves them with the app's identity; nothing secret is in here.
var baseSettings = {
  // The Functions host's own storage and the Durable extension's task hub (host.json's durableTask.storageProvider
  // names this connection), reached with the app's system-assigned identity: no __clientId, which is for a
  // user-assigned one. Blob, queue and table roles in roles.bicep.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Without it the host answers "/" with its own page instead of the Start function's (the app's start page).
  AzureWebJobsDisableHomepage: 'true'
  // The app (README, Configuration). Its stores and its own task-hub client (DurableTaskClient) use this account:
  // the same as AzureWebJobsStorage's, so the client reads the hub the Durable extension runs.
  Storage__AccountName: storageAccountName
  Durable__TaskHub: taskHub
  Analytics__HouseholdKeySecret: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=analytics-household-key)'
  Links__CurrentKeyId: linkCurrentKeyId
  Links__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
  // The key Event Grid's deliveries to /notifications/events carry (eventgrid-subscription.bicep sends it as a header).
  Notifications__EventGrid__DeliveryKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=notifications-delivery-key)'
}

var linkKeySettings = toObject(linkKeyIds, id => 'Links__Keys__${id}', id => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=links-key-${id})')

var topicSettings = empty(topicEndpoint) ? {} : {
  Notifications__EventGrid__TopicEndpoint: topicEndpoint
}

var webhookSettings = empty(webhookFlavor) ? {} : {
  Notifications__Webhook__Url: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=notifications-webhook-url)'
  Notifications__Webhook__Flavor: webhookFlavor
}

var smtpSettings = empty(smtpHost) ? {} : {
  Notifications__Smtp__Host: smtpHost
  Notifications__Smtp__Port: string(smtpPort)
  Notifications__Smtp__From: smtpFrom
  Notifications__Smtp__UserName: smtpUserName
  Notifications__Smtp__Password: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=notifications-smtp-password)'
}

var signInSettings = empty(authClientId) ? {} : {
  MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=auth-client-secret)'
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, linkKeySettings, topicSettings, webhookSettings, smtpSettings, signInSettings)
}

// Paths anyone may open: capability links carry their own signed token, health is for probes, and the notification
// webhook authenticates Event Grid by its delivery key. Nothing else: the Functions runtime's own webhooks
// (/runtime/webhooks/*) are not needed by anything here and stay behind sign-in.
var anonymousPaths = [
  '/decide/*'
  '/notices/*'
  '/objections/*'
  '/pay/*'
  '/rectify/*'
  '/report/*'
  '/monitor/*'
  '/loan-check/*'
  '/loan-notice/*'
  '/project/*'
  '/project-notice/*'
  '/project-objection/*'
  '/health'
  '/health/*'
  '/notifications/events'
]

resource signIn 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output url string = 'https://${site.properties.defaultHostName}'
