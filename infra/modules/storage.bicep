// The one storage account of the app and the Functions host. Shared-key access is off: everything reaches it with
// Entra ID (the app's managed identity, roles.bicep). The tables, queues and containers the app uses are created here.
// The durable task hub's (DTFx's {hub}Instances, {hub}History, {hub}-control-NN, {hub}-workitems, {hub}-leases,
// {hub}-largemessages) are not: the engine creates and leases them itself at start, which the app's roles allow.
param location string
param tags object
param resourceToken string

// What the app uses (tests/Workflow.App.Tests/Infrastructure/StorageInventoryTests.cs checks it against the app).
var tables = [
  'registerCounties'
  'registerPlaces'
  'registerHouseholds'
  'registerIndex'
  'exitCases'
  'exitTimeline'
  'exitObjections'
  'rectifications'
  'rectificationTimeline'
  'campaignTasks'
  'campaignReports'
  'campaignTimeline'
  'fundAllocations'
  'fundReports'
  'fundObjections'
  'fundSteps'
  'projects'
  'projectQuarters'
  'projectObjections'
  'entryProposals'
  'entryWindows'
  'monitoringLedger'
  'monitoringChecks'
  'smallLoans'
  'loanUsageChecks'
  'linkredemptions'
  'audit'
  'evidence'
  'outbox'
  'inbox'
  'pbiExportState'
  'pbiDimDate'
  'pbiDimTownship'
  'pbiDimVillage'
  'pbiDimHousehold'
  'pbiDimPhase'
  'pbiDimPlanTask'
  'pbiDimUnit'
  'pbiFactExitCase'
  'pbiFactExitStep'
  'pbiFactIndicatorResult'
  'pbiFactRectificationItem'
  'pbiFactTownshipScore'
  'pbiFactPhaseTransition'
  'pbiFactTaskProgressReport'
  'pbiFactEntryCase'
  'pbiFactMonitoringCheck'
  'pbiFactMonitoringAlert'
  'pbiFactMonthlyChange'
  'pbiFactFundAllocation'
  'pbiFactDisbursementStep'
  'pbiFactProject'
  'pbiFactProjectQuarter'
  'pbiFactLoan'
  'selfcheck'
]
var queues = [
  'selfcheck'
]
var containers = [
  'evidence'
  'register-imports'
  'selfcheck'
  'exports'
]

// Flex Consumption deploys the app package from this container.
var deploymentContainerName = 'app-package-${resourceToken}'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in concat(containers, [deploymentContainerName]): {
  parent: blobService
  name: name
  properties: { publicAccess: 'None' }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for name in queues: {
  parent: queueService
  name: name
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in tables: {
  parent: tableService
  name: name
}]

output name string = account.name
output deploymentContainerName string = deploymentContainerName
