// Delivers the topic's CloudEvents to the app's notification webhook (/notifications/events, an ordinary route of the
// app: the isolated worker has no Event Grid trigger here, Extensions.EventGrid is not served). Event Grid sends the
// delivery key as a static header marked secret; the app refuses any delivery without it. When the subscription is
// created Event Grid runs the CloudEvents abuse-protection handshake (OPTIONS) against the endpoint, so the app must
// be deployed first (main.bicep's subscribeNotifications).
param topicName string

@description('https://{app}/notifications/events')
param endpointUrl string

@description('The header the app reads the key from (EventGridDeliveryOptions.HeaderName).')
param deliveryKeyHeader string

@secure()
@description('The Key Vault secret notifications-delivery-key, read at deployment (main.bicep).')
param deliveryKey string

resource topic 'Microsoft.EventGrid/topics@2022-06-15' existing = {
  name: topicName
}

resource notifications 'Microsoft.EventGrid/topics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'notifications'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: endpointUrl
        // A batch is delivered all or nothing (the webhook checks every event before sending any); small batches keep
        // a retry small.
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
        deliveryAttributeMappings: [
          {
            name: deliveryKeyHeader
            type: 'Static'
            properties: {
              value: deliveryKey
              isSecret: true
            }
          }
        ]
      }
    }
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
