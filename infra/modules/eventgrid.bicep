// The custom topic notifications are published to as CloudEvents 1.0. The app sends with its managed identity
// (EventGrid Data Sender, roles.bicep), so the topic's access keys are switched off.
param location string
param tags object
param resourceToken string

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: 'evgt-${resourceToken}'
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = topic.name
output endpoint string = topic.properties.endpoint
