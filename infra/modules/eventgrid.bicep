// The storage account's Event Grid system topic. Which subscription announces uploads depends on uploadTrigger:
// - 'blob': none here. The blob trigger's webhook subscription needs the blobs_extension key, which exists only once
//   the code runs, so infra/blob-trigger.bicep adds it after the code deploy (scripts/subscribe-uploads).
// - 'queue': a subscription delivering each BlobCreated of the container to a storage queue as the topic's own
//   identity. No webhook and no key, so it deploys with the rest, before the code.

@description('Name of the storage account whose events are delivered; it holds the container and the queue.')
param storageAccountName string

@description('Region of the system topic (the storage account\'s).')
param location string

@description('Tags for the system topic.')
param tags object

@description('Container whose new blobs are announced.')
param containerName string

@description('Queue the events go to with uploadTrigger \'queue\' (the imageEvents function\'s queueName).')
param queueName string

@description('Which function uploads reach: blob (imageUploaded, subscribed after the code deploy) or queue (imageEvents).')
@allowed([ 'blob', 'queue' ])
param uploadTrigger string

var toQueue = uploadTrigger == 'queue'
var storageQueueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' // Storage Queue Data Message Sender

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queueService
  name: queueName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgt-${storageAccountName}'
  location: location
  tags: tags
  // Only delivery to the queue authenticates as the topic; the webhook carries its key in the URL.
  identity: { type: toQueue ? 'SystemAssigned' : 'None' }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// On the one queue only: the topic may add messages there and nothing else.
resource topicQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (toQueue) {
  name: guid(queue.id, topic.id, storageQueueDataMessageSender)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataMessageSender)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobCreatedToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (toQueue) {
  parent: topic
  name: '${containerName}-to-${queueName}'
  // The role first, the order Microsoft's managed-identity delivery guide uses; until it reaches Storage, Event Grid
  // retries its deliveries (24 h by default), so no upload is lost to the wait.
  dependsOn: [ topicQueueSender ]
  properties: {
    deliveryWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: queueName
          queueMessageTimeToLiveInSeconds: 604800 // seconds: 7 days
        }
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = topic.name
